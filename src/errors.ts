/** Errors the CLI turns into exit code 2 with a plain message (never a stack trace). */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Text of any thrown value, without its stack. */
export function describeError(e: unknown): string {
  try {
    if (e instanceof Error) {
      const message: unknown = e.message;
      const name: unknown = e.name;
      if (typeof message === 'string' && message !== '') return message;
      return typeof name === 'string' && name !== '' ? name : 'Error';
    }
    return String(e);
  } catch {
    // an object without a usable toString (Object.create(null), a throwing getter)
    return Object.prototype.toString.call(e);
  }
}

/** The `code` a Node or undici error carries, if any. */
export function errorCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const c = (e as { code: unknown }).code;
    if (typeof c === 'string') return c;
  }
  return undefined;
}
