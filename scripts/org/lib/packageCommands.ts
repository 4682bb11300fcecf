/**
 * package:version and package:promote (scripts/org/package-version.ts and package-promote.ts run
 * them). package:version checks that the ancestor in sfdx-project.json fits the released versions,
 * builds the components and creates a version of the managed package with code coverage (required
 * to promote it) and without an installation key, then prints its 04t id and the install URLs of a
 * beta (never production, which refuses one); the CLI
 * records the version's alias in sfdx-project.json. package:promote releases a version: the one
 * given, else the newest alias in sfdx-project.json.
 */
import { repositoryRoot } from '../../lib/project.ts';
import { helpText, parseArgs } from './args.ts';
import { packagePromoteCommand, packageVersionCommand } from './commands.ts';
import { OrgScriptError } from './main.ts';
import {
  ancestorProblem,
  installUrls,
  latestVersionAlias,
  readReleasedVersions,
  readVersionResult,
  requireNamespace,
  requirePackage,
  type ReleasedVersion
} from './packaging.ts';
import { checkNodeVersion, requireDevHub } from './prerequisites.ts';
import { readProjectFile, type ProjectFile } from './projectFile.ts';
import { isObject, type Sf } from './sf.ts';
import { announce, buildComponents } from './steps.ts';

/** What the package scripts need; tests replace the CLI, the build and the project file. */
export interface PackageDependencies {
  readonly sf: Sf;
  readonly project: ProjectFile;
  readonly build: (packageDirectories: readonly string[]) => Promise<void>;
}

export const realPackageDependencies = (sf: Sf): PackageDependencies => ({
  sf,
  project: readProjectFile(repositoryRoot),
  build: buildComponents
});

/** package:version from its command line; returns the exit code or throws what went wrong. */
export async function createPackageVersion(
  argv: readonly string[],
  dependencies: PackageDependencies
): Promise<number> {
  const { sf, project } = dependencies;
  const parsed = parseArgs(packageVersionCommand, argv);
  if (parsed.help) {
    console.log(helpText(packageVersionCommand));
    return 0;
  }
  const options = parsed.values;
  checkNodeVersion();
  const devHub = await requireDevHub(sf, options['target-dev-hub']);
  const pkg = requirePackage(project);
  const problem = ancestorProblem(project, await releasedVersions(sf, pkg.id, devHub.username));
  if (problem) {
    throw new OrgScriptError(problem);
  }
  await dependencies.build(project.packageDirectories);

  announce(
    `Creating a version of "${pkg.name}" with code coverage on ${devHub.username} (up to ${options.wait} minutes)`
  );
  const outcome = await sf.run([
    'package',
    'version',
    'create',
    '--package',
    pkg.name,
    '--code-coverage',
    '--installation-key-bypass',
    '--wait',
    String(options.wait),
    '--target-dev-hub',
    devHub.username
  ]);
  if (!outcome.ok) {
    const detail = readVersionResult(outcome.failure.data);
    throw new OrgScriptError(
      `creating the package version failed: ${outcome.failure.message}`,
      detail.errors
    );
  }
  const version = readVersionResult(outcome.result);
  if (version.status === 'Error' || version.errors.length > 0) {
    throw new OrgScriptError(`the package version was refused (${version.status})`, version.errors);
  }
  if (version.status !== 'Success' || !version.subscriberVersionId) {
    throw new OrgScriptError(
      `the package version is still ${version.status} after ${options.wait} minutes: follow it with npx sf package version create report --package-create-request-id ${version.requestId ?? '<08c id>'} --target-dev-hub ${devHub.username}`
    );
  }
  const urls = installUrls(version.subscriberVersionId);
  console.log('');
  const number = version.versionNumber ? ` ${version.versionNumber}` : '';
  console.log(`Package version${number} created: ${version.subscriberVersionId}`);
  if (version.codeCoverage !== undefined) {
    console.log(
      `Code coverage: ${version.codeCoverage}%${version.passedCodeCoverage === false ? ' (below the 75% a release needs)' : ''}`
    );
  }
  // A version is a beta until promoted: production orgs refuse it, and a beta is never upgraded,
  // so an org it is installed in must uninstall it, with its data, to take the release.
  console.log(
    'This version is a beta: install it only in orgs you can discard (scratch, Developer Edition, a throwaway sandbox). Production refuses it, and a beta is never upgraded.'
  );
  console.log(`Install (Developer Edition): ${urls.production}`);
  console.log(`Install (sandbox): ${urls.sandbox}`);
  console.log(
    `Or: npx sf package install --package ${version.subscriberVersionId} --target-org <org> --wait 20`
  );
  console.log(
    'sfdx-project.json now holds the version alias: commit it. Release with npm run package:promote, which prints the production install URL.'
  );
  return 0;
}

/** The package's released versions, which decide the ancestor a new version needs. */
async function releasedVersions(
  sf: Sf,
  packageId: string,
  devHubUsername: string
): Promise<ReleasedVersion[]> {
  const outcome = await sf.run([
    'package',
    'version',
    'list',
    '--packages',
    packageId,
    '--released',
    '--target-dev-hub',
    devHubUsername
  ]);
  if (!outcome.ok) {
    throw new OrgScriptError(
      `listing the released versions of the package failed: ${outcome.failure.message}`
    );
  }
  return readReleasedVersions(outcome.result);
}

/** package:promote from its command line; returns the exit code or throws what went wrong. */
export async function promotePackageVersion(
  argv: readonly string[],
  dependencies: PackageDependencies
): Promise<number> {
  const { sf, project } = dependencies;
  const parsed = parseArgs(packagePromoteCommand, argv);
  if (parsed.help) {
    console.log(helpText(packagePromoteCommand));
    return 0;
  }
  const options = parsed.values;
  checkNodeVersion();
  const devHub = await requireDevHub(sf, options['target-dev-hub']);
  requireNamespace(project);
  const requested = options['package-version'];
  const newest = project.packageName
    ? latestVersionAlias(project.packageAliases, project.packageName)
    : undefined;
  const version = requested
    ? { alias: requested, id: project.packageAliases[requested] ?? requested }
    : newest;
  if (!version) {
    throw new OrgScriptError(
      `sfdx-project.json holds no version of "${project.packageName ?? 'the package'}": create one with npm run package:version, or pass --package-version 04t…`
    );
  }
  if (!version.id.startsWith('04t')) {
    throw new OrgScriptError(
      `"${version.alias}" is neither a 04t package version id nor a version alias in sfdx-project.json: pass --package-version 04t…`
    );
  }

  announce(`Promoting ${version.alias} (${version.id}) to released on ${devHub.username}`);
  const outcome = await sf.run([
    'package',
    'version',
    'promote',
    '--package',
    version.id,
    '--no-prompt',
    '--target-dev-hub',
    devHub.username
  ]);
  if (!outcome.ok) {
    throw new OrgScriptError(`promoting ${version.alias} failed: ${outcome.failure.message}`);
  }
  const result = isObject(outcome.result) ? outcome.result : {};
  if (result.success === false) {
    throw new OrgScriptError(
      `promoting ${version.alias} failed: ${JSON.stringify(result.errors ?? [])}`
    );
  }
  console.log('');
  console.log(`Released: ${version.alias} (${version.id})`);
  const released = installUrls(version.id);
  console.log(`Install (production, Developer Edition): ${released.production}`);
  console.log(`Install (sandbox): ${released.sandbox}`);
  if (!project.ancestorVersion && !project.ancestorId) {
    console.log(
      'Every later version needs its ancestor: add "ancestorVersion": "HIGHEST" to the package directory in sfdx-project.json and commit it (docs/org.md, section 9).'
    );
  }
  return 0;
}
