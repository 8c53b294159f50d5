// Agreement with the real AWS SDK for Go v2: Debian's golang-github-aws-aws-sdk-go-v2-dev (the
// config module at the version its go_module_metadata.go names, 1.17.10 in Debian 12), built
// offline with Debian's golang-go into test/oracle/go-oracle (config.LoadDefaultConfig, then
// cfg.Credentials.Retrieve). For the scenarios a real SDK can run on loopback (SDK-CHAINS.md §9:
// full URIs on 127.0.0.1 only, never the relative URI; IMDS disabled or a loopback fake) and the
// Go-specific ones of §8, our `--sdk go-v2@<config version>` report names the provider Go selected
// and its masked key id, or, when Go fails, no winner and a stop exactly where Go failed: a
// LoadDefaultConfig error at the step whose selection raised it (loader errors: before the chain),
// a Retrieve error at the selected source.
// The oracle runs with only PATH, HOME and the scenario's variables, and only in a network
// namespace that holds nothing but loopback (npm test provides it as root); it refuses to run
// otherwise, and refuses to Retrieve from a container or IMDS endpoint that is not loopback.
// Config 1.17.10 predates AWS_ENDPOINT_URL_STS (1.21.0): its STS calls go to
// sts.<region>.amazonaws.com, which the namespace refuses before any packet is sent, so a
// web-identity or assume-role provider is compared by selection only (as the CLI oracle does in
// botocore.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CANARIES, credsOf, IDS, POD_TOKEN, SCENARIOS, startScenario, TASK_ID, WEB_TOKEN, type RunningScenario, type ScenarioSpec } from '../scenarios/scenarios.ts';
import { BEFORE_THE_CHAIN, runOurs, type Ours } from './ours.ts';
import { ISSUE11 } from './issue11-envs.ts';
import { Agreement } from './agreement.ts';
import { NOT_ISOLATED, oracleUnavailable } from './unavailable.ts';
import { maskKeyId } from '../../src/redact.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN_GO = fileURLToPath(new URL('./go-oracle/main.go', import.meta.url));
const GOCODE = '/usr/share/gocode/src';
const SDK_DIR = `${GOCODE}/github.com/aws/aws-sdk-go-v2`;
const DEB_PACKAGE = 'golang-github-aws-aws-sdk-go-v2-dev';
/** The modules the oracle builds from: Debian ships aws-sdk-go-v2 as one module (its submodules' go.mod files removed). */
const GO_DEPS: Record<string, string> = {
  'github.com/aws/aws-sdk-go-v2': SDK_DIR,
  'github.com/aws/smithy-go': `${GOCODE}/github.com/aws/smithy-go`,
  'github.com/jmespath/go-jmespath': `${GOCODE}/github.com/jmespath/go-jmespath`,
  'github.com/google/go-cmp': `${GOCODE}/github.com/google/go-cmp`,
};
const GO_ENV = { PATH: '/usr/bin:/bin', GOPROXY: 'off', GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOTELEMETRY: 'off', GOWORK: 'off' };

// ---------------------------------------------------------------- what is installed, and where we are

/** goModuleVersion of a module directory (its go_module_metadata.go). */
function moduleVersion(dir: string): string | null {
  try {
    return /goModuleVersion = "([^"]+)"/.exec(readFileSync(join(dir, 'go_module_metadata.go'), 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

function probeInstall(): { go: string | null; deb: string | null; modules: Record<string, string | null>; why: string | null } {
  const goOut = spawnSync('go', ['version'], { encoding: 'utf8', env: { ...GO_ENV, HOME: tmpdir() } });
  const go = goOut.status === 0 ? (/go version (go\S+)/.exec(goOut.stdout)?.[1] ?? null) : null;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${Version}', DEB_PACKAGE], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  const deb = dpkg.status === 0 && dpkg.stdout.trim() ? dpkg.stdout.trim() : null;
  const modules = {
    aws: moduleVersion(join(SDK_DIR, 'aws')),
    config: moduleVersion(join(SDK_DIR, 'config')),
    credentials: moduleVersion(join(SDK_DIR, 'credentials')),
    'feature/ec2/imds': moduleVersion(join(SDK_DIR, 'feature/ec2/imds')),
    'service/sts': moduleVersion(join(SDK_DIR, 'service/sts')),
    'smithy-go': moduleVersion(GO_DEPS['github.com/aws/smithy-go'] ?? ''),
  };
  const missing = [
    go ? null : 'go (apt-get install golang-go)',
    deb && modules.config && Object.values(GO_DEPS).every((d) => existsSync(join(d, 'go.mod'))) ? null : `the Go SDK sources in ${GOCODE} (apt-get install ${DEB_PACKAGE})`,
  ].filter(Boolean);
  return { go, deb, modules, why: missing.length > 0 ? `not installed: ${missing.join(', ')}` : null };
}

/** Only `lo`, and no route through anything else (as scripts/test.mjs checks). */
function loopbackOnly(): boolean {
  try {
    const ifaces = readFileSync('/proc/net/dev', 'utf8')
      .split('\n')
      .slice(2)
      .map((l) => l.split(':')[0]?.trim())
      .filter(Boolean);
    const routes = readFileSync('/proc/net/route', 'utf8').trim().split('\n').slice(1).filter(Boolean);
    const v6 = readFileSync('/proc/net/ipv6_route', 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l && !/\slo$/.test(l.trim()));
    return ifaces.length === 1 && ifaces[0] === 'lo' && routes.every((r) => r.startsWith('lo\t')) && v6.length === 0;
  } catch {
    return false;
  }
}

const installed = probeInstall();
const isolated = loopbackOnly();
const unavailable = installed.why ?? (isolated ? null : NOT_ISOLATED);

// ---------------------------------------------------------------- building the oracle (offline)

/**
 * go build with every module replaced by Debian's sources and GOPROXY=off: nothing is fetched.
 * The binary is cached in .cache/go-oracle/<Debian version>-<go>-<hash of main.go>/, Go's build
 * cache in .cache/go-oracle/gocache.
 */
async function buildOracle(): Promise<string> {
  const main = readFileSync(MAIN_GO, 'utf8');
  const key = createHash('sha256').update(main).update(JSON.stringify(GO_DEPS)).digest('hex').slice(0, 12);
  const root = join(ROOT, '.cache', 'go-oracle');
  const cache = join(root, `${installed.deb}-${installed.go}-${key}`);
  const bin = join(cache, 'go-oracle');
  if (existsSync(bin)) return bin;
  mkdirSync(cache, { recursive: true });
  const src = mkdtempSync(join(tmpdir(), 'ecd-go-oracle-'));
  try {
    // go-jmespath's go.mod requires its internal/testify module, which Debian does not ship;
    // nothing imports it, but the module graph needs its go.mod
    mkdirSync(join(src, 'stub-testify'));
    writeFileSync(join(src, 'stub-testify', 'go.mod'), 'module github.com/jmespath/go-jmespath/internal/testify\n\ngo 1.14\n');
    const replaces = [...Object.entries(GO_DEPS).map(([m, d]) => `\t${m} => ${d}`), '\tgithub.com/jmespath/go-jmespath/internal/testify => ./stub-testify'];
    writeFileSync(join(src, 'go.mod'), `module ecs-cred-doctor/go-oracle\n\ngo 1.19\n\nrequire github.com/aws/aws-sdk-go-v2 v${installed.modules.aws ?? '1.0.0'}\n\nreplace (\n${replaces.join('\n')}\n)\n`);
    writeFileSync(join(src, 'main.go'), main);
    const env = { ...GO_ENV, HOME: src, GOCACHE: join(root, 'gocache'), GOPATH: join(src, 'gopath') };
    const r = await run('go', ['build', '-trimpath', '-o', `${bin}.tmp`, '.'], env, 280_000, src);
    if (r.code !== 0) throw new Error(`go build of the oracle failed (${r.code}):\n${r.stdout}${r.stderr}`);
    renameSync(`${bin}.tmp`, bin);
    return bin;
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- running the real SDK

interface GoResult {
  ok: boolean;
  stage: 'load' | 'retrieve' | 'guard';
  accessKeyId?: string;
  source?: string;
  /** the selected provider chain, outermost first, e.g. ["*stscreds.AssumeRoleProvider", "credentials.StaticCredentialsProvider"] */
  provider?: string[];
  /** the URL a selected endpointcreds provider calls */
  endpoint?: string;
  errorType?: string;
  errorChain?: string[];
  message?: string;
}

function run(cmd: string, args: string[], env: Record<string, string>, timeoutMs: number, cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} did not exit within ${timeoutMs} ms; stderr:\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let oracle = '';

async function runGo(env: Record<string, string>): Promise<GoResult> {
  // the SDK sees only PATH and the scenario (which sets HOME to a temp dir): `env -i`
  const r = await run(oracle, [], { PATH: '/usr/bin:/bin', ...env }, 60_000);
  for (const c of CANARIES) expect(r.stdout).not.toContain(c);
  const out = JSON.parse(r.stdout) as GoResult;
  if (r.code !== 0 || out.stage === 'guard') throw new Error(`the Go oracle refused or failed (${r.code}): ${r.stdout}${r.stderr.slice(-2000)}`);
  return out;
}

// ---------------------------------------------------------------- reading our report

// ---------------------------------------------------------------- Go's outcome in our terms

const STEP = { env: 'EnvConfig static credentials', webIdentity: 'stscreds.WebIdentityRoleProvider', profile: 'SharedConfig profile', container: 'endpointcreds (container)', imds: 'ec2rolecreds', before: BEFORE_THE_CHAIN } as const;

/**
 * Our chain row for the provider Go selected (config/resolve_credentials.go resolveCredentialChain,
 * resolveCredsFromProfile): env keys and shared-file keys are both StaticCredentialsProvider (told
 * apart by Source); web identity from AWS_WEB_IDENTITY_TOKEN_FILE is step 3, from a profile step 4;
 * an AssumeRole over the container or IMDS is shown on that row, over anything else on the profile's.
 */
function stepOfProvider(go: GoResult, env: Record<string, string>): string {
  const [outer, inner] = go.provider ?? [];
  switch (outer) {
    case 'credentials.StaticCredentialsProvider':
      return go.source === 'EnvConfigCredentials' ? STEP.env : STEP.profile;
    case '*stscreds.WebIdentityRoleProvider':
      return env['AWS_WEB_IDENTITY_TOKEN_FILE'] ? STEP.webIdentity : STEP.profile;
    case '*stscreds.AssumeRoleProvider':
      return inner === '*endpointcreds.Provider' ? STEP.container : inner === '*ec2rolecreds.Provider' ? STEP.imds : STEP.profile;
    case '*endpointcreds.Provider':
      return STEP.container;
    case '*ec2rolecreds.Provider':
      return STEP.imds;
    default:
      return STEP.profile; // processcreds, ssocreds
  }
}

/**
 * Where a LoadDefaultConfig error comes from: the loaders (config/env_config.go NewEnvConfig,
 * config/shared_config.go loadSharedConfig*) run before any provider, so before the chain; the
 * rest is raised by resolve_credentials.go while it selects a provider.
 */
function stepOfLoadError(message: string): string {
  if (/^(role ARN is not set|token file path is not set)/.test(message)) return STEP.webIdentity;
  if (/^(invalid URL|unable to parse host|failed to resolve host|invalid endpoint host)/.test(message)) return STEP.container;
  if (/^(EcsContainer was specified|credential_source values must be|assume role with MFA enabled|profile ".*" is configured to use SSO)/.test(message)) return STEP.profile;
  return STEP.before;
}

/** Config 1.17.10's STS call could not leave the namespace: it ignores AWS_ENDPOINT_URL_STS (read since config 1.21.0). */
const stsUnreachable = (go: GoResult): boolean =>
  !go.ok &&
  go.stage === 'retrieve' &&
  ['*stscreds.WebIdentityRoleProvider', '*stscreds.AssumeRoleProvider'].includes(go.provider?.[0] ?? '') &&
  /https:\/\/sts\.[a-z0-9-]+\.amazonaws\.com\//.test(go.message ?? '') &&
  (go.errorChain ?? []).some((t) => t === '*net.DNSError' || t === '*net.OpError');

function expectSameAsGo(ours: Ours, go: GoResult, env: Record<string, string>, label: string): void {
  const why = `${label}\ngo: ${JSON.stringify(go)}\nours: ${JSON.stringify({ selected: ours.selected, stop: ours.stop, winnerKey: ours.winnerKey })}`;
  if (go.ok) {
    expect(ours.selected?.sdkName, why).toBe(stepOfProvider(go, env));
    expect(ours.winnerKey, why).toBe(maskKeyId(go.accessKeyId ?? ''));
    return;
  }
  if (go.stage === 'load') {
    expect(ours.selected, why).toBeNull();
    expect(ours.stop?.sdkName, why).toBe(stepOfLoadError(go.message ?? ''));
    expect(ours.stop?.reason, why).toContain('LoadDefaultConfig fails');
    // and says what Go says, up to its first comma or colon ("invalid endpoint host", "role ARN is not set")
    expect(ours.stop?.reason, why).toContain((go.message ?? '').split(/[,:]/)[0]?.trim());
    return;
  }
  const step = stepOfProvider(go, env);
  if (stsUnreachable(go)) {
    // selected at load; whether STS accepts is what our STS (the fake) said
    expect(ours.selected?.sdkName === step || ours.stop?.sdkName === step, why).toBe(true);
    return;
  }
  // a Retrieve error: the selected source fails, nothing later is tried
  expect(ours.selected, why).toBeNull();
  expect(ours.winnerKey, why).toBeNull();
  expect(ours.stop?.sdkName, why).toBe(step);
  expect(ours.stop?.reason, why).not.toContain('LoadDefaultConfig fails');
}

// ---------------------------------------------------------------- scenarios

const keysEnv = (i: typeof IDS.user) => ({ AWS_ACCESS_KEY_ID: i.accessKeyId, AWS_SECRET_ACCESS_KEY: i.secretAccessKey });
const profileFile = (name: string, i: typeof IDS.user) => `[${name}]\naws_access_key_id = ${i.accessKeyId}\naws_secret_access_key = ${i.secretAccessKey}\n`;
const task = { kind: 'ok' as const, credentials: credsOf(IDS.task) };
const instance = { roleName: 'myInstanceRole', credentials: credsOf(IDS.instance) };
const IRSA_ROLE = `arn:aws:iam::${ACCOUNT}:role/myIrsaRole`;
const EXPECT_ANY = { winner: null, exitCode: 1, findings: [] };
const CONTAINER_PATH = `/v2/credentials/${TASK_ID}`;

interface GoCase {
  spec: ScenarioSpec;
  /** SDK-CHAINS.md §8 scenario number, when it is one */
  s8?: number;
  /** variables added after the fakes started */
  extraEnv?: (sc: RunningScenario) => Record<string, string>;
  /** what Debian's Go does here, asserted: the model is held to it */
  go?: { ok?: boolean; stage?: GoResult['stage']; provider?: string; accessKeyId?: string; endpointFrom?: 'AWS_CONTAINER_CREDENTIALS_FULL_URI'; message?: RegExp };
  /** our report cannot decide this from the gathered facts: the step says "not observed" / "not proven" */
  gap?: { step: string; why: string; reason?: RegExp };
}

/** Go-specific scenarios (SDK-CHAINS.md §3, §8), loopback only. */
const GO_SCENARIOS: GoCase[] = [
  {
    spec: { name: 'go-profile-missing-no-keys', title: 'AWS_PROFILE names a missing profile, no env keys: config 1.17.10 ignores it (scenario 3)', container: task, fullUri: true, env: { AWS_PROFILE: 'missing' }, expect: EXPECT_ANY },
    s8: 3,
    go: { ok: true, provider: '*endpointcreds.Provider', accessKeyId: IDS.task.accessKeyId },
  },
  {
    spec: { name: 'go-default-profile-missing', title: 'AWS_DEFAULT_PROFILE names a missing profile (scenario 4)', container: task, fullUri: true, env: { ...keysEnv(IDS.user), AWS_DEFAULT_PROFILE: 'missing' }, expect: EXPECT_ANY },
    s8: 4,
    go: { ok: true, accessKeyId: IDS.user.accessKeyId },
  },
  {
    spec: {
      name: 'go-profile-order',
      title: 'AWS_PROFILE=a and AWS_DEFAULT_PROFILE=b: a (scenario 5)',
      env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b', AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
      files: { credentials: profileFile('a', IDS.user) + profileFile('b', IDS.profile) },
      expect: EXPECT_ANY,
    },
    s8: 5,
    go: { ok: true, accessKeyId: IDS.user.accessKeyId },
  },
  { spec: { name: 'go-empty-profile', title: 'AWS_PROFILE="" with env keys (scenario 6)', env: { ...keysEnv(IDS.user), AWS_PROFILE: '' }, expect: EXPECT_ANY }, s8: 6, go: { ok: true, accessKeyId: IDS.user.accessKeyId } },
  {
    spec: {
      name: 'go-web-identity-token-missing',
      title: 'The web identity token file is missing: the Retrieve error (scenario 9)',
      container: task,
      fullUri: true,
      sts: { webIdentity: true },
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/nope', AWS_ROLE_ARN: IRSA_ROLE },
      expect: EXPECT_ANY,
    },
    s8: 9,
    go: { ok: false, stage: 'retrieve', provider: '*stscreds.WebIdentityRoleProvider', message: /no such file/ },
  },
  {
    spec: {
      name: 'go-web-identity-profile-role',
      title: 'AWS_WEB_IDENTITY_TOKEN_FILE with the role ARN only in the profile: "role ARN is not set" (scenario 10)',
      sts: { webIdentity: true },
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token', AWS_CONFIG_FILE: '$DIR/config' },
      files: { token: WEB_TOKEN, config: `[default]\nrole_arn = ${IRSA_ROLE}\nweb_identity_token_file = $DIR/token\n` },
      expect: EXPECT_ANY,
    },
    s8: 10,
    go: { ok: false, stage: 'load', message: /^role ARN is not set/ },
  },
  {
    spec: { name: 'go-relative-and-full', title: 'Relative and full URI both set: config 1.17.10 takes the full one (scenario 11)', container: task, fullUri: true, expect: EXPECT_ANY },
    s8: 11,
    // the relative URI is set, but Go 1.17.10 never reads it here (full first: config/resolve_credentials.go
    // resolveCredsFromProfile) and the oracle refuses any container host but loopback; our probe of it
    // goes to the loopback fake through ECS_CRED_DOCTOR_CONTAINER_ENDPOINT
    extraEnv: (sc) => ({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: CONTAINER_PATH, ECS_CRED_DOCTOR_CONTAINER_ENDPOINT: new URL(sc.env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '').origin }),
    go: { ok: true, provider: '*endpointcreds.Provider', endpointFrom: 'AWS_CONTAINER_CREDENTIALS_FULL_URI', accessKeyId: IDS.task.accessKeyId },
  },
  {
    spec: {
      name: 'go-token-env-vs-file',
      title: 'Token and token file with different values: config 1.17.10 sends the variable (scenario 12)',
      container: task,
      fullUri: true,
      requiredAuthorization: POD_TOKEN,
      env: { AWS_CONTAINER_AUTHORIZATION_TOKEN: POD_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '$DIR/pod-token' },
      files: { 'pod-token': 'CANARYwrongToken' },
      expect: EXPECT_ANY,
    },
    s8: 12,
    go: { ok: true, provider: '*endpointcreds.Provider', accessKeyId: IDS.task.accessKeyId },
  },
  {
    spec: { name: 'go-full-uri-127-0-0-2', title: 'A full URI on 127.0.0.2: accepted at load, refused on Retrieve (scenario 14)', env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.2:9/creds' }, expect: EXPECT_ANY },
    s8: 14,
    go: { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider' },
  },
  {
    spec: { name: 'go-full-uri-ipv6-loopback', title: 'A full URI on [::1]: accepted at load, refused on Retrieve (scenario 14)', env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://[::1]:9/creds' }, expect: EXPECT_ANY },
    s8: 14,
    go: { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider' },
  },
  {
    spec: { name: 'go-invalid-full-uri', title: 'A full URI that is not a URL: LoadDefaultConfig fails', env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://[::1' }, expect: EXPECT_ANY },
    go: { ok: false, stage: 'load', message: /^invalid URL/ },
  },
  {
    spec: {
      name: 'go-container-500',
      title: 'The endpoint answers 500 with IMDS reachable: the Retrieve error, no fallback (scenario 16)',
      container: { kind: 'agent-error', code: 'InternalServerError' },
      fullUri: true,
      imds: instance,
      expect: EXPECT_ANY,
    },
    s8: 16,
    go: { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider' },
  },
  {
    spec: { name: 'go-full-uri-empty', title: 'AWS_CONTAINER_CREDENTIALS_FULL_URI="" is unset: the instance role (scenario 17)', imds: instance, env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '' }, expect: EXPECT_ANY },
    s8: 17,
    go: { ok: true, provider: '*ec2rolecreds.Provider', accessKeyId: IDS.instance.accessKeyId },
  },
  {
    spec: {
      name: 'go-legacy-key-names',
      title: 'Only AWS_ACCESS_KEY/AWS_SECRET_KEY: Go uses them (scenario 19)',
      container: task,
      fullUri: true,
      env: { AWS_ACCESS_KEY: IDS.user.accessKeyId, AWS_SECRET_KEY: IDS.user.secretAccessKey },
      expect: EXPECT_ANY,
    },
    s8: 19,
    go: { ok: true, provider: 'credentials.StaticCredentialsProvider', accessKeyId: IDS.user.accessKeyId },
  },
  {
    spec: {
      name: 'go-credential-process-fails',
      title: 'A failing credential_process: chosen at load, the Retrieve error (scenario 21)',
      container: task,
      fullUri: true,
      env: { AWS_CONFIG_FILE: '$DIR/config' },
      files: { config: '[default]\ncredential_process = /bin/false\n' },
      expect: EXPECT_ANY,
    },
    s8: 21,
    go: { ok: false, stage: 'retrieve', provider: '*processcreds.Provider' },
    gap: { step: STEP.profile, why: 'ecs-cred-doctor does not run credential_process commands: selected, not proven' },
  },
  {
    spec: {
      name: 'go-config-file-partial',
      title: 'Config-file keys without a secret: LoadDefaultConfig fails (scenario 22)',
      container: task,
      fullUri: true,
      env: { ...keysEnv(IDS.user), AWS_CONFIG_FILE: '$DIR/config' },
      files: { config: `[default]\naws_access_key_id = ${IDS.profile.accessKeyId}\n` },
      expect: EXPECT_ANY,
    },
    s8: 22,
    go: { ok: false, stage: 'load', message: /partial credentials found for profile default/ },
  },
  {
    spec: { name: 'go-imds-v1-only', title: 'IMDSv1 only (token PUT 404): the instance role (scenario 23)', imds: { ...instance, tokenPut: 'not-found' }, expect: EXPECT_ANY },
    s8: 23,
    go: { ok: true, accessKeyId: IDS.instance.accessKeyId },
  },
  {
    spec: {
      name: 'go-imds-v1-disabled-ignored',
      title: 'AWS_EC2_METADATA_V1_DISABLED=true with a v1-only IMDS: config 1.17.10 ignores it (scenario 23)',
      imds: { ...instance, tokenPut: 'not-found' },
      env: { AWS_EC2_METADATA_V1_DISABLED: 'true' },
      expect: EXPECT_ANY,
    },
    s8: 23,
    go: { ok: true, accessKeyId: IDS.instance.accessKeyId },
  },
  {
    spec: { name: 'go-imds-hop-limit', title: 'The token PUT hangs and GET wants a token (hop limit 1): the Retrieve error (scenario 23)', imds: { ...instance, requireToken: true, tokenPut: 'hang' }, expect: EXPECT_ANY },
    s8: 23,
    go: { ok: false, stage: 'retrieve', provider: '*ec2rolecreds.Provider' },
  },
  { spec: { name: 'go-imds-no-role', title: 'IMDS without an instance profile: the Retrieve error', imds: {}, expect: EXPECT_ANY }, go: { ok: false, stage: 'retrieve', provider: '*ec2rolecreds.Provider' } },
  {
    spec: { name: 'go-imds-mode-lowercase', title: 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=ipv6 is accepted (scenario 25)', env: { ...keysEnv(IDS.user), AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' }, expect: EXPECT_ANY },
    s8: 25,
    go: { ok: true, accessKeyId: IDS.user.accessKeyId },
  },
  {
    spec: { name: 'go-imds-mode-bogus', title: 'An unknown IMDS endpoint mode fails the load', env: { ...keysEnv(IDS.user), AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'bogus' }, expect: EXPECT_ANY },
    go: { ok: false, stage: 'load', message: /AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=bogus/ },
  },
  {
    spec: { name: 'go-v1-disabled-not-read', title: 'AWS_EC2_METADATA_V1_DISABLED=maybe: config 1.17.10 does not read it', env: { ...keysEnv(IDS.user), AWS_EC2_METADATA_V1_DISABLED: 'maybe' }, expect: EXPECT_ANY },
    go: { ok: true, accessKeyId: IDS.user.accessKeyId },
  },
  {
    spec: { name: 'go-fips-invalid', title: 'AWS_USE_FIPS_ENDPOINT=maybe fails the load', env: { ...keysEnv(IDS.user), AWS_USE_FIPS_ENDPOINT: 'maybe' }, expect: EXPECT_ANY },
    go: { ok: false, stage: 'load', message: /AWS_USE_FIPS_ENDPOINT=maybe/ },
  },
  {
    spec: {
      name: 'go-irsa-no-region',
      title: 'IRSA with no region at all: the Retrieve error (scenario 27)',
      sts: { webIdentity: true },
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$DIR/token', AWS_ROLE_ARN: IRSA_ROLE, AWS_REGION: '<unset>' },
      files: { token: WEB_TOKEN },
      expect: EXPECT_ANY,
    },
    s8: 27,
    go: { ok: false, stage: 'retrieve', provider: '*stscreds.WebIdentityRoleProvider', message: /region/i },
  },
  {
    spec: { name: 'go-http-proxy-container', title: 'HTTP_PROXY set: Go never proxies a loopback container URI (scenario 29)', container: task, fullUri: true, env: { HTTP_PROXY: 'http://127.0.0.1:9' }, expect: EXPECT_ANY },
    s8: 29,
    go: { ok: true, provider: '*endpointcreds.Provider', accessKeyId: IDS.task.accessKeyId },
  },
  {
    spec: { name: 'go-http-proxy-imds', title: 'HTTP_PROXY set: Go never proxies a loopback IMDS endpoint (scenario 29)', imds: instance, env: { HTTP_PROXY: 'http://127.0.0.1:9' }, expect: EXPECT_ANY },
    s8: 29,
    go: { ok: true, provider: '*ec2rolecreds.Provider', accessKeyId: IDS.instance.accessKeyId },
  },
  {
    spec: {
      name: 'go-assume-role-source-profile',
      title: 'role_arn with source_profile: AssumeRole selected at load',
      env: { AWS_CONFIG_FILE: '$DIR/config', AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
      files: { config: `[default]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/target\nsource_profile = base\n`, credentials: profileFile('base', IDS.profile) },
      expect: EXPECT_ANY,
    },
    go: { ok: false, stage: 'retrieve', provider: '*stscreds.AssumeRoleProvider' },
  },
  {
    spec: {
      name: 'go-mfa-serial',
      title: 'role_arn with mfa_serial: LoadDefaultConfig fails (no token provider)',
      env: { AWS_CONFIG_FILE: '$DIR/config', AWS_SHARED_CREDENTIALS_FILE: '$DIR/credentials' },
      files: { config: `[default]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/target\nsource_profile = base\nmfa_serial = arn:aws:iam::${ACCOUNT}:mfa/me\n`, credentials: profileFile('base', IDS.profile) },
      expect: EXPECT_ANY,
    },
    go: { ok: false, stage: 'load', message: /^assume role with MFA enabled/ },
  },
  {
    spec: {
      name: 'go-profile-web-identity-no-role',
      title: 'web_identity_token_file in the profile without role_arn: a loader error',
      env: { AWS_CONFIG_FILE: '$DIR/config' },
      files: { config: '[default]\nweb_identity_token_file = /nope\n' },
      expect: EXPECT_ANY,
    },
    go: { ok: false, stage: 'load' },
  },
  {
    spec: {
      name: 'go-ecs-credential-source-full-only',
      title: 'credential_source EcsContainer with only the full URI: config 1.17.10 fails the load',
      container: task,
      fullUri: true,
      env: { AWS_CONFIG_FILE: '$DIR/config' },
      files: { config: `[default]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/target\ncredential_source = EcsContainer\n` },
      expect: EXPECT_ANY,
    },
    go: { ok: false, stage: 'load', message: /^EcsContainer was specified/ },
  },
  {
    spec: { name: 'go-sso-incomplete', title: 'An SSO profile missing settings: LoadDefaultConfig fails', env: { AWS_CONFIG_FILE: '$DIR/config' }, files: { config: '[default]\nsso_role_name = Admin\n' }, expect: EXPECT_ANY },
    go: { ok: false, stage: 'load', message: /configured to use SSO/ },
  },
];

/**
 * Shared scenarios where config 1.17.10 sends what the JS probe did not. None since issue 11 item 5:
 * each distinct request a modelled step sends is probed (pod-identity-token-file and
 * token-file-trailing-newline, where Go 1.17.10 sends no Authorization, are compared with Go).
 */
const SHARED_GAPS: Record<string, GoCase['gap']> = {};
/** What Debian's Go does in the shared scenarios (STS: see stsUnreachable). */
const SHARED_GO: Record<string, GoCase['go']> = {
  'profile-skips-env-keys': { ok: true, provider: 'credentials.StaticCredentialsProvider', accessKeyId: IDS.user.accessKeyId },
  'profile-beats-env-keys': { ok: true, provider: 'credentials.StaticCredentialsProvider', accessKeyId: IDS.user.accessKeyId },
  'missing-profile': { ok: true, provider: 'credentials.StaticCredentialsProvider', accessKeyId: IDS.user.accessKeyId },
  'baked-credentials-before-irsa': { ok: false, stage: 'retrieve', provider: '*stscreds.WebIdentityRoleProvider' },
  'irsa-web-identity': { ok: false, stage: 'retrieve', provider: '*stscreds.WebIdentityRoleProvider' },
  'irsa-rejected': { ok: false, stage: 'retrieve', provider: '*stscreds.WebIdentityRoleProvider' },
  'irsa-without-role-arn': { ok: false, stage: 'load', message: /^role ARN is not set/ },
  'pod-identity-token-file': { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider' },
  'token-file-trailing-newline': { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider' },
  'full-uri-host-not-allowed': { ok: false, stage: 'load', message: /^invalid endpoint host, "10\.0\.0\.5", only loopback hosts are allowed/ },
  'partial-env-keys': { ok: true, provider: '*endpointcreds.Provider', accessKeyId: IDS.task.accessKeyId },
  'profile-incomplete-keys': { ok: false, stage: 'load', message: /partial credentials found for profile default/ },
  'bad-expiration-format': { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider', message: /parsing time/ },
  'missing-token-field': { ok: true, provider: '*endpointcreds.Provider', accessKeyId: IDS.task.accessKeyId },
  'imds-disabled-false': { ok: true, provider: '*ec2rolecreds.Provider', accessKeyId: IDS.instance.accessKeyId },
  'endpoint-refused': { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider', message: /connection refused/ },
};
const S8: Record<string, number> = {
  'profile-skips-env-keys': 1,
  'profile-beats-env-keys': 2,
  'missing-profile': 3,
  'baked-credentials-before-irsa': 7,
  'irsa-rejected': 8,
  'irsa-without-role-arn': 10,
  'pod-identity-token-file': 14,
  'token-file-trailing-newline': 13,
  'full-uri-host-not-allowed': 15,
  'partial-env-keys': 18,
  'profile-incomplete-keys': 22,
  'bad-expiration-format': 30,
  'missing-token-field': 31,
  'imds-disabled-false': 24,
};

/**
 * What config 1.17.10 does in the issue 11 environments: AWS_EC2_METADATA_DISABLED decides only as
 * "true"/"false" (EqualFold), AWS_EC2_METADATA_V1_DISABLED is not read yet, an empty file variable
 * is unset (the default ~/.aws path), and a path is used as written ("${HOME}", "~" unexpanded).
 */
const ISSUE11_GO: Record<string, NonNullable<GoCase['go']>> = {
  'i11-imds-disabled-1': { ok: true, accessKeyId: IDS.instance.accessKeyId },
  'i11-imds-disabled-False': { ok: true, accessKeyId: IDS.instance.accessKeyId },
  'i11-imds-disabled-empty': { ok: true, accessKeyId: IDS.instance.accessKeyId },
  'i11-imds-disabled-TRUE': { ok: false, stage: 'retrieve', provider: '*ec2rolecreds.Provider' },
  'i11-imds-disabled-true': { ok: false, stage: 'retrieve', provider: '*ec2rolecreds.Provider' },
  'i11-imds-v1-disabled-1': { ok: true, accessKeyId: IDS.instance.accessKeyId },
  'i11-credentials-file-empty': { ok: true, accessKeyId: IDS.profile.accessKeyId },
  'i11-config-file-empty': { ok: true, accessKeyId: IDS.profile.accessKeyId },
  'i11-credentials-file-home-var': { ok: true, accessKeyId: IDS.task.accessKeyId },
  'i11-config-file-home-var': { ok: true, accessKeyId: IDS.task.accessKeyId },
  'i11-credentials-file-tilde': { ok: true, accessKeyId: IDS.task.accessKeyId },
  'i11-config-file-tilde': { ok: true, accessKeyId: IDS.task.accessKeyId },
  // item 4: net/url, not WHATWG. A trailing space stays in the path (sent as %20: the agent answers
  // 400); a control character anywhere fails url.Parse; 127.1 is no IP for net.ParseIP, so it is looked up
  'i11-full-uri-trailing-space': { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider', message: /Credentials not found/ },
  'i11-full-uri-trailing-newline': { ok: false, stage: 'load', message: /net\/url: invalid control character in URL/ },
  'i11-full-uri-127-1': { ok: false, stage: 'load', message: /failed to resolve host "127\.1"/ },
  'i11-full-uri-tab-inside': { ok: false, stage: 'load', message: /net\/url: invalid control character in URL/ },
  // item 5: config 1.17.10 predates AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (1.25.0): the variable alone is sent
  'i11-token-env-right-file-stale': { ok: true, accessKeyId: IDS.task.accessKeyId },
  'i11-token-file-right-env-stale': { ok: false, stage: 'retrieve', provider: '*endpointcreds.Provider' },
  'i11-token-env-right-file-newline': { ok: true, accessKeyId: IDS.task.accessKeyId },
};

const CASES: GoCase[] = [
  ...SCENARIOS.filter((s) => s.oracle).map(
    (spec): GoCase => ({ spec, ...(S8[spec.name] ? { s8: S8[spec.name] } : {}), ...(SHARED_GO[spec.name] ? { go: SHARED_GO[spec.name] } : {}), ...(SHARED_GAPS[spec.name] ? { gap: SHARED_GAPS[spec.name] } : {}) }),
  ),
  ...GO_SCENARIOS,
  ...ISSUE11.map((spec): GoCase => ({ spec, go: ISSUE11_GO[spec.name] ?? {} })),
];

function expectGoAsDocumented(go: GoResult, want: NonNullable<GoCase['go']>, env: Record<string, string>, label: string): void {
  const why = `${label}: Debian's Go did not do what the case says\ngo: ${JSON.stringify(go)}`;
  if (want.ok !== undefined) expect(go.ok, why).toBe(want.ok);
  if (want.stage) expect(go.stage, why).toBe(want.stage);
  if (want.provider) expect(go.provider?.[0], why).toBe(want.provider);
  if (want.accessKeyId) expect(go.accessKeyId, why).toBe(want.accessKeyId);
  if (want.endpointFrom) expect(go.endpoint, why).toBe(env[want.endpointFrom]);
  if (want.message) expect(go.message ?? '', why).toMatch(want.message);
}

function expectGap(ours: Ours, gap: NonNullable<GoCase['gap']>, label: string): void {
  const row = ours.chain.find((c) => c.sdkName === gap.step);
  const why = `${label}: ${gap.why}\nours: ${JSON.stringify(ours.chain)}`;
  // the step Go selected is the one we select, and it says it could not prove it
  expect(ours.selected?.sdkName, why).toBe(gap.step);
  expect(row?.reason ?? '', why).toMatch(/not observed|not proven/);
  if (gap.reason) expect(row?.reason ?? '', why).toMatch(gap.reason);
}

// ---------------------------------------------------------------- the tests

oracleUnavailable('the Go SDK agreement tests', unavailable, `golang-go and ${DEB_PACKAGE}`);

const goSdk = `go-v2@${installed.modules.config ?? '?'}`;

describe.skipIf(unavailable !== null)(
  `agreement with the real AWS SDK for Go v2 (Debian ${DEB_PACKAGE} ${installed.deb ?? '?'}: config ${installed.modules.config ?? '?'}, built with ${installed.go ?? 'go ?'})${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const agreement = new Agreement();
    beforeAll(async () => {
      oracle = await buildOracle();
    }, 300_000);
    afterAll(() => console.log(agreement.summary()));

    it('Debian carries the module versions this file was written against', () => {
      // config 1.17.10 predates every version boundary of src/chains/go-v2.ts (1.18.45 ... 1.32.0)
      expect(installed.modules).toMatchObject({ config: '1.17.10', credentials: '1.12.23', 'feature/ec2/imds': '1.12.19', 'service/sts': '1.17.1' });
    });

    it('covers the loopback-runnable shared scenarios and the Go-specific ones of SDK-CHAINS.md §8', () => {
      expect(CASES.length).toBeGreaterThanOrEqual(45);
      expect(CASES.filter((c) => !c.go).map((c) => c.spec.name)).toEqual([]);
      expect(CASES.some((c) => c.spec.container && !c.spec.fullUri)).toBe(false);
      expect(new Set(CASES.map((c) => c.s8).filter(Boolean))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 27, 29, 30, 31]));
    });

    // concurrent: each case waits on two child processes and on fakes
    it.concurrent.for(CASES.map((c) => [c.spec.name, c] as const))('%s', { timeout: 120_000 }, async ([, c]) => {
      const sc = await startScenario(c.spec);
      try {
        Object.assign(sc.env, c.extraEnv?.(sc) ?? {});
        const [ours, go] = await Promise.all([runOurs(goSdk, sc.env), runGo(sc.env)]);
        const label = `${c.spec.name} (${c.spec.title}) with ${goSdk}`;
        if (c.go) expectGoAsDocumented(go, c.go, sc.env, label);
        const error = agreement.check(goSdk, c.spec.name, () => (c.gap ? expectGap(ours, c.gap, label) : expectSameAsGo(ours, go, sc.env, label)));
        if (error !== null) throw error;
      } finally {
        await sc.close();
      }
    });

    it('the oracle refuses the relative URI: 169.254.170.2 is never called', async () => {
      const sc = await startScenario({ name: 'go-relative-refused', title: 'relative URI only', env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: CONTAINER_PATH }, expect: EXPECT_ANY });
      try {
        const r = await run(oracle, [], { PATH: '/usr/bin:/bin', ...sc.env }, 30_000);
        expect(r.code).toBe(3);
        expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, stage: 'guard', provider: ['*endpointcreds.Provider'], endpoint: `http://169.254.170.2${CONTAINER_PATH}` });
      } finally {
        await sc.close();
      }
    }, 60_000);
  },
);
