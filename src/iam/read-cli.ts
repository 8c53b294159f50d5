/**
 * One role's policies from AWS CLI outputs: `aws iam get-role`, `get-role-policy` (one per inline
 * policy), `list-attached-role-policies`, and optionally `get-policy-version` documents of
 * customer-managed policies. Shapes: the IAM API reference (GetRole, GetRolePolicy,
 * ListAttachedRolePolicies); the CLI prints the documents decoded, the raw API URL-encoded, and
 * documentOf() reads both.
 */
import { addInline, addManaged, emptyRole, isRecord, type RolePolicies, setTrust, text } from './role-policies.ts';

/**
 * Normalises the CLI outputs of one role. `getRole` is the `{ "Role": {...} }` output (or its
 * `Role` object); get-role-policy outputs of another role are refused with a problem, since
 * list-attached-role-policies prints no role name, those must be the role's own.
 */
export function policiesOf(getRole: unknown, getRolePolicies: readonly unknown[] = [], listAttached: readonly unknown[] = [], customerManaged: Readonly<Record<string, unknown>> = {}): RolePolicies {
  const out = emptyRole();
  const role = isRecord(getRole) && isRecord(getRole.Role) ? getRole.Role : getRole;
  if (isRecord(role)) {
    out.roleName = text(role.RoleName);
    out.roleArn = text(role.Arn);
    setTrust(out, role.AssumeRolePolicyDocument, 'Role.AssumeRolePolicyDocument');
    out.permissionsBoundary = isRecord(role.PermissionsBoundary) ? text(role.PermissionsBoundary.PermissionsBoundaryArn) : undefined;
  } else if (getRole !== undefined) out.problems.push('get-role: not a {"Role": {...}} object');
  for (const [i, p] of getRolePolicies.entries()) {
    const where = `get-role-policy[${i}]`;
    const owner = isRecord(p) ? text(p.RoleName) : undefined;
    if (!isRecord(p) || text(p.PolicyName) === undefined) out.problems.push(`${where}: not a get-role-policy output (no PolicyName)`);
    else if (owner !== undefined && out.roleName !== undefined && owner !== out.roleName) out.problems.push(`${where}: belongs to role ${owner}, not ${out.roleName}`);
    else addInline(out, text(p.PolicyName) ?? '', p.PolicyDocument, `${where}.PolicyDocument`);
  }
  for (const [i, l] of listAttached.entries()) {
    const list = isRecord(l) ? l.AttachedPolicies : undefined;
    if (!Array.isArray(list)) out.problems.push(`list-attached-role-policies[${i}]: no AttachedPolicies list`);
    else
      for (const [j, a] of list.entries()) {
        const arn = isRecord(a) ? text(a.PolicyArn) : undefined;
        if (arn === undefined) out.problems.push(`list-attached-role-policies[${i}].AttachedPolicies[${j}]: no PolicyArn`);
        else addManaged(out, arn, customerManaged);
      }
  }
  return out;
}

/**
 * One role's policies from `aws iam get-account-authorization-details` (one file with roles,
 * their inline and attached policies, and the managed policies' versions): `role` is a role
 * name or ARN. A managed policy's document comes from the file's own default version when it
 * holds one (also for AWS-managed policies listed there), else from src/iam/managed.ts.
 */
export function policiesOfAuthorizationDetails(output: unknown, role: string): RolePolicies {
  const o = isRecord(output) ? output : {};
  const found = (Array.isArray(o.RoleDetailList) ? o.RoleDetailList : []).find((r) => isRecord(r) && (r.RoleName === role || r.Arn === role));
  if (!isRecord(found)) {
    const out = emptyRole();
    out.problems.push(`RoleDetailList: no role ${role}`);
    return out;
  }
  const documents: Record<string, unknown> = {};
  for (const p of Array.isArray(o.Policies) ? o.Policies : []) {
    const versions = isRecord(p) && Array.isArray(p.PolicyVersionList) ? p.PolicyVersionList : [];
    const current = versions.find((v) => isRecord(v) && v.IsDefaultVersion === true);
    const arn = isRecord(p) ? text(p.Arn) : undefined;
    if (arn !== undefined && isRecord(current)) documents[arn] = current.Document;
  }
  const inline = Array.isArray(found.RolePolicyList) ? found.RolePolicyList : [];
  return policiesOf(
    found,
    inline.map((p) => (isRecord(p) ? { ...p, RoleName: found.RoleName } : p)),
    [{ AttachedPolicies: found.AttachedManagedPolicies ?? [] }],
    documents,
  );
}

/** The document of a `get-policy-version` output (`{ "PolicyVersion": { "Document": ... } }`), to pass to policiesOf() keyed by its policy's ARN. */
export function policyVersionDocument(output: unknown): unknown {
  return isRecord(output) && isRecord(output.PolicyVersion) ? output.PolicyVersion.Document : undefined;
}
