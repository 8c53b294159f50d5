// evaluate(): IAM's evaluation logic over identity policies, as a table of the documented cases
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${...}; these strings are policy text, not templates
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateNamed, type PolicyDocument } from '../../src/iam/evaluate.ts';

const SECRET = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf';
const GET_SECRET = 'secretsmanager:GetSecretValue';
const doc = (...Statement: PolicyDocument['Statement'][]): PolicyDocument => ({ Version: '2012-10-17', Statement: Statement.flat() });

describe('evaluate', () => {
  it('no policy, or nothing that applies: implicitly denied', () => {
    expect(evaluate([], GET_SECRET, SECRET)).toMatchObject({ decision: 'implicitly-denied', decidedBy: [], conditionsNotEvaluated: [] });
    const logsOnly = doc({ Effect: 'Allow', Action: 'logs:*', Resource: '*' });
    expect(evaluate([logsOnly], GET_SECRET, SECRET).decision).toBe('implicitly-denied');
  });

  it('an applicable Allow allows, and says which statement did', () => {
    const p = doc({ Sid: 'Read', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: 'arn:aws:secretsmanager:*:*:secret:prod/*' });
    expect(evaluate([p], GET_SECRET, SECRET)).toEqual({ decision: 'allowed', decidedBy: ['policies[0] Statement[0] (Read)'], conditionsNotEvaluated: [], notEvaluated: [], ignored: [] });
  });

  it('an explicit Deny wins over any Allow, in any policy and any order', () => {
    const allow = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    const deny = doc({ Effect: 'Deny', Action: 'secretsmanager:*', Resource: '*' });
    for (const policies of [
      [allow, deny],
      [deny, allow],
    ])
      expect(evaluate(policies, GET_SECRET, SECRET)).toMatchObject({ decision: 'denied', decidedBy: [expect.stringContaining('Statement[0]')] });
  });

  it('Statement may be one object and Action/Resource single strings', () => {
    const p: PolicyDocument = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: GET_SECRET, Resource: SECRET } };
    expect(evaluate([p], GET_SECRET, SECRET)).toMatchObject({ decision: 'allowed', decidedBy: ['policies[0] Statement'] });
  });

  it('actions compare case-insensitively, resources case-sensitively', () => {
    expect(evaluate([doc({ Effect: 'Allow', Action: 'SECRETSMANAGER:getsecretvalue', Resource: SECRET })], GET_SECRET, SECRET).decision).toBe('allowed');
    expect(evaluate([doc({ Effect: 'Allow', Action: GET_SECRET, Resource: SECRET.toUpperCase() })], GET_SECRET, SECRET).decision).toBe('implicitly-denied');
  });

  it('NotAction allows every action but those listed', () => {
    const p = doc({ Effect: 'Allow', NotAction: ['iam:*', 'secretsmanager:Delete*'], Resource: '*' });
    expect(evaluate([p], GET_SECRET, SECRET).decision).toBe('allowed');
    expect(evaluate([p], 'secretsmanager:DeleteSecret', SECRET).decision).toBe('implicitly-denied');
    expect(evaluate([p], 'iam:PassRole', '*').decision).toBe('implicitly-denied');
  });

  it('NotResource applies to every resource but those listed; a Deny with NotResource fences the rest off', () => {
    const fence = doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'secretsmanager:*', NotResource: 'arn:aws:secretsmanager:*:*:secret:prod/*' });
    expect(evaluate([fence], GET_SECRET, SECRET).decision).toBe('allowed');
    expect(evaluate([fence], GET_SECRET, SECRET.replace('prod/', 'dev/')).decision).toBe('denied');
  });

  it('an Allow with a Condition is reported, and decided as if the condition does not hold', () => {
    const p = doc({ Sid: 'ViaVpce', Effect: 'Allow', Action: GET_SECRET, Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } });
    expect(evaluate([p], GET_SECRET, SECRET)).toEqual({
      decision: 'implicitly-denied',
      decidedBy: [],
      conditionsNotEvaluated: ['policies[0] Statement[0] (ViaVpce)'],
      notEvaluated: [{ statement: 'policies[0] Statement[0] (ViaVpce)', effect: 'Allow', dependsOn: ['StringEquals aws:SourceVpce'] }],
      ignored: [],
    });
    // another, unconditional Allow decides: the conditional one can no longer change the answer
    const plain = doc({ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' });
    expect(evaluate([p, plain], GET_SECRET, SECRET)).toMatchObject({ decision: 'allowed', conditionsNotEvaluated: [] });
  });

  it('a Deny with a Condition is reported and not applied', () => {
    const p = doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(evaluate([p], GET_SECRET, SECRET)).toMatchObject({
      decision: 'allowed',
      decidedBy: ['policies[0] Statement[0]'],
      notEvaluated: [{ statement: 'policies[0] Statement[1]', effect: 'Deny', dependsOn: ['Bool aws:SecureTransport'] }],
    });
    // an unconditional Deny already decided: nothing else can change "denied"
    const denied = doc({ Effect: 'Deny', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(evaluate([denied], GET_SECRET, SECRET)).toMatchObject({ decision: 'denied', conditionsNotEvaluated: [] });
  });

  it('an action without resource-level permissions is asked on *: only Resource "*" grants it', () => {
    const scoped = doc({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: 'arn:aws:ecr:*:*:repository/*' });
    expect(evaluate([scoped], 'ecr:GetAuthorizationToken', '*').decision).toBe('implicitly-denied');
    expect(evaluate([doc({ Effect: 'Allow', Action: 'ecr:*', Resource: '*' })], 'ecr:GetAuthorizationToken', '*').decision).toBe('allowed');
  });

  it('an empty Condition is no condition', () => {
    expect(evaluate([doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: {} })], GET_SECRET, SECRET).decision).toBe('allowed');
  });

  it('a policy variable in Resource is not guessed either, unless a concrete pattern of the statement already matches', () => {
    const p = doc({ Effect: 'Allow', Action: GET_SECRET, Resource: 'arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}/*' });
    expect(evaluate([p], GET_SECRET, SECRET)).toMatchObject({ decision: 'implicitly-denied', notEvaluated: [{ dependsOn: ['policy variable ${aws:PrincipalTag/team}'] }] });
    const both = doc({ Effect: 'Allow', Action: GET_SECRET, Resource: ['arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}/*', SECRET] });
    expect(evaluate([both], GET_SECRET, SECRET)).toMatchObject({ decision: 'allowed', conditionsNotEvaluated: [] });
    // in an old-version document the same text is literal, and simply does not match
    const old: PolicyDocument = { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: GET_SECRET, Resource: 'arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}/*' }] };
    expect(evaluate([old], GET_SECRET, SECRET)).toMatchObject({ decision: 'implicitly-denied', conditionsNotEvaluated: [] });
  });

  it('statements IAM would refuse take no part and are listed with why', () => {
    const bad = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'allow', Action: '*', Resource: '*' },
        { Effect: 'Allow', Resource: '*' },
        { Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' },
        { Effect: 'Allow', Action: '*' },
        { Effect: 'Allow', Action: [1], Resource: '*' },
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: 'yes' },
        null,
      ],
    } as unknown as PolicyDocument;
    const e = evaluate([bad], GET_SECRET, SECRET);
    expect(e.decision).toBe('implicitly-denied');
    expect(e.ignored).toEqual([
      'policies[0] Statement[0]: Effect is not "Allow" or "Deny"',
      'policies[0] Statement[1]: needs exactly one of Action and NotAction',
      'policies[0] Statement[2]: needs exactly one of Action and NotAction',
      'policies[0] Statement[3]: needs exactly one of Resource and NotResource',
      'policies[0] Statement[4]: Action is not a string or a list of strings',
      'policies[0] Statement[5]: an identity policy statement has a Principal',
      'policies[0] Statement[6]: Condition is not an object',
      'policies[0] Statement[7]: not an object',
    ]);
  });

  it('names statements by policy name when the policies carry one', () => {
    const e = evaluateNamed([{ name: 'inline ReadSecrets', kind: 'inline', document: doc({ Effect: 'Allow', Action: GET_SECRET, Resource: '*' }) }], GET_SECRET, SECRET);
    expect(e.decidedBy).toEqual(['inline ReadSecrets Statement[0]']);
  });

  it("the seed's execution role policy pulls images and writes logs, and reads no secret", () => {
    // /work/shared/seeds/000_b59c3ad5828ffb18.txt, "Standard Task Execution Role Policy"
    const seed = doc(
      { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: '*' },
      { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:*:*:*' },
    );
    const stream = 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/my-app:log-stream:ecs/app/1';
    expect(evaluate([seed], 'ecr:BatchGetImage', 'arn:aws:ecr:us-east-1:123456789012:repository/my-app').decision).toBe('allowed');
    expect(evaluate([seed], 'logs:CreateLogStream', stream).decision).toBe('allowed');
    expect(evaluate([seed], GET_SECRET, SECRET).decision).toBe('implicitly-denied');
    expect(evaluate([seed], 'ssm:GetParameters', 'arn:aws:ssm:us-east-1:123456789012:parameter/app/db').decision).toBe('implicitly-denied');
  });
});
