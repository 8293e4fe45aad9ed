/** Unit tests (pure rules) and e2e tests (real PostgreSQL, Redis, SMTP started by `npm test`). */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
  // One file at a time: e2e files share PostgreSQL and Redis, and a worker started by one file
  // would otherwise deliver the outbox rows another file is watching.
  maxWorkers: 1,
  // E2E files start real processes; a hook or test may take a few seconds.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
    },
    {
      // Use cases called in process against the real PostgreSQL and Redis (no HTTP, no spawned
      // processes). Nest 12's packages are ES modules: scripts/test.mjs runs Jest with
      // --experimental-vm-modules so that they load.
      displayName: 'medium',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      setupFiles: ['<rootDir>/test/support/require-services.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/support/require-services.ts'],
    },
  ],
};
