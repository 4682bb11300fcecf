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

const SCHEMA_PREFIX = '@salesforce/schema/';
const SCHEMA_MODULE_ID = '\0preview-schema:';

/**
 * `@salesforce/schema/<Object>` and `@salesforce/schema/<Object>.<Field>` become
 * `{ objectApiName, fieldApiName }`, as the platform resolves them in an org without a namespace
 * (the preview is one). The first dot splits: a relationship path such as `Contact.Account.Name`
 * is the field `Account.Name` of Contact, as the platform gives it.
 */
export function schemaReference(
  source: string
): { objectApiName: string; fieldApiName?: string } | undefined {
  if (!source.startsWith(SCHEMA_PREFIX)) {
    return undefined;
  }
  const reference = source.slice(SCHEMA_PREFIX.length);
  const dot = reference.indexOf('.');
  return dot < 0
    ? { objectApiName: reference }
    : { objectApiName: reference.slice(0, dot), fieldApiName: reference.slice(dot + 1) };
}

function schemaReferences(): Plugin {
  return {
    name: 'schema-references',
    resolveId(source) {
      return schemaReference(source) ? SCHEMA_MODULE_ID + source : null;
    },
    load(id) {
      if (!id.startsWith(SCHEMA_MODULE_ID)) {
        return null;
      }
      const reference = schemaReference(id.slice(SCHEMA_MODULE_ID.length));
      return `export default ${JSON.stringify(reference)};`;
    }
  };
}

const CUSTOM_PERMISSION_PREFIX = '@salesforce/customPermission/';
const CUSTOM_PERMISSION_MODULE_ID = '\0preview-custom-permission:';

/**
 * `@salesforce/customPermission/<Name>` is whether the running user holds the permission. The
 * preview's user is the admin who installed the package (Insights Sync Admin), so every one the
 * package defines is granted.
 */
function customPermissions(): Plugin {
  return {
    name: 'custom-permissions',
    resolveId(source) {
      return source.startsWith(CUSTOM_PERMISSION_PREFIX)
        ? CUSTOM_PERMISSION_MODULE_ID + source.slice(CUSTOM_PERMISSION_PREFIX.length)
        : null;
    },
    load(id) {
      return id.startsWith(CUSTOM_PERMISSION_MODULE_ID) ? 'export default true;' : null;
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

/**
 * Bundles the preview into `.tmp/preview/` beside a copy of index.html.
 * @param entry the compiled script the page starts from: preview/main.js, or another page's
 * entry (inside the repository, so its imports resolve as the preview's do) to try a component
 * on its own
 * @param outputFile where the bundle is written; index.html is copied beside it
 */
export async function buildPreview(
  entry = join(repositoryRoot, 'preview', 'main.js'),
  outputFile = join(previewOutputDir, 'preview.js')
): Promise<{ outputFile: string; seconds: number }> {
  const started = Date.now();
  const bundle = await rollup({
    input: entry,
    plugins: [
      apexFromSampleBackend(),
      schemaReferences(),
      customPermissions(),
      platformConstants(),
      lwc({
        rootDir: repositoryRoot,
        enableSyntheticElementInternals: true,
        // The first record that has a module wins: the preview's own modules (its sample backend
        // and stand-ins such as lightning/empApi, which the base components do not ship) come
        // before the base components.
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
  mkdirSync(dirname(outputFile), { recursive: true });
  await bundle.write({ file: outputFile, format: 'iife', inlineDynamicImports: true });
  await bundle.close();
  copyFileSync(
    join(repositoryRoot, 'preview', 'index.html'),
    join(dirname(outputFile), 'index.html')
  );
  return { outputFile, seconds: (Date.now() - started) / 1000 };
}
