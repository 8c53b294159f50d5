// Table tests: Facts in, the Go SDK v2 static selection out (SDK-CHAINS.md §3, §8).
import { describe, expect, it } from 'vitest';
import { goV2ChainFor } from '../../../src/sdks/go-v2/index.ts';
import { chainContextOf, walkChain } from '../../../src/chains/walk.ts';
import type { AssumeRoleObservation, Facts, SourceId } from '../../../src/model/facts.ts';
import type { SourceStatus } from '../../../src/model/report.ts';
import { containerOk, ENV_KEYS, imdsOk, iniFile, makeFacts, RELATIVE, IMDS, FULL, IRSA, POD, tokenFile, exchange } from '../../helpers/facts.ts';

const go = goV2ChainFor(null);
const walkAt = (f: Facts, version: string | null = null) => {
  const chain = version ? goV2ChainFor(version) : go;
  return walkChain(chain, chainContextOf(f, chain));
};
const walk = (f: Facts) => walkAt(f);
const statuses = (f: Facts, version: string | null = null): Partial<Record<SourceId, SourceStatus>> => Object.fromEntries(walkAt(f, version).results.map((r) => [r.source, r.status]));
const result = (f: Facts, source: SourceId, version: string | null = null) => walkAt(f, version).results.find((r) => r.source === source);

const REGION = { AWS_REGION: 'eu-west-1' };
const fullProbe = (url: string, over: Parameters<typeof containerOk>[0] = {}, doc: Record<string, unknown> = {}) => containerOk({ sdkUrl: url, probedUrl: url, ...over }, doc);
const podProbe = (over: Parameters<typeof containerOk>[0] = {}) => fullProbe(POD.AWS_CONTAINER_CREDENTIALS_FULL_URI, { authorization: 'token-file', ...over }, { RoleArn: 'arn:aws:iam::111122223333:role/podRole' });
const refused = { http: { ok: false as const, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 169.254.170.2:80' }, ms: 1 }, document: null };

describe('go-v2 chain', () => {
  it('walks the static selection in its order, with the Go provider names', () => {
    expect(go.steps.map((s) => s.source)).toEqual(['env', 'web-identity', 'profile', 'container', 'imds']);
    expect(go.steps.map((s) => s.sdkName)).toEqual(['EnvConfig static credentials', 'stscreds.WebIdentityRoleProvider', 'SharedConfig profile', 'endpointcreds (container)', 'ec2rolecreds']);
    expect(go.family).toBe('go-v2');
    expect(go.notes.join(' ')).toMatch(/modelled from source/);
  });

  it('selects the task role from the relative URI; IMDS is never a candidate while a container variable is set', () => {
    const s = statuses(makeFacts({ env: { ...RELATIVE, ...IMDS }, container: containerOk(), imds: imdsOk() }));
    expect(s).toMatchObject({ env: 'skipped', 'web-identity': 'skipped', profile: 'skipped', container: 'selected', imds: 'not-reached' });
    expect(result(makeFacts({ env: { ...RELATIVE, ...IMDS }, container: containerOk(), imds: imdsOk() }), 'imds')?.reason).toMatch(/never IMDS/);
  });

  it('env keys shadow the task role', () => {
    expect(statuses(makeFacts({ env: { ...ENV_KEYS, ...RELATIVE }, container: containerOk() }))).toMatchObject({ env: 'selected', container: 'shadowed' });
  });

  it('scenario 1: env keys + AWS_PROFILE naming an existing profile without credentials: env keys', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'app' }, configFile: iniFile('/c', { app: { region: 'eu-west-1' } }) });
    const w = walk(f);
    expect(w.winner?.source).toBe('env');
    expect(w.winner?.credentials?.ref).toBe('env');
  });

  it('scenario 2: env keys + AWS_PROFILE naming a profile with keys: env keys', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'app' }, credentialsFile: iniFile('/k', { app: { aws_access_key_id: 'AKIA************PROF', aws_secret_access_key: 'x' } }) });
    expect(statuses(f)).toMatchObject({ env: 'selected', profile: 'shadowed' });
  });

  it('scenario 3: env keys + AWS_PROFILE naming a missing profile: LoadDefaultConfig fails before any source', () => {
    const w = walk(makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'missing', ...RELATIVE }, configFile: iniFile('/c', { default: {} }), container: containerOk() }));
    expect(w.winner).toBeNull();
    expect(w.stoppedBy?.sdkName).toBe('(before the chain)');
    expect(w.stoppedBy?.reason).toContain('failed to get shared config profile, missing');
    expect(w.results.every((r) => r.status === 'not-reached')).toBe(true);
  });

  it('scenario 4: env keys + AWS_DEFAULT_PROFILE naming a missing profile: env keys (ignored; without keys the shared config is empty)', () => {
    expect(walk(makeFacts({ env: { ...ENV_KEYS, AWS_DEFAULT_PROFILE: 'missing' } })).winner?.source).toBe('env');
    const f = makeFacts({ env: { AWS_DEFAULT_PROFILE: 'missing', ...RELATIVE }, credentialsFile: iniFile('/k', { default: { aws_access_key_id: 'AKIA************DFLT', aws_secret_access_key: 'x' } }), container: containerOk() });
    const w = walk(f);
    expect(w.stoppedBy).toBeNull();
    // the missing AWS_DEFAULT_PROFILE replaces [default]: its keys are not used either
    expect(w.results.find((r) => r.source === 'profile')?.status).toBe('skipped');
    expect(w.winner?.source).toBe('container');
  });

  it('scenario 6: AWS_PROFILE="" + env keys: env keys (an empty AWS_PROFILE is unset for Go)', () => {
    const w = walk(makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: '' } }));
    expect(w.stoppedBy).toBeNull();
    expect(w.winner?.source).toBe('env');
  });

  it('AWS_PROFILE=a and AWS_DEFAULT_PROFILE=b: Go uses a (scenario 5)', () => {
    const f = makeFacts({
      env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' },
      credentialsFile: iniFile('/k', { a: { aws_access_key_id: 'AKIA************AAAA', aws_secret_access_key: 'x' }, b: { aws_access_key_id: 'AKIA************BBBB', aws_secret_access_key: 'x' } }),
    });
    expect(walk(f).winner?.credentials?.accessKeyId).toBe('AKIA************AAAA');
  });

  it('scenario 7: IRSA + static [default] keys in ~/.aws/credentials: IRSA', () => {
    const base = { env: { ...IRSA, ...REGION }, webIdentityTokenFile: tokenFile(), credentialsFile: iniFile('/k', { default: { aws_access_key_id: 'AKIA************FILE', aws_secret_access_key: 'x' } }) };
    expect(walk(makeFacts(base)).needs).toMatchObject({ ref: 'web-identity:env', kind: 'web-identity' });
    const f = makeFacts({ ...base, exchanges: { 'web-identity:env': exchange(true) } });
    expect(statuses(f)).toMatchObject({ 'web-identity': 'selected', profile: 'shadowed' });
  });

  it('scenario 8: IRSA + Pod Identity, STS rejects the token: the Retrieve error, Pod Identity never tried', () => {
    const w = walk(makeFacts({ env: { ...IRSA, ...POD, ...REGION }, webIdentityTokenFile: tokenFile(), container: podProbe(), exchanges: { 'web-identity:env': exchange(false) } }));
    expect(w.winner).toBeNull();
    expect(w.stoppedBy?.source).toBe('web-identity');
    expect(w.stoppedBy?.stopsChain).toBe(true);
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('not-reached');
  });

  it('scenario 9: the web identity token file is missing: the Retrieve error', () => {
    const w = walk(makeFacts({ env: { ...IRSA, ...REGION, ...RELATIVE }, webIdentityTokenFile: tokenFile('missing'), container: containerOk() }));
    expect(w.stoppedBy?.source).toBe('web-identity');
    expect(w.needs).toBeNull();
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('not-reached');
  });

  it('scenario 10: AWS_WEB_IDENTITY_TOKEN_FILE without AWS_ROLE_ARN: LoadDefaultConfig fails ("role ARN is not set")', () => {
    const w = walk(makeFacts({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', ...RELATIVE }, container: containerOk() }));
    expect(w.stoppedBy?.source).toBe('web-identity');
    expect(w.stoppedBy?.reason).toMatch(/role ARN is not set/);
    expect(w.winner).toBeNull();
  });

  it('no region at all with IRSA: "Missing Region" (scenario 27)', () => {
    const w = walk(makeFacts({ env: IRSA, webIdentityTokenFile: tokenFile() }));
    expect(w.needs).toBeNull();
    expect(w.stoppedBy?.reason).toMatch(/Missing Region/);
  });

  it('scenario 11: relative and full URI both set: the relative one (config ≥ 1.27.34)', () => {
    const w = walk(makeFacts({ env: { ...RELATIVE, ...FULL('http://127.0.0.1:9/creds') }, container: containerOk() }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.credentials?.ref).toBe('container');
    expect(w.winner?.reason).toMatch(/AWS_CONTAINER_CREDENTIALS_RELATIVE_URI → http:\/\/169\.254\.170\.2/);
  });

  it('scenario 12: token and token file both set: the file (what the probe sent)', () => {
    const w = walk(makeFacts({ env: { ...POD, AWS_CONTAINER_AUTHORIZATION_TOKEN: '<redacted: 12 chars>' }, container: podProbe() }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.credentials?.ref).toBe('container');
  });

  it('scenario 13: a token file ending in a newline: "authorization token contains invalid newline sequence", the app error', () => {
    const w = walk(makeFacts({ env: POD, container: podProbe({ http: null, document: null, notSent: { code: 'TOKEN_INVALID_HEADER', message: 'line break' } }) }));
    expect(w.stoppedBy?.source).toBe('container');
    expect(w.stoppedBy?.reason).toMatch(/invalid newline sequence/);
  });

  it('scenario 14: full URIs on 127.0.0.2 and [::1] (every version), the Pod Identity host and https (≥ 1.25.0) are accepted', () => {
    for (const url of ['http://127.0.0.2:9/creds', 'http://[::1]:9/creds', 'http://169.254.170.23/v1/credentials', 'https://10.9.8.7/creds']) {
      const w = walk(makeFacts({ env: FULL(url), container: fullProbe(url) }));
      expect(w.winner?.source, url).toBe('container');
      expect(w.winner?.credentials?.ref, url).toBe('container');
    }
    for (const url of ['http://127.0.0.2:9/creds', 'http://[::1]:9/creds']) expect(walkAt(makeFacts({ env: FULL(url), container: fullProbe(url) }), '1.18.0').winner?.source, url).toBe('container');
  });

  it('scenario 15: a disallowed full URI host (http://10.0.0.5): LoadDefaultConfig fails, IMDS is never asked', () => {
    const f = makeFacts({ env: { ...FULL('http://10.0.0.5/creds'), ...IMDS }, container: fullProbe('http://10.0.0.5/creds', { http: null, document: null, notSent: { code: 'HOST_NOT_ALLOWED', message: 'no' } }), imds: imdsOk() });
    const w = walk(f);
    expect(w.stoppedBy?.source).toBe('container');
    expect(w.stoppedBy?.reason).toMatch(/invalid endpoint host, "10\.0\.0\.5", only loopback\/ecs\/eks hosts are allowed/);
    expect(w.winner).toBeNull();
    expect(w.results.find((r) => r.source === 'imds')?.status).toBe('not-reached');
  });

  it('a host name in the full URI is resolved by Go at load: not modelled (selected, not proven)', () => {
    const url = 'http://creds.internal:8080/c';
    const w = walk(makeFacts({ env: FULL(url), container: fullProbe(url, { http: null, document: null, notSent: { code: 'HOST_NOT_ALLOWED', message: 'no' } }) }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.reason).toMatch(/DNS resolution is not modelled/);
    expect(w.winner?.credentials?.ref).toBe('go:container:unobserved');
  });

  it('scenario 16: the container endpoint refuses or answers 5xx, IMDS reachable: the Retrieve error (no fallback)', () => {
    for (const container of [containerOk(refused), containerOk({ http: { ok: true, status: 503, headers: {}, ms: 1, bodyBytes: 10 }, document: null })]) {
      const w = walk(makeFacts({ env: { ...RELATIVE, ...IMDS }, container, imds: imdsOk() }));
      expect(w.stoppedBy?.source).toBe('container');
      expect(w.winner).toBeNull();
    }
  });

  it('scenario 17: AWS_CONTAINER_CREDENTIALS_FULL_URI="" is treated as unset: IMDS (or the next source)', () => {
    const w = walk(makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '', ...IMDS }, imds: imdsOk() }));
    expect(w.results.find((r) => r.source === 'container')?.reason).toMatch(/empty, which Go treats as unset/);
    expect(w.winner?.source).toBe('imds');
  });

  it('scenario 18: AWS_ACCESS_KEY_ID without a secret: ignored, the next source wins', () => {
    const w = walk(makeFacts({ env: { AWS_ACCESS_KEY_ID: 'AKIA************ONLY', ...RELATIVE }, container: containerOk() }));
    expect(w.results.find((r) => r.source === 'env')?.status).toBe('skipped');
    expect(w.winner?.source).toBe('container');
  });

  it('scenario 19: only the legacy AWS_ACCESS_KEY/AWS_SECRET_KEY: Go uses them', () => {
    const w = walk(makeFacts({ env: { AWS_ACCESS_KEY: 'AKIA************LGCY', AWS_SECRET_KEY: '<redacted: 40 chars>', ...RELATIVE }, container: containerOk() }));
    expect(w.winner?.source).toBe('env');
    expect(w.winner?.credentials?.accessKeyId).toBe('AKIA************LGCY');
    expect(w.winner?.reason).toMatch(/AWS_ACCESS_KEY\/AWS_SECRET_KEY/);
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('shadowed');
  });

  it('legacy names: each half falls back on its own; AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY first; "" counts as unset', () => {
    const rows: [Record<string, string>, string, string][] = [
      [
        { AWS_ACCESS_KEY_ID: 'AKIA************MODN', AWS_ACCESS_KEY: 'AKIA************LGCY', AWS_SECRET_ACCESS_KEY: '<redacted: 40 chars>', AWS_SECRET_KEY: '<redacted: 40 chars>' },
        'AKIA************MODN',
        'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY',
      ],
      [{ AWS_ACCESS_KEY_ID: 'AKIA************MODN', AWS_SECRET_KEY: '<redacted: 40 chars>' }, 'AKIA************MODN', 'AWS_ACCESS_KEY_ID/AWS_SECRET_KEY'],
      [{ AWS_ACCESS_KEY: 'AKIA************LGCY', AWS_SECRET_ACCESS_KEY: '<redacted: 40 chars>' }, 'AKIA************LGCY', 'AWS_ACCESS_KEY/AWS_SECRET_ACCESS_KEY'],
      [{ AWS_ACCESS_KEY_ID: '', AWS_ACCESS_KEY: 'AKIA************LGCY', AWS_SECRET_ACCESS_KEY: '', AWS_SECRET_KEY: '<redacted: 40 chars>' }, 'AKIA************LGCY', 'AWS_ACCESS_KEY/AWS_SECRET_KEY'],
    ];
    for (const [env, id, names] of rows) {
      const w = walk(makeFacts({ env }));
      expect(w.winner?.credentials?.accessKeyId).toBe(id);
      expect(w.winner?.reason).toContain(names);
      // the vault holds the legacy pair under its own entry (src/gather/index.ts), so it is proven like any other
      expect(w.winner?.credentials?.ref).toBe(names === 'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY' ? 'env' : 'go:env-legacy');
      expect(w.winner?.reason).not.toMatch(/not proven/);
    }
  });

  it('scenario 21: a credential_process in the active profile: chosen statically, nothing later is tried', () => {
    const f = makeFacts({ env: { ...RELATIVE }, configFile: iniFile('/c', { default: { credential_process: '/bin/false' } }), container: containerOk() });
    const w = walk(f);
    expect(w.winner?.source).toBe('profile');
    expect(w.winner?.reason).toMatch(/Go selected it at load, so if it fails the app gets that error/);
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('shadowed');
  });

  it('scenario 23: hop limit 1 (token PUT times out), IMDSv1 allowed: the instance role; AWS_EC2_METADATA_V1_DISABLED=true: the error', () => {
    const hop = imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: 'timeout' }, usedV1: true });
    const w = walk(makeFacts({ env: IMDS, imds: hop }));
    expect(w.winner?.source).toBe('imds');
    expect(w.winner?.reason).toMatch(/IMDSv1 fallback/);
    const blocked = walk(makeFacts({ env: { ...IMDS, AWS_EC2_METADATA_V1_DISABLED: 'true' }, imds: { ...hop, usedV1: false, v1Blocked: true, roleList: null, roleName: null, credentials: null, document: null } }));
    expect(blocked.winner).toBeNull();
    expect(blocked.stoppedBy?.source).toBe('imds');
  });

  it('scenario 29: HTTP_PROXY set, NO_PROXY lacking 169.254.170.2: the reason says Go sends it through the proxy', () => {
    const w = walk(makeFacts({ env: { ...RELATIVE, HTTP_PROXY: 'http://proxy:3128' }, container: containerOk() }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.reason).toMatch(/through HTTP_PROXY=http:\/\/proxy:3128 \(NO_PROXY does not list 169\.254\.170\.2\)/);
    expect(w.winner?.reason).toMatch(/not proven/);
    for (const noProxy of ['169.254.170.2', '169.254.0.0/16', '*']) {
      expect(walk(makeFacts({ env: { ...RELATIVE, HTTP_PROXY: 'http://proxy:3128', NO_PROXY: `localhost,${noProxy}` }, container: containerOk() })).winner?.reason, noProxy).not.toMatch(/proxy/);
    }
    // HTTPS_PROXY alone does not apply to the http endpoint; loopback is never proxied
    expect(walk(makeFacts({ env: { ...RELATIVE, HTTPS_PROXY: 'http://proxy:3128' }, container: containerOk() })).winner?.reason).not.toMatch(/proxy/);
    const loop = 'http://127.0.0.1:9/c';
    expect(walk(makeFacts({ env: { ...FULL(loop), HTTP_PROXY: 'http://proxy:3128' }, container: fullProbe(loop) })).winner?.reason).not.toMatch(/proxy/);
    // IMDS too
    expect(walk(makeFacts({ env: { HTTP_PROXY: 'http://proxy:3128' }, imds: { ...imdsOk(), endpoint: 'http://169.254.169.254' } })).winner?.reason).toMatch(/through HTTP_PROXY/);
  });

  it('scenario 30: a non-RFC 3339 Expiration: decode error, the app error', () => {
    const w = walk(makeFacts({ env: { ...RELATIVE }, container: containerOk({}, { Expiration: '2099-01-01 00:00:00' }) }));
    expect(w.stoppedBy?.source).toBe('container');
    expect(w.stoppedBy?.reason).toMatch(/not an RFC 3339 time/);
    // an offset is RFC 3339 and fine for Go
    expect(walk(makeFacts({ env: RELATIVE, container: containerOk({}, { Expiration: '2099-01-01T00:00:00+01:00' }) })).winner?.source).toBe('container');
  });

  it('scenario 31: JSON without Expiration or Token: accepted', () => {
    const w = walk(makeFacts({ env: RELATIVE, container: containerOk({}, { Token: undefined, Expiration: undefined }) }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.reason).toMatch(/no Token or Expiration: accepted/);
  });

  it('AWS_PROFILE missing vs credential-type errors in the profile are load errors too', () => {
    const f = makeFacts({ env: ENV_KEYS, configFile: iniFile('/c', { default: { credential_source: 'Ec2InstanceMetadata' } }) });
    expect(walk(f).stoppedBy?.reason).toMatch(/credential type credential_source requires role_arn/);
    const noSrc = makeFacts({ env: ENV_KEYS, configFile: iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/r', source_profile: 'nope' } }) });
    expect(walk(noSrc).stoppedBy?.reason).toMatch(/source profile nope has no shared credentials/);
  });

  it('scenario 22: a profile with a key id and no secret fails the load, env keys or not (every version)', () => {
    const half = iniFile('/k', { default: { aws_access_key_id: 'AKIA************HALF' } });
    for (const version of [null, '1.17.10']) {
      const w = walkAt(makeFacts({ env: { ...ENV_KEYS, ...RELATIVE }, credentialsFile: half, container: containerOk() }), version);
      expect(w.winner).toBeNull();
      expect(w.stoppedBy?.sdkName).toBe('(before the chain)');
      expect(w.stoppedBy?.reason).toMatch(/partial credentials found for profile default/);
    }
    // the credentials file's section decides when both files have the profile (mergeSections)
    const secretInCreds = makeFacts({ env: RELATIVE, configFile: iniFile('/c', { default: { aws_access_key_id: 'AKIA************HALF' } }), credentialsFile: iniFile('/k', { default: { region: 'eu-west-1' } }), container: containerOk() });
    expect(walk(secretInCreds).winner?.source).toBe('container');
    const configOnly = makeFacts({ env: RELATIVE, configFile: iniFile('/c', { default: { aws_secret_access_key: 'x' } }), container: containerOk() });
    expect(walk(configOnly).stoppedBy?.reason).toMatch(/partial credentials/);
    // another profile's half keys do not matter; a source profile's do
    expect(walk(makeFacts({ env: { ...ENV_KEYS }, credentialsFile: iniFile('/k', { other: { aws_access_key_id: 'AKIA************HALF' } }) })).winner?.source).toBe('env');
    const src = iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/r', source_profile: 'base' }, base: { aws_access_key_id: 'AKIA************HALF' } });
    expect(walk(makeFacts({ configFile: src })).stoppedBy?.reason).toMatch(/error fetching config from profile, base/);
  });

  it('invalid AWS_EC2_METADATA_V1_DISABLED or endpoint mode fails the load (mode is case-insensitive)', () => {
    expect(walk(makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_V1_DISABLED: 'yes' } })).stoppedBy?.sdkName).toBe('(before the chain)');
    expect(walkAt(makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_V1_DISABLED: 'yes' } }), '1.21.0').winner?.source).toBe('env');
    expect(walk(makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' } })).winner?.source).toBe('env');
    expect(walk(makeFacts({ env: { ...ENV_KEYS, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv5' } })).stoppedBy?.reason).toMatch(/ENDPOINT_MODE=ipv5/);
  });

  it('profile: role_arn + source_profile asks for a Go AssumeRole with the source keys; its failure stops', () => {
    const cfg = iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/target', source_profile: 'base', region: 'eu-west-1' }, base: { aws_access_key_id: 'AKIA************BASE', aws_secret_access_key: 'x' } });
    expect(walk(makeFacts({ configFile: cfg })).needs).toMatchObject({ ref: 'go:assume-role:default', kind: 'assume-role', sourceRef: 'profile:base' });
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
    const w = walk(makeFacts({ env: RELATIVE, configFile: cfg, container: containerOk(), exchanges: { 'go:assume-role:default': failed } }));
    expect(w.stoppedBy?.source).toBe('profile');
    // role_arn alone: the container credentials are the source of the AssumeRole (h, then the wrap)
    const alone = iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/target', region: 'eu-west-1' } });
    const viaContainer = walk(makeFacts({ env: RELATIVE, configFile: alone, container: containerOk() }));
    expect(viaContainer.results.find((r) => r.source === 'profile')?.status).toBe('skipped');
    expect(viaContainer.needs).toMatchObject({ ref: 'go:assume-role:default', sourceRef: 'container' });
  });

  it('profile: credential_source EcsContainer uses the relative URI, then (≥ 1.27.34) the full URI', () => {
    const cfg = iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/x', credential_source: 'EcsContainer', region: 'eu-west-1' } });
    const url = 'http://127.0.0.1:9/c';
    expect(walk(makeFacts({ env: FULL(url), configFile: cfg, container: fullProbe(url) })).needs).toMatchObject({ sourceRef: 'container' });
    expect(walkAt(makeFacts({ env: FULL(url), configFile: cfg, container: fullProbe(url) }), '1.27.33').stoppedBy?.reason).toMatch(/AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' was not set/);
  });

  it('IMDS: AWS_EC2_METADATA_DISABLED=true with IMDS selected is the app error; a Code other than Success too', () => {
    expect(walk(makeFacts({ env: { ...IMDS, AWS_EC2_METADATA_DISABLED: 'true' }, imds: imdsOk() })).stoppedBy?.source).toBe('imds');
    const bad = imdsOk();
    const w = walk(makeFacts({ env: IMDS, imds: { ...bad, document: bad.document ? { ...bad.document, code: 'Failure' } : null } }));
    expect(w.stoppedBy?.reason).toMatch(/not "Success"/);
  });
});

describe('go-v2 versions (SDK-CHAINS.md §3.1, §3.2)', () => {
  const both = { ...RELATIVE, ...FULL('http://127.0.0.1:9/creds') };

  it('before 1.27.34 the full URI is selected before the relative one', () => {
    const probeOfRelative = containerOk();
    const old = walkAt(makeFacts({ env: both, container: probeOfRelative }), '1.27.33');
    expect(old.winner?.source).toBe('container');
    expect(old.winner?.reason).toMatch(/AWS_CONTAINER_CREDENTIALS_FULL_URI → http:\/\/127\.0\.0\.1:9\/creds/);
    // the probe called the relative URI, so the old release's answer is not observed
    expect(old.winner?.credentials?.ref).toBe('go:container:unobserved');
    const probeOfFull = fullProbe('http://127.0.0.1:9/creds');
    expect(walkAt(makeFacts({ env: both, container: probeOfFull }), '1.27.33').winner?.credentials?.ref).toBe('container');
    expect(walkAt(makeFacts({ env: both, container: probeOfRelative }), '1.27.34').winner?.credentials?.ref).toBe('container');
    expect(goV2ChainFor('1.27.33').notes.join(' ')).toMatch(/before 1\.27\.34/);
  });

  it('before 1.25.0 only loopback full URIs load: the Pod Identity host and non-loopback https fail the load', () => {
    const pod = makeFacts({ env: POD, container: podProbe() });
    expect(walkAt(pod, '1.25.0').winner?.source).toBe('container');
    const old = walkAt(pod, '1.24.9');
    expect(old.stoppedBy?.source).toBe('container');
    expect(old.stoppedBy?.reason).toMatch(/only loopback hosts are allowed/);
    const https = 'https://10.9.8.7/creds';
    expect(walkAt(makeFacts({ env: FULL(https), container: fullProbe(https) }), '1.24.9').stoppedBy?.reason).toMatch(/only loopback hosts/);
    expect(walkAt(makeFacts({ env: FULL(https), container: fullProbe(https) }), '1.25.0').winner?.source).toBe('container');
  });

  it('before 1.25.0 the token file is not read (the probe sent it, so that answer is not observed)', () => {
    const url = 'http://127.0.0.1:9/c';
    const f = makeFacts({ env: { ...FULL(url), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t' }, container: fullProbe(url, { authorization: 'token-file' }) });
    expect(walkAt(f, '1.24.9').winner?.credentials?.ref).toBe('go:container:unobserved');
    expect(walkAt(f, '1.25.0').winner?.credentials?.ref).toBe('container');
  });

  it('before 1.18.45 an AWS_PROFILE naming a missing profile is ignored, as AWS_DEFAULT_PROFILE is (scenario 3)', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'missing', ...RELATIVE }, configFile: iniFile('/c', { default: {} }), container: containerOk() });
    expect(walkAt(f, '1.18.45').stoppedBy?.sdkName).toBe('(before the chain)');
    const old = walkAt(f, '1.18.44');
    expect(old.stoppedBy).toBeNull();
    expect(old.winner?.source).toBe('env');
    const noKeys = walkAt(makeFacts({ env: { AWS_PROFILE: 'missing', ...RELATIVE }, container: containerOk() }), '1.17.10');
    expect(noKeys.winner?.source).toBe('container');
    expect(noKeys.results.find((r) => r.source === 'profile')?.reason).toMatch(/AWS_PROFILE=missing names a missing profile, which config 1\.17\.10 ignores/);
    expect(goV2ChainFor('1.17.10').notes.join(' ')).toMatch(/before 1\.18\.45: an AWS_PROFILE naming a missing profile is ignored/);
    expect(goV2ChainFor('1.17.10').notes.join(' ')).toMatch(/before 1\.21\.0: AWS_ENDPOINT_URL/);
  });

  it('login_session is read from 1.32.0', () => {
    const f = makeFacts({ env: IMDS, configFile: iniFile('/c', { default: { login_session: 'arn:aws:iam::1:user/u' } }), imds: imdsOk() });
    expect(walkAt(f, '1.32.0').winner?.source).toBe('profile');
    expect(walkAt(f, '1.31.0').winner?.source).toBe('imds');
  });
});
