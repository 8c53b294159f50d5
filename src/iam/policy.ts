/**
 * The IAM policy document as JSON holds it, and the one reader that turns a parsed value (an
 * object, a JSON string, or the URL-encoded JSON string the IAM API returns) into one.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

/** A string or a list of strings: IAM accepts both for Action, Resource, principals and condition values. */
export type OneOrMany = string | string[];

/** `"*"`, or a map such as `{ "Service": "ecs-tasks.amazonaws.com" }` (trust and resource policies only). */
export type Principal = '*' | Record<string, OneOrMany>;

/** `{ operator: { key: value(s) } }`; values may be strings, numbers or booleans in JSON. */
export type Condition = Record<string, Record<string, unknown>>;

export interface Statement {
  Sid?: string;
  Effect: string;
  Action?: OneOrMany;
  NotAction?: OneOrMany;
  Resource?: OneOrMany;
  NotResource?: OneOrMany;
  Principal?: Principal;
  NotPrincipal?: Principal;
  Condition?: Condition;
}

export interface PolicyDocument {
  Version?: string;
  Statement: Statement | Statement[];
}

/** A document with where it came from: the label evaluations use to name a statement. */
export interface NamedPolicy {
  /** e.g. `inline ReadSecrets`, `AmazonECSTaskExecutionRolePolicy` */
  name: string;
  kind: 'inline' | 'managed';
  /** the managed policy's ARN as written (managed policies only) */
  arn?: string;
  document: PolicyDocument;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The statements of a document in order, whether `Statement` is one object or a list. */
export function statementsOf(doc: PolicyDocument): Statement[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

/** A string-or-list element as a list of its strings (documents come from files: anything else in it is dropped); undefined stays undefined. */
export function listOf(v: OneOrMany | undefined): string[] | undefined {
  const value: unknown = v;
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).filter((s): s is string => typeof s === 'string');
}

/**
 * A policy document from a parsed JSON value, or why not. IAM's API returns documents as
 * URL-encoded JSON (`%7B%22Version%22...`); the AWS CLI decodes them (mirrors boto/botocore
 * botocore/handlers.py json_decode_policies: `json.loads(unquote(value))`), Terraform and
 * CloudFormation hold plain JSON strings or objects. A string that already starts with `{` is
 * parsed as it is, so a `%` inside a plain document is never decoded.
 */
export function documentOf(value: unknown): { document: PolicyDocument } | { problem: string } {
  let v = value;
  if (typeof v === 'string') {
    const text = v.trim();
    try {
      v = JSON.parse(text.startsWith('{') ? text : decodeURIComponent(text));
    } catch {
      return { problem: 'not JSON (nor URL-encoded JSON)' };
    }
  }
  if (!isRecord(v)) return { problem: 'not a JSON object' };
  if (v.Version !== undefined && typeof v.Version !== 'string') return { problem: 'Version is not a string' };
  const st = v.Statement;
  const list = Array.isArray(st) ? st : [st];
  if (st === undefined || !list.every(isRecord)) return { problem: 'Statement is not an object or a list of objects' };
  // the statements' own elements are checked where they are read (evaluate.ts reports a bad one
  // as ignored), so one odd statement does not hide the rest of the document
  return { document: v as unknown as PolicyDocument };
}
