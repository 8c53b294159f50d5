/**
 * The strict RFC 3339 date-time check the JS SDK applies to the container endpoint's
 * Expiration (a failure is a TypeError that stops the chain): `Z` only, no offsets, no space.
 * mirrors smithy-lang/smithy-typescript packages/core/src/submodules/serde/date-utils.ts (parseRfc3339DateTime)
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[tT](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?[zZ]$/;

export function parseRfc3339Strict(value: string): Date | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const n = (i: number): number => Number(m[i]);
  const [y, mo, d, h, mi, s] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 31;
  if (d > days) return null;
  const ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
}
