// Readers of one role's policies: AWS CLI outputs (decoded as the CLI prints them, URL-encoded
// as the IAM API returns them), a CDK-style CloudFormation template, and `terraform show -json`.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub templates are ${...} text
import { describe, expect, it } from 'vitest';
import { evaluateNamed } from '../../src/iam/evaluate.ts';
import { cfnText, documentOf, hasCfnToken, policiesOf, policiesOfAuthorizationDetails, policiesOfCfnRole, policiesOfTerraformRole, policyVersionDocument, terraformResources } from '../../src/iam/read.ts';
import { trustsEcsTasks } from '../../src/iam/trust.ts';

const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const SECRET = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf';
const READ_SECRET = { Version: '2012-10-17', Statement: [{ Sid: 'Secret', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/*' }] };
const EXEC_ARN = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

describe('documentOf', () => {
  it('reads an object, a JSON string, and URL-encoded JSON; a plain document keeps its % signs', () => {
    const withPercent = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/100%25' }] };
    expect(documentOf(TRUST)).toEqual({ document: TRUST });
    expect(documentOf(JSON.stringify(withPercent))).toEqual({ document: withPercent });
    expect(documentOf(encodeURIComponent(JSON.stringify(TRUST)))).toEqual({ document: TRUST });
  });

  it('says why it cannot read a value', () => {
    expect(documentOf('%7B%ZZ')).toEqual({ problem: 'not JSON (nor URL-encoded JSON)' });
    expect(documentOf('[1]')).toEqual({ problem: 'not a JSON object' });
    expect(documentOf([TRUST])).toEqual({ problem: 'not a JSON object' });
    expect(documentOf({ Version: 2012 })).toEqual({ problem: 'Version is not a string' });
    expect(documentOf({ Version: '2012-10-17' })).toEqual({ problem: 'Statement is not an object or a list of objects' });
    expect(documentOf({ Statement: [TRUST.Statement[0], 'x'] })).toEqual({ problem: 'Statement is not an object or a list of objects' });
  });
});

describe('policiesOf (aws iam get-role, get-role-policy, list-attached-role-policies)', () => {
  const getRole = { Role: { Path: '/', RoleName: 'app-exec', RoleId: 'AROAEXAMPLE', Arn: 'arn:aws:iam::111122223333:role/app-exec', CreateDate: '2026-01-01T00:00:00+00:00', AssumeRolePolicyDocument: TRUST } };
  const inline = { RoleName: 'app-exec', PolicyName: 'secrets', PolicyDocument: READ_SECRET };
  const attached = {
    AttachedPolicies: [
      { PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: EXEC_ARN },
      { PolicyName: 'kms', PolicyArn: 'arn:aws:iam::111122223333:policy/kms' },
    ],
  };

  it('normalises the CLI outputs into the role, its trust, its known policies and the unknown ones', () => {
    const r = policiesOf(getRole, [inline], [attached]);
    expect(r).toMatchObject({ roleName: 'app-exec', roleArn: 'arn:aws:iam::111122223333:role/app-exec', trust: TRUST, unknownManaged: ['arn:aws:iam::111122223333:policy/kms'], problems: [] });
    expect(r.policies.map((p) => [p.name, p.kind, p.arn])).toEqual([
      ['inline secrets', 'inline', undefined],
      ['AmazonECSTaskExecutionRolePolicy', 'managed', EXEC_ARN],
    ]);
    expect(evaluateNamed(r.policies, 'secretsmanager:GetSecretValue', SECRET).decidedBy).toEqual(['inline secrets Statement[0] (Secret)']);
    expect(evaluateNamed(r.policies, 'ecr:BatchGetImage', '*').decidedBy).toEqual(['AmazonECSTaskExecutionRolePolicy Statement[0]']);
  });

  it('reads the URL-encoded documents of the raw API, and customer-managed documents from get-policy-version', () => {
    const raw = { Role: { ...getRole.Role, AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(TRUST)) } };
    const rawInline = { ...inline, PolicyDocument: encodeURIComponent(JSON.stringify(READ_SECRET)) };
    const version = { PolicyVersion: { Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }, VersionId: 'v2', IsDefaultVersion: true } };
    const r = policiesOf(raw, [rawInline], [attached], { 'arn:aws:iam::111122223333:policy/kms': policyVersionDocument(version) });
    expect(r.trust).toEqual(TRUST);
    expect(r.unknownManaged).toEqual([]);
    expect(evaluateNamed(r.policies, 'kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/k').decidedBy).toEqual(['kms Statement[0]']);
    expect(trustsEcsTasks(r.trust ?? { Statement: [] }).trusts).toBe(true);
  });

  it('refuses another role’s inline policy and says what it could not read', () => {
    const r = policiesOf(getRole.Role, [{ ...inline, RoleName: 'other' }, { PolicyName: 'bad', PolicyDocument: '%7Bnope' }, { nope: 1 }], [{ AttachedPolicies: [{ PolicyName: 'x' }] }, {}]);
    expect(r.policies).toEqual([]);
    expect(r.problems).toEqual([
      'get-role-policy[0]: belongs to role other, not app-exec',
      'get-role-policy[1].PolicyDocument: not JSON (nor URL-encoded JSON)',
      'get-role-policy[2]: not a get-role-policy output (no PolicyName)',
      'list-attached-role-policies[0].AttachedPolicies[0]: no PolicyArn',
      'list-attached-role-policies[1]: no AttachedPolicies list',
    ]);
    expect(policiesOf('nope').problems).toEqual(['get-role: not a {"Role": {...}} object']);
  });
});

describe('policiesOfAuthorizationDetails (aws iam get-account-authorization-details)', () => {
  const details = {
    RoleDetailList: [
      { RoleName: 'other', Arn: 'arn:aws:iam::111122223333:role/other', AssumeRolePolicyDocument: TRUST, RolePolicyList: [], AttachedManagedPolicies: [] },
      {
        RoleName: 'app-exec',
        Arn: 'arn:aws:iam::111122223333:role/app-exec',
        AssumeRolePolicyDocument: TRUST,
        PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary' },
        RolePolicyList: [{ PolicyName: 'secrets', PolicyDocument: READ_SECRET }],
        AttachedManagedPolicies: [
          { PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: EXEC_ARN },
          { PolicyName: 'kms', PolicyArn: 'arn:aws:iam::111122223333:policy/kms' },
          { PolicyName: 'gone', PolicyArn: 'arn:aws:iam::111122223333:policy/gone' },
        ],
      },
    ],
    Policies: [
      {
        PolicyName: 'kms',
        Arn: 'arn:aws:iam::111122223333:policy/kms',
        PolicyVersionList: [
          { VersionId: 'v1', IsDefaultVersion: false, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
          { VersionId: 'v2', IsDefaultVersion: true, Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] } },
        ],
      },
    ],
  };

  it('finds the role by name or ARN and reads its policies, managed documents from the default versions in the file', () => {
    for (const role of ['app-exec', 'arn:aws:iam::111122223333:role/app-exec']) {
      const r = policiesOfAuthorizationDetails(details, role);
      expect(r).toMatchObject({ roleName: 'app-exec', permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary', trust: TRUST, unknownManaged: ['arn:aws:iam::111122223333:policy/gone'], problems: [] });
      expect(r.policies.map((p) => p.name)).toEqual(['inline secrets', 'AmazonECSTaskExecutionRolePolicy', 'kms']);
      expect(evaluateNamed(r.policies, 'kms:Decrypt', '*').decision).toBe('allowed');
      expect(evaluateNamed(r.policies, 's3:GetObject', '*').decision).toBe('implicitly-denied');
    }
    expect(policiesOfAuthorizationDetails(details, 'nope').problems).toEqual(['RoleDetailList: no role nope']);
    expect(policiesOfAuthorizationDetails(undefined, 'x').problems).toEqual(['RoleDetailList: no role x']);
  });
});

describe('policiesOfCfnRole (CloudFormation / CDK)', () => {
  // the shape `cdk synth` gives a FargateTaskDefinition's execution role: the grants live in a
  // separate ...DefaultPolicy, ARNs are intrinsics
  const resources = {
    ExecRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST, PermissionsBoundary: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/boundary' } } },
    ExecRoleDefaultPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'ExecRoleDefaultPolicy',
        Roles: [{ Ref: 'ExecRole' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
              Effect: 'Allow',
              Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':repository/app']] },
            },
            { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
            { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['AppLogGroup', 'Arn'] } },
            { Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'], Effect: 'Allow', Resource: { Ref: 'DbSecret' } },
          ],
        },
      },
    },
    Ssm: {
      Type: 'AWS::IAM::RolePolicy',
      Properties: {
        RoleName: { Ref: 'ExecRole' },
        PolicyName: 'params',
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*' } }] },
      },
    },
    Kms: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] } } },
    TaskRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'app-task',
        AssumeRolePolicyDocument: TRUST,
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }, { Ref: 'Kms' }, { 'Fn::ImportValue': 'shared-policy' }],
        Policies: [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] } }],
      },
    },
    OtherPolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'other', Roles: [{ Ref: 'SomeoneElse' }], PolicyDocument: { Statement: [] } } },
  };

  it('gathers the role’s trust, its inline policies and the policy resources naming it; tokens stand for what the template cannot say', () => {
    const r = policiesOfCfnRole('ExecRole', resources);
    expect(r).toMatchObject({ roleArn: '{GetAtt:ExecRole.Arn}', permissionsBoundary: 'arn:{Ref:AWS::Partition}:iam::{Ref:AWS::AccountId}:policy/boundary', trust: TRUST, unknownManaged: [], problems: [] });
    expect(r.policies.map((p) => p.name)).toEqual(['inline ExecRoleDefaultPolicy', 'inline params']);
    // the request's resource, built from the task definition's own intrinsic, meets the same token
    expect(evaluateNamed(r.policies, 'secretsmanager:GetSecretValue', cfnText({ Ref: 'DbSecret' })).decision).toBe('allowed');
    expect(evaluateNamed(r.policies, 'secretsmanager:GetSecretValue', cfnText({ Ref: 'OtherSecret' })).decision).toBe('implicitly-denied');
    expect(evaluateNamed(r.policies, 'logs:CreateLogStream', cfnText({ 'Fn::GetAtt': 'AppLogGroup.Arn' })).decision).toBe('allowed');
    expect(hasCfnToken(cfnText({ Ref: 'DbSecret' }))).toBe(true);
    expect(hasCfnToken(SECRET)).toBe(false);
  });

  it('resolves pseudo parameters the caller knows, Fn::Join and Fn::Sub', () => {
    const ctx = { partition: 'aws', region: 'us-east-1', accountId: '111122223333' };
    const r = policiesOfCfnRole('ExecRole', resources, ctx);
    expect(evaluateNamed(r.policies, 'ecr:BatchGetImage', 'arn:aws:ecr:us-east-1:111122223333:repository/app').decision).toBe('allowed');
    expect(evaluateNamed(r.policies, 'ssm:GetParameters', 'arn:aws:ssm:us-east-1:111122223333:parameter/app/db').decision).toBe('allowed');
    expect(cfnText({ 'Fn::Sub': ['${Base}/${!Literal}-${AWS::Region}', { Base: { Ref: 'Bucket' } }] }, { ...ctx, resolve: (id) => (id === 'Bucket' ? 'arn:aws:s3:::b' : undefined) })).toBe('arn:aws:s3:::b/${Literal}-us-east-1');
    expect(cfnText({ 'Fn::If': ['c', 'a', 'b'] })).toBe('{Fn::If:}');
  });

  it('reads ManagedPolicyArns: AWS-managed by a template ARN, a managed policy of the template by Ref, others unknown', () => {
    const r = policiesOfCfnRole('TaskRole', resources);
    expect(r.roleName).toBe('app-task');
    expect(r.policies.map((p) => p.name)).toEqual(['inline inline', 'AmazonSSMManagedInstanceCore', '{Ref:Kms}']);
    expect(r.unknownManaged).toEqual(['{Fn::ImportValue:}']);
    expect(evaluateNamed(r.policies, 'ssmmessages:OpenDataChannel', '*').decision).toBe('allowed');
    expect(evaluateNamed(r.policies, 'kms:Decrypt', '*').decision).toBe('allowed');
    expect(evaluateNamed(r.policies, 's3:GetObject', '*').decision).toBe('denied');
  });

  it('says when the logical id is not a role', () => {
    expect(policiesOfCfnRole('Kms', resources).problems).toEqual(['Resources.Kms: not an AWS::IAM::Role']);
    expect(policiesOfCfnRole('Nope', resources).problems).toEqual(['Resources.Nope: not an AWS::IAM::Role']);
  });
});

describe('policiesOfTerraformRole (terraform show -json)', () => {
  const json = (v: unknown): string => JSON.stringify(v);
  // a plan: the customer policy's ARN and the prefixed role's name are known only after apply
  const plan = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'aws_iam_role.exec',
            mode: 'managed',
            type: 'aws_iam_role',
            name: 'exec',
            values: { name: 'app-exec', assume_role_policy: json(TRUST), inline_policy: [{ name: 'secrets', policy: json(READ_SECRET) }], managed_policy_arns: [] },
          },
          { address: 'aws_iam_role_policy_attachment.exec', mode: 'managed', type: 'aws_iam_role_policy_attachment', name: 'exec', values: { role: 'app-exec', policy_arn: EXEC_ARN } },
          { address: 'aws_iam_policy.kms', mode: 'managed', type: 'aws_iam_policy', name: 'kms', values: { name: 'kms', policy: json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }) } },
          { address: 'aws_iam_role_policy_attachment.kms', mode: 'managed', type: 'aws_iam_role_policy_attachment', name: 'kms', values: { role: 'app-exec' } },
          { address: 'data.aws_iam_policy_document.x', mode: 'data', type: 'aws_iam_policy_document', name: 'x', values: {} },
        ],
        child_modules: [
          {
            address: 'module.app',
            resources: [
              { address: 'module.app.aws_iam_role.task[0]', mode: 'managed', type: 'aws_iam_role', name: 'task', index: 0, values: { assume_role_policy: json(TRUST) } },
              {
                address: 'module.app.aws_iam_role_policy.ssm[0]',
                mode: 'managed',
                type: 'aws_iam_role_policy',
                name: 'ssm',
                index: 0,
                values: { name: 'exec', policy: json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssmmessages:*', Resource: '*' }] }) },
              },
            ],
          },
        ],
      },
    },
    configuration: {
      root_module: {
        resources: [
          {
            address: 'aws_iam_role_policy_attachment.kms',
            mode: 'managed',
            type: 'aws_iam_role_policy_attachment',
            name: 'kms',
            expressions: { role: { references: ['aws_iam_role.exec.name', 'aws_iam_role.exec'] }, policy_arn: { references: ['aws_iam_policy.kms.arn', 'aws_iam_policy.kms'] } },
          },
        ],
        module_calls: {
          app: {
            source: './app',
            module: {
              resources: [{ address: 'aws_iam_role_policy.ssm', mode: 'managed', type: 'aws_iam_role_policy', name: 'ssm', expressions: { role: { references: ['aws_iam_role.task[0].id', 'aws_iam_role.task[0]', 'aws_iam_role.task'] } } }],
            },
          },
        },
      },
    },
  };

  it('lists the managed resources with their configuration references', () => {
    const all = terraformResources(plan);
    expect(all.map((r) => r.address)).toEqual([
      'aws_iam_role.exec',
      'aws_iam_role_policy_attachment.exec',
      'aws_iam_policy.kms',
      'aws_iam_role_policy_attachment.kms',
      'module.app.aws_iam_role.task[0]',
      'module.app.aws_iam_role_policy.ssm[0]',
    ]);
    expect(all[3]?.references.policy_arn).toEqual(['aws_iam_policy.kms.arn', 'aws_iam_policy.kms']);
    expect(all[5]?.references.role).toContain('module.app.aws_iam_role.task');
  });

  it('gathers a role’s trust, inline_policy, attachments by name, and a new policy attached by reference', () => {
    const r = policiesOfTerraformRole('aws_iam_role.exec', terraformResources(plan));
    expect(r).toMatchObject({ roleName: 'app-exec', trust: TRUST, unknownManaged: [], problems: [] });
    expect(r.policies.map((p) => p.name)).toEqual(['inline secrets', 'AmazonECSTaskExecutionRolePolicy', '{aws_iam_policy.kms.arn}']);
    expect(evaluateNamed(r.policies, 'secretsmanager:GetSecretValue', SECRET).decision).toBe('allowed');
    expect(evaluateNamed(r.policies, 'kms:Decrypt', '*').decision).toBe('allowed');
  });

  it('links a module’s role whose name is unknown until apply through the configuration', () => {
    const r = policiesOfTerraformRole('module.app.aws_iam_role.task[0]', terraformResources(plan));
    expect(r.roleName).toBeUndefined();
    expect(r.policies.map((p) => p.name)).toEqual(['inline exec']);
    expect(evaluateNamed(r.policies, 'ssmmessages:CreateControlChannel', '*').decision).toBe('allowed');
  });

  it('reads a state too, and says when the address is not a role', () => {
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_role.r',
              mode: 'managed',
              type: 'aws_iam_role',
              name: 'r',
              values: { name: 'r', arn: 'arn:aws:iam::1:role/r', permissions_boundary: 'arn:aws:iam::1:policy/b', assume_role_policy: 'nope', managed_policy_arns: [EXEC_ARN, 'arn:aws:iam::1:policy/mine'] },
            },
          ],
        },
      },
    };
    const r = policiesOfTerraformRole('aws_iam_role.r', terraformResources(state));
    expect(r).toMatchObject({
      roleArn: 'arn:aws:iam::1:role/r',
      permissionsBoundary: 'arn:aws:iam::1:policy/b',
      unknownManaged: ['arn:aws:iam::1:policy/mine'],
      problems: ['aws_iam_role.r.assume_role_policy: not JSON (nor URL-encoded JSON)'],
    });
    expect(r.policies.map((p) => p.name)).toEqual(['AmazonECSTaskExecutionRolePolicy']);
    expect(policiesOfTerraformRole('aws_iam_policy.kms', terraformResources(plan)).problems).toEqual(['aws_iam_policy.kms: no aws_iam_role with that address']);
    expect(terraformResources('nope')).toEqual([]);
  });
});
