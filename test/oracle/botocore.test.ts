// Agreement with the real botocore (Debian python3-botocore 1.29.27) and AWS CLI v2 (Debian
// awscli 2.9.19, which carries its own botocore): for the scenarios the real SDKs can run on
// loopback (SDK-CHAINS.md §9: full URIs on 127.0.0.1 only, never the relative URI; IMDS disabled
// or a loopback fake), our `--sdk python@<botocore>` and `--sdk aws-cli@<cli>` reports name the
// same winning METHOD (chain[].sdkName) as credentials.method / the `aws configure list` Type
// column, or stop the chain exactly when the real SDK raises, naming the exception class.
// The SDKs run with /usr/bin/python3 and only PATH, HOME and the scenario's variables, and only
// in a network namespace that holds nothing but loopback (npm test provides it as root).
// The other real-SDK oracles: js-sdk.test.ts (JS v3) and go-sdk.test.ts (Debian's aws-sdk-go-v2).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, credsOf, IDS, POD_TOKEN, SCENARIOS, startScenario, WEB_TOKEN, type RunningScenario, type ScenarioSpec } from '../scenarios/scenarios.ts';
import { BEFORE_THE_CHAIN, runOurs, type Ours } from './ours.ts';
import { maskKeyId } from '../../src/redact.ts';
import { loopbackOnly } from '../../scripts/netns.mjs';
import { runChild } from '../helpers/spawn.ts';
import { NOT_ISOLATED, oracleUnavailable } from './unavailable.ts';
import { ISSUE11 } from './issue11-envs.ts';
import { Agreement } from './agreement.ts';

const PYTHON = '/usr/bin/python3';
const AWS = '/usr/bin/aws';
const ORACLE = fileURLToPath(new URL('./botocore-oracle.py', import.meta.url));
const CLI_ORACLE = fileURLToPath(new URL('./awscli-oracle.py', import.meta.url));
const DEFERRED = new Set(['assume-role', 'assume-role-with-web-identity', 'sso']);

// ---------------------------------------------------------------- what is installed, and where we are

function probeInstall(): { botocore: string | null; cli: string | null; why: string | null } {
  const py = existsSync(PYTHON) ? spawnSync(PYTHON, ['-c', 'import botocore; print(botocore.__version__)'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } }) : null;
  const botocore = py?.status === 0 ? py.stdout.trim() : null;
  const cliOut = existsSync(AWS) ? spawnSync(AWS, ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' } }) : null;
  const cli = /aws-cli\/(\d+\.\d+\.\d+)/.exec(`${cliOut?.stdout ?? ''}${cliOut?.stderr ?? ''}`)?.[1] ?? null;
  const missing = [botocore ? null : `botocore for ${PYTHON} (apt-get install python3-botocore)`, cli ? null : `${AWS} (apt-get install awscli)`].filter(Boolean);
  return { botocore, cli, why: missing.length > 0 ? `not installed: ${missing.join(', ')}` : null };
}

/** Only `lo`, and no route through anything else (the check scripts/test.mjs makes); false where there is no /proc/net. */
function isolatedHere(): boolean {
  try {
    return loopbackOnly().ok;
  } catch {
    return false;
  }
}

const installed = probeInstall();
const isolated = isolatedHere();
const unavailable = installed.why ?? (isolated ? null : NOT_ISOLATED);

// ---------------------------------------------------------------- running the real SDKs

interface PyResult {
  version: string;
  ok: boolean;
  stage?: 'resolve' | 'first-use';
  method: string | null;
  name?: string;
  message?: string;
  accessKeyId?: string;
  tokenFrom?: string | null;
  tried: string[];
}

interface CliResult {
  code: number | null;
  /** the access_key row's Type column ("None" when nothing was found) */
  type: string | null;
  tried: string[];
  /** the AWS operations the CLI called (its debug log's before-call events), e.g. sts.AssumeRole */
  calls: string[];
  /** the class of the exception the CLI printed a traceback for (--debug) */
  exception: string | null;
  message: string;
}

/** The interpreter /usr/bin/aws runs under (its #! line): the CLI's own Python and modules. */
function cliInterpreter(): string {
  return /^#!\s*(\S+)/.exec(readFileSync(AWS, 'utf8').split('\n')[0] ?? '')?.[1] ?? PYTHON;
}

/**
 * One interpreter for every scenario: the environments go in on stdin as a JSON array, the
 * results come back as one, in the same order. The interpreter itself starts with only PATH.
 */
async function runBatch<T>(cmd: string, script: string, envs: Record<string, string>[], what: string): Promise<T[]> {
  const r = await runChild(cmd, [script], { env: { PATH: '/usr/bin:/bin' }, timeoutMs: 240_000, input: JSON.stringify(envs), name: what });
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const out = JSON.parse(r.stdout) as T[];
  if (out.length !== envs.length) throw new Error(`${what} answered ${out.length} of ${envs.length} scenarios`);
  return out;
}

/** What `aws configure list --debug` printed, read as before: the Type column, the providers tried, the calls, the last exception. */
function cliResultOf(r: { code: number | null; stdout: string; stderr: string }): CliResult {
  // '%10s %24s %16s    %s': name, value ("<not set>" holds a space), type, location
  const row = /^\s*access_key\s+(?:<not set>|\S+)\s+(\S+)/m.exec(r.stdout);
  const tried = [...r.stderr.matchAll(/Looking for credentials via: (\S+)/g)].map((m) => m[1] ?? '');
  const exceptions = [...r.stderr.matchAll(/^(?:[A-Za-z_][\w]*\.)*([A-Z]\w*)(?::|$)/gm)].map((m) => m[1] ?? '').filter((n) => n !== 'Traceback');
  const calls = [...new Set([...r.stderr.matchAll(/Event before-call\.([\w-]+\.\w+)/g)].map((m) => m[1] ?? ''))];
  return { code: r.code, type: row?.[1] ?? null, tried, calls, exception: exceptions.at(-1) ?? null, message: r.stderr.trim().split('\n').at(-1) ?? '' };
}

// ---------------------------------------------------------------- reading our report

/** A deferred role that we could not prove (STS refused our call): botocore still selected it. */
const deferredStop = (o: Ours, method: string): boolean => o.stop?.sdkName === method && DEFERRED.has(method) && o.stop.reason.includes('deferred: the SDK calls STS on first use');

function expectSameAsBotocore(ours: Ours, py: PyResult, label: string): void {
  const why = `${label}\nbotocore: ${JSON.stringify(py)}\nours: ${JSON.stringify({ selected: ours.selected, stop: ours.stop })}`;
  if (py.ok && py.method) {
    if (DEFERRED.has(py.method)) {
      expect(ours.selected?.sdkName === py.method || deferredStop(ours, py.method), why).toBe(true);
    } else {
      expect(ours.selected?.sdkName, why).toBe(py.method);
      expect(ours.winnerKey, why).toBe(maskKeyId(py.accessKeyId ?? ''));
    }
  } else if (py.ok) {
    expect({ selected: ours.selected, stop: ours.stop }, why).toEqual({ selected: null, stop: null });
  } else {
    expect(ours.stop, why).not.toBeNull();
    expect(ours.stop?.reason, why).toContain(py.name ?? '?');
    // the provider that raised is the last one botocore tried (none: before the chain)
    expect(ours.stop?.sdkName, why).toBe(py.stage === 'first-use' ? py.method : (py.tried.at(-1) ?? BEFORE_THE_CHAIN));
  }
}

function expectSameAsCli(ours: Ours, cli: CliResult, label: string): void {
  const why = `${label}\naws configure list: ${JSON.stringify(cli)}\nours: ${JSON.stringify({ selected: ours.selected, stop: ours.stop })}`;
  const last = cli.tried.at(-1);
  if (cli.code === 0) {
    if (cli.type === 'None' || cli.type === null) expect({ selected: ours.selected, stop: ours.stop }, why).toEqual({ selected: null, stop: null });
    else expect(ours.selected?.sdkName, why).toBe(cli.type);
    return;
  }
  expect(cli.code, why).toBe(255);
  // a deferred role won; `configure list` then reads the keys, and this CLI's STS (or SSO) call
  // cannot connect from the namespace (2.9.19 ignores AWS_ENDPOINT_URL_STS). The first call
  // names the provider (the source profile's own chain also logs "Looking for credentials via").
  const deferred = cli.calls.includes('sts.AssumeRole') ? 'assume-role' : cli.calls.includes('sts.AssumeRoleWithWebIdentity') ? 'assume-role-with-web-identity' : cli.calls.includes('sso.GetRoleCredentials') ? 'sso' : null;
  if (deferred && cli.exception === 'EndpointConnectionError') {
    expect(ours.selected?.sdkName === deferred || deferredStop(ours, deferred), why).toBe(true);
    return;
  }
  expect(ours.stop, why).not.toBeNull();
  // some errors (ConfigParseError) the CLI prints as their message alone, with no traceback to name the class
  expect(ours.stop?.reason, why).toContain(cli.exception ?? (cli.message || '?'));
  expect(ours.stop?.sdkName, why).toBe(last ?? BEFORE_THE_CHAIN);
}

// ---------------------------------------------------------------- scenarios

const keysEnv = (i: typeof IDS.user) => ({ AWS_ACCESS_KEY_ID: i.accessKeyId, AWS_SECRET_ACCESS_KEY: i.secretAccessKey });
const profileFile = (name: string, i: typeof IDS.user) => `[${name}]\naws_access_key_id = ${i.accessKeyId}\naws_secret_access_key = ${i.secretAccessKey}\n`;
const task = { kind: 'ok' as const, credentials: credsOf(IDS.task) };
const IRSA_ROLE = `arn:aws:iam::${ACCOUNT}:role/myIrsaRole`;
const EXPECT_ANY = { winner: null, exitCode: 1, findings: [] };

interface OracleCase {
  spec: ScenarioSpec;
  /** end AWS_EC2_METADATA_SERVICE_ENDPOINT in "/" (the CLI 2.9.19 glues "latest/api/token" to it) */
  imdsSlash?: boolean;
  /** our report cannot decide this from the gathered facts: the step says "not observed" / "not proven" */
  gap?: { method: string; sdks: ('python' | 'aws-cli')[]; botocore: string };
}

/** Python/CLI-specific scenarios (SDK-CHAINS.md §2, §8), loopback only. */
const PY_SCENARIOS: OracleCase[] = [
  { spec: { name: 'py-default-profile-missing', title: 'AWS_DEFAULT_PROFILE names a missing profile (scenario 4)', container: task, fullUri: true, env: { ...keysEnv(IDS.user), AWS_DEFAULT_PROFILE: 'missing' }, expect: EXPECT_ANY } },
  { spec: { name: 'py-empty-profile', title: 'AWS_PROFILE="" with env keys (scenario 6)', env: { ...keysEnv(IDS.user), AWS_PROFILE: '' }, expect: EXPECT_ANY } },
  {
    spec: {
      name: 'py-profile-order',
      title: 'AWS_PROFILE=a and AWS_DEFAULT_PROFILE=b (scenario 5)',
      env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b', AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
      files: { credentials: profileFile('a', IDS.user) + profileFile('b', IDS.profile) },
      expect: EXPECT_ANY,
    },
  },
  // a valid static-key [default] in the default ~/.aws/credentials: no PROFILE_INVALID (regression)
  { spec: { name: 'py-default-static-keys-home', title: 'Static keys in [default] of ~/.aws/credentials', files: { 'home/.aws/credentials': profileFile('default', IDS.profile) }, expect: EXPECT_ANY } },
  {
    spec: {
      name: 'py-security-token',
      title: 'AWS_SECURITY_TOKEN and AWS_SESSION_TOKEN (scenario 20)',
      env: { ...keysEnv(IDS.user), AWS_SECURITY_TOKEN: 'CANARYsecurityTokenValue000', AWS_SESSION_TOKEN: 'CANARYsessionTokenValue0000' },
      expect: EXPECT_ANY,
    },
  },
  {
    spec: {
      name: 'py-partial-empty-secret',
      title: 'AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY="" (scenario 18)',
      container: task,
      fullUri: true,
      env: { AWS_ACCESS_KEY_ID: IDS.user.accessKeyId, AWS_SECRET_ACCESS_KEY: '' },
      expect: EXPECT_ANY,
    },
  },
  { spec: { name: 'py-full-uri-empty', title: 'AWS_CONTAINER_CREDENTIALS_FULL_URI="" (scenario 17)', env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '' }, expect: EXPECT_ANY } },
  { spec: { name: 'py-full-uri-127-0-0-2', title: 'A full URI on 127.0.0.2 (scenario 14)', env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.2:9/creds' }, expect: EXPECT_ANY } },
  { spec: { name: 'py-full-uri-ipv6-loopback', title: 'A full URI on [::1] (scenario 14)', env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://[::1]:9/creds' }, expect: EXPECT_ANY } },
  { spec: { name: 'py-imds-mode-bogus', title: 'An IMDS endpoint mode botocore does not know, with env keys', env: { ...keysEnv(IDS.user), AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'bogus' }, expect: EXPECT_ANY } },
  { spec: { name: 'py-imds-mode-lowercase', title: 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=ipv6 (scenario 25): accepted', env: { ...keysEnv(IDS.user), AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' }, expect: EXPECT_ANY } },
  { spec: { name: 'py-timeout-not-int', title: 'AWS_METADATA_SERVICE_TIMEOUT=1.5 (int() fails)', env: { ...keysEnv(IDS.user), AWS_METADATA_SERVICE_TIMEOUT: '1.5' }, expect: EXPECT_ANY } },
  {
    spec: {
      name: 'py-env-token-vs-file',
      title: 'Token and token file with different values (scenario 12): botocore 1.29 sends the variable',
      container: task,
      fullUri: true,
      requiredAuthorization: POD_TOKEN,
      env: { AWS_CONTAINER_AUTHORIZATION_TOKEN: 'CANARYwrongToken', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/pod-token' },
      files: { 'pod-token': POD_TOKEN },
      expect: EXPECT_ANY,
    },
  },
  {
    spec: {
      name: 'py-web-identity-profile-role',
      title: 'AWS_WEB_IDENTITY_TOKEN_FILE with the role ARN in the profile',
      sts: { webIdentity: true },
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token', AWS_CONFIG_FILE: '$DIR/config' },
      files: { token: WEB_TOKEN, config: `[default]\nrole_arn = ${IRSA_ROLE}\nweb_identity_token_file = $DIR/other-token\n` },
      expect: EXPECT_ANY,
    },
  },
  {
    spec: {
      name: 'py-web-identity-token-missing',
      title: 'The web identity token file is missing (scenario 9): deferred, selected',
      sts: { webIdentity: true },
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/nope', AWS_ROLE_ARN: IRSA_ROLE },
      expect: EXPECT_ANY,
    },
  },
  {
    spec: {
      name: 'py-bare-role-arn-before-irsa',
      title: 'A bare role_arn in [default] next to IRSA: assume-role raises first',
      sts: { webIdentity: true },
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token', AWS_ROLE_ARN: IRSA_ROLE, AWS_CONFIG_FILE: '$DIR/config' },
      files: { token: WEB_TOKEN, config: `[default]\nrole_arn = ${IRSA_ROLE}\n` },
      expect: EXPECT_ANY,
    },
  },
  {
    spec: {
      name: 'py-assume-role-source-profile',
      title: 'role_arn with source_profile (deferred AssumeRole)',
      env: { AWS_CONFIG_FILE: '$DIR/config', AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
      files: { config: `[default]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/target\nsource_profile = base\n`, credentials: profileFile('base', IDS.profile) },
      expect: EXPECT_ANY,
    },
  },
  { spec: { name: 'py-sso-incomplete', title: 'An SSO profile missing settings', env: { AWS_CONFIG_FILE: '$DIR/config' }, files: { config: '[default]\nsso_role_name = Admin\n' }, expect: EXPECT_ANY } },
  {
    spec: {
      name: 'py-config-file-partial',
      title: 'Config-file keys without a secret (scenario 22)',
      env: { AWS_CONFIG_FILE: '$DIR/config' },
      files: { config: `[default]\naws_access_key_id = ${IDS.profile.accessKeyId}\n` },
      expect: EXPECT_ANY,
    },
  },
  {
    spec: {
      name: 'py-container-500',
      title: 'The endpoint answers 500 (scenario 16)',
      container: { kind: 'agent-error', code: 'InternalServerError' },
      fullUri: true,
      imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance) },
      expect: EXPECT_ANY,
    },
  },
  { spec: { name: 'py-imds-v1-only', title: 'IMDSv1 only (token PUT 404): the instance role', imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance), tokenPut: 'not-found' }, expect: EXPECT_ANY } },
  { spec: { name: 'py-imds-slash-v2', title: 'IMDSv2 at an endpoint ending in "/": the instance role', imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance) }, expect: EXPECT_ANY }, imdsSlash: true },
  { spec: { name: 'py-imds-slash-v1-only', title: 'IMDSv1 only at an endpoint ending in "/"', imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance), tokenPut: 'not-found' }, expect: EXPECT_ANY }, imdsSlash: true },
  {
    spec: {
      name: 'py-imds-hop-limit',
      title: 'The token PUT hangs and GET wants a token (hop limit 1): nothing, nothing raised',
      imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance), requireToken: true, tokenPut: 'hang' },
      expect: EXPECT_ANY,
    },
    imdsSlash: true,
  },
  { spec: { name: 'py-imds-no-role', title: 'IMDS without an instance profile: no credentials, nothing raised', imds: {}, expect: EXPECT_ANY } },
  {
    spec: {
      name: 'py-imds-v1-disabled',
      title: 'AWS_EC2_METADATA_V1_DISABLED=true with a v1-only IMDS (scenario 23)',
      imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance), tokenPut: 'not-found' },
      env: { AWS_EC2_METADATA_V1_DISABLED: 'true' },
      expect: EXPECT_ANY,
    },
    // 1.29.27 ignores the setting and falls back to IMDSv1: the planner now probes the fallback for it (issue 11 item 3)
  },
  {
    // only "true" disables IMDS in botocore: the planner asks IMDS for it, whatever the JS SDK says (issue 11 item 3)
    spec: { name: 'py-imds-disabled-1', title: 'AWS_EC2_METADATA_DISABLED=1: botocore still asks IMDS', imds: { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance) }, env: { AWS_EC2_METADATA_DISABLED: '1' }, expect: EXPECT_ANY },
  },
  {
    spec: { name: 'py-credential-process-fails', title: 'A failing credential_process (scenario 21)', env: { AWS_CONFIG_FILE: '$DIR/config' }, files: { config: '[default]\ncredential_process = /bin/false\n' }, expect: EXPECT_ANY },
    gap: { method: 'custom-process', sdks: ['python', 'aws-cli'], botocore: 'CredentialRetrievalError: ecs-cred-doctor does not run credential_process commands' },
  },
];

const CASES: OracleCase[] = [...SCENARIOS.filter((s) => s.oracle).map((spec) => ({ spec })), ...PY_SCENARIOS, ...ISSUE11.map((spec) => ({ spec }))];

function expectGap(ours: Ours, gap: NonNullable<OracleCase['gap']>, label: string): void {
  const row = ours.chain.find((c) => c.sdkName === gap.method);
  expect(row?.reason ?? '', `${label}: ${gap.botocore}`).toMatch(/not observed|not proven/);
}

// ---------------------------------------------------------------- the tests

oracleUnavailable('the botocore/AWS CLI agreement tests', unavailable, 'python3-botocore and awscli');

describe.skipIf(unavailable !== null)(`agreement with the real botocore ${installed.botocore ?? '?'} and AWS CLI ${installed.cli ?? '?'}${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const pySdk = `python@${installed.botocore}`;
  const cliSdk = `aws-cli@${installed.cli}`;
  const running = new Map<string, RunningScenario>();
  const py = new Map<string, PyResult>();
  const cli = new Map<string, CliResult>();
  const agreement = new Agreement();

  // every scenario's fakes up at once, then one botocore interpreter and one AWS CLI interpreter
  // for all of them (side by side); our two reports per scenario run in the cases below
  beforeAll(async () => {
    for (const c of CASES) {
      const sc = await startScenario(c.spec);
      if (c.imdsSlash && sc.env['AWS_EC2_METADATA_SERVICE_ENDPOINT']) sc.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] += '/';
      running.set(c.spec.name, sc);
    }
    // the SDK sees only PATH and the scenario (which sets HOME to a temp dir): `env -i`
    const envs = CASES.map((c) => ({ PATH: '/usr/bin:/bin', ...(running.get(c.spec.name)?.env ?? {}) }));
    const [pys, clis] = await Promise.all([
      runBatch<PyResult>(PYTHON, ORACLE, envs, 'the botocore oracle'),
      // one attempt per AWS call: a deferred role's STS call cannot connect here anyway
      runBatch<{ code: number | null; stdout: string; stderr: string }>(
        cliInterpreter(),
        CLI_ORACLE,
        envs.map((e) => ({ ...e, AWS_MAX_ATTEMPTS: '1' })),
        'the AWS CLI oracle',
      ),
    ]);
    CASES.forEach((c, i) => {
      const p = pys[i];
      const k = clis[i];
      if (p) py.set(c.spec.name, p);
      if (k) cli.set(c.spec.name, cliResultOf(k));
    });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...running.values()].map((sc) => sc.close()));
    console.log(agreement.summary());
  });

  it('covers the loopback-runnable scenarios of SDK-CHAINS.md §8 and the python-specific ones', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(35);
    expect(CASES.some((c) => c.spec.container && !c.spec.fullUri)).toBe(false);
  });

  it.concurrent.for(CASES.map((c) => [c.spec.name, c] as const))('%s', async ([name, c]) => {
    const sc = running.get(name);
    const p = py.get(name);
    const k = cli.get(name);
    if (!sc || !p || !k) throw new Error(`${name}: no oracle result`);
    const [ours, oursCli] = await Promise.all([runOurs(pySdk, sc.env), runOurs(cliSdk, sc.env)]);
    const label = `${name} (${c.spec.title}) with ${pySdk}`;
    const pyError = agreement.check(pySdk, name, () => {
      if (c.gap?.sdks.includes('python')) expectGap(ours, c.gap, label);
      else expectSameAsBotocore(ours, p, label);
      // the profile botocore takes credentials from is never reported as unusable
      if (p.ok && (p.method === 'shared-credentials-file' || p.method === 'config-file')) expect(ours.findings, label).not.toContain('PROFILE_INVALID');
      if (name === 'py-security-token') {
        expect(p.tokenFrom).toBe('AWS_SECURITY_TOKEN');
        expect(ours.selected?.reason).toContain('AWS_SECURITY_TOKEN');
      }
    });
    const cliLabel = `${name} (${c.spec.title}) with ${cliSdk}`;
    const cliError = agreement.check(cliSdk, name, () => {
      if (k.type === 'shared-credentials-file' || k.type === 'config-file') expect(oursCli.findings, cliLabel).not.toContain('PROFILE_INVALID');
      if (c.gap?.sdks.includes('aws-cli')) expectGap(oursCli, c.gap, cliLabel);
      else expectSameAsCli(oursCli, k, cliLabel);
    });
    if (pyError !== null) throw pyError;
    if (cliError !== null) throw cliError;
  });

  it('the gaps are real: botocore does what the gap says', () => {
    expect(py.get('py-imds-v1-disabled')?.method).toBe('iam-role');
  });
});
