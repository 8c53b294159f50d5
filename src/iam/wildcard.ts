/**
 * IAM's wildcard matching for Action and Resource elements.
 * - `*` matches any run of characters (also none), `?` exactly one; both match `:` and `/` too:
 *   "If the * wildcard is the last character of a resource ARN segment, it can expand to match
 *   beyond the colon boundaries" and "can expand to replace everything within a segment,
 *   including characters like a forward slash (/)"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 *   The whole ARN is matched as one string, as policy checkers do; a pattern with a wildcard in
 *   the middle of a segment that would need to cross a colon is the one case where IAM's own
 *   segment-wise reading could be narrower, and it is the case IAM advises against writing.
 * - Actions compare case-insensitively, resources (ARNs) case-sensitively
 *   (reference_policies_elements_action.html: "action names are case insensitive").
 * - In a `"Version": "2012-10-17"` document, `${...}` in a resource is a policy variable, except
 *   `${*}`, `${?}` and `${$}`, which stand for those characters literally
 *   (reference_policies_variables.html); an older or absent Version reads `${` literally.
 */

/** A compiled pattern: one entry per character; STAR and ONE are the wildcards, strings are literal code points. */
type Token = typeof STAR | typeof ONE | string;
const STAR = 0;
const ONE = 1;

/** A compiled pattern, or the policy variable that makes it unknowable without the request. */
export type Pattern = { tokens: Token[] } | { variable: string };

/** Compiles a pattern; `variables` is true for resources of a 2012-10-17 document. */
export function compilePattern(pattern: string, variables: boolean, ignoreCase: boolean): Pattern {
  const chars = Array.from(ignoreCase ? pattern.toLowerCase() : pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (variables && c === '$' && chars[i + 1] === '{') {
      const end = chars.indexOf('}', i + 2);
      const name = end < 0 ? undefined : chars.slice(i + 2, end).join('');
      if (name === '*' || name === '?' || name === '$') {
        tokens.push(name);
        i = end;
        continue;
      }
      if (name !== undefined) return { variable: `\${${name}}` };
    }
    tokens.push(c === '*' ? STAR : c === '?' ? ONE : c);
  }
  return { tokens };
}

/**
 * Whether `value` matches the compiled tokens: the linear two-pointer glob walk (on a mismatch
 * after a `*`, the `*` takes one more character), so a hostile pattern cannot make it exponential.
 */
export function matchTokens(tokens: readonly Token[], value: string, ignoreCase: boolean): boolean {
  const v = Array.from(ignoreCase ? value.toLowerCase() : value);
  let p = 0;
  let i = 0;
  let starAt = -1;
  let starValue = 0;
  while (i < v.length) {
    const t = tokens[p];
    if (p < tokens.length && (t === ONE || t === v[i])) {
      p++;
      i++;
    } else if (t === STAR) {
      starAt = p++;
      starValue = i;
    } else if (starAt >= 0) {
      p = starAt + 1;
      i = ++starValue;
    } else return false;
  }
  while (tokens[p] === STAR) p++;
  return p === tokens.length;
}

/** Whether an action (`service:Name`) matches an Action pattern such as `s3:Get*`: case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const compiled = compilePattern(pattern, false, true);
  return 'tokens' in compiled && matchTokens(compiled.tokens, action, true);
}
