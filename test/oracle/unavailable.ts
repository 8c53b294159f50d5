// What an oracle file does when its real SDK cannot run here (a Debian package missing, or not
// inside a loopback-only network namespace): under CI=true that is a failing test, since .ci/run
// installs the packages and `npm run test:oracle` makes the namespace; elsewhere the file's
// describe.skipIf skips with the reason in its name, which test/setup/skip-reporter.ts prints.
import { describe, it } from 'vitest';

export const NOT_ISOLATED = 'not inside a loopback-only network namespace (run `npm run test:oracle` as root, or `unshare -n sh -c "ip link set lo up; npx vitest run -c vitest.oracle.config.ts ..."`)';

export function oracleUnavailable(what: string, why: string | null, packages: string): void {
  if (why === null || process.env['CI'] !== 'true') return;
  describe(`${what} under CI=true`, () => {
    it(`need ${packages} inside a loopback-only namespace`, () => {
      throw new Error(`${what} cannot run in CI: ${why}. .ci/run installs ${packages}; npm run test:oracle runs them in a loopback-only namespace as root.`);
    });
  });
}
