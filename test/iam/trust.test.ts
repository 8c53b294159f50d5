// trustsEcsTasks(): does a trust policy let ECS tasks assume the role, and is that trust held to
// the account or task (aws:SourceAccount / aws:SourceArn, the confused deputy guard)?
import { describe, expect, it } from 'vitest';
import type { PolicyDocument, Statement } from '../../src/iam/policy.ts';
import { trustsEcsTasks } from '../../src/iam/trust.ts';

const trust = (...Statement: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const ecs = (extra: Partial<Statement> = {}): Statement => ({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', ...extra });

describe('trustsEcsTasks', () => {
  it('the documented task role trust: trusts, without a guard', () => {
    expect(trustsEcsTasks(trust(ecs({ Sid: '' })))).toEqual({ trusts: true, confusedDeputyGuard: false, conditionKeys: [], statements: ['Statement[0]'], anyPrincipal: false, conditionalDenies: [] });
  });

  it('accepts the service in a list, Statement as an object, and Action as a pattern or a list', () => {
    const doc: PolicyDocument = { Statement: { Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, Action: ['sts:TagSession', 'sts:Assume*'] } };
    expect(trustsEcsTasks(doc)).toMatchObject({ trusts: true, statements: ['Statement'] });
  });

  it('does not trust ECS tasks for another service, another action, or a Deny', () => {
    expect(trustsEcsTasks(trust(ecs({ Principal: { Service: 'ecs.amazonaws.com' } }))).trusts).toBe(false);
    expect(trustsEcsTasks(trust(ecs({ Principal: { Service: 'ec2.amazonaws.com' } }))).trusts).toBe(false);
    expect(trustsEcsTasks(trust(ecs({ Action: 'sts:AssumeRoleWithWebIdentity' }))).trusts).toBe(false);
    expect(trustsEcsTasks(trust(ecs(), { Effect: 'Deny', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:*' })).trusts).toBe(false);
    expect(trustsEcsTasks(trust(ecs({ Effect: 'Deny' }))).trusts).toBe(false);
    expect(trustsEcsTasks(trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' })).trusts).toBe(false);
  });

  it('a conditional Deny is reported and not applied', () => {
    const t = trustsEcsTasks(trust(ecs(), { Sid: 'NotThere', Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } } }));
    expect(t).toMatchObject({ trusts: true, conditionalDenies: ['Statement[1] (NotThere)'] });
  });

  it('sees aws:SourceAccount or aws:SourceArn (any case, any operator but Null) as the guard', () => {
    const account = ecs({ Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } });
    const arn = ecs({ Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:us-east-1:111122223333:*' } } });
    const lower = ecs({ Condition: { StringEquals: { 'AWS:SOURCEACCOUNT': ['111122223333'] } } });
    for (const st of [account, arn, lower]) expect(trustsEcsTasks(trust(st))).toMatchObject({ trusts: true, confusedDeputyGuard: true });
    expect(trustsEcsTasks(trust(account)).conditionKeys).toEqual(['aws:SourceAccount']);
  });

  it('is not fooled by a Null test, an all-wildcard value, an unrelated key, or a second unguarded Allow', () => {
    const nullOnly = ecs({ Condition: { Null: { 'aws:SourceArn': 'false' } } });
    const star = ecs({ Condition: { StringLike: { 'aws:SourceAccount': '*' } } });
    const other = ecs({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
    for (const st of [nullOnly, star, other]) expect(trustsEcsTasks(trust(st))).toMatchObject({ trusts: true, confusedDeputyGuard: false });
    const guarded = ecs({ Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } });
    expect(trustsEcsTasks(trust(guarded, ecs()))).toMatchObject({ trusts: true, confusedDeputyGuard: false, statements: ['Statement[0]', 'Statement[1]'] });
    expect(trustsEcsTasks(trust(other)).conditionKeys).toEqual(['aws:SecureTransport']);
  });

  it('a principal of everyone lets ECS in too, and says so', () => {
    expect(trustsEcsTasks(trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }))).toMatchObject({ trusts: true, anyPrincipal: true });
    expect(trustsEcsTasks(trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }))).toMatchObject({ trusts: true, anyPrincipal: true });
  });

  it('never throws on odd statements', () => {
    const odd = { Statement: [null, 'x', { Effect: 'Allow', Principal: 5, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }] } as unknown as PolicyDocument;
    expect(trustsEcsTasks(odd).trusts).toBe(false);
  });
});
