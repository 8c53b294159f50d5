import { defineConfig } from 'vitest/config';

// `npm test`: everything but the real-SDK oracles, which need Debian packages and take minutes;
// they run with `npm run test:oracle` (vitest.oracle.config.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the oracles and the single executables (two 125 MB Node builds injected, arm64 run under
    // qemu-user) run with `npm run test:oracle`: real SDKs and real runtimes, minutes not seconds
    exclude: ['test/oracle/**', 'test/sea.test.ts', '**/node_modules/**'],
    setupFiles: ['test/setup/net-guard.ts'],
    // the skip reporter lists every skipped test with its reason after the summary
    reporters: ['default', './test/setup/skip-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // two cores on CI; the e2e tests spawn node processes
    maxWorkers: 2,
  },
});
