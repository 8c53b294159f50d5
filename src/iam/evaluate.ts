/**
 * A small, honest evaluator of identity policies for one action on one resource, after the IAM
 * User Guide's "Policy evaluation logic" (reference_policies_evaluation-logic.html) and "The
 * difference between explicit and implicit denies"
 * (reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html): an applicable Deny
 * wins over any Allow; with no applicable Allow the request is implicitly denied.
 *
 * It reads identity-based policies only (no SCPs, permission boundaries, session or resource
 * policies), and it never evaluates a Condition: it has no request context, and a guess would be
 * a lie either way. So a statement whose Condition (or policy variable) decides whether it applies:
 * - Allow: counts as "allowed only if its condition holds": the decision is taken as if the
 *   condition does not hold, and the statement is listed in `conditionsNotEvaluated`;
 * - Deny: is NOT applied (taking it as holding would report denials that may never happen); it
 *   is listed too, with `effect: 'Deny'`, so a caller can say "denied if its condition holds".
 * Only statements that could change the decision are listed: none when an unconditional Deny
 * already decided.
 */
import type { NamedPolicy, PolicyDocument } from './policy.ts';
import { statementsOf } from './policy.ts';
import { statementApplies } from './statement.ts';

export type { NamedPolicy, PolicyDocument, Statement } from './policy.ts';

export type Decision = 'allowed' | 'denied' | 'implicitly-denied';

/** A statement whose Condition or policy variable was not evaluated, and what it depends on. */
export interface NotEvaluated {
  /** e.g. `inline ReadSecrets Statement[1] (AllowRead)` */
  statement: string;
  effect: 'Allow' | 'Deny';
  /** `Operator key` per condition entry (`StringEquals aws:SourceVpce`), or `policy variable ${aws:username}` */
  dependsOn: string[];
}

export interface Evaluation {
  decision: Decision;
  /** statements whose Condition was not evaluated and could change the answer */
  conditionsNotEvaluated: string[];
  /** the same statements with their effect and what they depend on */
  notEvaluated: NotEvaluated[];
  /** the statements that decided: the applicable Deny statements when denied, the applicable Allow statements when allowed */
  decidedBy: string[];
  /** statements IAM would have refused (no Effect, neither Action nor NotAction, a Principal...), with why: they took no part */
  ignored: string[];
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** A statement's label: the policy's name, its index when Statement is a list, and its Sid. */
function labelOf(policy: string, doc: PolicyDocument, index: number, sid: unknown): string {
  const at = Array.isArray(doc.Statement) ? `Statement[${index}]` : 'Statement';
  return `${policy} ${at}${typeof sid === 'string' && sid !== '' ? ` (${sid})` : ''}`;
}

/** evaluate() over policies that carry their names; labels then name the policy. */
export function evaluateNamed(policies: readonly NamedPolicy[], action: string, resource: string): Evaluation {
  const allows: string[] = [];
  const denies: string[] = [];
  const unknown: NotEvaluated[] = [];
  const ignored: string[] = [];
  for (const policy of policies) {
    statementsOf(policy.document).forEach((st, i) => {
      const label = labelOf(policy.name, policy.document, i, isObject(st) ? st.Sid : undefined);
      const r = statementApplies(st, policy.document.Version, action, resource);
      if (r.applies === 'invalid') ignored.push(`${label}: ${r.why}`);
      else if (r.applies === 'unknown') unknown.push({ statement: label, effect: st.Effect === 'Deny' ? 'Deny' : 'Allow', dependsOn: r.why });
      else if (r.applies === 'yes') (st.Effect === 'Deny' ? denies : allows).push(label);
    });
  }
  const decision: Decision = denies.length > 0 ? 'denied' : allows.length > 0 ? 'allowed' : 'implicitly-denied';
  // a conditional Allow cannot change "allowed", nothing changes "denied"
  const notEvaluated = decision === 'denied' ? [] : unknown.filter((u) => decision === 'implicitly-denied' || u.effect === 'Deny');
  return {
    decision,
    conditionsNotEvaluated: notEvaluated.map((u) => u.statement),
    notEvaluated,
    decidedBy: decision === 'denied' ? denies : decision === 'allowed' ? allows : [],
    ignored,
  };
}

/**
 * Whether identity policies allow `action` (e.g. `secretsmanager:GetSecretValue`) on `resource`
 * (an ARN). For an action without resource-level permissions (ecr:GetAuthorizationToken, the
 * ssmmessages channels) pass `*`: only a statement whose Resource is `*` grants those, and the
 * pattern `*` is the only one that matches the text `*`.
 */
export function evaluate(policies: readonly PolicyDocument[], action: string, resource: string): Evaluation {
  return evaluateNamed(
    policies.map((document, i) => ({ name: `policies[${i}]`, kind: 'inline', document })),
    action,
    resource,
  );
}
