/**
 * One role's policies from a CloudFormation (or CDK-synthesised) template: the AWS::IAM::Role's
 * AssumeRolePolicyDocument, Policies and ManagedPolicyArns, and the AWS::IAM::Policy,
 * AWS::IAM::RolePolicy and AWS::IAM::ManagedPolicy resources that name the role (CDK puts a
 * role's grants in a separate `...DefaultPolicy` AWS::IAM::Policy). Property names: the
 * CloudFormation Template Reference for those four resource types.
 *
 * Intrinsics are resolved where the template alone says what they are (Fn::Join, Fn::Sub, pseudo
 * parameters the caller knows, Ref of a managed policy of the same template); anything else
 * becomes a token such as `{Ref:AppSecret}` or `{GetAtt:LogGroup.Arn}`. A token has no wildcard,
 * so it matches only itself or a pattern that matches anything there: build the request's
 * resource with cfnText() from the task definition's own intrinsic, and read an
 * "implicitly-denied" against a token as "not shown to be allowed" (hasCfnToken()).
 */
import { addInline, addManaged, emptyRole, isRecord, type RolePolicies, setTrust, text } from './role-policies.ts';

/** What the caller knows of the stack: pseudo parameters and a resolver for Ref / Fn::GetAtt. */
export interface CfnContext {
  partition?: string;
  region?: string;
  accountId?: string;
  /** a Ref (`attribute` undefined) or Fn::GetAtt the caller can turn into a string */
  resolve?: (logicalId: string, attribute: string | undefined) => string | undefined;
}

const TOKEN = /\{(?:Ref|GetAtt|Fn::[A-Za-z]+):[^{}]*\}/;

/** Whether a string holds an unresolved template token (see the file comment). */
export const hasCfnToken = (s: string): boolean => TOKEN.test(s);

function reference(name: string, ctx: CfnContext): string {
  const pseudo: Record<string, string | undefined> = { 'AWS::Partition': ctx.partition, 'AWS::Region': ctx.region, 'AWS::AccountId': ctx.accountId, 'AWS::URLSuffix': ctx.partition === 'aws' ? 'amazonaws.com' : undefined };
  const dot = name.indexOf('.');
  if (name.startsWith('AWS::')) return pseudo[name] ?? `{Ref:${name}}`;
  if (dot < 0) return ctx.resolve?.(name, undefined) ?? `{Ref:${name}}`;
  return ctx.resolve?.(name.slice(0, dot), name.slice(dot + 1)) ?? `{GetAtt:${name}}`;
}

/** A template value as a string: literals as they are, intrinsics resolved or turned into tokens. */
export function cfnText(value: unknown, ctx: CfnContext = {}): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isRecord(value)) return '{Fn::Unknown:}';
  const [fn, arg] = Object.entries(value)[0] ?? ['', undefined];
  if (fn === 'Ref' && typeof arg === 'string') return reference(arg, ctx);
  if (fn === 'Fn::GetAtt') {
    const parts = Array.isArray(arg) ? arg.map(String) : typeof arg === 'string' ? [arg] : [];
    return reference(parts.join('.'), ctx);
  }
  if (fn === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) return arg[1].map((v) => cfnText(v, ctx)).join(arg[0]);
  if (fn === 'Fn::Sub') {
    const [template, vars] = Array.isArray(arg) ? arg : [arg, {}];
    if (typeof template !== 'string') return '{Fn::Sub:}';
    // ${!Name} is a literal ${Name}; ${Name} a variable of the map, a pseudo parameter, or a Ref / GetAtt
    return template.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      return isRecord(vars) && Object.hasOwn(vars, name) ? cfnText(vars[name], ctx) : reference(name, ctx);
    });
  }
  return `{${fn}:}`;
}

/** A policy document with every intrinsic inside it replaced by cfnText(); lists stay lists. */
function resolveDocument(value: unknown, ctx: CfnContext): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveDocument(v, ctx));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]?.startsWith('Fn::'))) return cfnText(value, ctx);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDocument(v, ctx)]));
}

/** Whether a template value refers to the resource `logicalId` (Ref, or GetAtt of any attribute). */
function refersTo(v: unknown, logicalId: string): boolean {
  if (!isRecord(v)) return false;
  if (v.Ref === logicalId) return true;
  const at = v['Fn::GetAtt'];
  return Array.isArray(at) ? at[0] === logicalId : typeof at === 'string' && at.split('.')[0] === logicalId;
}

/**
 * The policies of the AWS::IAM::Role `logicalId` of `resources` (a template's `Resources`).
 * The result's roleName is the RoleName property when the template sets one.
 */
export function policiesOfCfnRole(logicalId: string, resources: Readonly<Record<string, unknown>>, ctx: CfnContext = {}): RolePolicies {
  const out = emptyRole();
  const role = resources[logicalId];
  const props = isRecord(role) && isRecord(role.Properties) ? role.Properties : undefined;
  if (!isRecord(role) || role.Type !== 'AWS::IAM::Role') {
    out.problems.push(`Resources.${logicalId}: not an AWS::IAM::Role`);
    return out;
  }
  const at = `Resources.${logicalId}.Properties`;
  if (props?.RoleName !== undefined) out.roleName = cfnText(props.RoleName, ctx);
  out.roleArn = reference(`${logicalId}.Arn`, ctx);
  if (props?.PermissionsBoundary !== undefined) out.permissionsBoundary = cfnText(props.PermissionsBoundary, ctx);
  if (props?.ManagedPolicyArns !== undefined && !Array.isArray(props.ManagedPolicyArns)) out.problems.push(`${at}.ManagedPolicyArns: not a list (${cfnText(props.ManagedPolicyArns, ctx)})`);
  setTrust(out, resolveDocument(props?.AssumeRolePolicyDocument, ctx), `${at}.AssumeRolePolicyDocument`);
  (Array.isArray(props?.Policies) ? props.Policies : []).forEach((p, i) => {
    const name = isRecord(p) ? cfnText(p.PolicyName, ctx) : '';
    addInline(out, name, isRecord(p) ? resolveDocument(p.PolicyDocument, ctx) : undefined, `${at}.Policies[${i}].PolicyDocument`);
  });
  const managedHere: Record<string, unknown> = {};
  (Array.isArray(props?.ManagedPolicyArns) ? props.ManagedPolicyArns : []).forEach((a, i) => {
    const local = isRecord(a) && typeof a.Ref === 'string' ? resources[a.Ref] : undefined;
    if (isRecord(local) && local.Type === 'AWS::IAM::ManagedPolicy' && isRecord(local.Properties)) {
      const arn = `{Ref:${String(a.Ref)}}`;
      managedHere[arn] = resolveDocument(local.Properties.PolicyDocument, ctx);
      addManaged(out, arn, managedHere, `Resources.${String(a.Ref)}.Properties.PolicyDocument`);
    } else addManaged(out, cfnText(a, ctx), {}, `${at}.ManagedPolicyArns[${i}]`);
  });
  for (const [id, r] of Object.entries(resources)) {
    if (!isRecord(r) || !isRecord(r.Properties) || id === logicalId) continue;
    const p = r.Properties;
    const names = r.Type === 'AWS::IAM::RolePolicy' ? [p.RoleName] : Array.isArray(p.Roles) ? p.Roles : [];
    const mine = names.some((n) => refersTo(n, logicalId) || (out.roleName !== undefined && n === out.roleName));
    if (!mine || (r.Type !== 'AWS::IAM::Policy' && r.Type !== 'AWS::IAM::RolePolicy' && r.Type !== 'AWS::IAM::ManagedPolicy')) continue;
    const where = `Resources.${id}.Properties.PolicyDocument`;
    if (r.Type !== 'AWS::IAM::ManagedPolicy') addInline(out, text(cfnText(p.PolicyName, ctx)) ?? id, resolveDocument(p.PolicyDocument, ctx), where);
    else if (!Object.hasOwn(managedHere, `{Ref:${id}}`)) addManaged(out, `{Ref:${id}}`, { [`{Ref:${id}}`]: resolveDocument(p.PolicyDocument, ctx) }, where);
  }
  return out;
}
