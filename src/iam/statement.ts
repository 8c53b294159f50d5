/**
 * One statement against one request: whether it applies (yes, no, or unknown because a
 * Condition or a policy variable needs the request's context, which we never guess).
 * Element semantics: reference_policies_elements_action.html, _notaction.html, _resource.html,
 * _notresource.html, _condition.html of the IAM User Guide
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/).
 */
import { listOf, type OneOrMany, type Statement } from './policy.ts';
import { actionMatches, compilePattern, matchTokens } from './wildcard.ts';

/** `yes`/`no`, or `unknown` with what would decide it (condition keys, policy variables). */
export type Applies = { applies: 'yes' | 'no' } | { applies: 'unknown'; why: string[] } | { applies: 'invalid'; why: string };

const strings = (v: unknown): v is OneOrMany => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string'));

/** The one of `a`/`b` a statement holds (IAM requires exactly one), or why it is unreadable. */
function exactlyOne(st: Statement, a: 'Action' | 'Resource', b: 'NotAction' | 'NotResource'): { list: string[]; not: boolean } | string {
  const has = (k: keyof Statement): boolean => st[k] !== undefined;
  if (has(a) === has(b)) return `needs exactly one of ${a} and ${b}`;
  const key = has(a) ? a : b;
  const v: unknown = st[key];
  if (!strings(v)) return `${key} is not a string or a list of strings`;
  return { list: listOf(v) ?? [], not: key === b };
}

/** Whether the statement's Action/NotAction covers `action` (case-insensitive); a string says why the statement is unreadable. */
export function actionApplies(st: Statement, action: string): boolean | string {
  const el = exactlyOne(st, 'Action', 'NotAction');
  if (typeof el === 'string') return el;
  return el.list.some((p) => actionMatches(p, action)) !== el.not;
}

/** The condition entries (`Operator key`) of a statement; empty when it has none (`{}` is none). */
export function conditionEntries(st: Statement): string[] | string {
  const c: unknown = st.Condition;
  if (c === undefined) return [];
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return 'Condition is not an object';
  const out: string[] = [];
  for (const [op, block] of Object.entries(c)) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) return `Condition ${op} is not an object`;
    for (const key of Object.keys(block)) out.push(`${op} ${key}`);
  }
  return out;
}

/** Whether an identity-policy statement applies to `action` on `resource`. */
export function statementApplies(st: Statement, version: string | undefined, action: string, resource: string): Applies {
  if (typeof st !== 'object' || st === null || Array.isArray(st)) return { applies: 'invalid', why: 'not an object' };
  if (st.Effect !== 'Allow' && st.Effect !== 'Deny') return { applies: 'invalid', why: 'Effect is not "Allow" or "Deny"' };
  // an identity policy names no principal: IAM refuses such a document, so we do not read it as one
  if (st.Principal !== undefined || st.NotPrincipal !== undefined) return { applies: 'invalid', why: 'an identity policy statement has a Principal' };
  const act = actionApplies(st, action);
  if (typeof act === 'string') return { applies: 'invalid', why: act };
  const res = exactlyOne(st, 'Resource', 'NotResource');
  if (typeof res === 'string') return { applies: 'invalid', why: res };
  const conditions = conditionEntries(st);
  if (typeof conditions === 'string') return { applies: 'invalid', why: conditions };
  if (!act) return { applies: 'no' };
  const variables = version === '2012-10-17';
  let listed = false;
  const unknown: string[] = [];
  for (const p of res.list) {
    const c = compilePattern(p, variables, false);
    if ('variable' in c) unknown.push(`policy variable ${c.variable}`);
    else if (matchTokens(c.tokens, resource, false)) listed = true;
  }
  // Resource: a concrete match applies whatever a variable would say; NotResource: a concrete match excludes
  if (res.not ? listed : !listed && unknown.length === 0) return { applies: 'no' };
  if (listed) unknown.length = 0;
  const why = [...unknown, ...conditions];
  return why.length === 0 ? { applies: 'yes' } : { applies: 'unknown', why };
}
