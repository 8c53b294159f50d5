/**
 * True when the variable is set to a non-empty value (the test most SDKs apply to a variable).
 * src/gather/env.ts keeps its own copy: the SDK folders do not import gather, nor gather them.
 */
export function nonEmpty(env: Record<string, string>, name: string): boolean {
  const v = env[name];
  return v !== undefined && v !== '';
}
