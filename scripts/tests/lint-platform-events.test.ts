/**
 * `npm run lint` refuses a component that imports a platform event from `@salesforce/schema`: in a
 * managed package such an import can answer a wrong name (ending in `__c`), and a subscription to
 * the wrong channel never hears anything. Channels and payload keys come from the Apex instead
 * (IntegrationController.getSaveEventChannel, read by c/integrationSaves).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { repositoryRoot } from '../lib/project.ts';

const COMPONENT = join(repositoryRoot, 'force-app/main/console/lwc/integrationSaves/planted.ts');

async function lint(source: string): Promise<ESLint.LintResult> {
  const eslint = new ESLint({ cwd: repositoryRoot });
  const [result] = await eslint.lintText(source, { filePath: COMPONENT });
  assert.ok(result, 'ESLint answers for the file');
  return result;
}

function restrictedImports(result: ESLint.LintResult): string[] {
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => `${message.line}: ${message.message}`);
}

describe('lint: platform events are not imported from @salesforce/schema', () => {
  it('refuses a platform event and a field of one, naming the line and what to do instead', async () => {
    const result = await lint(
      [
        "import SAVED from '@salesforce/schema/Integration_Saved__e';",
        "import SUCCESS from '@salesforce/schema/Integration_Saved__e.Success__c';",
        'export const names = [SAVED, SUCCESS];',
        ''
      ].join('\n')
    );

    const refused = restrictedImports(result);
    assert.equal(refused.length, 2, refused.join('\n'));
    assert.match(
      refused[0] ?? '',
      /^1: .*Integration_Saved__e.*take its channel and field names from Apex/
    );
    assert.match(refused[1] ?? '', /^2: .*Integration_Saved__e\.Success__c/);
  });

  it('accepts an object or field that is no platform event', async () => {
    const result = await lint(
      [
        "import LEAD_EMAIL from '@salesforce/schema/Lead.Email';",
        "import RUN from '@salesforce/schema/Sync_Run__c';",
        'export const names = [LEAD_EMAIL, RUN];',
        ''
      ].join('\n')
    );

    assert.deepEqual(restrictedImports(result), []);
  });

  it('still refuses @salesforce/lds, as the Salesforce LWC configuration does', async () => {
    const result = await lint(
      ["import { x } from '@salesforce/lds/internal';", 'export const y = x;', ''].join('\n')
    );

    assert.equal(restrictedImports(result).length, 1);
  });
});
