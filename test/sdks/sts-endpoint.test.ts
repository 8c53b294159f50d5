// Table tests: where each chain's SDK sends STS calls (ChainDefinition.stsEndpointOf), and the
// tool's own AWS_ENDPOINT_URL_STS override that keeps every modelled SDK on the loopback fake
// STS in tests (SDK-CHAINS.md §1.5, §2.5, §3.4, §4.4). botocore 1.29.27 and the CLI 2.9.19 rows
// were checked against the Debian packages in a loopback-only namespace (client.meta.endpoint_url).
import { describe, expect, it } from 'vitest';
import { chainFor } from '../../src/sdks/index.ts';
import type { ChainDefinition } from '../../src/model/chain.ts';
import type { SdkFamily } from '../../src/model/facts.ts';
import type { Facts } from '../../src/model/facts.ts';
import { iniFile, makeFacts } from '../helpers/facts.ts';

const LOOP = 'http://127.0.0.1:9';
const GLOBAL = 'https://sts.amazonaws.com';
const chain = (family: SdkFamily, version: string | null = null): ChainDefinition => chainFor(family, version);
/** the region the tool settles on before asking, as src/plan.ts does for GetCallerIdentity */
const endpointOf = (c: ChainDefinition, f: Facts) => c.stsEndpointOf(f, c.appRegionOf(f).region ?? 'us-east-1');
const withConfig = (profiles: Record<string, Record<string, string>>, env: Record<string, string> = {}): Facts => makeFacts({ env, configFile: iniFile('/home/app/.aws/config', profiles) });

interface Row {
  name: string;
  sdk: [SdkFamily, string | null];
  env?: Record<string, string>;
  facts?: Facts;
  url: string;
  signingRegion?: string;
  /** a part of `from` */
  from?: RegExp;
}

const ROWS: Row[] = [
  // JS v3: configured endpoints, then regional (aws-global is the only global region)
  { name: 'js: regional', sdk: ['js-v3', null], env: { AWS_REGION: 'eu-west-1' }, url: 'https://sts.eu-west-1.amazonaws.com', signingRegion: 'eu-west-1' },
  { name: 'js: China partition', sdk: ['js-v3', null], env: { AWS_REGION: 'cn-north-1' }, url: 'https://sts.cn-north-1.amazonaws.com.cn' },
  { name: 'js: aws-global', sdk: ['js-v3', null], env: { AWS_REGION: 'aws-global' }, url: GLOBAL, signingRegion: 'us-east-1' },
  { name: 'js: AWS_ENDPOINT_URL_STS', sdk: ['js-v3', null], env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP, AWS_ENDPOINT_URL: 'http://127.0.0.1:8' }, url: LOOP, signingRegion: 'eu-west-1', from: /^AWS_ENDPOINT_URL_STS$/ },
  { name: 'js: AWS_ENDPOINT_URL', sdk: ['js-v3', null], env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:8' }, url: 'http://127.0.0.1:8' },
  { name: 'js: profile endpoint_url', sdk: ['js-v3', null], facts: withConfig({ default: { endpoint_url: 'http://127.0.0.1:7' } }, { AWS_REGION: 'eu-west-1' }), url: 'http://127.0.0.1:7' },
  { name: 'js: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', sdk: ['js-v3', null], env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, url: 'https://sts.eu-west-1.amazonaws.com' },

  // botocore, current release: regional by default (≥ 1.40.0), global without a region
  { name: 'py: no region (AWS_REGION is ignored)', sdk: ['python', null], env: { AWS_REGION: 'eu-west-1' }, url: GLOBAL, signingRegion: 'us-east-1', from: /no region/ },
  { name: 'py: AWS_DEFAULT_REGION', sdk: ['python', null], env: { AWS_DEFAULT_REGION: 'eu-west-1' }, url: 'https://sts.eu-west-1.amazonaws.com', signingRegion: 'eu-west-1', from: /regional by default/ },
  { name: 'py: AWS_STS_REGIONAL_ENDPOINTS=legacy, legacy region', sdk: ['python', null], env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, url: GLOBAL, signingRegion: 'us-east-1' },
  { name: 'py: legacy, region not in the legacy list', sdk: ['python', null], env: { AWS_DEFAULT_REGION: 'eu-south-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, url: 'https://sts.eu-south-1.amazonaws.com' },
  { name: 'py: profile sts_regional_endpoints = legacy', sdk: ['python', null], facts: withConfig({ default: { sts_regional_endpoints: 'legacy' } }, { AWS_DEFAULT_REGION: 'us-east-1' }), url: GLOBAL },
  {
    name: 'py: the variable beats the profile',
    sdk: ['python', null],
    facts: withConfig({ default: { sts_regional_endpoints: 'legacy' } }, { AWS_DEFAULT_REGION: 'us-east-1', AWS_STS_REGIONAL_ENDPOINTS: 'regional' }),
    url: 'https://sts.us-east-1.amazonaws.com',
  },
  { name: 'py: an invalid mode', sdk: ['python', null], env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'Regional' }, url: 'https://sts.eu-west-1.amazonaws.com', from: /InvalidSTSRegionalEndpointsConfigError/ },
  { name: 'py: AWS_ENDPOINT_URL_STS (≥ 1.31.0) beats the global endpoint', sdk: ['python', null], env: { AWS_ENDPOINT_URL_STS: LOOP }, url: LOOP, signingRegion: 'us-east-1', from: /^AWS_ENDPOINT_URL_STS$/ },
  { name: 'py: profile endpoint_url', sdk: ['python', null], facts: withConfig({ default: { endpoint_url: 'http://127.0.0.1:7' } }, { AWS_DEFAULT_REGION: 'eu-west-1' }), url: 'http://127.0.0.1:7' },
  {
    name: 'py: profile ignore_configured_endpoint_urls',
    sdk: ['python', null],
    facts: withConfig({ default: { ignore_configured_endpoint_urls: 'True' } }, { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:8' }),
    url: 'https://sts.eu-west-1.amazonaws.com',
  },
  { name: 'py@1.31.0 reads AWS_ENDPOINT_URL_STS', sdk: ['python', '1.31.0'], env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP }, url: LOOP, from: /^AWS_ENDPOINT_URL_STS$/ },
  { name: 'py@1.39.9: legacy by default', sdk: ['python', '1.39.9'], env: { AWS_DEFAULT_REGION: 'eu-west-1' }, url: GLOBAL, from: /legacy by default/ },
  { name: 'py@1.40.0: regional by default', sdk: ['python', '1.40.0'], env: { AWS_DEFAULT_REGION: 'eu-west-1' }, url: 'https://sts.eu-west-1.amazonaws.com' },

  // botocore 1.29.27 (Debian) [verified]: legacy default, no configured endpoints
  { name: 'py@1.29.27: legacy region → global', sdk: ['python', '1.29.27'], env: { AWS_DEFAULT_REGION: 'eu-west-1' }, url: GLOBAL, signingRegion: 'us-east-1' },
  { name: 'py@1.29.27: regional mode', sdk: ['python', '1.29.27'], env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, url: 'https://sts.eu-west-1.amazonaws.com' },
  { name: 'py@1.29.27: eu-south-1 stays regional', sdk: ['python', '1.29.27'], env: { AWS_DEFAULT_REGION: 'eu-south-1' }, url: 'https://sts.eu-south-1.amazonaws.com' },
  { name: 'py@1.29.27: no region → global, even with regional mode', sdk: ['python', '1.29.27'], env: { AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, url: GLOBAL },
  { name: 'py@1.29.27: AWS_ENDPOINT_URL is not read, and is no tool override', sdk: ['python', '1.29.27'], env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL: LOOP }, url: GLOBAL },
  {
    name: "py@1.29.27: AWS_ENDPOINT_URL_STS is the tool's override only",
    sdk: ['python', '1.29.27'],
    env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP },
    url: LOOP,
    signingRegion: 'eu-west-1',
    from: /tool's own override: botocore 1\.29\.27 does not read AWS_ENDPOINT_URL_STS.*would call https:\/\/sts\.amazonaws\.com/,
  },
  {
    name: "py@1.29.27: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns the tool's override off",
    sdk: ['python', '1.29.27'],
    env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
    url: GLOBAL,
  },

  // the AWS CLI v2: always regional with a region, global without one
  { name: 'cli@2.9.19: legacy is ignored', sdk: ['aws-cli', '2.9.19'], env: { AWS_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, url: 'https://sts.eu-west-1.amazonaws.com', from: /no sts_regional_endpoints/ },
  { name: 'cli@2.9.19: no region → global', sdk: ['aws-cli', '2.9.19'], env: {}, url: GLOBAL, signingRegion: 'us-east-1' },
  { name: "cli@2.9.19: AWS_ENDPOINT_URL_STS is the tool's override", sdk: ['aws-cli', '2.9.19'], env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP }, url: LOOP, from: /tool's own override: AWS CLI 2\.9\.19/ },
  { name: 'cli@2.13.0 reads AWS_ENDPOINT_URL_STS', sdk: ['aws-cli', '2.13.0'], env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP }, url: LOOP, from: /^AWS_ENDPOINT_URL_STS$/ },

  // Go v2: always regional; no region fails in the SDK (the tool uses us-east-1)
  { name: 'go: AWS_DEFAULT_REGION', sdk: ['go-v2', null], env: { AWS_DEFAULT_REGION: 'us-east-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, url: 'https://sts.us-east-1.amazonaws.com' },
  { name: 'go: no region', sdk: ['go-v2', null], env: {}, url: 'https://sts.us-east-1.amazonaws.com', from: /Missing Region/ },
  { name: 'go: AWS_ENDPOINT_URL_STS', sdk: ['go-v2', null], env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP }, url: LOOP, from: /^AWS_ENDPOINT_URL_STS$/ },
  {
    name: 'go: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is case-insensitive',
    sdk: ['go-v2', null],
    env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE' },
    url: 'https://sts.eu-west-1.amazonaws.com',
  },
  { name: 'go: profile endpoint_url of AWS_DEFAULT_PROFILE', sdk: ['go-v2', null], facts: withConfig({ app: { endpoint_url: 'http://127.0.0.1:7' } }, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_PROFILE: 'app' }), url: 'http://127.0.0.1:7' },
  {
    name: "go@1.20.0: AWS_ENDPOINT_URL_STS is the tool's override",
    sdk: ['go-v2', '1.20.0'],
    env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP },
    url: LOOP,
    from: /tool's own override: Go config 1\.20\.0 predates configured endpoints/,
  },

  // Java v2: no region → us-east-1 and a forced https://sts.amazonaws.com
  { name: 'java: AWS_REGION', sdk: ['java-v2', null], env: { AWS_REGION: 'us-east-1' }, url: 'https://sts.us-east-1.amazonaws.com' },
  { name: 'java: AWS_DEFAULT_REGION is not read → global', sdk: ['java-v2', null], env: { AWS_DEFAULT_REGION: 'eu-west-1' }, url: GLOBAL, signingRegion: 'us-east-1', from: /no region/ },
  {
    name: "java: no region: AWS_ENDPOINT_URL_STS is the tool's override",
    sdk: ['java-v2', null],
    env: { AWS_ENDPOINT_URL_STS: LOOP },
    url: LOOP,
    signingRegion: 'us-east-1',
    from: /tool's own override: with no region Java overrides the endpoint in code/,
  },
  {
    name: 'java: -Daws.endpointUrlSts beats AWS_ENDPOINT_URL_STS',
    sdk: ['java-v2', null],
    env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP, JAVA_TOOL_OPTIONS: '-Daws.endpointUrlSts=http://127.0.0.1:6' },
    url: 'http://127.0.0.1:6',
    from: /-Daws\.endpointUrlSts/,
  },
  { name: 'java: -Daws.endpointUrl beats AWS_ENDPOINT_URL_STS', sdk: ['java-v2', null], env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: LOOP, JAVA_TOOL_OPTIONS: '-Daws.endpointUrl=http://127.0.0.1:6' }, url: 'http://127.0.0.1:6' },
  { name: 'java: aws.region as a system property', sdk: ['java-v2', null], env: { JAVA_TOOL_OPTIONS: '-Daws.region=eu-west-1', AWS_ENDPOINT_URL_STS: LOOP }, url: LOOP, from: /^AWS_ENDPOINT_URL_STS$/ },
];

describe('stsEndpointOf: where each SDK sends STS calls', () => {
  it.each(ROWS)('$name', (row) => {
    const c = chain(row.sdk[0], row.sdk[1]);
    const got = endpointOf(c, row.facts ?? makeFacts({ env: row.env ?? {} }));
    expect(got.url).toBe(row.url);
    if (row.signingRegion) expect(got.signingRegion).toBe(row.signingRegion);
    if (row.from) expect(got.from).toMatch(row.from);
  });

  it('the exchanges use the same endpoint: botocore assume-role without a region goes global', () => {
    const c = chain('python', null);
    const f = makeFacts({ env: {} });
    expect(c.stsEndpointOf(f, c.stsRegionOf(f).region ?? 'us-east-1')).toMatchObject({ url: GLOBAL, signingRegion: 'us-east-1' });
  });
});

describe("the tests' loopback STS: every modelled SDK honours AWS_ENDPOINT_URL_STS, as the SDK or as the tool's override", () => {
  // test/scenarios/scenarios.ts sets AWS_ENDPOINT_URL_STS to the fake STS and AWS_REGION=eu-west-1;
  // scenarios may unset the region or set AWS_DEFAULT_REGION instead
  const SDKS: [SdkFamily, string | null][] = [
    ['js-v3', null],
    ['js-v3', '3.458.0'],
    ['python', null],
    ['python', '1.29.27'],
    ['aws-cli', null],
    ['aws-cli', '2.9.19'],
    ['go-v2', null],
    ['go-v2', '1.20.0'],
    ['java-v2', null],
    ['java-v2', '2.20.0'],
  ];
  const ENVS: Record<string, string>[] = [{ AWS_REGION: 'eu-west-1' }, {}, { AWS_DEFAULT_REGION: 'us-east-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }];
  for (const [family, version] of SDKS) {
    it(`${family}${version ? `@${version}` : ''}`, () => {
      const c = chain(family, version);
      for (const env of ENVS) {
        const f = makeFacts({ env: { ...env, AWS_ENDPOINT_URL_STS: LOOP } });
        expect(endpointOf(c, f).url).toBe(LOOP);
        expect(c.stsEndpointOf(f, c.stsRegionOf(f).region ?? 'us-east-1').url).toBe(LOOP);
      }
    });
  }
});
