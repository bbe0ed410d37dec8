import { defineConfig } from 'vitest/config';

// Integration suites share one Postgres server (embedded unless DATABASE_URL is set), started once in
// globalSetup; each suite gets its own database, so files can run in parallel.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // UI screens rendered by a test are unmounted when it ends (their polling stops).
    setupFiles: ['test/helpers/ui-unmount.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    },
  },
});
