/**
 * Whether a role's trust policy lets ECS tasks assume it: an Allow of `sts:AssumeRole` to the
 * service principal `ecs-tasks.amazonaws.com` (Amazon ECS Developer Guide, task-iam-roles.html
 * and task_execution_IAM_role.html show that trust relationship), and whether that trust is
 * limited to the caller's own account or tasks with `aws:SourceAccount` / `aws:SourceArn`, the
 * cross-service confused deputy guard (IAM User Guide, confused-deputy.html). Conditions are
 * read for their keys only, never evaluated.
 */
import { listOf, type Principal, type Statement, statementsOf, type PolicyDocument } from './policy.ts';
import { actionApplies, conditionEntries } from './statement.ts';

export const ECS_TASKS_PRINCIPAL = 'ecs-tasks.amazonaws.com';
const GUARD_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn']);

export interface EcsTrust {
  /** an Allow lets ECS tasks assume the role and no unconditional Deny refuses them */
  trusts: boolean;
  /** every Allow that lets ECS in is limited by aws:SourceAccount or aws:SourceArn */
  confusedDeputyGuard: boolean;
  /** the condition keys of those Allow statements, as written */
  conditionKeys: string[];
  /** those Allow statements (`Statement[0]`, with Sid when present) */
  statements: string[];
  /** one of them lets any principal (`"*"`) assume the role, ECS included */
  anyPrincipal: boolean;
  /** Deny statements that would refuse ECS if their Condition holds: not applied (conditions are never evaluated) */
  conditionalDenies: string[];
}

/** Whether a Principal element names ECS tasks: the service principal, or everyone. */
function namesEcs(p: Principal | undefined): 'service' | 'anyone' | false {
  if (p === '*') return 'anyone';
  if (typeof p !== 'object' || p === null) return false;
  if ((listOf(p.Service) ?? []).includes(ECS_TASKS_PRINCIPAL)) return 'service';
  return (listOf(p.AWS) ?? []).includes('*') ? 'anyone' : false;
}

/** Whether a statement's principal covers ECS tasks (Principal naming it, or NotPrincipal not naming it). */
function coversEcs(st: Statement): 'service' | 'anyone' | false {
  if (st.Principal !== undefined) return namesEcs(st.Principal);
  return st.NotPrincipal !== undefined && !namesEcs(st.NotPrincipal) ? 'anyone' : false;
}

/** A guard entry: a source key under any operator but `Null` (which tests presence, not value), with a value that is not all wildcards. */
function guards(st: Statement): boolean {
  const c = st.Condition;
  if (typeof c !== 'object' || c === null) return false;
  return Object.entries(c).some(
    ([op, block]) =>
      op.toLowerCase() !== 'null' && typeof block === 'object' && block !== null && Object.entries(block).some(([key, v]) => GUARD_KEYS.has(key.toLowerCase()) && [v].flat().some((x) => typeof x === 'string' && /[^*?]/.test(x))),
  );
}

export function trustsEcsTasks(trust: PolicyDocument): EcsTrust {
  const out: EcsTrust = { trusts: false, confusedDeputyGuard: false, conditionKeys: [], statements: [], anyPrincipal: false, conditionalDenies: [] };
  let denied = false;
  let guarded = true;
  const keys = new Set<string>();
  statementsOf(trust).forEach((st, i) => {
    if (typeof st !== 'object' || st === null) return;
    const who = coversEcs(st);
    if (!who || actionApplies(st, 'sts:AssumeRole') !== true) return;
    const conditions = conditionEntries(st);
    const label = `${Array.isArray(trust.Statement) ? `Statement[${i}]` : 'Statement'}${typeof st.Sid === 'string' && st.Sid ? ` (${st.Sid})` : ''}`;
    if (st.Effect === 'Deny') {
      if (Array.isArray(conditions) && conditions.length === 0) denied = true;
      else out.conditionalDenies.push(label);
    } else if (st.Effect === 'Allow') {
      out.statements.push(label);
      if (who === 'anyone') out.anyPrincipal = true;
      if (!guards(st)) guarded = false;
      for (const entry of Array.isArray(conditions) ? conditions : []) keys.add(entry.slice(entry.indexOf(' ') + 1));
    }
  });
  out.trusts = out.statements.length > 0 && !denied;
  out.confusedDeputyGuard = out.trusts && guarded;
  out.conditionKeys = [...keys].sort();
  return out;
}
