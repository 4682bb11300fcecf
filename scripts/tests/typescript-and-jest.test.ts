/**
 * `npm test` runs `tsc -p tsconfig.json --noEmit` (typecheck) and `sfdx-lwc-jest` (test:unit)
 * on the whole project; these tests prove that a broken component fails them, with the
 * project's own configuration, on a copy holding just that component: the stages themselves
 * check that the whole project passes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProjectCopy } from './projectCopy.ts';

const BUNDLE = 'force-app/main/console/lwc/runStatusBadge';
const BADGE = `${BUNDLE}/runStatusBadge.ts`;
const BADGE_TEST = `${BUNDLE}/__tests__/runStatusBadge.test.ts`;
const TSC = 'typescript/bin/tsc';
const LWC_JEST = '@salesforce/sfdx-lwc-jest/bin/sfdx-lwc-jest';

describe('TypeScript and Jest in npm test', () => {
  let copy: ProjectCopy;

  before(() => {
    copy = new ProjectCopy(true, [BUNDLE]);
  });
  after(() => copy.dispose());

  it('fails the type check on a type error in a component and names the file and line', () => {
    copy.edit(BADGE, (source) =>
      source.replace(
        "return this.status ? this.status : 'Never run';",
        'return this.status?.length ?? 0;'
      )
    );
    const line = copy.lineOf(BADGE, 'this.status?.length');

    const result = copy.runTool(TSC, ['-p', 'tsconfig.json', '--noEmit']);
    copy.restore(BADGE);

    assert.notEqual(result.status, 0, 'tsc must fail');
    // The one planted error and no other: the copy itself type-checks.
    const errors = result.output.split('\n').filter((output) => /error TS\d+/.test(output));
    assert.equal(errors.length, 1, result.output);
    assert.match(errors[0] ?? '', new RegExp(`^${BADGE}\\(${line},\\d+\\): error TS2322`));
  });

  it('fails the LWC Jest run on a failing assertion and names the test', () => {
    copy.edit(BADGE_TEST, (source) =>
      source.replace("toContain('Never run')", "toContain('Not run yet')")
    );

    const result = copy.runTool(LWC_JEST, ['--', BADGE_TEST]);
    copy.restore(BADGE_TEST);

    assert.notEqual(result.status, 0, 'Jest must fail');
    assert.match(result.output, /says the integration never ran when there is no status/);
    assert.match(result.output, /Tests:\s+1 failed, \d+ passed/);
  });
});
