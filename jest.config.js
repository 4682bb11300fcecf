import sfdxLwcJestConfig from '@salesforce/sfdx-lwc-jest/config.js';

const { jestConfig } = sfdxLwcJestConfig;

/** LWC Jest: components and their tests are TypeScript; the LWC transformer strips the types. */
export default {
  ...jestConfig,
  testMatch: ['**/lwc/**/__tests__/**/*.test.(js|ts)'],
  modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/node_modules/'],
  testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/.tmp/'],
  collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**']
};
