// Table tests: Facts in, the JS v3 chain's placement of every source out (SDK-CHAINS.md §1, §8).
import { describe, expect, it } from 'vitest';
import { jsV3Chain, jsV3ChainFor } from '../../../src/sdks/js-v3/index.ts';
import { chainContextOf, walkChain } from '../../../src/chains/walk.ts';
import type { Facts, SourceId } from '../../../src/model/facts.ts';
import type { SourceStatus } from '../../../src/model/report.ts';
import { containerOk, ENV_KEYS, imdsOk, iniFile, makeFacts, RELATIVE } from '../../helpers/facts.ts';

const walk = (f: Facts) => walkChain(jsV3Chain, chainContextOf(f, jsV3Chain));
const statuses = (f: Facts): Partial<Record<SourceId, SourceStatus>> => Object.fromEntries(walk(f).results.map((r) => [r.source, r.status]));

describe('js-v3 chain', () => {
  it('walks the SDK order', () => {
    expect(jsV3Chain.steps.map((s) => s.source)).toEqual(['env', 'sso', 'profile', 'process', 'web-identity', 'container', 'imds']);
  });

  it('selects the task role from the container endpoint', () => {
    const w = walk(makeFacts({ env: RELATIVE, container: containerOk() }));
    expect(w.winner?.source).toBe('container');
    expect(w.winner?.credentials?.roleArn).toBe('arn:aws:iam::111122223333:role/myAppTaskRole');
    expect(statuses(makeFacts({ env: RELATIVE, container: containerOk() })).imds).toBe('not-reached');
  });

  it('env keys shadow the task role (§3)', () => {
    const s = statuses(makeFacts({ env: { ...ENV_KEYS, ...RELATIVE }, container: containerOk() }));
    expect(s.env).toBe('selected');
    expect(s.container).toBe('shadowed');
  });

  it('scenario 1: AWS_PROFILE with an existing profile without credentials skips env keys; the container wins', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, ...RELATIVE, AWS_PROFILE: 'app' }, configFile: iniFile('/c', { app: { region: 'eu-west-1' } }), container: containerOk() });
    const s = statuses(f);
    expect(s.env).toBe('skipped');
    expect(s.profile).toBe('skipped');
    expect(s.container).toBe('selected');
  });

  it('scenario 2: AWS_PROFILE naming a profile with keys wins over env keys', () => {
    const f = makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: 'app' }, credentialsFile: iniFile('/k', { app: { aws_access_key_id: 'AKIA************PROF', aws_secret_access_key: '<redacted: 40 chars>' } }) });
    const w = walk(f);
    expect(w.winner?.source).toBe('profile');
    expect(w.winner?.credentials?.ref).toBe('profile:app');
    expect(w.winner?.credentials?.accessKeyId).toBe('AKIA************PROF');
  });

  it('scenario 3: AWS_PROFILE naming a missing profile soft-fails; the container wins', () => {
    const s = statuses(makeFacts({ env: { ...ENV_KEYS, ...RELATIVE, AWS_PROFILE: 'missing' }, container: containerOk() }));
    expect(s.profile).toBe('skipped');
    expect(s.container).toBe('selected');
  });

  it('scenario 7: a baked [default] credentials file wins before IRSA', () => {
    const f = makeFacts({
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/irsa' },
      credentialsFile: iniFile('/k', { default: { aws_access_key_id: 'AKIA************FILE', aws_secret_access_key: 'x' } }),
      webIdentityTokenFile: { path: '/t', origin: 't', state: 'ok', size: 10, error: null, endsWithNewline: false, containsCrLf: false, jwt: null },
    });
    const w = walk(f);
    expect(w.winner?.source).toBe('profile');
    expect(w.needs).toBeNull();
    expect(w.results.find((r) => r.source === 'web-identity')?.status).toBe('not-reached');
  });

  it('web identity asks for its STS exchange, then selects or stops on its outcome', () => {
    const base = {
      env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/irsa' },
      webIdentityTokenFile: { path: '/t', origin: 't', state: 'ok' as const, size: 10, error: null, endsWithNewline: false, containsCrLf: false, jwt: null },
    };
    expect(walk(makeFacts(base)).needs).toMatchObject({ kind: 'web-identity', roleArn: 'arn:aws:iam::1:role/irsa' });
    const ok = walk(
      makeFacts({
        ...base,
        exchanges: { 'web-identity:env': { kind: 'web-identity', roleArn: 'arn:aws:iam::1:role/irsa', ok: true, ms: 1, arn: 'arn:aws:sts::1:assumed-role/irsa/s', accessKeyId: 'ASIA************IRSA', expiration: null, error: null } },
      }),
    );
    expect(ok.winner?.source).toBe('web-identity');
    const bad = walk(
      makeFacts({
        ...base,
        exchanges: { 'web-identity:env': { kind: 'web-identity', roleArn: 'x', ok: false, ms: 1, arn: null, accessKeyId: null, expiration: null, error: { kind: 'rejected', code: 'InvalidIdentityToken', message: 'no', status: 400 } } },
      }),
    );
    expect(bad.winner).toBeNull();
    expect(bad.stoppedBy?.source).toBe('web-identity');
  });

  it('scenario 9: an unreadable web identity token file stops the chain', () => {
    const w = walk(
      makeFacts({
        env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/nope', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r', ...RELATIVE },
        container: containerOk(),
        webIdentityTokenFile: { path: '/nope', origin: 't', state: 'missing', size: null, error: 'no such file', endsWithNewline: false, containsCrLf: false, jwt: null },
      }),
    );
    expect(w.stoppedBy?.source).toBe('web-identity');
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('not-reached');
  });

  it('scenario 10: the token file without AWS_ROLE_ARN is skipped', () => {
    expect(statuses(makeFacts({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', ...RELATIVE }, container: containerOk() }))).toMatchObject({ 'web-identity': 'skipped', container: 'selected' });
  });

  it('scenario 15: a disallowed full URI host soft-fails and IMDS is never asked', () => {
    const f = makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://10.0.0.5/creds' }, container: { ...containerOk(), http: null, document: null, notSent: { code: 'HOST_NOT_ALLOWED', message: 'no' } } });
    const w = walk(f);
    expect(w.winner).toBeNull();
    const c = w.results.find((r) => r.source === 'container');
    expect(c?.status).toBe('failed');
    expect(c?.stopsChain).toBe(false);
    expect(w.results.find((r) => r.source === 'imds')?.status).toBe('skipped');
  });

  it('scenario 18: a key id without a secret is ignored and the next source wins', () => {
    expect(statuses(makeFacts({ env: { AWS_ACCESS_KEY_ID: 'AKIA************ONLY', ...RELATIVE }, container: containerOk() }))).toMatchObject({ env: 'skipped', container: 'selected' });
  });

  it('scenario 22: a profile with a key id but no secret does not match; next source wins', () => {
    const f = makeFacts({ env: RELATIVE, credentialsFile: iniFile('/k', { default: { aws_access_key_id: 'AKIA************HALF' } }), container: containerOk() });
    expect(statuses(f)).toMatchObject({ profile: 'skipped', container: 'selected' });
  });

  it('scenario 30: a non-RFC 3339 Expiration stops the chain (TypeError)', () => {
    const w = walk(makeFacts({ env: RELATIVE, container: containerOk({}, { Expiration: '2099-01-01 00:00:00' }) }));
    expect(w.winner).toBeNull();
    expect(w.stoppedBy?.source).toBe('container');
  });

  it('scenario 31: JSON without Token or Expiration fails softly in both container providers', () => {
    const w = walk(makeFacts({ env: RELATIVE, container: containerOk({}, { Token: undefined }) }));
    expect(w.winner).toBeNull();
    expect(w.stoppedBy).toBeNull();
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('failed');
  });

  it('a full URI on a non-legacy host: the legacy provider stops the chain after fromHttp fails', () => {
    const f = makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.2:9/creds' }, container: { ...containerOk(), http: { ok: false, error: { code: 'ECONNREFUSED', message: 'refused' }, ms: 1 }, document: null } });
    const w = walk(f);
    expect(w.stoppedBy?.source).toBe('container');
    expect(w.stoppedBy?.reason).toContain('127.0.0.2 is not a valid container metadata service hostname');
  });

  it('IMDS is the fallback only without container variables, and AWS_EC2_METADATA_DISABLED=false does not disable it', () => {
    expect(walk(makeFacts({ imds: imdsOk() })).winner?.source).toBe('imds');
    expect(walk(makeFacts({ env: { AWS_EC2_METADATA_DISABLED: 'false' }, imds: imdsOk() })).winner?.source).toBe('imds');
    expect(statuses(makeFacts({ env: { AWS_EC2_METADATA_DISABLED: 'true' }, imds: imdsOk() })).imds).toBe('skipped');
  });

  it('an endpoint mode the SDK does not know (lowercase ipv6) stops the chain', () => {
    const w = walk(makeFacts({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' } }));
    expect(w.stoppedBy?.source).toBe('imds');
  });

  it('profile role_arn with a source_profile asks for AssumeRole with the source keys', () => {
    const f = makeFacts({ configFile: iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/target', source_profile: 'base' }, base: { aws_access_key_id: 'AKIA************BASE', aws_secret_access_key: 'x' } }) });
    expect(walk(f).needs).toMatchObject({ kind: 'assume-role', roleArn: 'arn:aws:iam::1:role/target', sourceRef: 'profile:base' });
  });

  it('a source_profile cycle is a soft failure', () => {
    const f = makeFacts({ configFile: iniFile('/c', { default: { role_arn: 'arn:aws:iam::1:role/a', source_profile: 'b' }, b: { role_arn: 'arn:aws:iam::1:role/b', source_profile: 'default' } }) });
    const w = walk(f);
    expect(w.results.find((r) => r.source === 'profile')?.status).toBe('skipped');
    expect(w.results.find((r) => r.source === 'profile')?.reason).toMatch(/cycle/);
  });
});

describe('js-v3 versions (SDK-CHAINS.md §1.6)', () => {
  const at = (v: string | null) => jsV3ChainFor(v);
  const walkAt = (v: string | null, f: Facts) => walkChain(at(v), chainContextOf(f, at(v)));
  const pod = { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' };

  it('before 3.503.1 a Pod Identity full URI stops the chain (fromContainerMetadata alone)', () => {
    const f = makeFacts({ env: pod, container: containerOk({ sdkUrl: pod.AWS_CONTAINER_CREDENTIALS_FULL_URI }) });
    expect(walkAt('3.458.0', f).stoppedBy?.reason).toMatch(/169\.254\.170\.23 is not a valid container metadata service hostname/);
    expect(walkAt(null, f).winner?.source).toBe('container');
    expect(walkAt('3.600.0', f).winner?.source).toBe('container');
  });

  it('before 3.503.1 a non-RFC 3339 Expiration passes (lenient new Date)', () => {
    const f = makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/c' }, container: containerOk({}, { Expiration: '2099-01-01 00:00:00' }) });
    expect(walkAt('3.458.0', f).winner?.source).toBe('container');
    expect(walkAt(null, f).stoppedBy?.source).toBe('container');
  });

  it('before 3.503.1 the full URI is read with url.parse: 127.1 is refused, a tab inside is sent escaped (issue 11 item 4)', () => {
    const short = makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.1:1/c' }, container: containerOk({ sdkUrl: 'http://127.1:1/c' }) });
    expect(walkAt('3.458.0', short).stoppedBy?.source).toBe('container');
    expect(walkAt(null, short).winner?.source).toBe('container');
    const tab = makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/a\tb' }, container: containerOk({ sdkUrl: 'http://127.0.0.1:1/a\tb' }) });
    const legacy = walkAt('3.458.0', tab);
    expect(legacy.winner).toBeNull();
    expect(legacy.stoppedBy).toBeNull();
    expect(legacy.results.find((r) => r.source === 'container')?.reason).toMatch(/not observed: it requests \/a%09b/);
    expect(walkAt(null, tab).winner?.source).toBe('container');
  });

  it('the legacy step sends the relative URI as written: Node refuses a space in a request path (TypeError, stops the chain)', () => {
    const f = makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc ' }, container: containerOk({ sdkUrl: 'http://169.254.170.2/v2/credentials/abc ' }) });
    expect(walkAt('3.458.0', f).stoppedBy?.source).toBe('container');
    expect(walkAt('3.458.0', f).results.find((r) => r.source === 'container')?.reason).toMatch(/ERR_UNESCAPED_CHARACTERS/);
    const pipe = makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/a"b' }, container: containerOk({ sdkUrl: 'http://169.254.170.2/v2/a"b' }) });
    expect(walkAt('3.458.0', pipe).results.find((r) => r.source === 'container')?.reason).toMatch(/not observed: it requests \/v2\/a"b as written, the probe \/v2\/a%22b/);
  });

  it('3.503.1 to 3.971.x: with both URIs set the full one is used, which was not probed', () => {
    const f = makeFacts({ env: { ...RELATIVE, AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/c' }, container: containerOk() });
    expect(walkAt('3.600.0', f).winner).toBeNull();
    expect(walkAt('3.600.0', f).results.find((r) => r.source === 'container')?.reason).toMatch(/not observed/);
    expect(walkAt(null, f).winner?.source).toBe('container');
  });

  it('before 3.738.0 AWS_EC2_METADATA_DISABLED=false disables IMDS', () => {
    const f = makeFacts({ env: { AWS_EC2_METADATA_DISABLED: 'false' }, imds: imdsOk() });
    expect(walkAt('3.734.0', f).winner).toBeNull();
    expect(walkAt('3.738.0', f).winner?.source).toBe('imds');
  });
});

// The §8 scenarios not covered above, with the JS outcome the specification gives for each.
describe('js-v3 against the rest of SDK-CHAINS.md §8', () => {
  const refused = containerOk({ http: { ok: false, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 169.254.170.2:80' }, ms: 1 }, document: null });
  const keysFor = (id: string) => ({ aws_access_key_id: `AKIA************${id}`, aws_secret_access_key: '<redacted: 40 chars>' });

  it('scenario 4: env keys + AWS_DEFAULT_PROFILE naming a missing profile: env keys (JS ignores the variable)', () => {
    const w = walk(makeFacts({ env: { ...ENV_KEYS, AWS_DEFAULT_PROFILE: 'missing' } }));
    expect(w.winner?.source).toBe('env');
  });

  it('scenario 5: AWS_PROFILE=a and AWS_DEFAULT_PROFILE=b: JS uses a', () => {
    const w = walk(makeFacts({ env: { AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' }, credentialsFile: iniFile('/k', { a: keysFor('AAAA'), b: keysFor('BBBB') }) }));
    expect(w.winner?.credentials?.accessKeyId).toBe('AKIA************AAAA');
  });

  it('scenario 6: AWS_PROFILE="" + env keys: env keys (an empty AWS_PROFILE is unset)', () => {
    expect(walk(makeFacts({ env: { ...ENV_KEYS, AWS_PROFILE: '' } })).winner?.source).toBe('env');
  });

  it('scenario 8: IRSA + Pod Identity, STS rejects the token: the chain stops at web identity, the container is never asked', () => {
    const w = walk(
      makeFacts({
        env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/irsa', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/p' },
        webIdentityTokenFile: { path: '/t', origin: 't', state: 'ok', size: 10, error: null, endsWithNewline: false, containsCrLf: false, jwt: null },
        container: containerOk({ sdkUrl: 'http://169.254.170.23/v1/credentials', authorization: 'token-file' }),
        exchanges: {
          'web-identity:env': {
            kind: 'web-identity',
            roleArn: 'arn:aws:iam::1:role/irsa',
            ok: false,
            ms: 1,
            arn: null,
            accessKeyId: null,
            expiration: null,
            error: { kind: 'rejected', code: 'InvalidIdentityToken', message: 'no', status: 400 },
          },
        },
      }),
    );
    expect(w.winner).toBeNull();
    expect(w.stoppedBy?.source).toBe('web-identity');
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('not-reached');
  });

  it('scenario 16: the container endpoint refuses, IMDS would answer: no IMDS fallback (XOR), no credentials', () => {
    const w = walk(makeFacts({ env: RELATIVE, container: refused, imds: imdsOk() }));
    expect(w.winner).toBeNull();
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('failed');
    expect(w.results.find((r) => r.source === 'imds')?.status).not.toBe('selected');
  });

  it('scenario 17: AWS_CONTAINER_CREDENTIALS_FULL_URI="" is unset: IMDS is the fallback', () => {
    const w = walk(makeFacts({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '' }, imds: imdsOk() }));
    expect(w.winner?.source).toBe('imds');
    expect(w.results.find((r) => r.source === 'container')?.status).toBe('skipped');
  });

  it('scenario 19: only the legacy AWS_ACCESS_KEY/AWS_SECRET_KEY: JS does not read them', () => {
    const w = walk(makeFacts({ env: { AWS_ACCESS_KEY: 'AKIA************LEGA', AWS_SECRET_KEY: '<redacted: 40 chars>', ...RELATIVE }, container: containerOk() }));
    expect(w.results.find((r) => r.source === 'env')?.status).toBe('skipped');
    expect(w.winner?.source).toBe('container');
  });

  it('scenario 23: hop limit 1 (the token PUT times out), IMDSv1 allowed: the instance role; v1 disabled: no credentials', () => {
    const hop = imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: 'timeout' }, usedV1: true });
    expect(walk(makeFacts({ imds: hop })).winner?.source).toBe('imds');
    const blocked = imdsOk({ token: { outcome: 'timeout', status: null, ms: 1000, message: 'timeout' }, usedV1: false, v1Blocked: true, roleList: null, roleName: null, credentials: null, document: null });
    const w = walk(makeFacts({ env: { AWS_EC2_METADATA_V1_DISABLED: 'true' }, imds: blocked }));
    expect(w.winner).toBeNull();
    expect(w.results.find((r) => r.source === 'imds')?.status).toBe('failed');
  });
});
