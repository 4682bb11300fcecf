import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { compileBundle, compiledBundleFiles, staleCompiledModules } from '../lib/lwcBundles.ts';
import { listFiles, repositoryRoot } from '../lib/project.ts';

// What the Salesforce CLI would deploy or package, converted offline: the compiled .js of every
// component and none of the TypeScript, tests or mocks (.forceignore).
describe('deploy payload', () => {
  const output = mkdtempSync(join(tmpdir(), 'insights-sync-convert-'));
  after(() => rmSync(output, { recursive: true, force: true }));

  it('holds each component as compiled .js and nothing that stays local', () => {
    // The compiled .js is build:lwc's output (npm test runs this stage after it). Building again
    // here would repeat that stage and rewrite files the browser tests may be reading.
    const stale = staleCompiledModules();
    assert.deepEqual(
      stale,
      [],
      'compiled .js missing or older than its TypeScript: run npm run build:lwc first'
    );

    const convert = spawnSync(
      process.execPath,
      [
        join(repositoryRoot, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js'),
        'project',
        'convert',
        'source',
        '--source-dir',
        'force-app',
        '--output-dir',
        join(output, 'mdapi'),
        '--json'
      ],
      {
        cwd: repositoryRoot,
        encoding: 'utf8',
        env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' }
      }
    );
    assert.equal(convert.status, 0, `${convert.stdout}${convert.stderr}`);

    const files = listFiles(join(output, 'mdapi'), () => true).map((path) =>
      relative(join(output, 'mdapi'), path)
    );
    assert.deepEqual(
      files.filter(
        (path) => path.endsWith('.ts') || path.includes('__tests__') || path.includes('__mocks__')
      ),
      [],
      'TypeScript, tests and mocks stay out of the package'
    );
    const bundles = listFiles(join(repositoryRoot, 'force-app'), (path) =>
      path.endsWith('.js-meta.xml')
    ).map((metaFile) => dirname(metaFile));
    assert.ok(bundles.length > 0, 'the project has components');
    for (const bundle of bundles) {
      const name = basename(bundle);
      assert.ok(
        files.includes(join('lwc', name, `${name}.js`)),
        `lwc/${name}/${name}.js is deployed`
      );
      // Helper modules (logViewer/issuesCsv.ts…) deploy as .js beside the component's own.
      const modules = listFiles(
        bundle,
        (path) => path.endsWith('.ts') && !/__(tests|mocks)__/.test(path)
      );
      for (const module of modules) {
        const deployed = join('lwc', name, `${basename(module, '.ts')}.js`);
        assert.ok(files.includes(deployed), `${deployed} is deployed`);
      }
    }
    assert.ok(files.includes('package.xml'), 'a package.xml is generated');
  });
});

describe('LWC compiler on every module of a bundle', () => {
  const root = mkdtempSync(join(tmpdir(), 'insights-sync-bundle-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const bundle = join(root, 'force-app', 'main', 'console', 'lwc', 'mappingRules');
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(bundle, path)), { recursive: true });
    writeFileSync(join(bundle, path), text);
  };

  it('rejects a helper module the platform would refuse, beside a valid component module', () => {
    write(
      'mappingRules.js',
      'export function isComplete(rules) {\n  return rules.length > 0;\n}\n'
    );
    // Decorators outside a LightningElement class: the platform's compiler refuses the bundle.
    write(
      'ruleHelper.js',
      "import { api } from 'lwc';\nexport class RuleHelper {\n  @api value;\n}\n"
    );
    // Tests stay local (.forceignore): never compiled, whatever they hold.
    write('__tests__/mappingRules.test.js', 'this is not JavaScript');

    assert.deepEqual(
      compiledBundleFiles(bundle).map((file) => relative(bundle, file)),
      ['mappingRules.js', 'ruleHelper.js']
    );
    const result = compileBundle(bundle, root);

    assert.equal(result.compiled, 1);
    assert.equal(result.problems.length, 1, result.problems.join('\n'));
    assert.match(
      result.problems[0] ?? '',
      /^force-app\/main\/console\/lwc\/mappingRules\/ruleHelper\.js: rejected by the LWC compiler: .*LWC1198/
    );
  });
});
