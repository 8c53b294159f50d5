// Table tests: Facts in, the botocore / AWS CLI v2 chain's placement of every source out
// (SDK-CHAINS.md §2, §8). Each §8 scenario the chain can decide from facts is asserted for
// python@1.29.27 (Debian), python (current release) and aws-cli@2.9.19 (Debian) where they differ.
import { describe, expect, it } from 'vitest';
import { pythonChainFor } from '../../../src/sdks/python/index.ts';
import { awsCliChainFor } from '../../../src/sdks/aws-cli/index.ts';
import { chainContextOf, walkChain } from '../../../src/chains/walk.ts';
import type { ChainDefinition } from '../../../src/model/chain.ts';
import type { AssumeRoleObservation, Facts, TokenFileFact } from '../../../src/model/facts.ts';
import { containerOk, ENV_KEYS, imdsOk, iniFile, makeFacts, RELATIVE } from '../../helpers/facts.ts';

const PY_OLD = pythonChainFor('1.29.27');
const PY = pythonChainFor(null);
const CLI_OLD = awsCliChainFor('2.9.19');
const CLI = awsCliChainFor(null);
const ALL = [PY_OLD, PY, CLI_OLD] as const;

const walk = (c: ChainDefinition, f: Facts) => walkChain(c, chainContextOf(f, c));
/** `winner:METHOD`, `stop:METHOD`, `needs:REF` or `none`: what the chain ends with. */
function end(c: ChainDefinition, f: Facts): string {
  const w = walk(c, f);
  if (w.winner) return `winner:${w.winner.sdkName}`;
  if (w.stoppedBy) return `stop:${w.stoppedBy.sdkName}`;
  if (w.needs) return `needs:${w.needs.ref}`;
  return 'none';
}
const reasonOf = (c: ChainDefinition, f: Facts, method: string): string => walk(c, f).results.find((r) => r.sdkName === method)?.reason ?? '';
const stopReason = (c: ChainDefinition, f: Facts): string => walk(c, f).stoppedBy?.reason ?? '';

const FULL = (url: string) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url });
const fullProbe = (url: string, over: Parameters<typeof containerOk>[0] = {}, doc: Record<string, unknown> = {}) => containerOk({ sdkUrl: url, probedUrl: url, ...over }, doc);
const tokenFile = (path: string, over: Partial<TokenFileFact> = {}): TokenFileFact => ({ path, origin: 't', state: 'ok', size: 20, error: null, endsWithNewline: false, containsCrLf: false, jwt: null, ...over });
const IRSA = { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token', AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/irsa' };
const irsaFacts = (over: Partial<Facts> = {}): Partial<Facts> => ({ webIdentityTokenFile: tokenFile('/var/run/secrets/token'), ...over, env: { ...IRSA, ...(over.env ?? {}) } });
const exchangeOk = (roleArn = IRSA.AWS_ROLE_ARN): AssumeRoleObservation => ({
  kind: 'web-identity',
  roleArn,
  ok: true,
  ms: 1,
  arn: 'arn:aws:sts::111122223333:assumed-role/irsa/s',
  accessKeyId: 'ASIA************IRSA',
  expiration: '2099-01-01T00:00:00Z',
  error: null,
});
const exchangeRejected = (roleArn = IRSA.AWS_ROLE_ARN): AssumeRoleObservation => ({
  kind: 'web-identity',
  roleArn,
  ok: false,
  ms: 1,
  arn: null,
  accessKeyId: null,
  expiration: null,
  error: { kind: 'rejected', code: 'InvalidIdentityToken', message: 'No OpenIDConnect provider found', status: 400 },
});
const IMDS_ENV = { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:2' };
/** the CLI 2.9.19 needs the trailing "/" (see below) */
const IMDS_ENV_SLASH = { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:2/' };
const profileKeys = (id: string) => ({ aws_access_key_id: id, aws_secret_access_key: '<redacted: 40 chars>' });

describe('botocore / AWS CLI chain shape', () => {
  it('walks botocore order with METHOD names, login only where the version has it', () => {
    expect(PY_OLD.steps.map((s) => s.sdkName)).toEqual([
      'env',
      'assume-role',
      'assume-role-with-web-identity',
      'sso',
      'shared-credentials-file',
      'custom-process',
      'config-file',
      'ec2-credentials-file',
      'boto-config',
      'container-role',
      'iam-role',
    ]);
    expect(PY.steps.map((s) => s.sdkName)).toEqual([
      'env',
      'assume-role',
      'assume-role-with-web-identity',
      'sso',
      'shared-credentials-file',
      'login',
      'custom-process',
      'config-file',
      'ec2-credentials-file',
      'boto-config',
      'container-role',
      'iam-role',
    ]);
    expect(CLI_OLD.steps.map((s) => s.sdkName)).toEqual(PY_OLD.steps.map((s) => s.sdkName));
    expect(CLI.steps.map((s) => s.sdkName)).toContain('login');
    expect(PY.steps.map((s) => s.source)).toEqual(['env', 'profile', 'web-identity', 'sso', 'profile', 'profile', 'process', 'profile', 'profile', 'profile', 'container', 'imds']);
    expect([PY_OLD.id, PY.id, CLI_OLD.id, CLI.id]).toEqual(['python@1.29.27', 'python', 'aws-cli@2.9.19', 'aws-cli']);
  });

  it('profile variables: python AWS_DEFAULT_PROFILE first, the CLI AWS_PROFILE first; "" counts as set', () => {
    const env = { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' };
    expect(PY.profileOf(env)).toEqual({ name: 'b', named: true, variable: 'AWS_DEFAULT_PROFILE' });
    expect(CLI_OLD.profileOf(env)).toEqual({ name: 'a', named: true, variable: 'AWS_PROFILE' });
    expect(PY.profileOf({ AWS_PROFILE: '' })).toEqual({ name: '', named: true, variable: 'AWS_PROFILE' });
    expect(PY.profileOf({})).toEqual({ name: 'default', named: false, variable: null });
  });
});

describe('SDK-CHAINS.md §8 scenarios', () => {
  it('1: env keys + AWS_PROFILE naming a profile without credentials: env keys win (AWS_PROFILE does not disable them)', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, ...RELATIVE, AWS_PROFILE: 'app' }, configFile: iniFile('/c', { app: { region: 'eu-west-1' } }), container: containerOk() });
    for (const c of ALL) expect(end(c, f)).toBe('winner:env');
    expect(walk(PY, f).results.find((r) => r.sdkName === 'container-role')?.status).toBe('shadowed');
  });

  it('2: env keys + AWS_PROFILE naming a profile with keys: env keys still win', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'app' }, credentialsFile: iniFile('/k', { app: profileKeys('AKIA************PROF') }) });
    for (const c of ALL) expect(end(c, f)).toBe('winner:env');
    expect(walk(PY, f).results.find((r) => r.sdkName === 'shared-credentials-file')?.status).toBe('shadowed');
  });

  it('3: env keys + AWS_PROFILE naming a missing profile: ProfileNotFound before any provider', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, ...RELATIVE, AWS_PROFILE: 'missing' }, container: containerOk() });
    for (const c of ALL) {
      expect(end(c, f)).toBe('stop:(before the chain)');
      expect(stopReason(c, f)).toMatch(/^ProfileNotFound: The config profile \(missing\) could not be found/);
      expect(walk(c, f).results.every((r) => r.status === 'not-reached')).toBe(true);
    }
  });

  it('4: env keys + AWS_DEFAULT_PROFILE naming a missing profile: ProfileNotFound (the CLI reads it second, but reads it)', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_DEFAULT_PROFILE: 'missing' } });
    for (const c of ALL) expect(stopReason(c, f)).toMatch(/^ProfileNotFound: The config profile \(missing\)/);
    // with AWS_PROFILE naming an existing profile, the CLI never looks at AWS_DEFAULT_PROFILE
    const g = makeFacts({ env: { ...ENV_KEYS, AWS_DEFAULT_PROFILE: 'missing', AWS_PROFILE: 'app' }, configFile: iniFile('/c', { app: {} }) });
    expect(end(PY_OLD, g)).toBe('stop:(before the chain)');
    expect(end(CLI_OLD, g)).toBe('winner:env');
  });

  it('5: AWS_PROFILE=a and AWS_DEFAULT_PROFILE=b: boto3 uses b, the CLI a', () => {
    const f = makeFacts({ env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' }, credentialsFile: iniFile('/k', { a: profileKeys('AKIA************AAAA'), b: profileKeys('AKIA************BBBB') }) });
    expect(walk(PY_OLD, f).winner?.credentials?.accessKeyId).toBe('AKIA************BBBB');
    expect(walk(PY, f).winner?.credentials?.accessKeyId).toBe('AKIA************BBBB');
    expect(walk(CLI_OLD, f).winner?.credentials?.accessKeyId).toBe('AKIA************AAAA');
    expect(end(PY, f)).toBe('winner:shared-credentials-file');
  });

  it('6: AWS_PROFILE="" + env keys: ProfileNotFound(\'\')', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: '' } });
    for (const c of ALL) expect(stopReason(c, f)).toMatch(/^ProfileNotFound: The config profile \(\) could not be found/);
  });

  it('7: IRSA env + baked [default] keys in ~/.aws/credentials: web identity wins (before the shared files), deferred', () => {
    const f = makeFacts(irsaFacts({ credentialsFile: iniFile('/k', { default: profileKeys('AKIA************FILE') }) }));
    for (const c of ALL) expect(end(c, f)).toBe('needs:web-identity:env');
    const done = makeFacts({ ...irsaFacts({ credentialsFile: iniFile('/k', { default: profileKeys('AKIA************FILE') }) }), exchanges: { 'web-identity:env': exchangeOk() } });
    for (const c of ALL) expect(end(c, done)).toBe('winner:assume-role-with-web-identity');
    expect(walk(PY, done).winner?.reason).toMatch(/deferred: the SDK calls STS on first use/);
    expect(walk(PY, done).results.find((r) => r.sdkName === 'shared-credentials-file')?.status).toBe('shadowed');
  });

  it('8 (py side): STS rejects the token: botocore has selected web identity; the first API call fails, no fallback', () => {
    const f = makeFacts({ ...irsaFacts({ env: FULL('http://127.0.0.1:1/c') }), container: fullProbe('http://127.0.0.1:1/c'), exchanges: { 'web-identity:env': exchangeRejected() } });
    for (const c of ALL) {
      expect(end(c, f)).toBe('stop:assume-role-with-web-identity');
      expect(stopReason(c, f)).toMatch(/InvalidIdentityToken.*deferred: the SDK calls STS on first use/);
    }
  });

  it('9: the web identity token file is missing: deferred, so the first API call fails (no fallback to the container)', () => {
    const f = makeFacts({ ...irsaFacts({ env: RELATIVE, webIdentityTokenFile: tokenFile('/var/run/secrets/token', { state: 'missing', error: 'no such file' }) }), container: containerOk() });
    for (const c of ALL) {
      expect(end(c, f)).toBe('stop:assume-role-with-web-identity');
      expect(stopReason(c, f)).toMatch(/FileNotFoundError.*deferred/);
    }
    expect(walk(PY, f).needs).toBeNull();
  });

  it('10: AWS_WEB_IDENTITY_TOKEN_FILE without AWS_ROLE_ARN: InvalidConfigError stops the chain', () => {
    const f = makeFacts({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', ...FULL('http://127.0.0.1:1/c') }, webIdentityTokenFile: tokenFile('/t'), container: fullProbe('http://127.0.0.1:1/c') });
    for (const c of ALL) {
      expect(end(c, f)).toBe('stop:assume-role-with-web-identity');
      expect(stopReason(c, f)).toMatch(/^InvalidConfigError/);
    }
    // a role_arn in the profile completes it, but only next to a web_identity_token_file: a bare
    // role_arn makes assume-role (earlier in the chain) raise first
    const g = makeFacts({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t' }, webIdentityTokenFile: tokenFile('/t'), configFile: iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/p', web_identity_token_file: '/other' } }) });
    expect(walk(PY, g).needs).toMatchObject({ kind: 'web-identity', roleArn: 'arn:aws:iam::1:role/p', tokenRef: 'web-identity-token', ref: 'web-identity:mixed:default' });
    const bare = makeFacts({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t' }, webIdentityTokenFile: tokenFile('/t'), configFile: iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/p' } }) });
    expect(end(PY, bare)).toBe('stop:assume-role');
    expect(stopReason(PY, bare)).toMatch(/^PartialCredentialsError: Partial credentials found in assume-role/);
  });

  it('12: token and token file both set, different values: the file (current) or the variable (1.29 / CLI 2.9, which do not know the file)', () => {
    const url = 'http://127.0.0.1:1/v1/credentials';
    const f = makeFacts({
      env: { ...FULL(url), AWS_CONTAINER_AUTHORIZATION_TOKEN: '<redacted: 11 chars>', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/pod-token' },
      containerTokenFile: tokenFile('/pod-token', { size: 44 }),
      container: fullProbe(url, { authorization: 'token-file' }),
    });
    expect(end(PY, f)).toBe('winner:container-role');
    for (const c of [PY_OLD, CLI_OLD]) {
      expect(end(c, f)).toBe('stop:container-role');
      expect(stopReason(c, f)).toMatch(/not observed: .* sends AWS_CONTAINER_AUTHORIZATION_TOKEN as the Authorization header.*the two tokens differ/);
    }
    // same length: not decidable, selected but not proven
    const g = makeFacts({ ...f, containerTokenFile: tokenFile('/pod-token', { size: 11 }) });
    expect(walk(PY_OLD, g).winner?.reason).toMatch(/not proven/);
  });

  it('13: a token file ending in a newline: ValueError in current botocore; 1.29 ignores the file and sends no token', () => {
    const url = 'http://169.254.170.23/v1/credentials';
    const f = makeFacts({
      env: { ...FULL(url), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/pod-token' },
      containerTokenFile: tokenFile('/pod-token', { endsWithNewline: true }),
      container: fullProbe(url, { authorization: 'token-file', http: null, document: null, probedUrl: null, notSent: { code: 'TOKEN_INVALID_HEADER', message: 'line break' } }),
    });
    expect(stopReason(PY, f)).toMatch(/^ValueError: Auth token value is not a legal header value/);
    // 1.29.27 refuses the Pod Identity host first
    expect(stopReason(PY_OLD, f)).toMatch(/^ValueError: Unsupported host '169.254.170.23'/);
    const local = 'http://127.0.0.1:1/c';
    const g = makeFacts({ ...f, env: { ...FULL(local), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/pod-token' }, container: f.container ? { ...f.container, sdkUrl: local } : null });
    for (const c of [PY_OLD, CLI_OLD]) expect(stopReason(c, g)).toMatch(/not observed: .* sends no Authorization header; .* does not know AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE/);
  });

  it('14: loopback full URIs other than 127.0.0.1, Pod Identity and https: accepted by current botocore, ValueError in 1.29 / CLI 2.9', () => {
    for (const url of ['http://127.0.0.2:9/creds', 'http://[::1]:9/creds', 'http://169.254.170.23/v1/credentials', 'http://[fd00:ec2::23]/v1/credentials', 'https://creds.example.com/c']) {
      const f = makeFacts({ env: FULL(url), container: fullProbe(url) });
      expect(end(PY, f), url).toBe('winner:container-role');
      for (const c of [PY_OLD, CLI_OLD]) {
        expect(end(c, f), url).toBe('stop:container-role');
        expect(stopReason(c, f), url).toMatch(/^ValueError: Unsupported host '.*'. {2}Can only retrieve metadata from these hosts: 169.254.170.2, localhost, 127.0.0.1/);
      }
    }
    // an https host between the two: not pinned
    const https = makeFacts({ env: FULL('https://creds.example.com/c'), container: fullProbe('https://creds.example.com/c') });
    expect(walk(pythonChainFor('1.35.0'), https).stoppedBy?.reason).toMatch(/loopback address or one of these hosts/);
    expect(walk(pythonChainFor('1.42.50'), https).winner?.reason).toMatch(/not proven: whether botocore 1.42.50 accepts an https full URI/);
  });

  it('15: a full URI on a disallowed host: ValueError, IMDS never tried', () => {
    const f = makeFacts({ env: FULL('http://10.0.0.5/creds'), container: fullProbe('http://10.0.0.5/creds', { notSent: { code: 'HOST_NOT_ALLOWED', message: 'no' }, http: null, document: null }), imds: imdsOk() });
    for (const c of ALL) {
      expect(end(c, f)).toBe('stop:container-role');
      expect(stopReason(c, f)).toMatch(/^ValueError: Unsupported host '10.0.0.5'/);
    }
  });

  it('16: the container endpoint down or answering 5xx: CredentialRetrievalError after 3 attempts, no IMDS fallback', () => {
    const refused = makeFacts({ env: RELATIVE, container: containerOk({ http: { ok: false, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, ms: 1 }, document: null }), imds: imdsOk() });
    const e500 = makeFacts({ env: RELATIVE, container: containerOk({ http: { ok: true, status: 500, headers: {}, ms: 1, bodyBytes: 10 }, document: null, agentError: { code: 'InternalServerError', message: 'boom' } }) });
    for (const c of ALL) {
      expect(stopReason(c, refused)).toMatch(/^CredentialRetrievalError: .*ECONNREFUSED.*3 times/);
      expect(stopReason(c, e500)).toMatch(/^CredentialRetrievalError: Received non 200 response \(500\)/);
      expect(walk(c, refused).results.find((r) => r.sdkName === 'iam-role')?.status).toBe('not-reached');
    }
  });

  it('17: AWS_CONTAINER_CREDENTIALS_FULL_URI="": ValueError Unsupported host \'None\'', () => {
    const f = makeFacts({ env: FULL(''), imds: imdsOk() });
    for (const c of ALL) expect(stopReason(c, f)).toMatch(/^ValueError: Unsupported host 'None'/);
  });

  it('17b: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI="": botocore requests http://169.254.170.2, which cannot answer credentials', () => {
    const f = makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '' }, imds: imdsOk() });
    for (const c of ALL) expect(stopReason(c, f)).toMatch(/not observed: .* requests http:\/\/169.254.170.2 \(no credentials path\)/);
  });

  it('18: AWS_ACCESS_KEY_ID without AWS_SECRET_ACCESS_KEY: PartialCredentialsError', () => {
    for (const env of [{ AWS_ACCESS_KEY_ID: 'AKIA************ONLY' }, { AWS_ACCESS_KEY_ID: 'AKIA************ONLY', AWS_SECRET_ACCESS_KEY: '' }] as Record<string, string>[]) {
      const f = makeFacts({ env: { ...env, ...RELATIVE }, container: containerOk() });
      for (const c of ALL) {
        expect(end(c, f)).toBe('stop:env');
        expect(stopReason(c, f)).toMatch(/^PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY/);
      }
    }
    // an empty key id is no key id
    expect(end(PY, makeFacts({ env: { AWS_ACCESS_KEY_ID: '', ...RELATIVE }, container: containerOk() }))).toBe('winner:container-role');
  });

  it('20: AWS_SECURITY_TOKEN is read before AWS_SESSION_TOKEN', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_SECURITY_TOKEN: '<redacted: 9 chars>', AWS_SESSION_TOKEN: '<redacted: 9 chars>' } });
    for (const c of ALL) expect(walk(c, f).winner?.reason).toMatch(/with AWS_SECURITY_TOKEN \(AWS_SESSION_TOKEN is set too, but botocore reads AWS_SECURITY_TOKEN first\)/);
    // the vault entry that carries AWS_SECURITY_TOKEN as the session token (src/gather/index.ts)
    for (const c of ALL) expect(walk(c, f).winner?.credentials?.ref).toBe('botocore:env');
  });

  it('AWS_SECURITY_TOKEN alone, or an empty one: botocore takes the first non-empty token', () => {
    const alone = makeFacts({ env: { ...ENV_KEYS, AWS_SECURITY_TOKEN: '<redacted: 9 chars>' } });
    for (const c of [...ALL, CLI]) {
      expect(walk(c, alone).winner?.reason).toMatch(/temporary keys .* with AWS_SECURITY_TOKEN$/);
      expect(walk(c, alone).winner?.credentials?.ref).toBe('botocore:env');
    }
    const empty = makeFacts({ env: { ...ENV_KEYS, AWS_SECURITY_TOKEN: '', AWS_SESSION_TOKEN: '<redacted: 9 chars>' } });
    for (const c of ALL) {
      expect(walk(c, empty).winner?.reason).toMatch(/with AWS_SESSION_TOKEN$/);
      expect(walk(c, empty).winner?.credentials?.ref).toBe('env');
    }
  });

  it('21: credential_process in the active profile: selected (not run by the tool); a failure there would stop the chain', () => {
    const f = makeFacts({ env: RELATIVE, configFile: iniFile('/c', { default: { credential_process: '/bin/false' } }), container: containerOk() });
    for (const c of ALL) {
      expect(end(c, f)).toBe('winner:custom-process');
      expect(walk(c, f).winner?.reason).toMatch(/raises CredentialRetrievalError and stops the chain.*not proven/);
    }
  });

  it('22: a profile with a key id but no secret: PartialCredentialsError (credentials file and config file)', () => {
    const inCreds = makeFacts({ env: RELATIVE, credentialsFile: iniFile('/k', { default: { aws_access_key_id: 'AKIA************HALF' } }), container: containerOk() });
    const inConfig = makeFacts({ env: RELATIVE, configFile: iniFile('/c', { default: { aws_access_key_id: 'AKIA************HALF' } }), container: containerOk() });
    for (const c of ALL) {
      expect(end(c, inCreds)).toBe('stop:shared-credentials-file');
      expect(stopReason(c, inCreds)).toMatch(/^PartialCredentialsError: Partial credentials found in shared-credentials-file, missing: aws_secret_access_key/);
      expect(end(c, inConfig)).toBe('stop:config-file');
    }
  });

  it('23: hop limit 1 (token PUT times out), IMDSv1 allowed: the instance role by v1 fallback', () => {
    const f = makeFacts({ env: IMDS_ENV_SLASH, imds: imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: 'timeout' }, usedV1: true }) });
    for (const c of ALL) {
      expect(end(c, f)).toBe('winner:iam-role');
      expect(walk(c, f).winner?.reason).toMatch(/IMDSv1 fallback/);
    }
  });

  it('23b: the same with AWS_EC2_METADATA_V1_DISABLED=true: MetadataRetrievalError in current botocore; 1.29 / CLI 2.9 ignore the setting', () => {
    const blocked = makeFacts({
      env: { ...IMDS_ENV_SLASH, AWS_EC2_METADATA_V1_DISABLED: 'true' },
      imds: imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: 'timeout' }, v1Blocked: true, roleList: null, roleName: null, credentials: null, document: null }),
    });
    expect(end(PY, blocked)).toBe('stop:iam-role');
    expect(stopReason(PY, blocked)).toMatch(/^MetadataRetrievalError: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled/);
    expect(end(awsCliChainFor('2.15.1'), blocked)).toBe('stop:iam-role');
    expect(end(awsCliChainFor('2.15.0'), blocked)).toBe('none');
    // the probe followed the JS SDK and did not fall back: what the old versions would get is not observed
    for (const c of [PY_OLD, CLI_OLD]) expect(reasonOf(c, blocked, 'iam-role')).toMatch(/not observed: .* ignores AWS_EC2_METADATA_V1_DISABLED/);
    // a value other than "true" does not disable v1 in botocore
    const one = makeFacts({ env: { ...IMDS_ENV, AWS_EC2_METADATA_V1_DISABLED: '1' }, imds: imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: 'timeout' }, usedV1: true }) });
    expect(end(PY, one)).toBe('winner:iam-role');
  });

  it('26: region only in AWS_DEFAULT_REGION: python and the CLI use it; only in AWS_REGION: boto3 ignores it (global STS)', () => {
    const dflt = makeFacts({ env: { AWS_DEFAULT_REGION: 'eu-central-1' } });
    for (const c of [PY_OLD, PY, CLI_OLD]) expect(c.appRegionOf(dflt)).toEqual({ region: 'eu-central-1', from: 'AWS_DEFAULT_REGION' });
    const awsRegion = makeFacts({ env: { AWS_REGION: 'eu-central-1' } });
    expect(PY.appRegionOf(awsRegion).region).toBeNull();
    expect(PY.appRegionOf(awsRegion).from).toMatch(/AWS_REGION is set, but botocore\/boto3 ignore it/);
    expect(PY.stsRegionOf(awsRegion)).toMatchObject({ region: 'us-east-1' });
    expect(PY.stsRegionOf(awsRegion).from).toMatch(/global endpoint sts\.amazonaws\.com/);
    expect(CLI_OLD.appRegionOf(awsRegion)).toEqual({ region: 'eu-central-1', from: 'AWS_REGION' });
    // the CLI: AWS_REGION before AWS_DEFAULT_REGION; the profile's region last
    expect(CLI_OLD.appRegionOf(makeFacts({ env: { AWS_REGION: 'a-1', AWS_DEFAULT_REGION: 'b-1' } })).region).toBe('a-1');
    expect(PY.appRegionOf(makeFacts({ env: { AWS_PROFILE: 'p' }, configFile: iniFile('/c', { p: { region: 'ap-south-1' } }) }))).toEqual({ region: 'ap-south-1', from: 'profile p' });
  });

  it('27: no region at all, IRSA: botocore calls the global sts.amazonaws.com (signed for us-east-1)', () => {
    for (const c of ALL) {
      const r = c.stsRegionOf(makeFacts(irsaFacts()));
      expect(r.region).toBe('us-east-1');
      expect(r.from).toMatch(/global endpoint sts\.amazonaws\.com/);
    }
  });

  it('28: eu-west-1 without AWS_STS_REGIONAL_ENDPOINTS: legacy (global) before botocore 1.40.0, regional after and in the CLI', () => {
    const f = makeFacts({ env: { AWS_DEFAULT_REGION: 'eu-west-1' } });
    expect(PY_OLD.stsRegionOf(f).from).toMatch(/legacy before botocore 1.40.0/);
    expect(PY.stsRegionOf(f).from).toBe('AWS_DEFAULT_REGION');
    expect(CLI_OLD.stsRegionOf(f).from).toBe('AWS_DEFAULT_REGION');
    expect(PY_OLD.stsRegionOf(makeFacts({ env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'regional' } })).from).toBe('AWS_DEFAULT_REGION');
  });
});

describe('botocore details', () => {
  it('container: any fetch or document problem stops the chain (KeyError, TypeError, bad JSON, expired)', () => {
    const url = 'http://127.0.0.1:1/c';
    const cases: [Parameters<typeof fullProbe>[1], Record<string, unknown>, RegExp][] = [
      [{}, { Token: undefined }, /^KeyError: 'Token'/],
      [{}, { Expiration: '2099-01-01 00:00:00' }, /^TypeError: can't subtract offset-naive and offset-aware datetimes/],
      [{}, { Expiration: 4102444800 }, /^TypeError: Parser must be a string/],
      [{}, { Expiration: 'soon' }, /^ParserError/],
      [{}, { Expiration: '2020-01-01T00:00:00Z' }, /^RuntimeError: Credentials were refreshed, but the refreshed credentials are still expired/],
      [{ parseError: 'not JSON', document: null }, {}, /^CredentialRetrievalError: Unable to parse JSON/],
      [{ introspection: true, document: null }, {}, /^KeyError: 'AccessKeyId'/],
    ];
    for (const [over, doc, re] of cases) {
      const f = makeFacts({ env: FULL(url), container: fullProbe(url, over, doc) });
      for (const c of ALL) expect(stopReason(c, f)).toMatch(re);
    }
    // an offset instead of Z is fine for dateutil
    expect(end(PY, makeFacts({ env: FULL(url), container: fullProbe(url, {}, { Expiration: '2099-01-01T00:00:00+00:00' }) }))).toBe('winner:container-role');
  });

  it('container: the relative URI wins over the full one; the full URI alone is compared with what was probed', () => {
    const both = makeFacts({ env: { ...RELATIVE, ...FULL('http://127.0.0.1:1/c') }, container: containerOk() });
    expect(end(PY_OLD, both)).toBe('winner:container-role');
    expect(walk(PY_OLD, both).winner?.reason).toMatch(/the relative URI wins/);
    const elsewhere = makeFacts({ env: FULL('http://localhost:1/c'), container: fullProbe('http://127.0.0.1:1/c') });
    expect(reasonOf(PY, elsewhere, 'container-role')).toMatch(/^not observed/);
  });

  it('container: a token file set but empty, or unreadable, stops current botocore', () => {
    const url = 'http://127.0.0.1:1/c';
    expect(stopReason(PY, makeFacts({ env: { ...FULL(url), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '' }, container: fullProbe(url) }))).toMatch(/^FileNotFoundError/);
    expect(
      stopReason(
        PY,
        makeFacts({
          env: { ...FULL(url), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t' },
          containerTokenFile: tokenFile('/t', { state: 'unreadable', error: 'EACCES' }),
          container: fullProbe(url, { notSent: { code: 'TOKEN_FILE_UNREADABLE', message: 'x' }, http: null, document: null, authorization: 'token-file' }),
        }),
      ),
    ).toMatch(/^PermissionError/);
  });

  it('IMDS: only "true" disables; failures return None (the chain ends, nothing raised); 1.29 only v1', () => {
    expect(end(PY, makeFacts({ env: { ...IMDS_ENV, AWS_EC2_METADATA_DISABLED: 'TRUE' }, imds: imdsOk() }))).toBe('none');
    expect(end(PY, makeFacts({ env: { ...IMDS_ENV, AWS_EC2_METADATA_DISABLED: 'false' }, imds: imdsOk() }))).toBe('winner:iam-role');
    // "1" disables IMDS for the JS SDK (no probe) but not for botocore: not observed
    expect(reasonOf(PY, makeFacts({ env: { AWS_EC2_METADATA_DISABLED: '1' } }), 'iam-role')).toMatch(/^not observed/);
    expect(end(PY, makeFacts({ env: IMDS_ENV, imds: imdsOk({ roleList: { ok: true, status: 404, headers: {}, ms: 1, bodyBytes: 0 }, roleName: null }) }))).toBe('none');
    expect(end(PY, makeFacts({ env: IMDS_ENV, imds: imdsOk({ parseError: 'not JSON', document: null }) }))).toBe('none');
    expect(end(PY, makeFacts({ env: IMDS_ENV, imds: imdsOk({ token: { outcome: 'status', status: 400, ms: 1, message: '400' } }) }))).toBe('none');
  });

  it('before the chain: a bad endpoint mode, a non-integer timeout or an invalid IMDS endpoint stop botocore even with env keys', () => {
    expect(stopReason(PY, makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'bogus' } }))).toMatch(/^InvalidIMDSEndpointModeError/);
    expect(stopReason(PY, makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: '' } }))).toMatch(/^InvalidIMDSEndpointModeError/);
    expect(end(PY, makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' } }))).toBe('winner:env');
    expect(stopReason(PY, makeFacts({ env: { ...ENV_KEYS, AWS_METADATA_SERVICE_TIMEOUT: '1.5' } }))).toMatch(/^ValueError: invalid literal for int\(\) with base 10: '1.5'/);
    expect(stopReason(PY_OLD, makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'notaurl' } }))).toMatch(/^InvalidIMDSEndpointError/);
    expect(end(PY, makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:1234' } }))).toBe('winner:env');
    // the value a missing profile would be read for comes first: an env timeout error wins over ProfileNotFound
    expect(stopReason(PY, makeFacts({ env: { AWS_METADATA_SERVICE_TIMEOUT: 'x', AWS_PROFILE: 'missing' } }))).toMatch(/^ValueError/);
    // AWS_PROFILE=default needs a default profile in a file
    expect(stopReason(PY, makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'default' } }))).toMatch(/^ProfileNotFound: The config profile \(default\)/);
  });

  it('assume-role: validated and its source resolved eagerly, the AssumeRole call deferred', () => {
    const cfg = (profiles: Record<string, Record<string, string>>) => makeFacts({ configFile: iniFile('/c', profiles) });
    expect(walk(PY, cfg({ default: { role_arn: 'arn:aws:iam::1:role/t', source_profile: 'base' }, base: profileKeys('AKIA************BASE') })).needs).toMatchObject({
      kind: 'assume-role',
      ref: 'assume-role:default',
      sourceRef: 'profile:base',
    });
    expect(stopReason(PY, cfg({ default: { role_arn: 'arn:aws:iam::1:role/t' } }))).toMatch(/^PartialCredentialsError: Partial credentials found in assume-role, missing: source_profile or credential_source/);
    expect(stopReason(PY, cfg({ default: { role_arn: 'r', source_profile: 'nope' } }))).toMatch(/^InvalidConfigError: The source_profile "nope"/);
    expect(stopReason(PY, cfg({ default: { role_arn: 'r', credential_source: 'environment' } }))).toMatch(/^InvalidConfigError: The credential source "environment"/);
    expect(stopReason(PY, cfg({ default: { role_arn: 'r', source_profile: 'b' }, b: { role_arn: 'r2', source_profile: 'default' } }))).toMatch(/InfiniteLoopConfigError: Infinite loop/);
    expect(stopReason(PY, cfg({ default: { role_arn: 'r', source_profile: 'b' }, b: { region: 'x' } }))).toMatch(/^InvalidConfigError: The source profile "b" must have credentials/);
    expect(stopReason(PY, cfg({ default: { role_arn: 'r', credential_source: 'Environment' } }))).toMatch(/CredentialRetrievalError/);
    const viaEnv = makeFacts({ env: ENV_KEYS, configFile: iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/t', credential_source: 'Environment' } }) });
    // env keys come first anyway
    expect(end(PY, viaEnv)).toBe('winner:env');
    const named = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'r' }, configFile: iniFile('/c', { r: { role_arn: 'arn:aws:iam::1:role/t', credential_source: 'Environment' } }) });
    expect(end(PY, named)).toBe('winner:env');
    const ok = makeFacts({
      configFile: iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/t', source_profile: 'base' }, base: profileKeys('AKIA************BASE') }),
      exchanges: { 'assume-role:default': { kind: 'assume-role', roleArn: 'arn:aws:iam::1:role/t', ok: true, ms: 1, arn: 'arn:aws:sts::1:assumed-role/t/s', accessKeyId: 'ASIA************ROLE', expiration: null, error: null } },
    });
    expect(end(PY, ok)).toBe('winner:assume-role');
  });

  it('sso: selected on sso_role_name / sso_account_id; missing settings are InvalidConfigError', () => {
    const f = makeFacts({ configFile: iniFile('/c', { default: { sso_role_name: 'R', sso_account_id: '1', sso_start_url: 'https://x', sso_region: 'eu-west-1' } }) });
    expect(end(PY, f)).toBe('winner:sso');
    expect(stopReason(PY, makeFacts({ configFile: iniFile('/c', { default: { sso_role_name: 'R' } }) }))).toMatch(
      /^InvalidConfigError: The profile "default" is configured to use SSO but is missing required configuration: sso_account_id, sso_start_url, sso_region/,
    );
  });

  it('legacy files: AWS_CREDENTIAL_FILE and BOTO_CONFIG are not read by the tool (not observed)', () => {
    expect(reasonOf(PY, makeFacts({ env: { AWS_CREDENTIAL_FILE: '/ec2creds' } }), 'ec2-credentials-file')).toMatch(/^not observed/);
    expect(stopReason(PY, makeFacts({ env: { AWS_CREDENTIAL_FILE: '' } }))).toMatch(/^ConfigNotFound/);
  });

  it('the CLI 2.9.19 glues "latest/api/token" to a custom IMDS endpoint without "/"', () => {
    const withPort = makeFacts({ env: IMDS_ENV, imds: imdsOk() });
    expect(stopReason(CLI_OLD, withPort)).toMatch(/^InvalidIMDSEndpointError: Invalid endpoint EC2 Instance Metadata endpoint: http:\/\/127.0.0.1:2latest\/api\/token/);
    expect(end(PY_OLD, withPort)).toBe('winner:iam-role');
    expect(end(CLI, withPort)).toBe('winner:iam-role');
    expect(reasonOf(awsCliChainFor('2.30.0'), withPort, 'iam-role')).toMatch(/^not observed: whether AWS CLI 2.30.0 puts "\/"/);
    const noPort = makeFacts({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://169.254.169.254' }, imds: imdsOk({ endpoint: 'http://169.254.169.254' }) });
    expect(end(CLI_OLD, noPort)).toBe('none');
    expect(reasonOf(CLI_OLD, noPort, 'iam-role')).toMatch(/requests http:\/\/169.254.169.254latest\/api\/token/);
    const slash = makeFacts({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:2/' }, imds: imdsOk() });
    expect(end(CLI_OLD, slash)).toBe('winner:iam-role');
  });

  it('the CLI carries its own botocore: Pod Identity from 2.15.0, IMDSv1-disable from 2.15.1', () => {
    const url = 'http://169.254.170.23/v1/credentials';
    const f = makeFacts({ env: FULL(url), container: fullProbe(url) });
    expect(end(awsCliChainFor('2.14.6'), f)).toBe('stop:container-role');
    expect(end(awsCliChainFor('2.15.0'), f)).toBe('winner:container-role');
    expect(end(CLI, f)).toBe('winner:container-role');
  });
});
