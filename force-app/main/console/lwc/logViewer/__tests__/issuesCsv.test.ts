import { CSV_BLOB_TYPE, csvBlob, csvField, issuesCsv, issuesCsvFileName } from '../issuesCsv';
import { readBlob } from './readBlob';

const HEADER = '"Key","Record ID","Severity","Status code","Message","Field","Row number"\r\n';
const BOM = '\uFEFF';

describe('c-log-viewer issuesCsv', () => {
  describe('issuesCsv', () => {
    it('writes a byte order mark and the header row even when there are no issues', () => {
      expect(issuesCsv([])).toBe(BOM + HEADER);
    });

    it('quotes every field and doubles the quotes', () => {
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
          '"zoë.müller@example.com","0035g00000CONT1AAA","Error","FIELD_CUSTOM_VALIDATION_EXCEPTION",' +
          '"NPS must be between 0 and 10, got ""11""","WalkMe_NPS_Score__c","2"\r\n' +
          '"sam@example.com","","Warning","UNMATCHED","No Contact has Email sam@example.com","","4"\r\n' +
          '"Li, ""Lee""","0035g00000CONT3AAA","Error","INVALID_VALUE",' +
          '"Could not convert ""yes, mostly"" to a number.\nThe column NPS holds text.",' +
          '"WalkMe_NPS_Score__c","5"\r\n' +
          '"","","","","The run stopped:\r\nWalkMe answered 503.","",""\r\n'
      );
    });
  });

  describe('csvField', () => {
    it('quotes plain text and numbers without changing them', () => {
      expect(csvField('sam@example.com')).toBe('"sam@example.com"');
      expect(csvField(42)).toBe('"42"');
      expect(csvField(-3)).toBe('"-3"');
      expect(csvField('+7.5')).toBe('"+7.5"');
      expect(csvField(undefined)).toBe('""');
      expect(csvField(null)).toBe('""');
    });

    it('keeps text a spreadsheet would run as a formula as text', () => {
      expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(
        `"'=HYPERLINK(""http://evil.example"",""x"")"`
      );
      expect(csvField('+1+2')).toBe(`"'+1+2"`);
      expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
      expect(csvField('-2+3')).toBe(`"'-2+3"`);
    });

    it('keeps a list separator or a tab inside its field', () => {
      // In locales that separate lists with ";", an unquoted x;=1+1 would start a cell "=1+1".
      expect(csvField('x;=1+1')).toBe('"x;=1+1"');
      expect(csvField('a\t=1+1')).toBe('"a\t=1+1"');
      const line = issuesCsv([{ id: 'a0C9', key: 'x;=1+1', message: 'tab\there' }]).split(
        '\r\n'
      )[1];
      expect(line).toBe('"x;=1+1","","","","tab\there","",""');
    });

    it('keeps formulas after blanks, tabs and line breaks, and in full-width forms, as text', () => {
      expect(csvField(' =1+1')).toBe(`"' =1+1"`);
      expect(csvField('\u00A0=1+1')).toBe(`"'\u00A0=1+1"`);
      expect(csvField('\t=1+1')).toBe(`"'\t=1+1"`);
      expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
      expect(csvField('\n@SUM(A1)')).toBe(`"'\n@SUM(A1)"`);
      expect(csvField('\uFF1D1+1')).toBe(`"'\uFF1D1+1"`);
      expect(csvField('\uFF0B1')).toBe(`"'\uFF0B1"`);
      expect(csvField('\uFF0D1')).toBe(`"'\uFF0D1"`);
      expect(csvField('\uFF20SUM(A1)')).toBe(`"'\uFF20SUM(A1)"`);
      expect(csvField('\u3000=1')).toBe(`"'\u3000=1"`);
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

  describe('csvBlob', () => {
    it('holds the whole file as bytes of a type Lightning Web Security allows', async () => {
      const blob = csvBlob(`${BOM}"a","b\r\nc"\r\n`);
      expect(blob.type).toBe(CSV_BLOB_TYPE);
      expect(CSV_BLOB_TYPE).toBe('application/octet-stream');
      expect(await readBlob(blob)).toBe(`${BOM}"a","b\r\nc"\r\n`);
    });

    it('keeps a file of several megabytes whole', async () => {
      const issues = Array.from({ length: 20000 }, (_, index) => ({
        id: `a0C${index}`,
        rowNumber: index + 1,
        key: `user${index}@example.com`,
        severity: 'Info',
        statusCode: 'UNMATCHED_KEY',
        message: `No Contact record has Email "user${index}@example.com"; nothing was updated for this row (rows are never inserted).`
      }));
      const csv = issuesCsv(issues);
      const blob = csvBlob(csv);
      expect(blob.size).toBeGreaterThan(3 * 1024 * 1024);
      expect(blob.size).toBe(encodeURIComponent(csv).replace(/%[0-9A-F]{2}/g, '_').length);
      const text = await readBlob(blob);
      expect(text.split('\r\n')).toHaveLength(20002);
      expect(text.endsWith('"20000"\r\n')).toBe(true);
    });
  });
});
