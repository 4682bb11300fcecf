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

  // TypeScript rules everywhere TypeScript is written.
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      // tsc resolves every name; ESLint's no-undef does not understand types and interfaces.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
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
