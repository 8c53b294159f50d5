// The AWS-managed policies src/iam/managed.ts carries: found by name and by ARN (in any
// partition, on its own path only), never for a customer-managed ARN, and saying what they allow.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam/evaluate.ts';
import { managedPolicy, managedPolicyName, managedPolicyVersion } from '../../src/iam/managed.ts';
import { statementsOf } from '../../src/iam/policy.ts';

const EXEC = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

describe('managedPolicy', () => {
  it('finds a policy by name, by ARN in any partition, and by a template ARN whose partition is a token', () => {
    for (const ref of ['AmazonECSTaskExecutionRolePolicy', EXEC, 'arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy', 'arn:{Ref:AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'])
      expect(managedPolicyName(ref), ref).toBe('AmazonECSTaskExecutionRolePolicy');
    expect(managedPolicyName('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore')).toBe('AmazonSSMManagedInstanceCore');
  });

  it('refuses a customer-managed policy of the same name, a wrong path, and names it does not carry', () => {
    expect(managedPolicy('arn:aws:iam::111122223333:policy/AmazonECSTaskExecutionRolePolicy')).toBeUndefined();
    expect(managedPolicy('arn:aws:iam::aws:policy/AmazonECSTaskExecutionRolePolicy')).toBeUndefined();
    expect(managedPolicy('arn:aws:iam::aws:policy/service-role/AmazonSSMManagedInstanceCore')).toBeUndefined();
    expect(managedPolicy('ReadOnlyAccess')).toBeUndefined();
    expect(managedPolicy('toString')).toBeUndefined();
    expect(managedPolicy('arn:aws:iam::aws:policy/')).toBeUndefined();
  });

  it('gives AmazonECSTaskExecutionRolePolicy v1 as IAM has it: image pull and log writes on *, nothing else', () => {
    expect(managedPolicy(EXEC)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
    });
    expect(managedPolicyVersion('AmazonECSTaskExecutionRolePolicy')).toEqual({ name: 'AmazonECSTaskExecutionRolePolicy', version: 'v1', versionDate: '2017-11-16', arn: EXEC });
    const doc = managedPolicy(EXEC);
    if (!doc) throw new Error('carried');
    expect(evaluate([doc], 'logs:CreateLogGroup', 'arn:aws:logs:us-east-1:1:log-group:/ecs/app').decision).toBe('implicitly-denied');
    expect(evaluate([doc], 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:us-east-1:1:secret:s').decision).toBe('implicitly-denied');
    expect(evaluate([doc], 'ssm:GetParameters', 'arn:aws:ssm:us-east-1:1:parameter/p').decision).toBe('implicitly-denied');
  });

  it('the policies that grant what the check asks for grant it', () => {
    const allows = (name: string, action: string, resource = '*'): string => {
      const doc = managedPolicy(name);
      return doc ? evaluate([doc], action, resource).decision : 'not carried';
    };
    for (const a of ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel']) expect(allows('AmazonSSMManagedInstanceCore', a)).toBe('allowed');
    expect(allows('AmazonEC2ContainerRegistryReadOnly', 'ecr:BatchGetImage')).toBe('allowed');
    expect(allows('AmazonSSMReadOnlyAccess', 'ssm:GetParameters')).toBe('allowed');
    expect(allows('SecretsManagerReadWrite', 'secretsmanager:GetSecretValue')).toBe('allowed');
    expect(allows('SecretsManagerReadWrite', 'kms:Decrypt')).toBe('implicitly-denied');
    expect(allows('CloudWatchLogsFullAccess', 'logs:CreateLogStream')).toBe('allowed');
    expect(allows('AdministratorAccess', 'kms:Decrypt')).toBe('allowed');
  });

  it('every carried document is well formed and returned as a fresh copy', () => {
    for (const name of ['AmazonECSTaskExecutionRolePolicy', 'AmazonSSMManagedInstanceCore', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonSSMReadOnlyAccess', 'AdministratorAccess', 'CloudWatchLogsFullAccess', 'SecretsManagerReadWrite']) {
      const doc = managedPolicy(name);
      expect(doc, name).toBeDefined();
      if (!doc) continue;
      expect(evaluate([doc], 'x:y', '*').ignored).toEqual([]);
      for (const st of statementsOf(doc)) expect(st.Effect).toBe('Allow');
      expect(managedPolicy(name)).not.toBe(doc);
      expect(managedPolicyVersion(name)?.arn).toMatch(new RegExp(`^arn:aws:iam::aws:policy/(service-role/)?${name}$`));
    }
  });
});
