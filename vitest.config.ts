import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/net-guard.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // two cores on CI; the e2e tests spawn node processes
    maxWorkers: 2,
  },
});
