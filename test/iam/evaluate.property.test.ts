// evaluate() against a brute-force IAM (test/iam/reference.ts) over generated statement sets,
// actions and resources: the decision, and what "conditions not evaluated" promises, checked by
// trying every truth assignment of the conditions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type PolicyDocument, type Statement } from '../../src/iam/evaluate.ts';
import { type GenStatement, referenceDecision } from './reference.ts';

const ACTIONS = ['secretsmanager:GetSecretValue', 'ssm:GetParameters', 'logs:CreateLogStream', 'ecr:BatchGetImage', 'ssmmessages:OpenDataChannel', 'kms:Decrypt'];
const RESOURCES = [
  'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf',
  'arn:aws:secretsmanager:us-east-1:111122223333:secret:dev/db-XyZ012',
  'arn:aws:ssm:us-east-1:111122223333:parameter/app/db',
  'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:log-stream:a/b',
  '*',
];
// patterns built from pieces of the requests, so that some match, some nearly match, some differ only in case
const actionPattern = fc.oneof(
  fc.constantFrom('*', 'secretsmanager:*', 'secretsmanager:Get*', 'SecretsManager:getsecretvalue', 'ssm:Get*', 'ssm:GetParameter', 'ssm:GetParameter?', 'ssm*', 'logs:Create*', 'ecr:*Image', 'kms:*', 's3:*'),
  fc.constantFrom(...ACTIONS).chain((a) => fc.nat(a.length).map((n) => `${a.slice(0, n)}*`)),
  fc.constantFrom(...ACTIONS).chain((a) => fc.nat(Math.max(0, a.length - 1)).map((n) => `${a.slice(0, n)}?${a.slice(n + 1)}`)),
);
const resourcePattern = fc.oneof(
  fc.constantFrom('*', 'arn:aws:secretsmanager:*:*:secret:prod/*', 'arn:aws:secretsmanager:*', 'arn:aws:SECRETSMANAGER:*', 'arn:aws:ssm:*:*:parameter/app/*', 'arn:aws:logs:*:*:*', 'arn:aws:*:*:111122223333:*', '*/db*', 'arn:aws:s3:::b/*'),
  fc.constantFrom(...RESOURCES).chain((r) => fc.nat(r.length).map((n) => `${r.slice(0, n)}*`)),
  fc.constantFrom(...RESOURCES).chain((r) => fc.nat(Math.max(0, r.length - 1)).map((n) => `${r.slice(0, n)}?${r.slice(n + 1)}`)),
);
const statement: fc.Arbitrary<GenStatement> = fc.record({
  effect: fc.constantFrom('Allow' as const, 'Deny' as const),
  notAction: fc.boolean(),
  actions: fc.array(actionPattern, { minLength: 1, maxLength: 3 }),
  notResource: fc.boolean(),
  resources: fc.array(resourcePattern, { minLength: 1, maxLength: 3 }),
  conditional: fc.boolean(),
});

/** The generated statement as IAM JSON, in either of the string / list forms IAM accepts. */
const toJson = (s: GenStatement, i: number, single: boolean): Statement => {
  const one = (l: string[]): string | string[] => (single && l.length === 1 ? (l[0] ?? '') : l);
  return {
    Sid: `S${i}`,
    Effect: s.effect,
    ...(s.notAction ? { NotAction: one(s.actions) } : { Action: one(s.actions) }),
    ...(s.notResource ? { NotResource: one(s.resources) } : { Resource: one(s.resources) }),
    ...(s.conditional ? { Condition: { StringEquals: { 'aws:PrincipalTag/team': `t${i}` } } } : {}),
  };
};

/** Splits the statements over up to three documents (Statement as an object when alone). */
const documents = (statements: GenStatement[], cuts: number[], single: boolean): { docs: PolicyDocument[]; labels: string[] } => {
  const docs: PolicyDocument[] = [];
  const labels: string[] = [];
  let at = 0;
  for (const n of [...cuts, statements.length]) {
    const part = statements.slice(at, Math.max(at, n));
    if (part.length === 0) continue;
    const asObject = single && part.length === 1;
    const json = part.map((s, k) => toJson(s, at + k, single));
    docs.push({ Version: '2012-10-17', Statement: asObject ? (json[0] as Statement) : json });
    part.forEach((_, k) => void labels.push(`policies[${docs.length - 1}] ${asObject ? 'Statement' : `Statement[${k}]`} (S${at + k})`));
    at += part.length;
  }
  return { docs, labels };
};

const world = fc.record({
  statements: fc.array(statement, { maxLength: 6 }),
  cuts: fc.array(fc.nat(6), { maxLength: 2 }).map((c) => c.sort((a, b) => a - b)),
  single: fc.boolean(),
  action: fc.constantFrom(...ACTIONS, 'SSM:GETPARAMETERS'),
  resource: fc.constantFrom(...RESOURCES),
});

describe('evaluate() agrees with brute force', () => {
  it('decides as IAM would if no condition held, lists exactly the statements whose condition could change that, and names the deciders', () => {
    fc.assert(
      fc.property(world, ({ statements, cuts, single, action, resource }) => {
        const { docs, labels } = documents(statements, cuts, single);
        const e = evaluate(docs, action, resource);
        const none = statements.map(() => false);
        expect(e.decision).toBe(referenceDecision(statements, action, resource, none));
        expect(e.ignored).toEqual([]);

        // a statement is listed iff making its condition alone hold changes the decision
        const changes = statements.map(
          (s, i) =>
            s.conditional &&
            referenceDecision(
              statements,
              action,
              resource,
              none.map((_, j) => j === i),
            ) !== e.decision,
        );
        expect(e.conditionsNotEvaluated).toEqual(labels.filter((_, i) => changes[i]));
        expect(e.notEvaluated.map((n) => n.effect)).toEqual(statements.filter((_, i) => changes[i]).map((s) => s.effect));

        // nothing listed: no truth assignment of the conditions changes the decision
        const conditional = statements.flatMap((s, i) => (s.conditional ? [i] : []));
        if (e.conditionsNotEvaluated.length === 0 && conditional.length <= 6) {
          for (let mask = 0; mask < 1 << conditional.length; mask++) {
            const holds = statements.map((_, i) => conditional.includes(i) && (mask & (1 << conditional.indexOf(i))) !== 0);
            expect(referenceDecision(statements, action, resource, holds)).toBe(e.decision);
          }
        }

        // deciders: every unconditional statement of the deciding effect that applies
        const effect = e.decision === 'denied' ? 'Deny' : e.decision === 'allowed' ? 'Allow' : undefined;
        const deciders = labels.filter((_, i) => {
          const s = statements[i];
          return s !== undefined && effect !== undefined && s.effect === effect && !s.conditional && referenceDecision([s], action, resource, [false]) !== 'implicitly-denied';
        });
        expect(e.decidedBy).toEqual(deciders);
      }),
      { numRuns: 1000 },
    );
  });

  it('adding an unconditional Deny of everything always denies; an Allow of everything allows unless something denies', () => {
    fc.assert(
      fc.property(world, ({ statements, cuts, single, action, resource }) => {
        const { docs } = documents(statements, cuts, single);
        const denyAll: PolicyDocument = { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } };
        const allowAll: PolicyDocument = { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
        expect(evaluate([...docs, denyAll], action, resource).decision).toBe('denied');
        const before = evaluate(docs, action, resource).decision;
        expect(evaluate([allowAll, ...docs], action, resource).decision).toBe(before === 'denied' ? 'denied' : 'allowed');
      }),
      { numRuns: 500 },
    );
  });
});
