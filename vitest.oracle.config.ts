import { defineConfig } from 'vitest/config';

// `npm run test:oracle`: the real SDKs beside the tool (test/oracle/): the JS SDK from npm,
// Debian's botocore and AWS CLI v2, Debian's aws-sdk-go-v2 built offline with Debian's Go.
// A missing Debian package is a printed skip, or a failure under CI=true.
export default defineConfig({
  test: {
    // and the single executables (test/sea.test.ts): real runtimes, as slow as the real SDKs
    include: ['test/oracle/**/*.test.ts', 'test/sea.test.ts'],
    setupFiles: ['test/setup/net-guard.ts'],
    reporters: ['default', './test/setup/skip-reporter.ts'],
    testTimeout: 60_000,
    // the Go oracle's first build compiles the SDK sources offline (cached in .cache/go-oracle)
    hookTimeout: 300_000,
    maxWorkers: 2,
  },
});
