/**
 * Named scenarios: loopback fakes plus the environment and files an app would see.
 * Shared by the end-to-end tests, the real-SDK agreement tests and `npm run demo`.
 * Every secret holds the word CANARY so a test can prove none is ever printed.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEcsAgent, type CredentialsBehaviour } from '../fakes/ecs-agent.ts';
import { startSts, type FakeStsIdentity } from '../fakes/sts.ts';
import { startImds, type FakeImdsOptions } from '../fakes/imds.ts';

export const ACCOUNT = '111122223333';
export const TASK_ID = '0123456789abcdef0123456789abcdef';
export const FAR_FUTURE = '2099-01-01T00:00:00Z';

/** Every secret the scenarios hand out; none may appear in any output. */
export const CANARIES: string[] = [];
function secret(name: string): string {
  const s = `CANARY${name}Secret0123456789abcdefXYZ`;
  CANARIES.push(s);
  return s;
}

export interface Identity extends FakeStsIdentity {}

function identity(keyId: string, name: string, arn: string, withToken: boolean, expired = false): Identity {
  return {
    accessKeyId: keyId,
    secretAccessKey: secret(`${name}Key`),
    ...(withToken ? { sessionToken: secret(`${name}Token`) } : {}),
    arn,
    account: ACCOUNT,
    userId: arn.includes(':user/') ? 'AIDAEXAMPLEUSERID' : `AROAEXAMPLEROLEID:${arn.split('/').pop() ?? ''}`,
    expired,
  };
}

export const IDS = {
  task: identity('ASIATASKROLE0000WXYZ', 'Task', `arn:aws:sts::${ACCOUNT}:assumed-role/myAppTaskRole/${TASK_ID}`, true),
  exec: identity('ASIAEXECROLE0000WXYZ', 'Exec', `arn:aws:sts::${ACCOUNT}:assumed-role/ecsTaskExecutionRole/${TASK_ID}`, true),
  user: identity('AKIAUSERDEPLOY00WXYZ', 'User', `arn:aws:iam::${ACCOUNT}:user/deploy`, false),
  profile: identity('AKIAPROFILEKEY00WXYZ', 'Profile', `arn:aws:iam::${ACCOUNT}:user/baked-into-image`, false),
  instance: identity('ASIAINSTANCE0000WXYZ', 'Instance', `arn:aws:sts::${ACCOUNT}:assumed-role/myInstanceRole/i-0123456789abcdef0`, true),
  irsa: identity('ASIAIRSAROLE0000WXYZ', 'Irsa', `arn:aws:sts::${ACCOUNT}:assumed-role/myIrsaRole/ecs-cred-doctor`, true),
  expired: identity('ASIAEXPIRED00000WXYZ', 'Expired', `arn:aws:sts::${ACCOUNT}:assumed-role/myAppTaskRole/${TASK_ID}`, true, true),
};
export const WEB_TOKEN = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ iss: 'https://oidc.example/abc', aud: 'sts.amazonaws.com', sub: 'system:serviceaccount:default:app', exp: 4102444800 })).toString('base64url')}.CANARYsignaturepart`;
CANARIES.push(WEB_TOKEN);
export const POD_TOKEN = secret('PodIdentity');

const roleArnOf = (i: Identity): string => `arn:aws:iam::${ACCOUNT}:role/${i.arn.split('/')[1] ?? ''}`;
export const credsOf = (i: Identity, expiration = FAR_FUTURE) => ({
  accessKeyId: i.accessKeyId,
  secretAccessKey: i.secretAccessKey,
  sessionToken: i.sessionToken ?? '',
  expiration,
  roleArn: roleArnOf(i),
});

export interface ScenarioSpec {
  name: string;
  title: string;
  /** answers of the container endpoint at /v2/credentials/<id> (the relative URI) */
  container?: CredentialsBehaviour;
  /** use a full URI (on the fake) instead of the relative URI */
  fullUri?: boolean | string;
  requiredAuthorization?: string;
  imds?: FakeImdsOptions;
  ecs?: boolean;
  sts?: { clockOffsetMs?: number; behaviour?: 'normal' | 'hang' | 'throttle' | 'server-error' | 'malformed-xml'; webIdentity?: boolean };
  env?: Record<string, string>;
  files?: Record<string, string>;
  args?: string[];
  /** what our report must say */
  expect: { winner: string | null; exitCode: number; findings: string[]; identityType?: string };
  /** whether the real JS SDK can be run on it (loopback only: no relative URI) */
  oracle?: boolean;
}

export interface RunningScenario {
  env: Record<string, string>;
  args: string[];
  dir: string;
  close(): Promise<void>;
}

/** Starts the fakes and writes the files of a scenario; `close()` undoes both. */
export async function startScenario(s: ScenarioSpec): Promise<RunningScenario> {
  const dir = mkdtempSync(join(tmpdir(), 'ecd-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  const closers: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const env: Record<string, string> = { HOME: home, AWS_REGION: 'eu-west-1', ECS_CRED_DOCTOR_LOOPBACK_ONLY: '1' };

  const all = Object.values(IDS);
  const sts = await startSts({
    identities: all,
    webIdentity: s.sts?.webIdentity ? [{ token: WEB_TOKEN, roleArn: roleArnOf(IDS.irsa), issue: IDS.irsa }] : [],
    ...(s.sts?.clockOffsetMs !== undefined ? { clockOffsetMs: s.sts.clockOffsetMs } : {}),
    ...(s.sts?.behaviour ? { behaviour: s.sts.behaviour } : {}),
  });
  closers.push(() => sts.close());
  env['AWS_ENDPOINT_URL_STS'] = sts.url;

  const path = `/v2/credentials/${TASK_ID}`;
  const agent = await startEcsAgent({
    routes: s.container ? { [path]: s.container } : {},
    ...(s.requiredAuthorization ? { requiredAuthorization: s.requiredAuthorization } : {}),
    taskMetadata: { Cluster: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/prod`, TaskARN: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task/prod/${TASK_ID}`, Family: 'my-app', Revision: '7', LaunchType: 'FARGATE', AvailabilityZone: 'eu-west-1a' },
  });
  closers.push(() => agent.close());
  if (s.container) {
    if (s.fullUri) env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] = typeof s.fullUri === 'string' ? s.fullUri : `${agent.url}${path}`;
    else {
      env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] = path;
      env['ECS_CRED_DOCTOR_CONTAINER_ENDPOINT'] = agent.url;
    }
  }
  if (s.ecs) {
    env['ECS_CONTAINER_METADATA_URI_V4'] = `${agent.url}/v4/${TASK_ID}`;
    env['AWS_EXECUTION_ENV'] = 'AWS_ECS_FARGATE';
  }
  if (s.imds) {
    const imds = await startImds(s.imds);
    closers.push(() => imds.close());
    env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = imds.url;
  } else {
    env['AWS_EC2_METADATA_DISABLED'] = 'true';
  }
  for (const [rel, text] of Object.entries(s.files ?? {})) {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
  }
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = v.replaceAll('$DIR', dir).replaceAll('$HOME', home);
  for (const k of Object.keys(env)) if (env[k] === '<unset>') delete env[k];
  return {
    env,
    args: s.args ?? [],
    dir,
    async close() {
      for (const c of closers.reverse()) await c().catch(() => undefined);
    },
  };
}

const keysEnv = (i: Identity) => ({ AWS_ACCESS_KEY_ID: i.accessKeyId, AWS_SECRET_ACCESS_KEY: i.secretAccessKey, ...(i.sessionToken ? { AWS_SESSION_TOKEN: i.sessionToken } : {}) });
const ok = (i: Identity, expiration?: string): CredentialsBehaviour => ({ kind: 'ok', credentials: credsOf(i, expiration) });
const profileFile = (name: string, i: Identity) => `[${name}]\naws_access_key_id = ${i.accessKeyId}\naws_secret_access_key = ${i.secretAccessKey}\n`;

export const SCENARIOS: ScenarioSpec[] = [
  {
    name: 'healthy-task-role',
    title: 'Healthy: the task role from the ECS container credentials endpoint',
    container: ok(IDS.task),
    ecs: true,
    imds: {},
    expect: { winner: 'container', exitCode: 0, findings: [], identityType: 'assumed-role' },
  },
  {
    name: 'static-keys-shadow-task-role',
    title: 'Static keys in the environment shadow the task role',
    container: ok(IDS.task),
    env: keysEnv(IDS.user),
    expect: { winner: 'env', exitCode: 0, findings: ['CONTAINER_CREDENTIALS_SHADOWED'], identityType: 'user' },
  },
  {
    name: 'no-task-role',
    title: 'ECS task without a task role',
    ecs: true,
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'ECS_NO_TASK_ROLE'] },
  },
  {
    name: 'instance-role-fallback',
    title: 'No task role: the app falls back to the EC2 instance role',
    ecs: true,
    imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance) },
    expect: { winner: 'imds', exitCode: 0, findings: ['ECS_NO_TASK_ROLE', 'INSTANCE_ROLE_IN_USE', 'IMDS_REACHABLE_FROM_TASK'], identityType: 'assumed-role' },
  },
  {
    name: 'profile-skips-env-keys',
    title: 'AWS_PROFILE names a profile without credentials: JS skips the env keys (scenario 1)',
    container: ok(IDS.task),
    fullUri: true,
    env: { ...keysEnv(IDS.user), AWS_PROFILE: 'app', AWS_CONFIG_FILE: '$DIR/config' },
    files: { config: '[profile app]\nregion = eu-west-1\n' },
    expect: { winner: 'container', exitCode: 0, findings: ['PROFILE_SKIPS_ENV_KEYS'] },
    oracle: true,
  },
  {
    name: 'profile-beats-env-keys',
    title: 'AWS_PROFILE names a profile with keys: the profile wins over env keys (scenario 2)',
    env: { ...keysEnv(IDS.user), AWS_PROFILE: 'app', AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
    files: { credentials: profileFile('app', IDS.profile) },
    expect: { winner: 'profile', exitCode: 0, findings: ['PROFILE_SKIPS_ENV_KEYS'], identityType: 'user' },
    oracle: true,
  },
  {
    name: 'missing-profile',
    title: 'AWS_PROFILE names a missing profile: JS moves on to the container (scenario 3)',
    container: ok(IDS.task),
    fullUri: true,
    env: { ...keysEnv(IDS.user), AWS_PROFILE: 'missing' },
    expect: { winner: 'container', exitCode: 0, findings: ['PROFILE_SKIPS_ENV_KEYS'] },
    oracle: true,
  },
  {
    name: 'baked-credentials-before-irsa',
    title: 'A baked [default] credentials file wins before IRSA (scenario 7)',
    sts: { webIdentity: true },
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token', AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/myIrsaRole`, AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
    files: { token: WEB_TOKEN, credentials: profileFile('default', IDS.profile) },
    expect: { winner: 'profile', exitCode: 0, findings: ['WEB_IDENTITY_SHADOWED'], identityType: 'user' },
    oracle: true,
  },
  {
    name: 'irsa-web-identity',
    title: 'Web identity (IRSA) through sts:AssumeRoleWithWebIdentity',
    sts: { webIdentity: true },
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token', AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/myIrsaRole`, AWS_ROLE_SESSION_NAME: 'ecs-cred-doctor' },
    files: { token: WEB_TOKEN },
    expect: { winner: 'web-identity', exitCode: 0, findings: [], identityType: 'assumed-role' },
    oracle: true,
  },
  {
    name: 'irsa-rejected',
    title: 'STS rejects the web identity token: the chain stops (scenario 8)',
    container: ok(IDS.task),
    fullUri: true,
    sts: { webIdentity: false },
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token', AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/myIrsaRole` },
    files: { token: WEB_TOKEN },
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'WEB_IDENTITY_FAILED'] },
    oracle: true,
  },
  {
    name: 'irsa-without-role-arn',
    title: 'AWS_WEB_IDENTITY_TOKEN_FILE without AWS_ROLE_ARN is skipped (scenario 10)',
    container: ok(IDS.task),
    fullUri: true,
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token' },
    files: { token: WEB_TOKEN },
    expect: { winner: 'container', exitCode: 0, findings: [] },
    oracle: true,
  },
  {
    name: 'pod-identity-token-file',
    title: 'Full URI on loopback with an authorization token file (scenario 14)',
    container: ok(IDS.task),
    fullUri: true,
    requiredAuthorization: POD_TOKEN,
    env: { AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/pod-token' },
    files: { 'pod-token': POD_TOKEN },
    expect: { winner: 'container', exitCode: 0, findings: [] },
    oracle: true,
  },
  {
    name: 'token-file-trailing-newline',
    title: 'The token file ends in a newline: nothing can be sent (scenario 13)',
    container: ok(IDS.task),
    fullUri: true,
    requiredAuthorization: POD_TOKEN,
    env: { AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/pod-token' },
    files: { 'pod-token': `${POD_TOKEN}\n` },
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'CONTAINER_TOKEN_INVALID'] },
    oracle: true,
  },
  {
    name: 'full-uri-host-not-allowed',
    title: 'The full URI names a host the SDK refuses (scenario 15)',
    container: ok(IDS.task),
    fullUri: 'http://10.0.0.5/creds',
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'CONTAINER_URI_HOST_NOT_ALLOWED'] },
    oracle: true,
  },
  {
    name: 'partial-env-keys',
    title: 'AWS_ACCESS_KEY_ID without a secret is ignored (scenario 18)',
    container: ok(IDS.task),
    fullUri: true,
    env: { AWS_ACCESS_KEY_ID: IDS.user.accessKeyId },
    expect: { winner: 'container', exitCode: 0, findings: [] },
    oracle: true,
  },
  {
    name: 'profile-incomplete-keys',
    title: 'A profile with a key id but no secret does not match; the next source wins (scenario 22)',
    container: ok(IDS.task),
    fullUri: true,
    env: { AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
    files: { credentials: `[default]\naws_access_key_id = ${IDS.profile.accessKeyId}\n` },
    expect: { winner: 'container', exitCode: 0, findings: [] },
    oracle: true,
  },
  {
    name: 'bad-expiration-format',
    title: 'The endpoint returns a non-RFC 3339 Expiration (scenario 30)',
    container: ok(IDS.task, '2099-01-01 00:00:00'),
    fullUri: true,
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'CONTAINER_RESPONSE_INVALID'] },
    oracle: true,
  },
  {
    name: 'missing-token-field',
    title: 'The endpoint JSON lacks Token (scenario 31)',
    container: { kind: 'raw', status: 200, body: JSON.stringify({ AccessKeyId: IDS.task.accessKeyId, SecretAccessKey: IDS.task.secretAccessKey, Expiration: FAR_FUTURE }), headers: { 'content-type': 'application/json' } },
    fullUri: true,
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'CONTAINER_RESPONSE_INVALID'] },
    oracle: true,
  },
  {
    name: 'agent-invalid-id',
    title: 'The agent does not know the credentials id (400 InvalidIdInRequest)',
    container: { kind: 'agent-error', code: 'InvalidIdInRequest' },
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'CONTAINER_ENDPOINT_ERROR'] },
  },
  {
    name: 'agent-uninitialized',
    title: 'The agent has no credentials yet (503 CredentialsUninitialized)',
    container: { kind: 'agent-error', code: 'CredentialsUninitialized' },
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'CONTAINER_ENDPOINT_ERROR'] },
  },
  {
    name: 'endpoint-hangs',
    title: 'The endpoint accepts and never answers',
    container: { kind: 'hang' },
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'CONTAINER_ENDPOINT_UNREACHABLE'] },
  },
  {
    name: 'endpoint-refused',
    title: 'Nothing listens at the full URI',
    container: ok(IDS.task),
    fullUri: 'http://127.0.0.1:9/v2/credentials/x',
    expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS', 'CONTAINER_ENDPOINT_UNREACHABLE'] },
    oracle: true,
  },
  {
    name: 'sts-wrong-secret',
    title: 'The env secret does not match its key (STS SignatureDoesNotMatch)',
    env: { AWS_ACCESS_KEY_ID: IDS.user.accessKeyId, AWS_SECRET_ACCESS_KEY: 'CANARYwrongSecretForThisKey0000000000000' },
    expect: { winner: 'env', exitCode: 1, findings: ['STS_REJECTED'] },
  },
  {
    name: 'clock-skew',
    title: 'The local clock is 10 minutes off',
    container: ok(IDS.task),
    sts: { clockOffsetMs: -10 * 60_000 },
    expect: { winner: 'container', exitCode: 1, findings: ['CLOCK_SKEW'], identityType: 'assumed-role' },
  },
  {
    name: 'expired-credentials',
    title: 'The endpoint hands out credentials that expired an hour ago',
    container: ok(IDS.expired, new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')),
    expect: { winner: 'container', exitCode: 1, findings: ['CREDENTIALS_EXPIRED', 'STS_REJECTED'] },
  },
  {
    name: 'execution-role-as-task-role',
    title: 'The execution role is used as the task role',
    container: ok(IDS.exec),
    expect: { winner: 'container', exitCode: 0, findings: ['EXECUTION_ROLE_IN_USE'], identityType: 'assumed-role' },
  },
  {
    name: 'expect-role-mismatch',
    title: 'Preflight: --expect-role names another role',
    container: ok(IDS.task),
    args: ['--expect-role', 'myOtherRole', '--expect-account', ACCOUNT],
    expect: { winner: 'container', exitCode: 1, findings: ['EXPECTATION_MISMATCH'], identityType: 'assumed-role' },
  },
  {
    name: 'sts-unreachable',
    title: 'STS does not answer',
    container: ok(IDS.task),
    sts: { behaviour: 'hang' },
    expect: { winner: 'container', exitCode: 1, findings: ['STS_UNREACHABLE'] },
  },
];

export function scenario(name: string): ScenarioSpec {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}
