/**
 * `npm run scan` against one small project holding every planted defect at once: the scan of
 * the whole project is the `scan` stage itself, so the copy holds only the planted classes,
 * components and files, and each engine runs on it once (a second Graph Engine run proves the
 * cache, a third that a class it cannot parse stops it). Each assertion names the one line its
 * defect must produce.
 */
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectCopy, type CheckResult } from './projectCopy.ts';
import { packageDirectories } from '../lib/project.ts';

const CLASSES = 'force-app/main/integrations/classes';
const TESTS = 'force-app/main/integrations/tests';
const CARD = 'force-app/main/console/lwc/probeCard';
const LIST = 'force-app/main/console/lwc/probeList';
const RESOURCES = 'force-app/main/console/staticresources';

const CLASS_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
  <apiVersion>65.0</apiVersion>
  <status>Active</status>
</ApexClass>
`;

function addClass(copy: ProjectCopy, folder: string, name: string, lines: string[]): void {
  copy.write(`${folder}/${name}.cls`, [...lines, ''].join('\n'));
  copy.write(`${folder}/${name}.cls-meta.xml`, CLASS_META);
}

function componentMeta(apiVersion: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">',
    `  <apiVersion>${apiVersion}</apiVersion>`,
    '  <isExposed>false</isExposed>',
    '</LightningComponentBundle>',
    ''
  ].join('\n');
}

const ENGINE = '(pmd|sfge|eslint|retire-js|regex|tsc|core)';

/** The lines of a scan that report a finding or an error (not the summary). */
function reported(result: CheckResult): string[] {
  const line = new RegExp(
    `^(\\S+:\\d+ ${ENGINE}:|\\S+ (\\(compiled to \\.js\\) )?${ENGINE}:\\w+ |${ENGINE}:\\w+ )`
  );
  return result.output.split('\n').filter((text) => line.test(text));
}

describe('npm run scan', () => {
  let copy: ProjectCopy;
  let first: CheckResult;

  before(() => {
    copy = new ProjectCopy();
    for (const folder of packageDirectories(copy.root)) {
      rmSync(folder, { recursive: true, force: true });
    }
    // A query built from a parameter: PMD's injection rule and Graph Engine's FLS rule.
    addClass(copy, CLASSES, 'AccountLookup', [
      'public with sharing class AccountLookup {',
      '  @AuraEnabled',
      '  public static List<Account> byName(String name) {',
      "    return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\'');",
      '  }',
      '}'
    ]);
    // A DTO whose only entry points are property accessors: read, not started from.
    addClass(copy, CLASSES, 'AccountFilter', [
      'public with sharing class AccountFilter {',
      '  @AuraEnabled',
      '  public String name { get; set; }',
      '}'
    ]);
    // A test class that does not parse: PMD names it; Graph Engine, which reads no test,
    // carries on (it would stop on any class it cannot parse).
    addClass(copy, TESTS, 'AccountLookupTest', [
      '@IsTest',
      'private class AccountLookupTest {',
      '  @IsTest',
      '  static void it_should_find_nothing() {',
      "    Assert.areEqual(0, AccountLookup.byName('x').size(), 'no accounts')",
      '  }',
      '}'
    ]);
    // A component whose innerHTML comes from data (ESLint's LWC rule), with a type the compiled
    // .js leaves out (its lines move) and an event that crosses the shadow boundary (PMD's rule
    // on the compiled .js), declared with an API version long retired (the Regex engine).
    copy.write(
      `${CARD}/probeCard.ts`,
      [
        "import { LightningElement } from 'lwc';",
        '',
        '/** Only the compiler reads this: the compiled .js is shorter than its source. */',
        'interface Note {',
        '  text: string;',
        '}',
        '',
        'export default class ProbeCard extends LightningElement {',
        "  note: Note = { text: '' };",
        '',
        '  renderedCallback(): void {',
        "    const box = this.template.querySelector('div');",
        '    if (box) {',
        '      box.innerHTML = this.note.text;',
        '    }',
        "    this.dispatchEvent(new CustomEvent('shown', { bubbles: true, composed: true }));",
        '  }',
        '}',
        ''
      ].join('\n')
    );
    copy.write(`${CARD}/probeCard.html`, '<template><div></div></template>\n');
    copy.write(`${CARD}/probeCard.js-meta.xml`, componentMeta('40.0'));
    // A stale build:lwc output beside it that PMD could not parse: the scan reads its own
    // compilation of the TypeScript, never this.
    copy.write(`${CARD}/probeCard.js`, 'try { x(); } catch { y(); }\n');
    // A module with a catch without a binding after an assignment, on which PMD's parser fails
    // once compiled, and an eslint-disable comment that would silence the LWC rule.
    copy.write(
      `${LIST}/probeList.ts`,
      [
        'export function show(box: HTMLElement, html: string): string {',
        "  let shown = '';",
        '  try {',
        '    // eslint-disable-next-line @lwc/lwc/no-inner-html',
        '    box.innerHTML = html;',
        '    shown = html;',
        '  } catch {',
        "    return '';",
        '  }',
        '  return shown;',
        '}',
        ''
      ].join('\n')
    );
    // A library with a known high-severity vulnerability (Underscore.js before 1.12.1).
    copy.write(
      `${RESOURCES}/Underscore.js`,
      ['//     Underscore.js 1.8.3', '//     http://underscorejs.org', ''].join('\n')
    );
    copy.write(
      `${RESOURCES}/Underscore.resource-meta.xml`,
      [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">',
        '  <cacheControl>Private</cacheControl>',
        '  <contentType>application/javascript</contentType>',
        '</StaticResource>',
        ''
      ].join('\n')
    );
    first = copy.runCheck('scan.ts', ['--no-cache']);
  });
  after(() => copy.dispose());

  it('fails on a query built from a parameter, with PMD and Graph Engine, at its line', () => {
    assert.equal(first.status, 1, first.output);
    const lookup = `${CLASSES}/AccountLookup.cls`;
    assert.deepEqual(
      reported(first).filter((line) => line.startsWith(`${lookup}:`) && /\[sev [12]\]/.test(line)),
      [
        `${lookup}:4 pmd:ApexSOQLInjection [sev 2] Avoid untrusted/unescaped variables in DML query`,
        `${lookup}:4 sfge:ApexFlsViolation [sev 2] Salesforce Graph Engine couldn't resolve the parameter passed to [READ] operation with field(s) [Unknown]. Confirm that this operation has the necessary FLS checks. (path from ${lookup}:3)`
      ]
    );
    assert.match(first.output, /^scan: 5 violations of severity 1-2 /m);
  });

  it('fails on innerHTML set in a component, with ESLint on the TypeScript, at its line', () => {
    assert.deepEqual(
      reported(first).filter((line) => line.includes(' eslint:@lwc/')),
      [
        `${CARD}/probeCard.ts:${copy.lineOf(`${CARD}/probeCard.ts`, 'innerHTML')} eslint:@lwc/lwc/no-inner-html [sev 2] Using 'innerHTML/outputHTML/insertAdjacentHTML' is not allowed`
      ]
    );
  });

  it('fails on an API version long retired, with the Regex engine', () => {
    assert.deepEqual(
      reported(first)
        .filter((line) => line.includes(' regex:'))
        .map((line) => line.replace(/\] .*/, ']')),
      [
        `${CARD}/probeCard.js-meta.xml:${copy.lineOf(`${CARD}/probeCard.js-meta.xml`, 'apiVersion')} regex:AvoidOldSalesforceApiVersions [sev 2]`
      ]
    );
  });

  it('fails on a library with a known vulnerability, with RetireJS', () => {
    assert.deepEqual(
      reported(first)
        .filter((line) => line.includes(' retire-js:'))
        .map((line) => line.replace(/\] .*/, ']')),
      [`${RESOURCES}/Underscore.js:1 retire-js:LibraryWithKnownHighSeverityVulnerability [sev 2]`]
    );
  });

  it('reads the compiled components and shows their findings at the TypeScript line', () => {
    const source = `${CARD}/probeCard.ts`;
    const line = copy.lineOf(source, 'dispatchEvent');
    const found = reported(first).filter((text) =>
      text.includes(' pmd:AvoidLwcBubblesComposedTrue ')
    );
    assert.deepEqual(
      found.map((text) => text.replace(/ \(compiled \.js, line \d+\)$/, '')),
      [
        `${source}:${line} pmd:AvoidLwcBubblesComposedTrue [sev 3] Avoid setting both Lightning Web component bubbles and composed=true at the same time.`
      ]
    );
    const compiledLine = Number(/\(compiled \.js, line (\d+)\)$/.exec(found[0] ?? '')?.[1]);
    assert.ok(compiledLine < line, `compiled line ${compiledLine}: the type left out moved it up`);
  });

  it('fails on a component PMD cannot parse once compiled, and reads no stale build output', () => {
    assert.match(
      first.output,
      new RegExp(`^${LIST}/probeList\\.ts \\(compiled to \\.js\\) pmd:ProcessingError `, 'm')
    );
    assert.doesNotMatch(first.output, /probeCard\.js\b(?!-meta)/);
  });

  it('fails on an eslint-disable comment that silences a rule the scan runs', () => {
    assert.deepEqual(
      reported(first).filter((line) => line.includes('eslint:Suppression')),
      [
        `${LIST}/probeList.ts:4 eslint:Suppression an eslint-disable comment silences @lwc/lwc/no-inner-html, which the scan runs: fix the finding, or acknowledge it in scripts/checks/scan.ts with the reason.`
      ]
    );
  });

  it('fails on a class PMD cannot parse and names it, and Graph Engine reads no test', () => {
    assert.match(
      first.output,
      new RegExp(`^${TESTS}/AccountLookupTest\\.cls pmd:ProcessingError `, 'm')
    );
    assert.doesNotMatch(first.output, /sfge:Error/);
    assert.match(
      first.output,
      /^scan: Graph Engine reads 2 files and starts from the entry points of 1 classes \(left out: 1 test classes, 1 classes whose only entry points are property accessors\)$/m
    );
  });

  it('fails on a reviewed entry point that is no longer there, so the list only shrinks', () => {
    assert.deepEqual(
      reported(first)
        .filter((line) => line.includes('sfge:EntryPoint'))
        .map((line) => / names \S+ (\w+), which is no entry point/.exec(line)?.[1]),
      [
        'getTemplates',
        'getFieldRequestText',
        'saveIntegration',
        'resumeIntegration',
        'restoreIntegration',
        'previewIntegration',
        'readCsvSample'
      ]
    );
  });

  it('serves an unchanged project from the cache with the same findings', () => {
    const again = copy.runCheck('scan.ts', ['--engine', 'sfge']);

    assert.match(again.output, /, Graph Engine cached$/m);
    const graphEngineLines = (result: CheckResult): string[] =>
      reported(result).filter((line) => line.includes(' sfge:'));
    assert.deepEqual(graphEngineLines(again), graphEngineLines(first));
  });

  it('fails when Graph Engine cannot parse a class, naming the class', () => {
    addClass(copy, CLASSES, 'Unparsable', [
      'public with sharing class Unparsable {',
      '  public static Integer twice(Integer value) {',
      '    return value * 2',
      '  }',
      '}'
    ]);

    const result = copy.runCheck('scan.ts', ['--engine', 'sfge']);

    assert.equal(result.status, 1, result.output);
    assert.match(result.output, /^sfge:Error Graph Engine stopped .*Unparsable\.cls/m);
    assert.match(result.output, /^scan: 0 violations of severity 1-2 .*, 1 error in /m);
  });
});
