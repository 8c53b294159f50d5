// Issue 11 item 6: JS behaviours checked in the SDK's own sources (node_modules: the current
// release and cpn-3.458.0 / 3.600.0 / 3.734.0; credential-provider-http 3.503.1 by npm pack).
import { describe, expect, it } from 'vitest';
import { jsV3ChainFor } from '../../../src/sdks/js-v3/index.ts';
import { chainContextOf, walkChain } from '../../../src/chains/walk.ts';
import type { Facts } from '../../../src/model/facts.ts';
import { containerOk, ENV_KEYS, FULL, iniFile, makeFacts } from '../../helpers/facts.ts';

const walkAt = (version: string | null, f: Facts) => {
  const chain = jsV3ChainFor(version);
  return walkChain(chain, chainContextOf(f, chain));
};

describe('6a: sso_session naming a missing [sso-session] (fromSSO reads session.sso_region of undefined)', () => {
  const sso = { sso_session: 'corp', sso_account_id: '111122223333', sso_role_name: 'Dev' };
  it.each([null, '3.458.0', '3.600.0', '3.734.0'])('%s: a TypeError stops the chain', (version) => {
    const w = walkAt(version, makeFacts({ configFile: iniFile('/c', { default: sso }) }));
    expect(w.winner).toBeNull();
    expect(w.stoppedBy?.source).toBe('profile');
    expect(w.stoppedBy?.reason).toMatch(/^TypeError: Cannot read properties of undefined \(reading 'sso_region'\)/);
  });
  it('with the section, the SSO profile is selected (not proven: no token cache is read)', () => {
    const f = makeFacts({ configFile: { ...iniFile('/c', { default: sso }), ssoSessions: { corp: { sso_region: 'eu-west-1', sso_start_url: 'https://x.awsapps.com/start' } } } });
    expect(walkAt(null, f).winner?.source).toBe('profile');
  });
});

describe('6b: a source_profile with credential_source and no role_arn (aws-sdk-js-v3#6132)', () => {
  const files = iniFile('/c', { app: { role_arn: 'arn:aws:iam::111122223333:role/app', source_profile: 'base' }, base: { credential_source: 'Environment' } });
  const env = { ...ENV_KEYS, AWS_PROFILE: 'app' };
  it.each([
    ['3.458.0', 'skipped'],
    [null, 'not-reached'], // the source is used: the AssumeRole exchange is pending
    ['3.600.0', 'not-reached'],
  ] as const)('%s: fromIni is %s', (version, status) => {
    const w = walkAt(version, makeFacts({ env, configFile: files }));
    const profile = w.results.find((r) => r.source === 'profile');
    expect(profile?.status).toBe(status);
    if (status === 'skipped') expect(profile?.reason).toMatch(/Could not resolve credentials using profile: \[base\]/);
    else expect(w.needs).toMatchObject({ kind: 'assume-role', roleArn: 'arn:aws:iam::111122223333:role/app', sourceRef: 'env' });
  });
});

describe('6c: a bracketed IPv6 full URI before @smithy/node-http-handler 3', () => {
  const uri = 'http://[::1]:9/v2/credentials/x';
  const f = makeFacts({ env: FULL(uri), container: containerOk({ sdkUrl: uri, probedUrl: uri }) });
  it.each([
    ['3.503.1', false],
    ['3.575.0', true],
    [null, true],
  ] as const)('%s: the task role: %s', (version, works) => {
    const w = walkAt(version, f);
    expect(w.winner?.source ?? null).toBe(works ? 'container' : null);
    // fromHttp fails softly (DNS on "[::1]"), then fromContainerMetadata refuses ::1 and stops the chain
    if (!works) expect(w.stoppedBy?.reason).toMatch(/ENOTFOUND \[::1\].*::1 is not a valid container metadata service hostname/);
  });
});
