import { csvDataUri, csvField, issuesCsv, issuesCsvFileName } from '../issuesCsv';

const HEADER = 'Key,Record ID,Severity,Status code,Message,Field,Row number\r\n';
const BOM = '\uFEFF';

describe('c-log-viewer issuesCsv', () => {
  describe('issuesCsv', () => {
    it('writes a byte order mark and the header row even when there are no issues', () => {
      expect(issuesCsv([])).toBe(BOM + HEADER);
    });

    it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
      const csv = issuesCsv([
        {
          id: 'a0C1',
          rowNumber: 2,
          key: 'zoë.müller@example.com',
          recordId: '0035g00000CONT1AAA',
          severity: 'Error',
          statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'NPS must be between 0 and 10, got "11"',
          field: 'WalkMe_NPS_Score__c'
        },
        {
          id: 'a0C2',
          rowNumber: 4,
          key: 'sam@example.com',
          severity: 'Warning',
          statusCode: 'UNMATCHED',
          message: 'No Contact has Email sam@example.com'
        },
        {
          id: 'a0C3',
          rowNumber: 5,
          key: 'Li, "Lee"',
          recordId: '0035g00000CONT3AAA',
          severity: 'Error',
          statusCode: 'INVALID_VALUE',
          message: 'Could not convert "yes, mostly" to a number.\nThe column NPS holds text.',
          field: 'WalkMe_NPS_Score__c'
        },
        { id: 'a0C4', message: 'The run stopped:\r\nWalkMe answered 503.' }
      ]);

      expect(csv).toBe(
        BOM +
          HEADER +
          'zoë.müller@example.com,0035g00000CONT1AAA,Error,FIELD_CUSTOM_VALIDATION_EXCEPTION,' +
          '"NPS must be between 0 and 10, got ""11""",WalkMe_NPS_Score__c,2\r\n' +
          'sam@example.com,,Warning,UNMATCHED,No Contact has Email sam@example.com,,4\r\n' +
          '"Li, ""Lee""",0035g00000CONT3AAA,Error,INVALID_VALUE,' +
          '"Could not convert ""yes, mostly"" to a number.\nThe column NPS holds text.",' +
          'WalkMe_NPS_Score__c,5\r\n' +
          ',,,,"The run stopped:\r\nWalkMe answered 503.",,\r\n'
      );
    });
  });

  describe('csvField', () => {
    it('leaves plain text and numbers as they are', () => {
      expect(csvField('sam@example.com')).toBe('sam@example.com');
      expect(csvField(42)).toBe('42');
      expect(csvField(-3)).toBe('-3');
      expect(csvField(undefined)).toBe('');
      expect(csvField(null)).toBe('');
    });

    it('keeps text a spreadsheet would run as a formula as text', () => {
      expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(
        `"'=HYPERLINK(""http://evil.example"",""x"")"`
      );
      expect(csvField('+1+2')).toBe("'+1+2");
      expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
      expect(csvField('-2+3')).toBe("'-2+3");
    });
  });

  describe('issuesCsvFileName', () => {
    it('names the file after the run', () => {
      expect(issuesCsvFileName('RUN-000042')).toBe('insights-sync-run-RUN-000042-issues.csv');
    });

    it('replaces characters a file name may not hold', () => {
      expect(issuesCsvFileName('RUN/42: "a"')).toBe('insights-sync-run-RUN-42-a-issues.csv');
      expect(issuesCsvFileName('  ')).toBe('insights-sync-run-unnamed-issues.csv');
    });
  });

  describe('csvDataUri', () => {
    it('encodes the file, byte order mark and line breaks included, as a UTF-8 data URI', () => {
      expect(csvDataUri(`${BOM}a,"b\r\nc"\r\n`)).toBe(
        'data:text/csv;charset=utf-8,%EF%BB%BFa%2C%22b%0D%0Ac%22%0D%0A'
      );
    });
  });
});
