/**
 * Named scenarios: loopback fakes plus the environment and files an app would see.
 * Shared by the end-to-end tests, the real-SDK agreement tests and `npm run demo`.
 * Every secret holds the word CANARY so a test can prove none is ever printed.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEcsAgent, type CredentialsBehaviour } from '../fakes/ecs-agent.ts';
import { startSts, type FakeStsIdentity } from '../fakes/sts.ts';
import { startImds, type FakeImdsOptions } from '../fakes/imds.ts';
import type { RunningFake } from '../fakes/loopback-server.ts';

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
  files?: Record<string, string | Buffer>;
  /** files made of `size` zero bytes (sparse: cheap even when large) */
  sizedFiles?: Record<string, number>;
  /** directories where a file is expected */
  dirs?: string[];
  args?: string[];
  /** part of the fault matrix (issue 5): shown by `demo --list`, not by the default demo */
  fault?: boolean;
  /** what our report must say */
  expect: { winner: string | null; exitCode: number; findings: string[]; identityType?: string };
  /** whether the real JS SDK can be run on it (loopback only: no relative URI) */
  oracle?: boolean;
}

export interface RunningScenario {
  env: Record<string, string>;
  args: string[];
  dir: string;
  /** the fakes, for tests that wait on what the tool asked (a request is proof it is running) */
  fakes: { sts: RunningFake; agent: RunningFake; imds: RunningFake | null };
  close(): Promise<void>;
}

/** Starts the fakes and writes the files of a scenario; `close()` undoes both. */
export async function startScenario(s: ScenarioSpec): Promise<RunningScenario> {
  const dir = mkdtempSync(join(tmpdir(), 'ecd-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  const closers: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const env: Record<string, string> = { HOME: home, AWS_REGION: 'eu-west-1', ECS_CRED_DOCTOR_LOOPBACK_ONLY: '1', ECS_CRED_DOCTOR_APP_PID: 'self' };

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
    taskMetadata: {
      Cluster: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/prod`,
      TaskARN: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task/prod/${TASK_ID}`,
      Family: 'my-app',
      Revision: '7',
      LaunchType: 'FARGATE',
      AvailabilityZone: 'eu-west-1a',
      // the metadata URI below ends with TASK_ID: the container it names is this one
      Containers: [{ Name: 'app', DockerId: TASK_ID, Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: ['10.0.1.23'] }] }],
    },
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
  let imds: RunningFake | null = null;
  if (s.imds) {
    const started = await startImds(s.imds);
    imds = started;
    closers.push(() => started.close());
    env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = started.url;
  } else {
    env['AWS_EC2_METADATA_DISABLED'] = 'true';
  }
  for (const [rel, text] of Object.entries(s.files ?? {})) {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
  }
  for (const [rel, size] of Object.entries(s.sizedFiles ?? {})) {
    writeFileSync(join(dir, rel), '');
    truncateSync(join(dir, rel), size);
  }
  for (const rel of s.dirs ?? []) mkdirSync(join(dir, rel), { recursive: true });
  // $AGENT_PORT: the fake container endpoint's port, for full URIs written by hand (issue 11 item 4)
  const agentPort = new URL(agent.url).port;
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = v.replaceAll('$DIR', dir).replaceAll('$HOME', home).replaceAll('$AGENT_PORT', agentPort);
  for (const k of Object.keys(env)) if (env[k] === '<unset>') delete env[k];
  return {
    env,
    args: s.args ?? [],
    dir,
    fakes: { sts, agent, imds },
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
    expect: { winner: 'container', exitCode: 0, findings: ['TASK_ROLE_CONFIRMED'], identityType: 'assumed-role' },
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
    expect: { winner: null, exitCode: 1, findings: ['ECS_NO_TASK_ROLE'] },
  },
  {
    name: 'instance-role-fallback',
    title: 'No task role: the app falls back to the EC2 instance role',
    ecs: true,
    imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance) },
    expect: { winner: 'imds', exitCode: 0, findings: ['INSTANCE_ROLE_IN_USE', 'ECS_NO_TASK_ROLE', 'IMDS_REACHABLE_FROM_TASK'], identityType: 'assumed-role' },
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
    expect: { winner: 'container', exitCode: 0, findings: ['PROFILE_NOT_FOUND', 'PROFILE_SKIPS_ENV_KEYS'] },
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
    expect: { winner: null, exitCode: 1, findings: ['WEB_IDENTITY_FAILED'] },
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
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_TOKEN_INVALID'] },
    oracle: true,
  },
  {
    name: 'full-uri-host-not-allowed',
    title: 'The full URI names a host the SDK refuses (scenario 15)',
    container: ok(IDS.task),
    fullUri: 'http://10.0.0.5/creds',
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_URI_HOST_NOT_ALLOWED'] },
    oracle: true,
  },
  {
    name: 'partial-env-keys',
    title: 'AWS_ACCESS_KEY_ID without a secret is ignored (scenario 18)',
    container: ok(IDS.task),
    fullUri: true,
    env: { AWS_ACCESS_KEY_ID: IDS.user.accessKeyId },
    expect: { winner: 'container', exitCode: 0, findings: ['PARTIAL_ENV_KEYS'] },
    oracle: true,
  },
  {
    name: 'profile-incomplete-keys',
    title: 'A profile with a key id but no secret does not match; the next source wins (scenario 22)',
    container: ok(IDS.task),
    fullUri: true,
    env: { AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
    files: { credentials: `[default]\naws_access_key_id = ${IDS.profile.accessKeyId}\n` },
    expect: { winner: 'container', exitCode: 0, findings: ['PROFILE_INVALID'] },
    oracle: true,
  },
  {
    name: 'bad-expiration-format',
    title: 'The endpoint returns a non-RFC 3339 Expiration (scenario 30)',
    container: ok(IDS.task, '2099-01-01 00:00:00'),
    fullUri: true,
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_RESPONSE_INVALID'] },
    oracle: true,
  },
  {
    name: 'missing-token-field',
    title: 'The endpoint JSON lacks Token (scenario 31)',
    container: { kind: 'raw', status: 200, body: JSON.stringify({ AccessKeyId: IDS.task.accessKeyId, SecretAccessKey: IDS.task.secretAccessKey, Expiration: FAR_FUTURE }), headers: { 'content-type': 'application/json' } },
    fullUri: true,
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_RESPONSE_INVALID'] },
    oracle: true,
  },
  {
    name: 'imds-disabled-false',
    title: 'AWS_EC2_METADATA_DISABLED=false: IMDS stays enabled (it disabled IMDS before JS 3.738.0) (scenario 24)',
    imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance) },
    env: { AWS_EC2_METADATA_DISABLED: 'false' },
    expect: { winner: 'imds', exitCode: 0, findings: ['INSTANCE_ROLE_IN_USE'] },
    oracle: true,
  },
  {
    name: 'agent-invalid-id',
    title: 'The agent does not know the credentials id (400 InvalidIdInRequest)',
    container: { kind: 'agent-error', code: 'InvalidIdInRequest' },
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_ENDPOINT_ERROR'] },
  },
  {
    name: 'agent-uninitialized',
    title: 'The agent has no credentials yet (503 CredentialsUninitialized)',
    container: { kind: 'agent-error', code: 'CredentialsUninitialized' },
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_ENDPOINT_ERROR'] },
  },
  {
    name: 'endpoint-hangs',
    title: 'The endpoint accepts and never answers',
    container: { kind: 'hang' },
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_ENDPOINT_UNREACHABLE'] },
  },
  {
    name: 'endpoint-refused',
    title: 'Nothing listens at the full URI',
    container: ok(IDS.task),
    fullUri: 'http://127.0.0.1:9/v2/credentials/x',
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_ENDPOINT_UNREACHABLE'] },
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

const body = (o: Record<string, unknown>): CredentialsBehaviour => ({ kind: 'raw', status: 200, body: JSON.stringify(o), headers: { 'content-type': 'application/json' } });
const CONTAINER_FAIL = ['CONTAINER_ENDPOINT_UNREACHABLE'];
const CONTAINER_ERR = ['CONTAINER_ENDPOINT_ERROR'];
const CONTAINER_BAD = ['CONTAINER_RESPONSE_INVALID'];
const fault = (name: string, title: string, rest: Omit<ScenarioSpec, 'name' | 'title' | 'fault'>): ScenarioSpec => ({ name: `fault-${name}`, title, fault: true, ...rest });

/** The fault matrix: hostile endpoints, broken files, odd environments (issue 5). */
export const FAULTS: ScenarioSpec[] = [
  // biome-ignore lint/suspicious/noThenProperty: the fake's answer after the delay, never awaited
  fault('slow-headers', 'Container endpoint: headers only after 60 s', { container: { kind: 'slow-headers', delayMs: 60_000, then: ok(IDS.task) }, expect: { winner: null, exitCode: 1, findings: CONTAINER_FAIL } }),
  fault('trickle', 'Container endpoint: a body that trickles forever', { container: { kind: 'trickle', intervalMs: 100 }, expect: { winner: null, exitCode: 1, findings: CONTAINER_FAIL } }),
  fault('reset', 'Container endpoint: reset before answering', { container: { kind: 'reset' }, expect: { winner: null, exitCode: 1, findings: CONTAINER_FAIL } }),
  fault('reset-mid-body', 'Container endpoint: reset in the middle of the body', { container: { kind: 'reset-mid-body' }, expect: { winner: null, exitCode: 1, findings: CONTAINER_FAIL } }),
  fault('no-id', 'Container endpoint: 400 NoIdInRequest', { container: { kind: 'agent-error', code: 'NoIdInRequest' }, expect: { winner: null, exitCode: 1, findings: CONTAINER_ERR } }),
  fault('not-found', 'Container endpoint: 404 text', { container: { kind: 'not-found' }, expect: { winner: null, exitCode: 1, findings: CONTAINER_ERR } }),
  fault('throttled', 'Container endpoint: 429 throttled', { container: { kind: 'throttled' }, expect: { winner: null, exitCode: 1, findings: CONTAINER_ERR } }),
  fault('internal-error', 'Container endpoint: 500 InternalServerError', { container: { kind: 'agent-error', code: 'InternalServerError' }, expect: { winner: null, exitCode: 1, findings: CONTAINER_ERR } }),
  fault('redirect', 'Container endpoint: 302 to IMDS (never followed)', {
    container: { kind: 'raw', status: 302, body: '', headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
    expect: { winner: null, exitCode: 1, findings: CONTAINER_ERR },
  }),
  fault('not-json', 'Container endpoint: 200 with HTML', {
    container: { kind: 'raw', status: 200, body: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } },
    expect: { winner: null, exitCode: 1, findings: CONTAINER_BAD },
  }),
  fault('non-string-field', 'Container endpoint: Expiration is a number', {
    container: body({ AccessKeyId: IDS.task.accessKeyId, SecretAccessKey: IDS.task.secretAccessKey, Token: IDS.task.sessionToken, Expiration: 4102444800 }),
    expect: { winner: null, exitCode: 1, findings: CONTAINER_BAD },
  }),
  fault('json-array', 'Container endpoint: a JSON array', { container: body([] as unknown as Record<string, unknown>), expect: { winner: null, exitCode: 1, findings: CONTAINER_BAD } }),
  fault('huge-body', 'Container endpoint: a 50 MiB body', { container: { kind: 'huge', bytes: 50 * 1024 * 1024 }, expect: { winner: null, exitCode: 1, findings: CONTAINER_BAD } }),
  fault('introspection', 'Container endpoint: the agent introspection API answers', { container: { kind: 'introspection' }, expect: { winner: null, exitCode: 1, findings: CONTAINER_BAD } }),
  fault('sts-5xx', 'STS: 500 InternalFailure', { container: ok(IDS.task), sts: { behaviour: 'server-error' }, expect: { winner: 'container', exitCode: 1, findings: ['STS_UNREACHABLE'] } }),
  fault('sts-throttle', 'STS: throttling', { container: ok(IDS.task), sts: { behaviour: 'throttle' }, expect: { winner: 'container', exitCode: 1, findings: ['STS_UNREACHABLE'] } }),
  fault('sts-malformed', 'STS: malformed XML', { container: ok(IDS.task), sts: { behaviour: 'malformed-xml' }, expect: { winner: 'container', exitCode: 1, findings: ['STS_RESPONSE_INVALID'] } }),
  fault('sts-date-far-off', 'STS: a Date header two days off (and a signature STS refuses)', {
    container: ok(IDS.task),
    sts: { clockOffsetMs: 2 * 86_400_000 },
    expect: { winner: 'container', exitCode: 1, findings: ['CLOCK_SKEW', 'STS_REJECTED'] },
  }),
  fault('imds-hop-limit', 'IMDS: the token PUT hangs while GET answers 401 (hop limit 1)', {
    imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance), requireToken: true, tokenPut: 'hang' },
    expect: { winner: null, exitCode: 1, findings: ['IMDS_HOP_LIMIT'] },
  }),
  fault('imds-no-role', 'IMDS: no instance profile (404)', { imds: {}, expect: { winner: null, exitCode: 1, findings: ['NO_CREDENTIALS'] } }),
  fault('imds-v1-only', 'IMDS: v1 only (token PUT 404)', { imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance), tokenPut: 'not-found' }, expect: { winner: 'imds', exitCode: 0, findings: ['INSTANCE_ROLE_IN_USE'] } }),
  fault('config-is-directory', 'Files: the config file is a directory', {
    container: ok(IDS.task),
    dirs: ['cfgdir'],
    env: { AWS_CONFIG_FILE: '$DIR/cfgdir' },
    expect: { winner: 'container', exitCode: 0, findings: ['PROFILE_FILE_UNREADABLE'] },
  }),
  fault('config-garbage', 'Files: binary garbage in the credentials file', {
    container: ok(IDS.task),
    files: { credentials: Buffer.from([0, 255, 91, 0, 93, 10, 61, 0xc3, 0x28]) },
    env: { AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
    expect: { winner: 'container', exitCode: 0, findings: [] },
  }),
  fault('config-100mib', 'Files: a 100 MiB config file', {
    container: ok(IDS.task),
    sizedFiles: { big: 100 * 1024 * 1024 },
    env: { AWS_CONFIG_FILE: '$DIR/big' },
    expect: { winner: 'container', exitCode: 0, findings: ['PROFILE_FILE_UNREADABLE'] },
  }),
  fault('source-profile-loop', 'Files: a profile that sources itself', {
    container: ok(IDS.task),
    files: { config: `[default]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/x\nsource_profile = default\n` },
    env: { AWS_CONFIG_FILE: '$DIR/config' },
    expect: { winner: 'container', exitCode: 0, findings: ['PROFILE_INVALID'] },
  }),
  fault('web-token-crlf', 'Files: a web identity token file ending in CR LF', {
    sts: { webIdentity: true },
    files: { token: `${WEB_TOKEN}\r\n` },
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token', AWS_ROLE_ARN: `arn:aws:iam::${ACCOUNT}:role/myIrsaRole` },
    expect: { winner: null, exitCode: 1, findings: ['WEB_IDENTITY_FAILED'] },
  }),
  fault('pod-token-crlf', 'Files: a container token file ending in CR LF', {
    container: ok(IDS.task),
    fullUri: true,
    requiredAuthorization: POD_TOKEN,
    files: { 'pod-token': `${POD_TOKEN}\r\n` },
    env: { AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/pod-token' },
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_TOKEN_INVALID'] },
  }),
  fault('token-file-missing', 'Files: AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names a missing file', {
    container: ok(IDS.task),
    fullUri: true,
    env: { AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/nope' },
    expect: { winner: null, exitCode: 1, findings: ['CONTAINER_TOKEN_INVALID'] },
  }),
  fault('empty-values', 'Env: every variable set but empty', {
    container: ok(IDS.task),
    env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', AWS_CONTAINER_CREDENTIALS_FULL_URI: '', AWS_WEB_IDENTITY_TOKEN_FILE: '', AWS_ROLE_ARN: '', AWS_REGION: '' },
    expect: { winner: 'container', exitCode: 0, findings: ['REGION_MISSING'] },
  }),
  fault('whitespace-full-uri', 'Env: a full URI with spaces around it', { container: ok(IDS.task), fullUri: true, env: { AWS_ROLE_ARN: '   ' }, expect: { winner: 'container', exitCode: 0, findings: [] } }),
  fault('invalid-full-uri', 'Env: a full URI that is not a URL', { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://[::1' }, expect: { winner: null, exitCode: 1, findings: ['CONTAINER_URI_INVALID'] } }),
  fault('ipv6-full-uri', 'Env: an IPv6 loopback full URI where nothing listens', { env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://[::1]:9/creds' }, expect: { winner: null, exitCode: 1, findings: CONTAINER_FAIL } }),
  fault('non-ascii-profile', 'Env: a non-ASCII profile name', { container: ok(IDS.task), env: { AWS_PROFILE: 'prod-é✓' }, expect: { winner: 'container', exitCode: 0, findings: ['PROFILE_NOT_FOUND'] } }),
];

export const ALL_SCENARIOS: ScenarioSpec[] = [...SCENARIOS, ...FAULTS];

export function scenario(name: string): ScenarioSpec {
  const s = ALL_SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}
