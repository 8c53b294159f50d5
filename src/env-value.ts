/**
 * True when the variable is set to a non-empty value (the test most SDKs apply to a variable).
 * A leaf beside the layers: gather and the SDK folders both read it, neither imports the other.
 */
export function nonEmpty(env: Record<string, string>, name: string): boolean {
  const v = env[name];
  return v !== undefined && v !== '';
}
