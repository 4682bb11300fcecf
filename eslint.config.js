import lwcConfig from '@salesforce/eslint-config-lwc';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const lwcSources = ['force-app/**/lwc/**/*.ts', 'preview/modules/**/*.ts'];
const lwcTests = ['force-app/**/lwc/**/__tests__/**/*.ts', 'force-app/**/lwc/**/__mocks__/**/*.ts'];

export default tseslint.config(
  {
    // Compiled output of the TypeScript components and tool state are not sources.
    ignores: [
      'node_modules/**',
      '.tmp/**',
      'coverage/**',
      'test-results/**',
      '.sf/**',
      '.sfdx/**',
      'force-app/**/lwc/**/*.js',
      'preview/**/*.js'
    ]
  },

  // The Salesforce LWC rules (platform restrictions, LWC best practices) on the components.
  ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: lwcSources })),

  {
    files: lwcSources,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // Kept from the Salesforce LWC config, which this setting replaces.
            {
              group: ['@salesforce/lds', '@salesforce/lds/**'],
              message:
                'Please do not import from @salesforce/lds, these modules are ephemeral and could change at any time.'
            },
            {
              group: ['@salesforce/schema/*__e', '@salesforce/schema/*__e.*'],
              message:
                'A platform event imported from @salesforce/schema can carry a wrong name (ending in __c) in a managed package: take its channel and field names from Apex (describe), as c/integrationSaves does.'
            }
          ]
        }
      ]
    }
  },

  // TypeScript rules everywhere TypeScript is written.
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      // tsc resolves every name; ESLint's no-undef does not understand types and interfaces.
      'no-undef': 'off',
      // tsc checks every imported name against the TypeScript source. eslint-plugin-import would
      // read `./x.js` as build:lwc's compiled output, which has no types and may be older than
      // the source, so its answer would depend on what was built before.
      'import/named': 'off',
      'import/namespace': 'off',
      'import/default': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
      ]
    }
  },

  {
    // What build:lwc compiles to .js. The compiled .js keeps the syntax of the source (target
    // ESNext), and PMD's JavaScript parser, which `npm run scan` and Code Analyzer run on it,
    // fails on a catch without a binding in a function that assigns a variable (most do) and
    // skips the whole file.
    files: ['force-app/**/lwc/**/*.ts', 'preview/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CatchClause[param=null]',
          message:
            "Give the catch a binding, `catch (_error)`: PMD's JavaScript parser fails on the compiled .js of a catch without one."
        }
      ]
    }
  },

  {
    files: lwcTests,
    plugins: { jest: jestPlugin },
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      ...jestPlugin.configs['flat/recommended'].rules,
      // Tests drive components through their public DOM, like a user would.
      '@lwc/lwc/no-document-query': 'off'
    }
  },

  {
    files: ['scripts/**/*.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } }
  }
);
