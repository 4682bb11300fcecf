import {
  NO_REASON,
  apexErrorMessages,
  asMessageItems,
  formatCount,
  formatRuntime,
  formatUtc,
  isRunInProgress,
  messageLines,
  readableErrors
} from 'c/syncFormat';

describe('c-sync-format', () => {
  describe('formatUtc', () => {
    it('shows an ISO instant in UTC whatever offset it was written with', () => {
      expect(formatUtc('2026-11-23T08:30:00+02:00')).toBe('2026-11-23 06:30:00 UTC');
    });

    it('accepts epoch milliseconds', () => {
      expect(formatUtc(1764000000000)).toBe('2025-11-24 16:00:00 UTC');
    });

    it('shows nothing for a missing value and says so for a bad one', () => {
      expect(formatUtc(null)).toBe('');
      expect(formatUtc('')).toBe('');
      expect(formatUtc('not a date')).toBe('Invalid date');
    });
  });

  describe('formatRuntime', () => {
    const start = '2026-11-25T08:00:00.000Z';

    it.each([
      ['2026-11-25T08:00:00.850Z', '850 ms'],
      ['2026-11-25T08:00:04.999Z', '4 s'],
      ['2026-11-25T08:02:05.000Z', '2 min 05 s'],
      ['2026-11-25T09:02:59.000Z', '1 h 02 min']
    ])('formats a run that ended at %s as %s', (end, expected) => {
      expect(formatRuntime(start, end)).toBe(expected);
    });

    it('shows a dash while a run has not finished or when its times are inconsistent', () => {
      expect(formatRuntime(start, null)).toBe('—');
      expect(formatRuntime(start, '2026-11-25T07:59:00.000Z')).toBe('—');
    });
  });

  describe('apexErrorMessages', () => {
    it('reads Apex errors, lists of them, page and field errors, and plain errors', () => {
      expect(apexErrorMessages({ body: { message: ' Region is required. ' } })).toEqual([
        'Region is required.'
      ]);
      expect(apexErrorMessages([{ body: { message: 'a' } }, { body: { message: 'b' } }])).toEqual([
        'a',
        'b'
      ]);
      expect(
        apexErrorMessages({
          body: { pageErrors: [{ message: 'page' }], fieldErrors: { Name: [{ message: 'field' }] } }
        })
      ).toEqual(['page', 'field']);
      expect(apexErrorMessages(new Error('boom'))).toEqual(['boom']);
    });

    it('says nothing when the error carries no message', () => {
      expect(apexErrorMessages({ body: {} })).toEqual([]);
      expect(apexErrorMessages(undefined)).toEqual([]);
    });
  });

  describe('readableErrors', () => {
    it('gives each line of each message its own sentence', () => {
      expect(
        readableErrors({
          body: {
            message: 'Row 1: choose a field.\n\n  Row 2: the field "Email" is the key field.  '
          }
        })
      ).toEqual(['Row 1: choose a field.', 'Row 2: the field "Email" is the key field.']);
    });

    it('says something went wrong when the error carries no message', () => {
      expect(readableErrors({ body: {} })).toEqual([NO_REASON]);
    });
  });

  describe('messageLines and asMessageItems', () => {
    it('drops blank lines and keys repeated sentences by their place', () => {
      expect(messageLines(' a \n\n b\n')).toEqual(['a', 'b']);
      expect(messageLines(undefined)).toEqual([]);
      expect(asMessageItems(['same', 'same'])).toEqual([
        { key: '0', text: 'same' },
        { key: '1', text: 'same' }
      ]);
    });
  });

  describe('formatCount', () => {
    it('groups thousands with commas, as the Apex does', () => {
      expect(formatCount(4000)).toBe('4,000');
      expect(formatCount(1234567)).toBe('1,234,567');
      expect(formatCount(12)).toBe('12');
    });

    it('shows a missing count as 0 and text that is no number as it is', () => {
      expect(formatCount(undefined)).toBe('0');
      expect(formatCount(null)).toBe('0');
      expect(formatCount('many')).toBe('many');
    });
  });

  describe('isRunInProgress', () => {
    it('is true only while a run is queued or running', () => {
      expect(['Queued', 'Running', 'Completed', 'Failed', undefined].map(isRunInProgress)).toEqual([
        true,
        true,
        false,
        false,
        false
      ]);
    });
  });
});
