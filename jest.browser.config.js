// Browser tests: the built inbox and widget (dist/web, dist/widget) served by a real API, driven
// by Debian's Chromium through playwright-core. `npm run test:browser` builds first.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/web/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  testTimeout: 90000,
  maxWorkers: 1,
};
