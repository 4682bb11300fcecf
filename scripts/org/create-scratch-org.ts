/**
 * `npm run org:create` — from a clone to a working scratch org in one command: the package
 * deployed, the permission sets assigned, sample Leads and Contacts loaded (lib/scratchOrg.ts).
 * A step that fails after the org exists deletes it again, unless --keep-on-failure.
 */
import { createScratchOrgCommand } from './lib/commands.ts';
import { runScript } from './lib/main.ts';
import { createOrg, realDependencies } from './lib/scratchOrg.ts';
import { createSf } from './lib/sf.ts';

await runScript(createScratchOrgCommand.script, () =>
  createOrg(process.argv.slice(2), realDependencies(createSf()))
);
