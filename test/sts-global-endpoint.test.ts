// STS_GLOBAL_ENDPOINT: the chain's own STS call (web identity, a profile's role) goes to
// sts.amazonaws.com, decided by the same per-SDK endpoint rules the tool uses for its calls.
import { describe, expect, it } from 'vitest';
import { chainFor } from '../src/sdks/index.ts';
import { chainContextOf, walkChain } from '../src/chains/walk.ts';
import type { ChainDefinition } from '../src/model/chain.ts';
import type { SdkFamily } from '../src/model/facts.ts';
import type { Facts } from '../src/model/facts.ts';
import { decideVerdict } from '../src/verdict/decide.ts';
import { iniFile, makeFacts } from './helpers/facts.ts';

const IRSA = { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token', AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/irsa' };
const tokenFile = { path: IRSA.AWS_WEB_IDENTITY_TOKEN_FILE, origin: 'AWS_WEB_IDENTITY_TOKEN_FILE', state: 'ok' as const, size: 900, error: null, endsWithNewline: false, containsCrLf: false, jwt: null };

/** Facts with every exchange the chain asks for answered, as collectFacts would make them. */
function settled(chain: ChainDefinition, over: Partial<Facts>): Facts {
  const f = makeFacts({ webIdentityTokenFile: tokenFile, ...over });
  for (let i = 0; i < 5; i++) {
    const w = walkChain(chain, chainContextOf(f, chain));
    if (!w.needs) break;
    f.exchanges[w.needs.ref] = { kind: w.needs.kind, roleArn: w.needs.roleArn, ok: true, ms: 1, arn: 'arn:aws:sts::111122223333:assumed-role/irsa/s', accessKeyId: 'ASIA************IRSA', expiration: '2099-01-01T00:00:00Z', error: null };
  }
  return f;
}

function globalFinding(family: SdkFamily, version: string | null, env: Record<string, string>, over: Partial<Facts> = {}) {
  const chain = chainFor(family, version);
  const f = settled(chain, { env: { ...IRSA, ...env }, ...over });
  const walk = walkChain(chain, chainContextOf(f, chain));
  expect(walk.winner?.source).toBe('web-identity');
  const v = decideVerdict(f, walk, { chain, expectRole: null, expectAccount: null, strict: false, noSts: true, now: new Date('2026-06-01T00:00:00Z') });
  return v.findings.find((x) => x.code === 'STS_GLOBAL_ENDPOINT');
}

describe('STS_GLOBAL_ENDPOINT', () => {
  it('botocore below 1.40.0 in a legacy region with sts_regional_endpoints unset: global', () => {
    const f = globalFinding('python', '1.34.0', { AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(f?.message).toMatch(/^python 1\.34\.0 calls the global STS endpoint \(sts\.amazonaws\.com\) for assume-role-with-web-identity: sts_regional_endpoints unset: legacy by default/);
    expect(f?.args).toMatchObject({ cause: 'other' });
    expect(f?.args['sdkFix']).toMatch(/AWS_STS_REGIONAL_ENDPOINTS=regional/);
    expect(f?.evidence).toEqual([{ label: 'sdk endpoint', value: 'https://sts.amazonaws.com' }]);
  });

  it('regional by the variable, by the profile, from 1.40.0, or outside the legacy regions: no finding', () => {
    expect(globalFinding('python', '1.34.0', { AWS_DEFAULT_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'regional' })).toBeUndefined();
    expect(globalFinding('python', '1.34.0', { AWS_DEFAULT_REGION: 'eu-west-1' }, { configFile: iniFile('/c', { default: { sts_regional_endpoints: 'regional' } }) })).toBeUndefined();
    expect(globalFinding('python', '1.40.0', { AWS_DEFAULT_REGION: 'eu-west-1' })).toBeUndefined();
    expect(globalFinding('python', '1.34.0', { AWS_DEFAULT_REGION: 'eu-south-1' })).toBeUndefined();
  });

  it('botocore without a region (AWS_REGION alone is ignored): global, and the fix names AWS_DEFAULT_REGION; a profile region counts', () => {
    const f = globalFinding('python', null, { AWS_REGION: 'eu-west-1' });
    expect(f?.message).toMatch(/no region .*AWS_REGION is set, but botocore\/boto3 ignore it/);
    expect(f?.args).toMatchObject({ cause: 'no-region', variable: 'AWS_DEFAULT_REGION' });
    expect(globalFinding('python', null, {}, { configFile: iniFile('/c', { default: { region: 'eu-west-1' } }) })).toBeUndefined();
  });

  it("an endpoint the SDK reads is a regional choice; one it does not read is only the tool's override, and the finding shows both", () => {
    const sts = 'https://sts.eu-west-1.amazonaws.com';
    expect(globalFinding('python', '1.34.0', { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: sts })).toBeUndefined();
    const old = globalFinding('python', '1.29.27', { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: sts });
    expect(old?.evidence).toEqual([
      { label: 'sdk endpoint', value: 'https://sts.amazonaws.com' },
      { label: 'tool endpoint', value: `${sts} (the tool's own override)` },
    ]);
  });

  it('Java without a region: global; JS and Go: regional', () => {
    expect(globalFinding('java-v2', null, {})?.args).toMatchObject({ cause: 'no-region', variable: 'AWS_REGION' });
    expect(globalFinding('java-v2', null, { AWS_REGION: 'eu-west-1' })).toBeUndefined();
    expect(globalFinding('js-v3', null, { AWS_REGION: 'eu-west-1' })).toBeUndefined();
    expect(globalFinding('go-v2', null, { AWS_REGION: 'eu-west-1' })).toBeUndefined();
  });
});
