// Table tests: Facts in, the Java SDK v2 chain's placement of every source out (SDK-CHAINS.md §4, §8).
import { describe, expect, it } from 'vitest';
import { javaV2ChainFor } from '../../../src/sdks/java-v2/index.ts';
import { javaUriIllegalChar } from '../../../src/sdks/java-v2/container.ts';
import { chainContextOf, walkChain } from '../../../src/chains/walk.ts';
import type { AssumeRoleObservation, Facts, SourceId } from '../../../src/model/facts.ts';
import type { SourceStatus } from '../../../src/model/report.ts';
import { containerOk, ENV_KEYS, imdsOk, iniFile, makeFacts, RELATIVE, IMDS, FULL, IRSA, POD, tokenFile, exchange } from '../../helpers/facts.ts';

const java = javaV2ChainFor(null);
const walkAt = (f: Facts, version: string | null = null) => {
  const chain = version ? javaV2ChainFor(version) : java;
  return walkChain(chain, chainContextOf(f, chain));
};
const walk = (f: Facts) => walkAt(f);
const statuses = (f: Facts): Partial<Record<SourceId, SourceStatus>> => Object.fromEntries(walk(f).results.map((r) => [r.source, r.status]));
const result = (f: Facts, source: SourceId) => walk(f).results.find((r) => r.source === source);

const podProbe = (over: Parameters<typeof containerOk>[0] = {}, doc: Record<string, unknown> = {}) =>
  containerOk({ sdkUrl: POD.AWS_CONTAINER_CREDENTIALS_FULL_URI, authorization: 'token-file', ...over }, { RoleArn: 'arn:aws:iam::111122223333:role/podRole', ...doc });
const refused = { http: { ok: false as const, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 169.254.170.2:80' }, ms: 1 }, document: null };

describe('java-v2 container URL (java.net.URI after SdkSystemSetting trims; issue 11 item 4)', () => {
  const full = (uri: string) => makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri }, container: containerOk({ sdkUrl: uri }) });
  it("a trailing space or newline is trimmed: the probe (WHATWG drops them too) is Java's request", () => {
    for (const uri of ['http://127.0.0.1:1/c ', 'http://127.0.0.1:1/c\n']) {
      expect(result(full(uri), 'container')?.status, JSON.stringify(uri)).toBe('selected');
      expect(walk(full(uri)).winner?.credentials?.ref).toBe('container');
    }
  });
  it('a tab or space inside is an Illegal character for URI.create: the chain moves on', () => {
    const r = result(full('http://127.0.0.1:1/a\tb'), 'container');
    expect(r?.status).toBe('failed');
    expect(r?.reason).toMatch(/Illegal character "\\t" at index 20/);
    expect(javaUriIllegalChar('http://127.0.0.1:1/a b')).toBe('" " at index 20');
    expect(javaUriIllegalChar('http://[::1]:1/a%2Fb?x=1#f')).toBeNull();
    expect(javaUriIllegalChar('http://h/a|b')).toBe('"|" at index 10');
    expect(javaUriIllegalChar('http://h/a%zz')).toBe('"%" at index 10');
  });
});

describe('java-v2 chain', () => {
  it('walks DefaultCredentialsProvider in its order, with the Java provider names', () => {
    expect(java.steps.map((s) => s.source)).toEqual(['system-properties', 'env', 'web-identity', 'profile', 'container', 'imds']);
    expect(java.steps.map((s) => s.sdkName)).toEqual([
      'SystemPropertyCredentialsProvider',
      'EnvironmentVariableCredentialsProvider',
      'WebIdentityTokenFileCredentialsProvider',
      'ProfileCredentialsProvider',
      'ContainerCredentialsProvider',
      'InstanceProfileCredentialsProvider',
    ]);
    expect(java.family).toBe('java-v2');
    expect(java.notes.join(' ')).toMatch(/modelled from source/);
    expect(java.precondition).toBeUndefined();
  });

  it('selects the task role from the container endpoint, and IMDS would have answered too (shadowed: Java asks IMDS even with container variables)', () => {
    const s = statuses(makeFacts({ env: { ...RELATIVE, ...IMDS }, container: containerOk(), imds: imdsOk() }));
    expect(s).toMatchObject({ container: 'selected', imds: 'shadowed' });
  });

  it('-Daws.accessKeyId/-Daws.secretAccessKey in JAVA_TOOL_OPTIONS win before the env keys', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, JAVA_TOOL_OPTIONS: '-Xmx1g -Daws.accessKeyId=AKIA************PROP -Daws.secretAccessKey=<redacted: 40 chars>' } });
    const w = walk(f);
    expect(w.winner?.source).toBe('system-properties');
    expect(w.winner?.credentials?.ref).toBe('java-system-properties');
    expect(w.winner?.credentials?.accessKeyId).toBe('AKIA************PROP');
    expect(w.results.find((r) => r.source === 'env')?.status).toBe('shadowed');
  });

  it('system properties on the app command line count; a half pair (or an empty secret) moves on', () => {
    const cmd = (c: string) => makeFacts({ env: ENV_KEYS, app: { pid: 1, how: 'pid1', readable: true, error: null, uid: 1000, gids: [], home: '/home/app', cwd: '/', command: c } });
    expect(walk(cmd('java -Daws.accessKeyId=AKIA************PROP -Daws.secretAccessKey=<redacted: 40 chars> -jar app.jar')).winner?.source).toBe('system-properties');
    const half = walk(cmd('java -Daws.accessKeyId=AKIA************PROP -jar app.jar'));
    expect(half.results[0]).toMatchObject({ status: 'failed', stopsChain: false });
    expect(half.winner?.source).toBe('env');
    expect(walk(cmd('java -Daws.accessKeyId=AKIA************PROP -Daws.secretAccessKey=<redacted: 0 chars> -jar a.jar')).winner?.source).toBe('env');
  });

  it('scenario 1: env keys + AWS_PROFILE naming an existing profile without credentials: env keys', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'app' }, configFile: iniFile('/c', { app: { region: 'eu-west-1' } }) });
    expect(walk(f).winner?.source).toBe('env');
  });

  it('scenario 2: env keys + AWS_PROFILE naming a profile with keys: env keys (the profile is shadowed)', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'app' }, credentialsFile: iniFile('/k', { app: { aws_access_key_id: 'AKIA************PROF', aws_secret_access_key: 'x' } }) });
    expect(statuses(f)).toMatchObject({ env: 'selected', profile: 'shadowed' });
  });

  it('scenario 3: env keys + AWS_PROFILE naming a missing profile: env keys (the missing profile is a soft failure)', () => {
    const w = walk(makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'missing' }, configFile: iniFile('/c', { default: {} }) }));
    expect(w.winner?.source).toBe('env');
    expect(w.stoppedBy).toBeNull();
    // without the env keys the missing profile moves on (no precondition in Java)
    const alone = walk(makeFacts({ env: { AWS_PROFILE: 'missing', ...RELATIVE }, configFile: iniFile('/c', { default: {} }), container: containerOk() }));
    expect(alone.results.find((r) => r.source === 'profile')).toMatchObject({ status: 'failed', stopsChain: false });
    expect(alone.winner?.source).toBe('container');
  });

  it('scenario 4: env keys + AWS_DEFAULT_PROFILE naming a missing profile: env keys (Java does not read it)', () => {
    expect(walk(makeFacts({ env: { ...ENV_KEYS, AWS_DEFAULT_PROFILE: 'missing' } })).winner?.source).toBe('env');
    // and AWS_DEFAULT_PROFILE does not select a profile either
    const f = makeFacts({ env: { AWS_DEFAULT_PROFILE: 'other' }, credentialsFile: iniFile('/k', { other: { aws_access_key_id: 'AKIA************OTHR', aws_secret_access_key: 'x' } }) });
    expect(walk(f).winner).toBeNull();
  });

  it('scenario 5: AWS_PROFILE=a and AWS_DEFAULT_PROFILE=b: Java uses a', () => {
    const f = makeFacts({
      env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' },
      credentialsFile: iniFile('/k', { a: { aws_access_key_id: 'AKIA************AAAA', aws_secret_access_key: 'x' }, b: { aws_access_key_id: 'AKIA************BBBB', aws_secret_access_key: 'x' } }),
    });
    expect(walk(f).winner?.credentials?.accessKeyId).toBe('AKIA************AAAA');
    // -Daws.profile beats AWS_PROFILE
    expect(walk(makeFacts({ ...f, env: { ...f.env, JAVA_TOOL_OPTIONS: '-Daws.profile=b' } })).winner?.credentials?.accessKeyId).toBe('AKIA************BBBB');
  });

  it('scenario 7: IRSA + static [default] keys in ~/.aws/credentials: IRSA (web identity comes before the profile)', () => {
    const base = { env: IRSA, webIdentityTokenFile: tokenFile(), credentialsFile: iniFile('/k', { default: { aws_access_key_id: 'AKIA************FILE', aws_secret_access_key: 'x' } }) };
    expect(walk(makeFacts(base)).needs).toMatchObject({ ref: 'web-identity:env', kind: 'web-identity', roleArn: IRSA.AWS_ROLE_ARN });
    const f = makeFacts({ ...base, exchanges: { 'web-identity:env': exchange(true) } });
    expect(walk(f).winner?.source).toBe('web-identity');
    expect(statuses(f).profile).toBe('shadowed');
  });

  it('scenario 8: IRSA + Pod Identity, STS rejects the token: Java falls through to Pod Identity (container)', () => {
    const f = makeFacts({ env: { ...IRSA, ...POD }, webIdentityTokenFile: tokenFile(), container: podProbe(), exchanges: { 'web-identity:env': exchange(false) } });
    const w = walk(f);
    expect(w.results.find((r) => r.source === 'web-identity')).toMatchObject({ status: 'failed', stopsChain: false });
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.credentials?.roleArn).toBe('arn:aws:iam::111122223333:role/podRole');
    // when STS accepts it, IRSA wins (the sts module is assumed present, and said so)
    const ok = walk(makeFacts({ ...f, exchanges: { 'web-identity:env': exchange(true) } }));
    expect(ok.winner?.source).toBe('web-identity');
    expect(ok.winner?.reason).toMatch(/'sts' module/);
  });

  it('scenario 9: the web identity token file is missing: soft, so the container (or IMDS) role wins', () => {
    const f = makeFacts({ env: { ...IRSA, ...RELATIVE }, webIdentityTokenFile: tokenFile('missing'), container: containerOk() });
    expect(statuses(f)).toMatchObject({ 'web-identity': 'failed', container: 'selected' });
    const imds = makeFacts({ env: { ...IRSA, ...IMDS }, webIdentityTokenFile: tokenFile('missing'), imds: imdsOk() });
    expect(walk(imds).winner?.source).toBe('imds');
  });

  it('scenario 10: AWS_WEB_IDENTITY_TOKEN_FILE without AWS_ROLE_ARN: moves on, the next source wins', () => {
    const w = walk(makeFacts({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', ...RELATIVE }, container: containerOk() }));
    expect(w.results.find((r) => r.source === 'web-identity')?.stopsChain).toBe(false);
    expect(w.needs).toBeNull();
    expect(w.winner?.source).toBe('container');
  });

  it('scenario 11: relative and full URI both set: the relative one', () => {
    const w = walk(makeFacts({ env: { ...RELATIVE, ...FULL('http://127.0.0.1:9/creds') }, container: containerOk() }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.reason).toContain('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
    expect(w.winner?.credentials?.ref).toBe('container');
  });

  it('scenario 12: token and token file both set: Java sends AWS_CONTAINER_AUTHORIZATION_TOKEN, not the file the probe used', () => {
    const env = { ...POD, AWS_CONTAINER_AUTHORIZATION_TOKEN: '<redacted: 12 chars>' };
    const w = walk(makeFacts({ env, container: podProbe() }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.reason).toMatch(/AWS_CONTAINER_AUTHORIZATION_TOKEN \(it beats AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE in Java\)/);
    expect(w.winner?.reason).toMatch(/not proven/);
    expect(w.winner?.credentials?.ref).toBe('java:container:unobserved');
    // a probe made with the env token is Java's own request
    const same = walk(makeFacts({ env, container: podProbe({ authorization: 'token-env' }) }));
    expect(same.winner?.credentials?.ref).toBe('container');
  });

  it('scenario 13: a token file ending in a newline: Java sends the raw value, whose outcome is not observed', () => {
    const w = walk(makeFacts({ env: POD, container: podProbe({ http: null, document: null, notSent: { code: 'TOKEN_INVALID_HEADER', message: 'the authorization token contains a line break' } }) }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.reason).toMatch(/raw|as read/);
    expect(w.winner?.credentials?.ref).toBe('java:container:unobserved');
  });

  it('scenario 14: full URIs on 127.0.0.2, [::1], the Pod Identity host and https are accepted', () => {
    for (const url of ['http://127.0.0.2:9/creds', 'http://[::1]:9/creds', 'http://169.254.170.23/v1/credentials', 'https://creds.example.com/v1']) {
      const w = walk(makeFacts({ env: FULL(url), container: containerOk({ sdkUrl: url }) }));
      expect(w.winner?.source, url).toBe('container');
      expect(w.winner?.credentials?.ref, url).toBe('container');
    }
  });

  it('scenario 15: a disallowed full URI host (http://10.0.0.5) falls through to IMDS: the instance role wins', () => {
    const f = makeFacts({ env: { ...FULL('http://10.0.0.5/creds'), ...IMDS }, container: containerOk({ sdkUrl: 'http://10.0.0.5/creds', http: null, document: null, notSent: { code: 'HOST_NOT_ALLOWED', message: 'no' } }), imds: imdsOk() });
    const w = walk(f);
    expect(w.results.find((r) => r.source === 'container')).toMatchObject({ status: 'failed', stopsChain: false });
    expect(w.results.find((r) => r.source === 'container')?.reason).toMatch(/invalid host/);
    expect(w.winner?.source).toBe('imds');
  });

  it('scenario 16: the container endpoint refuses or answers 5xx, IMDS reachable: instance role by fallback', () => {
    for (const container of [containerOk(refused), containerOk({ http: { ok: true, status: 500, headers: {}, ms: 1, bodyBytes: 10 }, document: null })]) {
      const w = walk(makeFacts({ env: { ...RELATIVE, ...IMDS }, container, imds: imdsOk() }));
      expect(w.results.find((r) => r.source === 'container')).toMatchObject({ status: 'failed', stopsChain: false });
      expect(w.winner?.source).toBe('imds');
    }
  });

  it('scenario 18: AWS_ACCESS_KEY_ID without AWS_SECRET_ACCESS_KEY: ignored, the next source wins', () => {
    const w = walk(makeFacts({ env: { AWS_ACCESS_KEY_ID: 'AKIA************ONLY', ...RELATIVE }, container: containerOk() }));
    expect(w.results.find((r) => r.source === 'env')).toMatchObject({ status: 'failed', stopsChain: false });
    expect(w.winner?.source).toBe('container');
  });

  it('scenario 19: only the legacy AWS_ACCESS_KEY/AWS_SECRET_KEY: Java does not read them', () => {
    const w = walk(makeFacts({ env: { AWS_ACCESS_KEY: 'AKIA************LGCY', AWS_SECRET_KEY: '<redacted: 40 chars>', ...RELATIVE }, container: containerOk() }));
    expect(w.results.find((r) => r.source === 'env')?.status).toBe('skipped');
    expect(w.winner?.source).toBe('container');
  });

  it('scenario 21: a credential_process in the active profile: its failure would be soft (the later sources stay in reach)', () => {
    const f = makeFacts({ env: RELATIVE, configFile: iniFile('/c', { default: { credential_process: '/bin/false' } }), container: containerOk() });
    const w = walk(f);
    expect(w.winner?.source).toBe('profile');
    expect(w.winner?.reason).toMatch(/if it fails, the Java SDK moves on/);
    expect(w.winner?.reason).toMatch(/not proven/);
    expect(w.stoppedBy).toBeNull();
  });

  it('scenario 23: hop limit 1 (token PUT times out), IMDSv1 allowed: the instance role via v1; AWS_EC2_METADATA_V1_DISABLED=true: no credentials', () => {
    const hop = imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: 'timeout' }, usedV1: true });
    const w = walk(makeFacts({ env: IMDS, imds: hop }));
    expect(w.winner?.source).toBe('imds');
    expect(w.winner?.reason).toMatch(/IMDSv1 fallback/);
    const blocked = walk(makeFacts({ env: { ...IMDS, AWS_EC2_METADATA_V1_DISABLED: 'true' }, imds: { ...hop, usedV1: false, v1Blocked: true, roleList: null, roleName: null, credentials: null, document: null } }));
    expect(blocked.winner).toBeNull();
    expect(blocked.results.find((r) => r.source === 'imds')?.status).toBe('failed');
  });

  it('scenario 29: HTTPS_PROXY/HTTP_PROXY without NO_PROXY: Java ignores the variables', () => {
    const w = walk(makeFacts({ env: { ...RELATIVE, HTTP_PROXY: 'http://proxy:3128', HTTPS_PROXY: 'http://proxy:3128' }, container: containerOk() }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.reason).not.toMatch(/proxy/i);
  });

  it('scenario 30: a non-ISO Expiration (2099-01-01 00:00:00) is a soft error: IMDS wins', () => {
    const w = walk(makeFacts({ env: { ...RELATIVE, ...IMDS }, container: containerOk({}, { Expiration: '2099-01-01 00:00:00' }), imds: imdsOk() }));
    expect(w.results.find((r) => r.source === 'container')).toMatchObject({ status: 'failed', stopsChain: false });
    expect(w.results.find((r) => r.source === 'container')?.reason).toMatch(/Unable to parse credentials expiration/);
    expect(w.winner?.source).toBe('imds');
    // "+0000" is rewritten to "Z" and accepted
    expect(walk(makeFacts({ env: RELATIVE, container: containerOk({}, { Expiration: '2099-01-01T00:00:00+0000' }) })).winner?.source).toBe('container');
  });

  it('scenario 31: JSON without Expiration or Token: accepted (basic credentials)', () => {
    const w = walk(makeFacts({ env: RELATIVE, container: containerOk({}, { Token: undefined, Expiration: undefined }) }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.reason).toMatch(/no Token or Expiration/);
    // but without SecretAccessKey it is refused, softly
    expect(result(makeFacts({ env: RELATIVE, container: containerOk({}, { SecretAccessKey: undefined }) }), 'container')).toMatchObject({ status: 'failed', stopsChain: false });
  });

  it('AWS_CONTAINER_SERVICE_ENDPOINT moves the relative URI (a URL the probe did not call is not observed)', () => {
    const env = { ...RELATIVE, AWS_CONTAINER_SERVICE_ENDPOINT: 'http://127.0.0.1:51679' };
    const probed = containerOk({ probedUrl: 'http://127.0.0.1:51679/v2/credentials/abc' });
    expect(walk(makeFacts({ env, container: probed })).winner?.credentials?.ref).toBe('container');
    const elsewhere = walk(makeFacts({ env, container: containerOk() })).winner;
    expect(elsewhere?.credentials?.ref).toBe('java:container:unobserved');
    // a non-loopback override is refused like a full URI
    const bad = walk(makeFacts({ env: { ...RELATIVE, AWS_CONTAINER_SERVICE_ENDPOINT: 'http://10.1.2.3', ...IMDS }, container: containerOk(), imds: imdsOk() }));
    expect(bad.winner?.source).toBe('imds');
  });

  it('IPv6 endpoint mode refuses the ECS relative URI host (only [fd00:ec2::23] is literal-allowed)', () => {
    const w = walk(makeFacts({ env: { ...RELATIVE, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' }, container: containerOk() }));
    expect(w.results.find((r) => r.source === 'container')).toMatchObject({ status: 'failed', stopsChain: false });
  });

  it('profile: role_arn + source_profile asks for a Java-specific AssumeRole; a failure there moves on', () => {
    const cfg = iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/target', source_profile: 'base' }, base: { aws_access_key_id: 'AKIA************BASE', aws_secret_access_key: 'x' } });
    expect(walk(makeFacts({ configFile: cfg })).needs).toMatchObject({ ref: 'java:assume-role:default', kind: 'assume-role', sourceRef: 'profile:base' });
    const failed: AssumeRoleObservation = {
      kind: 'assume-role',
      roleArn: 'arn:aws:iam::1:role/target',
      ok: false,
      ms: 1,
      arn: null,
      accessKeyId: null,
      expiration: null,
      error: { kind: 'rejected', code: 'AccessDenied', message: 'no', status: 403 },
    };
    const w = walk(makeFacts({ env: { ...RELATIVE }, configFile: cfg, container: containerOk(), exchanges: { 'java:assume-role:default': failed } }));
    expect(w.results.find((r) => r.source === 'profile')).toMatchObject({ status: 'failed', stopsChain: false });
    expect(w.winner?.source).toBe('container');
    // both source_profile and credential_source: IllegalState, soft
    const both = iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/t', source_profile: 'base', credential_source: 'Environment' }, base: {} });
    expect(result(makeFacts({ configFile: both }), 'profile')?.reason).toMatch(/has both source_profile and credential_source/);
  });

  it('profile: a key id without its secret is a soft error naming the property', () => {
    const f = makeFacts({ env: RELATIVE, credentialsFile: iniFile('/k', { default: { aws_access_key_id: 'AKIA************HALF' } }), container: containerOk() });
    expect(result(f, 'profile')?.reason).toMatch(/Profile property 'aws_secret_access_key' was not configured for 'default'/);
    expect(walk(f).winner?.source).toBe('container');
  });

  it('IMDS disabled by AWS_EC2_METADATA_DISABLED=true; not probed means not observed', () => {
    expect(statuses(makeFacts({ env: { AWS_EC2_METADATA_DISABLED: 'TRUE', ...IMDS }, imds: imdsOk() })).imds).toBe('skipped');
    expect(result(makeFacts({ env: RELATIVE, container: containerOk(refused) }), 'imds')).toMatchObject({ status: 'failed', stopsChain: false });
    expect(result(makeFacts({ env: RELATIVE, container: containerOk(refused) }), 'imds')?.reason).toMatch(/not probed/);
  });

  it('region: aws.region, AWS_REGION, the profile; not AWS_DEFAULT_REGION; STS falls back to us-east-1 (global endpoint)', () => {
    expect(java.appRegionOf(makeFacts({ env: { AWS_DEFAULT_REGION: 'eu-west-1' } })).region).toBeNull();
    expect(java.appRegionOf(makeFacts({ env: { AWS_REGION: 'eu-west-1', JAVA_TOOL_OPTIONS: '-Daws.region=eu-north-1' } })).region).toBe('eu-north-1');
    expect(java.appRegionOf(makeFacts({ configFile: iniFile('/c', { default: { region: 'ap-south-1' } }) })).region).toBe('ap-south-1');
    expect(java.stsRegionOf(makeFacts()).from).toMatch(/sts\.amazonaws\.com/);
  });
});

describe('java-v2 versions', () => {
  it('2.21.30 boundary: before it the Pod Identity host is refused (soft: IMDS wins) and the token file is not sent', () => {
    const f = makeFacts({ env: { ...POD, ...IMDS }, container: podProbe(), imds: imdsOk() });
    expect(walkAt(f, '2.21.30').winner?.source).toBe('container');
    const old = walkAt(f, '2.21.29');
    expect(old.results.find((r) => r.source === 'container')?.reason).toMatch(/predates EKS Pod Identity/);
    expect(old.winner?.source).toBe('imds');
    expect(javaV2ChainFor('2.20.0').notes.join(' ')).toMatch(/before 2\.21\.30/);
    // a loopback full URI with a token file: the old release sends no token, unlike the probe
    const loop = makeFacts({ env: { ...FULL('http://127.0.0.1:9/c'), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t' }, container: containerOk({ sdkUrl: 'http://127.0.0.1:9/c', authorization: 'token-file' }) });
    expect(walkAt(loop, '2.20.0').winner?.credentials?.ref).toBe('java:container:unobserved');
    expect(walkAt(loop, null).winner?.credentials?.ref).toBe('container');
  });
});
