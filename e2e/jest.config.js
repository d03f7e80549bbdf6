/** @type {import('jest').Config} */
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  rootDir: '..',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // One app (with its embedded PostgreSQL and the Connect emulator) serves every test file.
  globalSetup: '<rootDir>/e2e/support/globalSetup.ts',
  globalTeardown: '<rootDir>/e2e/support/globalTeardown.ts',
  // Chromium, the app and PostgreSQL share the machine: more workers than cores only slows
  // every page down (measured on 2 cores: 4 workers took longer than 2).
  maxWorkers: 2,
  testTimeout: 60000,
};
