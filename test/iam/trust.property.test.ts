// trustsEcsTasks() against a brute-force reading of generated trust policies: who is trusted
// (service principal lists, "*", NotPrincipal), for which action (wildcards), denied by whom,
// and whether each trusting Allow carries a real aws:SourceAccount / aws:SourceArn guard.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, Principal, Statement } from '../../src/iam/policy.ts';
import { trustsEcsTasks } from '../../src/iam/trust.ts';
import { referenceGlob } from './reference.ts';

const principal: fc.Arbitrary<Principal> = fc.oneof(
  fc.constant('*' as const),
  fc.record({ Service: fc.oneof(fc.constantFrom('ecs-tasks.amazonaws.com', 'ecs.amazonaws.com', 'ec2.amazonaws.com'), fc.subarray(['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com', 'lambda.amazonaws.com'])) }),
  fc.record({ AWS: fc.constantFrom('*', 'arn:aws:iam::111122223333:root', ['arn:aws:iam::111122223333:root', '*']) }),
);
const condition = fc.constantFrom<Condition | undefined>(
  undefined,
  { StringEquals: { 'aws:SourceAccount': '111122223333' } },
  { ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:111122223333:*' } },
  { StringEquals: { 'AWS:SourceAccount': ['111122223333'] } },
  { Null: { 'aws:SourceArn': 'false' } },
  { StringLike: { 'aws:SourceAccount': '*' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  {},
);
const statement = fc.record({
  effect: fc.constantFrom('Allow', 'Deny'),
  not: fc.boolean(),
  principal,
  actions: fc.array(fc.constantFrom('sts:AssumeRole', 'sts:*', '*', 'sts:Assume*', 'STS:assumerole', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:Assume?ole'), { minLength: 1, maxLength: 2 }),
  condition,
});
type Gen = typeof statement extends fc.Arbitrary<infer T> ? T : never;

const toJson = (g: Gen): Statement => ({
  Effect: g.effect,
  ...(g.not ? { NotPrincipal: g.principal } : { Principal: g.principal }),
  Action: g.actions,
  ...(g.condition === undefined ? {} : { Condition: g.condition }),
});

/** Written from the definitions: does the statement speak of ECS tasks assuming the role, and is it guarded? */
function reference(g: Gen): { applies: boolean; anyone: boolean; unconditional: boolean; guarded: boolean } {
  const p = g.principal;
  const values = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
  const everyone = p === '*' || (typeof p === 'object' && values(p.AWS).includes('*'));
  const named = everyone || (typeof p === 'object' && values(p.Service).includes('ecs-tasks.amazonaws.com'));
  const covers = g.not ? !named : named;
  const applies = covers && g.actions.some((a) => referenceGlob(a, 'sts:AssumeRole', true));
  const entries = Object.entries(g.condition ?? {}).flatMap(([op, block]) => Object.entries(block).map(([k, v]) => ({ op, k, v })));
  const guarded = entries.some(({ op, k, v }) => op !== 'Null' && ['aws:sourceaccount', 'aws:sourcearn'].includes(k.toLowerCase()) && values(v).some((x) => typeof x === 'string' && x.replace(/[*?]/g, '') !== ''));
  return { applies, anyone: g.not || everyone, unconditional: entries.length === 0, guarded };
}

describe('trustsEcsTasks agrees with brute force', () => {
  it('on generated trust policies', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 4 }), (gen) => {
        const t = trustsEcsTasks({ Version: '2012-10-17', Statement: gen.map(toJson) });
        const r = gen.map(reference);
        const allows = r.filter((x, i) => x.applies && gen[i]?.effect === 'Allow');
        const blocked = r.some((x, i) => x.applies && x.unconditional && gen[i]?.effect === 'Deny');
        expect(t.trusts).toBe(allows.length > 0 && !blocked);
        expect(t.confusedDeputyGuard).toBe(t.trusts && allows.every((x) => x.guarded));
        expect(t.statements).toEqual(gen.flatMap((g, i) => (r[i]?.applies && g.effect === 'Allow' ? [`Statement[${i}]`] : [])));
        expect(t.anyPrincipal).toBe(allows.some((x) => x.anyone));
        expect(t.conditionalDenies).toEqual(gen.flatMap((g, i) => (r[i]?.applies && !r[i]?.unconditional && g.effect === 'Deny' ? [`Statement[${i}]`] : [])));
      }),
      { numRuns: 1500 },
    );
  });
});
