// One jest run for everything: API and jobs integration tests talk to real PostgreSQL and
// Redis (DATABASE_URL / REDIS_URL) or to the embedded default started in global-setup.
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.exclude;
delete swcrc.$schema;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/api', '<rootDir>/jobs', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/api/src/test/global-setup.ts',
  globalTeardown: '<rootDir>/api/src/test/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: process.env.JEST_MAX_WORKERS || 2,
};
