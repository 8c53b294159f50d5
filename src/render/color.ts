/** A tiny colour helper: ANSI only when asked for; NO_COLOR and FORCE_COLOR honoured by the caller. */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
}

const wrap =
  (on: boolean, open: number, close: number) =>
  (s: string): string =>
    on ? `\u001b[${open}m${s}\u001b[${close}m` : s;

export function paint(on: boolean): Paint {
  return { red: wrap(on, 31, 39), yellow: wrap(on, 33, 39), green: wrap(on, 32, 39), dim: wrap(on, 2, 22), bold: wrap(on, 1, 22), cyan: wrap(on, 36, 39) };
}

/** Colour decision: --color/--no-color, then NO_COLOR, then FORCE_COLOR, then whether stdout is a TTY. */
export function useColor(flag: boolean | null, env: Record<string, string | undefined>, isTty: boolean): boolean {
  if (flag !== null) return flag;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false';
  return isTty;
}
