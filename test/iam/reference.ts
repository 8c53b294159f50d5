// Brute-force references the property tests compare src/iam against: written from the IAM
// User Guide's definitions, as plainly as possible, sharing no code with src/iam.

/** `*` any run (also empty), `?` one character; straight recursion over code points (exponential, fine for short strings). */
export function referenceGlob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = Array.from(ignoreCase ? pattern.toLowerCase() : pattern);
  const v = Array.from(ignoreCase ? value.toLowerCase() : value);
  const go = (i: number, j: number): boolean => {
    if (i === p.length) return j === v.length;
    if (p[i] === '*') {
      for (let k = j; k <= v.length; k++) if (go(i + 1, k)) return true;
      return false;
    }
    if (j === v.length) return false;
    return (p[i] === '?' || p[i] === v[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/** The same through a RegExp, a second opinion on the first. */
export function regexGlob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const body = Array.from(pattern)
    .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\/*?]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, ignoreCase ? 'iu' : 'u').test(value);
}

/** A generated, well-formed identity-policy statement, with whether its Condition holds in the world we imagine. */
export interface GenStatement {
  effect: 'Allow' | 'Deny';
  notAction: boolean;
  actions: string[];
  notResource: boolean;
  resources: string[];
  conditional: boolean;
}

/** Whether a statement applies when its condition (if any) is `holds`. */
export function referenceApplies(s: GenStatement, action: string, resource: string, holds: boolean): boolean {
  const a = s.actions.some((p) => referenceGlob(p, action, true));
  const r = s.resources.some((p) => referenceGlob(p, resource, false));
  return (s.notAction ? !a : a) && (s.notResource ? !r : r) && (!s.conditional || holds);
}

/** IAM's decision for the statements when the conditions hold as `holds[i]` says. */
export function referenceDecision(statements: readonly GenStatement[], action: string, resource: string, holds: readonly boolean[]): 'allowed' | 'denied' | 'implicitly-denied' {
  const applying = statements.filter((s, i) => referenceApplies(s, action, resource, holds[i] ?? false));
  if (applying.some((s) => s.effect === 'Deny')) return 'denied';
  return applying.some((s) => s.effect === 'Allow') ? 'allowed' : 'implicitly-denied';
}
