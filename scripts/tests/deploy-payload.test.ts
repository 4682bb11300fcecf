import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { listFiles, repositoryRoot } from '../lib/project.ts';

// What the Salesforce CLI would deploy or package, converted offline: the compiled .js of every
// component and none of the TypeScript, tests or mocks (.forceignore).
describe('deploy payload', () => {
  const output = mkdtempSync(join(tmpdir(), 'insights-sync-convert-'));
  after(() => rmSync(output, { recursive: true, force: true }));

  it('holds each component as compiled .js and nothing that stays local', () => {
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build/build-lwc.ts'], {
      cwd: repositoryRoot,
      encoding: 'utf8'
    });
    assert.equal(build.status, 0, `${build.stdout}${build.stderr}`);

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
    ).map((metaFile) => basename(metaFile, '.js-meta.xml'));
    assert.ok(bundles.length > 0, 'the project has components');
    for (const bundle of bundles) {
      assert.ok(
        files.includes(join('lwc', bundle, `${bundle}.js`)),
        `lwc/${bundle}/${bundle}.js is deployed`
      );
    }
    assert.ok(files.includes('package.xml'), 'a package.xml is generated');
  });
});
