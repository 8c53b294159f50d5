/** The exit code, as documented: 0 healthy; 1 problems (with --strict, warnings too). Usage and internal errors (2) are the CLI's. */
export function exitCodeOf(ok: boolean, hasWarning: boolean, strict: boolean): number {
  if (!ok) return 1;
  return strict && hasWarning ? 1 : 0;
}
