/**
 * The AWS-managed policies the task definition check needs, by name and ARN: the ones people
 * attach to an execution role (image pull, logs, secrets and parameters) or to a task role for
 * ECS Exec (ssmmessages). Any other managed policy is unknown here, and a caller must say so
 * rather than read its absence as "no permission".
 *
 * Copied on 2026-12-04 from zoph-io/MAMIP policies/<name> at commit 0387244e (2026-03-07),
 * which records each policy's default version as IAM's GetPolicyVersion returns it; the version
 * and its date are kept beside each document. AmazonECSTaskExecutionRolePolicy also matches the
 * document shown in the Amazon ECS Developer Guide (task_execution_IAM_role.html). AWS only ever
 * adds permissions to a managed policy, so an older copy errs towards "not allowed", never the
 * other way; re-copy when a version moves (CloudWatchLogsFullAccess moves most often).
 */
import type { PolicyDocument } from './policy.ts';

/** [Sid, actions, resource(s)]: every statement of these policies is an unconditional Allow. */
type Allow = [sid: string, actions: string[], resource: string | string[]];

interface Managed {
  /** path between `policy/` and the name */
  path: string;
  version: string;
  /** when that version was created */
  versionDate: string;
  statements: Allow[];
}

const ALL = '*';

const MANAGED: Readonly<Record<string, Managed>> = {
  AmazonECSTaskExecutionRolePolicy: {
    path: 'service-role/',
    version: 'v1',
    versionDate: '2017-11-16',
    statements: [['', ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'], ALL]],
  },
  AmazonSSMManagedInstanceCore: {
    path: '',
    version: 'v2',
    versionDate: '2019-05-23',
    statements: [
      [
        '',
        [
          'ssm:DescribeAssociation',
          'ssm:GetDeployablePatchSnapshotForInstance',
          'ssm:GetDocument',
          'ssm:DescribeDocument',
          'ssm:GetManifest',
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:ListAssociations',
          'ssm:ListInstanceAssociations',
          'ssm:PutInventory',
          'ssm:PutComplianceItems',
          'ssm:PutConfigurePackageResult',
          'ssm:UpdateAssociationStatus',
          'ssm:UpdateInstanceAssociationStatus',
          'ssm:UpdateInstanceInformation',
        ],
        ALL,
      ],
      ['', ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'], ALL],
      ['', ['ec2messages:AcknowledgeMessage', 'ec2messages:DeleteMessage', 'ec2messages:FailMessage', 'ec2messages:GetEndpoint', 'ec2messages:GetMessages', 'ec2messages:SendReply'], ALL],
    ],
  },
  AmazonEC2ContainerRegistryReadOnly: {
    path: '',
    version: 'v3',
    versionDate: '2019-12-10',
    statements: [
      [
        '',
        [
          'ecr:GetAuthorizationToken',
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:GetRepositoryPolicy',
          'ecr:DescribeRepositories',
          'ecr:ListImages',
          'ecr:DescribeImages',
          'ecr:BatchGetImage',
          'ecr:GetLifecyclePolicy',
          'ecr:GetLifecyclePolicyPreview',
          'ecr:ListTagsForResource',
          'ecr:DescribeImageScanFindings',
        ],
        ALL,
      ],
    ],
  },
  AmazonSSMReadOnlyAccess: { path: '', version: 'v1', versionDate: '2015-05-29', statements: [['', ['ssm:Describe*', 'ssm:Get*', 'ssm:List*'], ALL]] },
  AdministratorAccess: { path: '', version: 'v1', versionDate: '2015-02-06', statements: [['', ['*'], ALL]] },
  CloudWatchLogsFullAccess: {
    path: '',
    version: 'v8',
    versionDate: '2026-02-12',
    statements: [
      [
        'CloudWatchLogsFullAccess',
        ['logs:*', 'cloudwatch:GenerateQuery', 'cloudwatch:GenerateQueryResultsSummary', 'observabilityadmin:GetS3TableIntegration', 'observabilityadmin:ListS3TableIntegrations', 'observabilityadmin:ListTelemetryPipelines'],
        ALL,
      ],
    ],
  },
  SecretsManagerReadWrite: {
    path: '',
    version: 'v5',
    versionDate: '2024-02-22',
    statements: [
      [
        'BasePermissions',
        [
          'secretsmanager:*',
          'cloudformation:CreateChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:DescribeStackResource',
          'cloudformation:DescribeStacks',
          'cloudformation:ExecuteChangeSet',
          'docdb-elastic:GetCluster',
          'docdb-elastic:ListClusters',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
          'kms:DescribeKey',
          'kms:ListAliases',
          'kms:ListKeys',
          'lambda:ListFunctions',
          'rds:DescribeDBClusters',
          'rds:DescribeDBInstances',
          'redshift:DescribeClusters',
          'redshift-serverless:ListWorkgroups',
          'redshift-serverless:GetNamespace',
          'tag:GetResources',
        ],
        ALL,
      ],
      ['LambdaPermissions', ['lambda:AddPermission', 'lambda:CreateFunction', 'lambda:GetFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionConfiguration'], 'arn:aws:lambda:*:*:function:SecretsManager*'],
      ['SARPermissions', ['serverlessrepo:CreateCloudFormationChangeSet', 'serverlessrepo:GetApplication'], 'arn:aws:serverlessrepo:*:*:applications/SecretsManager*'],
      ['S3Permissions', ['s3:GetObject'], ['arn:aws:s3:::awsserverlessrepo-changesets*', 'arn:aws:s3:::secrets-manager-rotation-apps-*/*']],
    ],
  },
};

/**
 * `arn:<partition>:iam::aws:policy/<path><name>`: AWS-managed policies live in the account `aws`
 * of every partition; the partition may be an unresolved template token (`{Ref:AWS::Partition}`).
 */
const AWS_MANAGED_ARN = /^arn:(?:\{[^{}]*\}|[^:{]+):iam::aws:policy\/(.*?)([^/]+)$/;

/** The name of an AWS-managed policy this module knows, from its name or ARN; a customer-managed ARN never matches. */
export function managedPolicyName(arnOrName: string): string | undefined {
  const m = AWS_MANAGED_ARN.exec(arnOrName);
  const name = m ? (m[2] ?? '') : arnOrName.startsWith('arn:') ? '' : arnOrName;
  const known = Object.hasOwn(MANAGED, name) ? MANAGED[name] : undefined;
  if (!known || (m && m[1] !== known.path)) return undefined;
  return name;
}

/** The document of an AWS-managed policy by name (`AmazonECSTaskExecutionRolePolicy`) or ARN; undefined when this module does not carry it. */
export function managedPolicy(arnOrName: string): PolicyDocument | undefined {
  const name = managedPolicyName(arnOrName);
  const known = name === undefined ? undefined : MANAGED[name];
  if (!known) return undefined;
  return {
    Version: '2012-10-17',
    Statement: known.statements.map(([sid, actions, resource]) => ({ ...(sid ? { Sid: sid } : {}), Effect: 'Allow', Action: actions, Resource: resource })),
  };
}

/** The version and its date of a carried managed policy, for evidence ("as of v1, 2017-11-16"). */
export function managedPolicyVersion(arnOrName: string): { name: string; version: string; versionDate: string; arn: string } | undefined {
  const name = managedPolicyName(arnOrName);
  const known = name === undefined ? undefined : MANAGED[name];
  return known && name ? { name, version: known.version, versionDate: known.versionDate, arn: `arn:aws:iam::aws:policy/${known.path}${name}` } : undefined;
}
