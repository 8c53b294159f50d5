// The verdict as a table: facts and a chain walk in, findings, headline and exit code out.
import { describe, expect, it } from 'vitest';
import { jsV3Chain } from '../../src/sdks/js-v3/index.ts';
import { javaV2ChainFor } from '../../src/sdks/java-v2/index.ts';
import { chainFor } from '../../src/sdks/index.ts';
import { SDK_IDS } from '../../src/model/facts.ts';
import type { ChainDefinition } from '../../src/model/chain.ts';
import { JAVA_POD_IDENTITY_MINIMUM } from '../../src/sdks/java-v2/rules.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';
import { decideVerdict } from '../../src/verdict/decide.ts';
import { exitCodeOf } from '../../src/verdict/exit-code.ts';
import type { VerdictOptions } from '../../src/verdict/input.ts';
import type { CallerIdentityObservation, Facts } from '../../src/model/facts.ts';
import { containerOk, ENV_KEYS, imdsOk, iniFile, makeFacts, RELATIVE, stsIdentity } from '../helpers/facts.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const opts = (o: Partial<VerdictOptions> = {}): VerdictOptions => ({ chain: jsV3Chain, expectRole: null, expectAccount: null, strict: false, noSts: false, now: NOW, ...o });
const sts = (arn: string, over: Partial<CallerIdentityObservation> = {}): CallerIdentityObservation => stsIdentity(NOW, arn, over);
const decide = (f: Facts, o: Partial<VerdictOptions> = {}) => decideVerdict(f, walkChain(jsV3Chain, chainContextOf(f, jsV3Chain)), opts(o));
const codes = (f: Facts, o: Partial<VerdictOptions> = {}) => decide(f, o).findings.map((x) => `${x.code}:${x.severity}`);
const REGION = { AWS_REGION: 'eu-west-1' };
const TASK_STS = sts('arn:aws:sts::111122223333:assumed-role/myAppTaskRole/0123456789abcdef0123456789abcdef');

describe('verdict', () => {
  it('healthy task role: exit 0, headline names the role and the source', () => {
    const v = decide(makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk(), sts: TASK_STS }));
    expect(v.findings).toEqual([]);
    expect(v.exitCode).toBe(0);
    expect(v.headline).toBe('The app runs as role myAppTaskRole (task role, from the ECS container credentials endpoint).');
    expect(v.identity).toMatchObject({ type: 'assumed-role', roleName: 'myAppTaskRole' });
  });

  it('no credentials at all: NO_CREDENTIALS, exit 1', () => {
    const v = decide(makeFacts({ env: REGION }));
    expect(v.findings.map((f) => f.code)).toEqual(['NO_CREDENTIALS']);
    expect(v.exitCode).toBe(1);
  });

  it('static keys shadow the task role', () => {
    const f = makeFacts({ env: { ...RELATIVE, ...ENV_KEYS, ...REGION }, container: containerOk(), sts: sts('arn:aws:iam::111122223333:user/deploy') });
    const v = decide(f);
    expect(codes(f)).toEqual(['CONTAINER_CREDENTIALS_SHADOWED:warning']);
    expect(v.findings[0]?.args).toMatchObject({ role: 'myAppTaskRole', source: 'env' });
    expect(v.headlineCode).toBe('CONTAINER_CREDENTIALS_SHADOWED');
    expect(v.state).toBe('warnings');
    expect(v.exitCode).toBe(0);
    expect(decide(f, { strict: true }).exitCode).toBe(1);
  });

  it('frozen copies of the task credentials in env', () => {
    const f = makeFacts({ env: { ...RELATIVE, ...REGION, AWS_ACCESS_KEY_ID: 'ASIA************TASK', AWS_SECRET_ACCESS_KEY: 'x', AWS_SESSION_TOKEN: 'y' }, container: containerOk(), sts: TASK_STS });
    expect(codes(f)).toContain('ENV_FROZEN_TASK_CREDENTIALS:warning');
  });

  it('AWS_PROFILE with env keys', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, ...RELATIVE, ...REGION, AWS_PROFILE: 'missing' }, container: containerOk(), sts: TASK_STS });
    expect(codes(f)).toEqual(['PROFILE_NOT_FOUND:warning', 'PROFILE_SKIPS_ENV_KEYS:warning']);
  });

  it('ECS without a task role: error when nothing wins, warning when something else does', () => {
    const ecs = { ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4/x', ...REGION };
    // the specific cause replaces the generic NO_CREDENTIALS, and leads the report
    expect(codes(makeFacts({ env: ecs }))).toEqual(['ECS_NO_TASK_ROLE:error']);
    expect(decide(makeFacts({ env: ecs })).headlineCode).toBe('ECS_NO_TASK_ROLE');
    expect(codes(makeFacts({ env: { ...ecs, ...ENV_KEYS }, sts: sts('arn:aws:iam::111122223333:user/u') }))).toEqual(['ECS_NO_TASK_ROLE:warning']);
  });

  it('EC2 instance role by fallback, reachable from the task', () => {
    const f = makeFacts({ env: { ...REGION, ECS_CONTAINER_METADATA_URI_V4: 'http://x' }, imds: imdsOk(), sts: sts('arn:aws:sts::111122223333:assumed-role/myInstanceRole/i-0abc1234def567890') });
    expect(codes(f)).toEqual(['INSTANCE_ROLE_IN_USE:warning', 'ECS_NO_TASK_ROLE:warning', 'IMDS_REACHABLE_FROM_TASK:warning']);
    expect(decide(f).headlineCode).toBe('INSTANCE_ROLE_IN_USE');
    expect(decide(f).findings[0]?.args).toMatchObject({ role: 'myInstanceRole', session: 'i-0abc1234def567890' });
  });

  it('container endpoint failures map to their codes with the agent code and the time spent', () => {
    const refused = makeFacts({ env: { ...RELATIVE, ...REGION }, container: { ...containerOk(), document: null, http: { ok: false, error: { code: 'ECONNREFUSED', message: 'refused' }, ms: 4 } } });
    expect(codes(refused)).toEqual(['CONTAINER_ENDPOINT_UNREACHABLE:error']);
    expect(decide(refused).findings[0]?.args).toMatchObject({ error: 'ECONNREFUSED', ms: 4 });
    expect(decide(refused).headlineCode).toBe('CONTAINER_ENDPOINT_UNREACHABLE');
    const agent = makeFacts({
      env: { ...RELATIVE, ...REGION },
      container: { ...containerOk(), document: null, http: { ok: true, status: 400, headers: {}, ms: 2, bodyBytes: 50 }, agentError: { code: 'InvalidIdInRequest', message: 'CredentialsV2Request: Credentials not found' } },
    });
    const f = decide(agent).findings.find((x) => x.code === 'CONTAINER_ENDPOINT_ERROR');
    expect(f?.args).toMatchObject({ status: 400, agentCode: 'InvalidIdInRequest', agentMessage: 'CredentialsV2Request: Credentials not found' });
    expect(decide(agent).findings.map((x) => x.code)).toEqual(['CONTAINER_ENDPOINT_ERROR']);
    const invalid = makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk({}, { Expiration: '2099-01-01 00:00:00' }) });
    expect(codes(invalid)).toEqual(['CONTAINER_RESPONSE_INVALID:error']);
    expect(decide(invalid).findings[0]?.args).toMatchObject({ kind: 'document' });
  });

  it('expired and expiring credentials', () => {
    const expired = makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk({}, { Expiration: '2026-05-31T23:00:00Z' }), sts: TASK_STS });
    expect(codes(expired)).toEqual(['CREDENTIALS_EXPIRED:error']);
    const soon = makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk({}, { Expiration: '2026-06-01T00:10:00Z' }), sts: TASK_STS });
    expect(codes(soon)).toEqual(['CREDENTIALS_EXPIRING_SOON:warning']);
  });

  it('STS outcomes: rejected, unreachable, clock skew', () => {
    const base = { env: { ...ENV_KEYS, ...REGION } };
    const rejected = makeFacts({ ...base, sts: sts('', { ok: false, arn: null, error: { kind: 'rejected', code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.', status: 403 } }) });
    expect(codes(rejected)).toEqual(['STS_REJECTED:error']);
    expect(decide(rejected).headlineCode).toBe('STS_REJECTED');
    expect(decide(rejected).findings[0]?.args).toMatchObject({ code: 'InvalidClientTokenId', source: 'env' });
    const down = makeFacts({ ...base, sts: sts('', { ok: false, arn: null, error: { kind: 'unreachable', code: 'TIMEOUT', message: 'no answer', status: null } }) });
    expect(codes(down)).toEqual(['STS_UNREACHABLE:error']);
    const skew = (sec: number) => makeFacts({ ...base, sts: sts('arn:aws:iam::111122223333:user/u', { serverDate: new Date(NOW.getTime() - sec * 1000).toUTCString() }) });
    expect(codes(skew(30))).toEqual([]);
    expect(codes(skew(120))).toEqual(['CLOCK_SKEW:warning']);
    expect(codes(skew(600))).toEqual(['CLOCK_SKEW:error']);
  });

  it('execution role in use', () => {
    const f = makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk({}, { RoleArn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole' }), sts: sts('arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/abc') });
    expect(codes(f)).toEqual(['EXECUTION_ROLE_IN_USE:warning']);
  });

  it('expectations: role by name or ARN, account', () => {
    const f = makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk(), sts: TASK_STS });
    expect(decide(f, { expectRole: 'myAppTaskRole' }).exitCode).toBe(0);
    expect(decide(f, { expectRole: 'arn:aws:iam::111122223333:role/myAppTaskRole' }).exitCode).toBe(0);
    expect(codes(f, { expectRole: 'otherRole' })).toEqual(['EXPECTATION_MISMATCH:error']);
    expect(decide(f, { expectAccount: '111122223333' }).exitCode).toBe(0);
    expect(codes(f, { expectAccount: '999999999999' })).toEqual(['EXPECTATION_MISMATCH:error']);
  });

  it('region missing', () => {
    expect(codes(makeFacts({ env: RELATIVE, container: containerOk(), sts: TASK_STS }))).toEqual(['REGION_MISSING:warning']);
  });

  it('--no-sts: ok without identity; otherwise a missing identity is not ok', () => {
    const f = makeFacts({ env: { ...RELATIVE, ...REGION }, container: containerOk() });
    expect(decide(f, { noSts: true }).exitCode).toBe(0);
    expect(decide(f).exitCode).toBe(1);
  });

  it('exit code is a pure function', () => {
    expect(exitCodeOf(true, false, false)).toBe(0);
    expect(exitCodeOf(true, true, false)).toBe(0);
    expect(exitCodeOf(true, true, true)).toBe(1);
    expect(exitCodeOf(false, false, false)).toBe(1);
  });
});

describe('REGION_MISSING names the variable the modelled SDK reads (SDK-CHAINS.md §8 scenario 26)', () => {
  const regionFinding = (family: Parameters<typeof chainFor>[0], env: Record<string, string>) => {
    const chain = chainFor(family, null);
    const f = makeFacts({ env: { ...ENV_KEYS, ...env } });
    return decideVerdict(f, walkChain(chain, chainContextOf(f, chain)), opts({ chain })).findings.find((x) => x.code === 'REGION_MISSING');
  };
  it('botocore with only AWS_REGION: it ignores it, and the fix is AWS_DEFAULT_REGION', () => {
    const f = regionFinding('python', { AWS_REGION: 'eu-west-1' });
    expect(f?.args).toMatchObject({ variable: 'AWS_DEFAULT_REGION' });
    expect(f?.args['from']).toMatch(/AWS_REGION is set, but botocore\/boto3 ignore it/);
    expect(regionFinding('python', { AWS_DEFAULT_REGION: 'eu-west-1' })).toBeUndefined();
  });
  it('JS and Java with only AWS_DEFAULT_REGION: they do not read it', () => {
    expect(regionFinding('js-v3', { AWS_DEFAULT_REGION: 'eu-west-1' })?.args).toMatchObject({ variable: 'AWS_REGION' });
    expect(regionFinding('java-v2', { AWS_DEFAULT_REGION: 'eu-west-1' })?.args).toMatchObject({ variable: 'AWS_REGION' });
  });
  it('Go and the AWS CLI read either variable', () => {
    expect(regionFinding('go-v2', { AWS_DEFAULT_REGION: 'eu-west-1' })).toBeUndefined();
    expect(regionFinding('aws-cli', { AWS_REGION: 'eu-west-1' })).toBeUndefined();
    expect(regionFinding('go-v2', {})?.args['from']).toMatch(/Missing Region/);
  });
});

describe('SDK_TOO_OLD_FOR_POD_IDENTITY', () => {
  const POD = { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token', ...REGION };
  const findingOf = (chain: ChainDefinition) => {
    const f = makeFacts({ env: POD });
    return decideVerdict(f, walkChain(chain, chainContextOf(f, chain)), opts({ chain })).findings.find((x) => x.code === 'SDK_TOO_OLD_FOR_POD_IDENTITY');
  };

  it('every modelled family has a minimum; java-v2 reuses the container source constant', () => {
    for (const id of SDK_IDS) expect(chainFor(id, null).podIdentityMinimum, id).toMatch(/^\d+\.\d+\.\d+$/);
    expect(chainFor('java-v2', null).podIdentityMinimum).toBe(JAVA_POD_IDENTITY_MINIMUM);
  });

  it('java-v2 below 2.21.30 refuses the host and ignores the token file; 2.21.30 and the current model do not', () => {
    const old = findingOf(javaV2ChainFor('2.21.29'));
    expect(old?.severity).toBe('error');
    expect(old?.args).toEqual({ sdk: 'java-v2 2.21.29', minimum: 'java-v2 2.21.30', host: '169.254.170.23', tokenFile: 'yes' });
    expect(findingOf(javaV2ChainFor('2.21.30'))).toBeUndefined();
    expect(findingOf(javaV2ChainFor(null))).toBeUndefined();
  });

  it('the other families, at the boundary', () => {
    for (const family of SDK_IDS) {
      const version = chainFor(family, null).podIdentityMinimum;
      expect(findingOf(chainFor(family, version)), `${family}@${version}`).toBeUndefined();
    }
    expect(findingOf(chainFor('python', '1.31.99'))).toBeDefined();
    expect(findingOf(chainFor('go-v2', '1.24.9'))).toBeDefined();
  });
});

describe('PROFILE_NOT_FOUND names the variable the SDK read', () => {
  const notFound = (chain: ChainDefinition, env: Record<string, string>) => {
    const f = makeFacts({ env: { ...REGION, ...env } });
    return decideVerdict(f, walkChain(chain, chainContextOf(f, chain)), opts({ chain })).findings.find((x) => x.code === 'PROFILE_NOT_FOUND');
  };
  it('botocore: AWS_DEFAULT_PROFILE, read before AWS_PROFILE', () => {
    const py = chainFor('python', '1.29.27');
    const alone = notFound(py, { AWS_DEFAULT_PROFILE: 'gone' });
    expect(alone?.args).toMatchObject({ variable: 'AWS_DEFAULT_PROFILE', profile: 'gone', stops: 'yes', ignored: '' });
    expect(alone?.severity).toBe('error');
    expect(alone?.evidence).toContainEqual({ label: 'named by', value: 'AWS_DEFAULT_PROFILE' });
    expect(notFound(py, { AWS_DEFAULT_PROFILE: 'gone', AWS_PROFILE: 'other' })?.args).toMatchObject({ variable: 'AWS_DEFAULT_PROFILE', ignored: 'AWS_PROFILE=other is not used; botocore reads AWS_DEFAULT_PROFILE' });
    expect(notFound(py, { AWS_PROFILE: 'gone' })?.args).toMatchObject({ variable: 'AWS_PROFILE', stops: 'yes' });
  });

  it('the AWS CLI: AWS_PROFILE first, then AWS_DEFAULT_PROFILE', () => {
    const cli = chainFor('aws-cli', null);
    expect(notFound(cli, { AWS_DEFAULT_PROFILE: 'gone' })?.args).toMatchObject({ variable: 'AWS_DEFAULT_PROFILE' });
    expect(notFound(cli, { AWS_PROFILE: 'gone', AWS_DEFAULT_PROFILE: 'other' })?.args).toMatchObject({ variable: 'AWS_PROFILE', ignored: 'AWS_DEFAULT_PROFILE=other is not used; the AWS CLI reads AWS_PROFILE', stops: 'yes' });
  });

  it('JS and Go: AWS_PROFILE (Go ignores a missing AWS_DEFAULT_PROFILE); Java: -Daws.profile', () => {
    expect(notFound(jsV3Chain, { AWS_PROFILE: 'gone' })?.args).toMatchObject({ variable: 'AWS_PROFILE', stops: 'no' });
    expect(notFound(jsV3Chain, { AWS_PROFILE: 'gone' })?.severity).toBe('warning');
    expect(notFound(chainFor('go-v2', null), { AWS_PROFILE: 'gone' })?.args).toMatchObject({ variable: 'AWS_PROFILE' });
    expect(notFound(chainFor('go-v2', null), { AWS_DEFAULT_PROFILE: 'gone' })).toBeUndefined();
    expect(notFound(chainFor('java-v2', null), { JAVA_TOOL_OPTIONS: '-Daws.profile=gone', AWS_PROFILE: 'x' })?.args).toMatchObject({ variable: '-Daws.profile', profile: 'gone' });
  });
});

describe('PROFILE_INVALID: botocore has several profile steps (regression: a valid [default] was reported invalid)', () => {
  const CRED = '/home/app/.aws/credentials';
  const invalid = (chain: ChainDefinition, f: Facts) => decideVerdict(f, walkChain(chain, chainContextOf(f, chain)), opts({ chain, noSts: true })).findings.find((x) => x.code === 'PROFILE_INVALID');
  const BOTO = [chainFor('python', '1.29.27'), chainFor('python', null), chainFor('aws-cli', '2.9.19'), chainFor('aws-cli', null)];
  const keys = { aws_access_key_id: 'AKIA************PROF', aws_secret_access_key: '<redacted: 40 chars>' };

  it('static keys in [default] of ~/.aws/credentials or ~/.aws/config: no finding (botocore 1.29.27 takes them: shared-credentials-file)', () => {
    for (const c of BOTO) {
      expect(invalid(c, makeFacts({ env: REGION, credentialsFile: iniFile(CRED, { default: keys }) })), c.id).toBeUndefined();
      expect(invalid(c, makeFacts({ env: REGION, configFile: iniFile('/home/app/.aws/config', { default: keys }) })), c.id).toBeUndefined();
      // shadowed by env keys: still a usable profile
      expect(invalid(c, makeFacts({ env: { ...REGION, ...ENV_KEYS }, credentialsFile: iniFile(CRED, { default: keys }) })), c.id).toBeUndefined();
    }
  });

  it('still reported when no profile step can use it, quoting the step that speaks about its settings', () => {
    for (const c of BOTO) {
      const secretOnly = invalid(c, makeFacts({ env: REGION, credentialsFile: iniFile(CRED, { default: { aws_secret_access_key: '<redacted: 40 chars>' } }) }));
      expect(secretOnly?.message, c.id).toBe(`Profile default has credential settings, but the SDK cannot use them: [default] in the credentials file ${CRED} has no aws_access_key_id (aws_secret_access_key alone is ignored)`);
      const noRole = invalid(c, makeFacts({ env: REGION, configFile: iniFile('/home/app/.aws/config', { default: { source_profile: 'base' } }) }));
      expect(noRole?.message, c.id).toBe('Profile default has credential settings, but the SDK cannot use them: profile default has no role_arn');
    }
  });

  it('single-step chains are unchanged: JS reports incomplete static keys', () => {
    const f = makeFacts({ env: REGION, credentialsFile: iniFile(CRED, { default: { aws_access_key_id: 'AKIA************PROF' } }) });
    expect(invalid(jsV3Chain, f)?.message).toMatch(/^Profile default has credential settings, but the SDK cannot use them: Could not resolve credentials using profile: \[default\]: it has incomplete static keys/);
    expect(invalid(jsV3Chain, makeFacts({ env: REGION, credentialsFile: iniFile(CRED, { default: keys }) }))).toBeUndefined();
  });
});
