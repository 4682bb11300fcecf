/**
 * `npm run package:promote` — promotes a package version to released: the one given, else the
 * newest in sfdx-project.json (lib/packageCommands.ts). Promotion cannot be undone.
 */
import { packagePromoteCommand } from './lib/commands.ts';
import { runScript } from './lib/main.ts';
import { promotePackageVersion, realPackageDependencies } from './lib/packageCommands.ts';
import { createSf } from './lib/sf.ts';

await runScript(packagePromoteCommand.script, () =>
  promotePackageVersion(process.argv.slice(2), realPackageDependencies(createSf()))
);
