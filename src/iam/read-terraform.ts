/**
 * One role's policies from `terraform show -json` (a plan, or a state): the aws_iam_role's
 * assume_role_policy, inline_policy and managed_policy_arns, and the aws_iam_role_policy,
 * aws_iam_role_policy_attachment and aws_iam_policy_attachment resources that name it, with
 * aws_iam_policy documents for customer-managed ARNs. Attribute names: the AWS provider's
 * resource docs; the JSON layout: Terraform's "JSON Output Format" (planned_values / values,
 * root_module, child_modules, configuration expressions with `references`).
 *
 * In a plan, a value computed at apply time (a role name from name_prefix, a new policy's ARN)
 * is absent from `values`; the link then comes from the configuration's references, which is
 * why resources carry them.
 */
import { addInline, addManaged, emptyRole, isRecord, type RolePolicies, setTrust, text } from './role-policies.ts';

export interface TerraformResource {
  /** e.g. `aws_iam_role.task`, `module.app.aws_iam_role.exec["a"]` */
  address: string;
  type: string;
  values: Record<string, unknown>;
  /** attribute → the addresses its configuration expression refers to (`aws_iam_role.task.name`, `aws_iam_role.task`) */
  references: Record<string, string[]>;
}

/** `module.a.aws_x.b["k"]` → `module.a.aws_x.b`: configuration addresses carry no instance keys. */
const unindexed = (address: string): string => address.replace(/\[[^\]]*\]/g, '');

function collectConfig(module: unknown, prefix: string, into: Map<string, Record<string, string[]>>): void {
  if (!isRecord(module)) return;
  for (const r of Array.isArray(module.resources) ? module.resources : []) {
    if (!isRecord(r) || typeof r.address !== 'string' || !isRecord(r.expressions)) continue;
    const refs: Record<string, string[]> = {};
    for (const [attr, e] of Object.entries(r.expressions)) {
      const list = isRecord(e) ? e.references : undefined;
      if (Array.isArray(list)) refs[attr] = list.filter((x): x is string => typeof x === 'string').map((x) => prefix + x);
    }
    into.set(prefix + r.address, refs);
  }
  const calls = isRecord(module.module_calls) ? module.module_calls : {};
  for (const [name, call] of Object.entries(calls)) if (isRecord(call)) collectConfig(call.module, `${prefix}module.${name}.`, into);
}

function collectValues(module: unknown, config: ReadonlyMap<string, Record<string, string[]>>, into: TerraformResource[]): void {
  if (!isRecord(module)) return;
  for (const r of Array.isArray(module.resources) ? module.resources : []) {
    if (!isRecord(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || r.mode === 'data') continue;
    into.push({ address: r.address, type: r.type, values: isRecord(r.values) ? r.values : {}, references: config.get(unindexed(r.address)) ?? {} });
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) collectValues(child, config, into);
}

/** The managed resources of a `terraform show -json` output (plan: planned_values; state: values), with their configuration references. */
export function terraformResources(json: unknown): TerraformResource[] {
  if (!isRecord(json)) return [];
  const config = new Map<string, Record<string, string[]>>();
  collectConfig(isRecord(json.configuration) ? json.configuration.root_module : undefined, '', config);
  const out: TerraformResource[] = [];
  const values = isRecord(json.planned_values) ? json.planned_values : isRecord(json.values) ? json.values : undefined;
  collectValues(values?.root_module, config, out);
  return out;
}

/** Whether an attribute of `r` names the role: its value equals the role's name, or its expression refers to the role. */
function names(r: TerraformResource, attr: string, roleAddress: string, roleName: string | undefined): boolean {
  const v = r.values[attr];
  const listed = Array.isArray(v) ? v : [v];
  if (roleName !== undefined && listed.includes(roleName)) return true;
  const base = unindexed(roleAddress);
  return (r.references[attr] ?? []).some((ref) => ref === base || ref.startsWith(`${base}.`));
}

/** The aws_iam_policy resources an attribute's expression refers to, keyed by a stand-in ARN when the real one is not known yet. */
function policyArns(r: TerraformResource, attr: string, all: readonly TerraformResource[], docs: Record<string, unknown>): string[] {
  const v = r.values[attr];
  const known = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  for (const ref of r.references[attr] ?? []) {
    const p = all.find((x) => x.type === 'aws_iam_policy' && (ref === unindexed(x.address) || ref.startsWith(`${unindexed(x.address)}.`)));
    if (!p) continue;
    const arn = text(p.values.arn) ?? `{${p.address}.arn}`;
    docs[arn] = p.values.policy;
    if (!known.includes(arn)) known.push(arn);
  }
  return known;
}

/** The policies of the aws_iam_role at `roleAddress` among `resources` (from terraformResources()). */
export function policiesOfTerraformRole(roleAddress: string, resources: readonly TerraformResource[]): RolePolicies {
  const out = emptyRole();
  const role = resources.find((r) => r.address === roleAddress);
  if (role?.type !== 'aws_iam_role') {
    out.problems.push(`${roleAddress}: no aws_iam_role with that address`);
    return out;
  }
  const v = role.values;
  out.roleName = text(v.name);
  out.roleArn = text(v.arn);
  out.permissionsBoundary = text(v.permissions_boundary);
  setTrust(out, v.assume_role_policy, `${roleAddress}.assume_role_policy`);
  (Array.isArray(v.inline_policy) ? v.inline_policy : []).forEach((p, i) => {
    if (isRecord(p) && p.policy !== undefined && p.policy !== '') addInline(out, text(p.name) ?? `#${i}`, p.policy, `${roleAddress}.inline_policy[${i}].policy`);
  });
  // customer-managed documents of aws_iam_policy resources, by ARN (or stand-in ARN)
  const docs: Record<string, unknown> = {};
  for (const p of resources) if (p.type === 'aws_iam_policy' && text(p.values.arn)) docs[text(p.values.arn) ?? ''] = p.values.policy;
  const seen = new Set<string>();
  const attach = (arns: readonly string[], where: string): void => {
    for (const arn of arns.filter((a) => !seen.has(a))) {
      seen.add(arn);
      addManaged(out, arn, docs, where);
    }
  };
  attach(policyArns(role, 'managed_policy_arns', resources, docs), `${roleAddress}.managed_policy_arns`);
  for (const r of resources) {
    if (r.type === 'aws_iam_role_policy' && names(r, 'role', roleAddress, out.roleName)) addInline(out, text(r.values.name) ?? r.address, r.values.policy, `${r.address}.policy`);
    else if (r.type === 'aws_iam_role_policy_attachment' && names(r, 'role', roleAddress, out.roleName)) attach(policyArns(r, 'policy_arn', resources, docs), `${r.address}.policy_arn`);
    else if (r.type === 'aws_iam_policy_attachment' && names(r, 'roles', roleAddress, out.roleName)) attach(policyArns(r, 'policy_arn', resources, docs), `${r.address}.policy_arn`);
  }
  return out;
}
