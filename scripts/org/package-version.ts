/**
 * `npm run package:version` — creates a version of "Insights Sync for Salesforce" with code
 * coverage and prints its 04t id and install URLs (lib/packageCommands.ts).
 */
import { packageVersionCommand } from './lib/commands.ts';
import { runScript } from './lib/main.ts';
import { createPackageVersion, realPackageDependencies } from './lib/packageCommands.ts';
import { createSf } from './lib/sf.ts';

await runScript(packageVersionCommand.script, () =>
  createPackageVersion(process.argv.slice(2), realPackageDependencies(createSf()))
);
