/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  testTimeout: 30000,
  // One worker per core: with three on two cores the suite took 128 s instead of 81 s, and the
  // contention made process start-up and seeding slow enough to outlast their waits on CI.
  maxWorkers: '100%',
};
