/** Dotted version arithmetic for the version tables of every SDK folder (its rules.ts). */

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when the modelled version is at least `min` (the current release always is). */
export function atLeast(version: string | null, min: string): boolean {
  return version === null || compareVersions(version, min) >= 0;
}
