/** What is known about one role's policies, whichever file it was read from; and how it is filled. */
import { managedPolicy } from './managed.ts';
import { documentOf, type NamedPolicy, type PolicyDocument } from './policy.ts';

export interface RolePolicies {
  roleName?: string;
  roleArn?: string;
  /** the trust policy (AssumeRolePolicyDocument / assume_role_policy), when the input holds it */
  trust?: PolicyDocument;
  /**
   * the ARN of the role's permissions boundary, when it has one: evaluate() does not apply it,
   * so an "allowed" then holds only if the boundary allows the action too
   */
  permissionsBoundary?: string;
  /** inline policies and managed policies whose documents are known, in input order */
  policies: NamedPolicy[];
  /**
   * attached managed policies whose documents are not known here (customer-managed, or an
   * AWS-managed policy src/iam/managed.ts does not carry): while this is not empty an
   * "implicitly-denied" evaluation is only "not allowed by the policies we could read"
   */
  unknownManaged: string[];
  /** what could not be read, each with where (`Role.AssumeRolePolicyDocument: not JSON`) */
  problems: string[];
}

export const emptyRole = (): RolePolicies => ({ policies: [], unknownManaged: [], problems: [] });

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Adds an inline policy document read from `value`, or a problem at `where`. */
export function addInline(into: RolePolicies, name: string, value: unknown, where: string): void {
  const read = documentOf(value);
  if ('problem' in read) into.problems.push(`${where}: ${read.problem}`);
  else into.policies.push({ name: `inline ${name}`, kind: 'inline', document: read.document });
}

/**
 * Adds an attached managed policy by ARN: its document from `known` (customer-managed documents
 * the input also holds, keyed by ARN) or from the AWS-managed copies; otherwise it is unknown.
 */
export function addManaged(into: RolePolicies, arn: string, known: Readonly<Record<string, unknown>> = {}, where = arn): void {
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  if (Object.hasOwn(known, arn)) {
    const read = documentOf(known[arn]);
    if ('problem' in read) into.problems.push(`${where}: ${read.problem}`);
    else into.policies.push({ name, kind: 'managed', arn, document: read.document });
    return;
  }
  const document = managedPolicy(arn);
  if (document) into.policies.push({ name, kind: 'managed', arn, document });
  else into.unknownManaged.push(arn);
}

/** Sets the trust policy from `value`, or a problem at `where`. */
export function setTrust(into: RolePolicies, value: unknown, where: string): void {
  if (value === undefined) return;
  const read = documentOf(value);
  if ('problem' in read) into.problems.push(`${where}: ${read.problem}`);
  else into.trust = read.document;
}
