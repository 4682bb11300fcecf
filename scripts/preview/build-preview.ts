/**
 * Builds the local preview: the package's own components (from their TypeScript sources), the
 * real `lightning-base-components` and the preview's sample-data modules, compiled by the LWC
 * compiler into one script that index.html loads beside the SLDS stylesheet.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { rollup, type Plugin } from 'rollup';
import { createRequire } from 'node:module';
import { listFiles, repositoryRoot } from '../lib/project.ts';

// The plugin is CommonJS with its function on `exports.default`; loaders disagree on whether
// an import of it yields that function or the exports object, so accept both.
type LwcPlugin = typeof import('@lwc/rollup-plugin').default;
const loadedPlugin = createRequire(import.meta.url)('@lwc/rollup-plugin') as
  LwcPlugin | { default: LwcPlugin };
const lwc: LwcPlugin = typeof loadedPlugin === 'function' ? loadedPlugin : loadedPlugin.default;

export const previewOutputDir = join(repositoryRoot, '.tmp', 'preview');

/**
 * Base components are written for the platform's bundler, which answers `import.meta.env.SSR`
 * and `process.env.NODE_ENV` at build time; a browser has neither.
 */
function platformConstants(): Plugin {
  return {
    name: 'platform-constants',
    transform(code) {
      if (!code.includes('import.meta.env') && !code.includes('process.env.NODE_ENV')) {
        return null;
      }
      return {
        code: code
          .replaceAll('import.meta.env.SSR', 'false')
          .replaceAll('process.env.NODE_ENV', JSON.stringify('production')),
        map: null
      };
    }
  };
}

const APEX_PREFIX = '@salesforce/apex/';
const APEX_MODULE_ID = '\0preview-apex:';

/**
 * In an org, `@salesforce/apex/Class.method` calls the controller. In the preview every such
 * import becomes a small module that asks the sample backend (`preview/backend`) instead, so the
 * components run unchanged against sample data.
 */
function apexFromSampleBackend(): Plugin {
  return {
    name: 'apex-from-sample-backend',
    resolveId(source) {
      return source.startsWith(APEX_PREFIX)
        ? APEX_MODULE_ID + source.slice(APEX_PREFIX.length)
        : null;
    },
    load(id) {
      if (!id.startsWith(APEX_MODULE_ID)) {
        return null;
      }
      const method = JSON.stringify(id.slice(APEX_MODULE_ID.length));
      return [
        "import { callApex } from 'preview/backend';",
        `export default function apexMethod(params) { return callApex(${method}, params); }`
      ].join('\n');
    }
  };
}

/**
 * `c/<name>` for every component bundle of the package, resolved to the `.js` that
 * `npm run build:lwc` compiles from its TypeScript: the preview runs exactly what deploys.
 */
function packageComponentModules(): { name: string; path: string }[] {
  return listFiles(join(repositoryRoot, 'force-app'), (path) => path.endsWith('.js-meta.xml')).map(
    (metaFile) => {
      const bundle = dirname(metaFile);
      const name = basename(bundle);
      return { name: `c/${name}`, path: join(bundle, `${name}.js`) };
    }
  );
}

export async function buildPreview(): Promise<{ outputFile: string; seconds: number }> {
  const started = Date.now();
  const bundle = await rollup({
    input: join(repositoryRoot, 'preview', 'main.js'),
    plugins: [
      apexFromSampleBackend(),
      platformConstants(),
      lwc({
        rootDir: repositoryRoot,
        enableSyntheticElementInternals: true,
        modules: [
          ...packageComponentModules(),
          { dir: join(repositoryRoot, 'preview', 'modules') },
          { npm: 'lightning-base-components' }
        ]
      })
    ],
    onwarn(warning, warn) {
      // The base components' own templates draw compiler warnings (e.g. lightning-card declares
      // its title slot twice, once per variant); they are the platform's to fix, not ours.
      const fromBaseComponents = (warning.id ?? '').includes(
        `${sep}lightning-base-components${sep}`
      );
      if (!fromBaseComponents && warning.code !== 'CIRCULAR_DEPENDENCY') {
        warn(warning);
      }
    }
  });
  mkdirSync(previewOutputDir, { recursive: true });
  const outputFile = join(previewOutputDir, 'preview.js');
  await bundle.write({ file: outputFile, format: 'iife', inlineDynamicImports: true });
  await bundle.close();
  copyFileSync(join(repositoryRoot, 'preview', 'index.html'), join(previewOutputDir, 'index.html'));
  return { outputFile, seconds: (Date.now() - started) / 1000 };
}
