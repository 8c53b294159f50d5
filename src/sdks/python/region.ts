/**
 * Profile name and region as botocore (boto3) and the AWS CLI v2 resolve them.
 * mirrors boto/botocore botocore/configprovider.py BOTOCORE_DEFAUT_SESSION_VARIABLES
 * ('profile': ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE']; 'region': 'AWS_DEFAULT_REGION') and
 * aws/aws-cli awscli/botocore/configprovider.py ('profile': ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];
 * 'region': ['AWS_REGION', 'AWS_DEFAULT_REGION']). Environment providers test presence
 * (`name in os.environ`), so "" counts as set and ends the lookup.
 */
import type { Facts } from '../../model/facts.ts';
import type { RegionChoice } from '../../model/chain.ts';
import { firstConfigured, GLOBAL_STS_URL, regionalSts, withToolOverride } from '../shared/sts-endpoint.ts';
import type { StsEndpointChoice } from '../../model/chain.ts';
import { BOTO_RULES, ensureBoolean, present, type BotoRules } from './rules.ts';

const BOTO_STS_REGIONAL = BOTO_RULES.python.stsRegional;

const PROFILE_VARS = { python: ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'], 'aws-cli': ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] } as const;
/** The environment variables each reads for the region, first present wins. */
export const REGION_VARS = { python: ['AWS_DEFAULT_REGION'], 'aws-cli': ['AWS_REGION', 'AWS_DEFAULT_REGION'] } as const;

export function botoProfileOf(family: 'python' | 'aws-cli', env: Record<string, string>): { name: string; named: boolean; variable: string | null } {
  for (const v of PROFILE_VARS[family]) if (present(env, v)) return { name: env[v] ?? '', named: true, variable: v };
  return { name: 'default', named: false, variable: null };
}

/** The profile's merged settings (config file, then credentials-file keys over them), as session.full_config. */
function scopedValue(facts: Facts, profile: string, key: string): string | undefined {
  return facts.credentialsFile.profiles[profile]?.[key] ?? facts.configFile.profiles[profile]?.[key];
}

export function botoAppRegionOf(family: 'python' | 'aws-cli', facts: Facts): RegionChoice {
  const env = facts.env;
  for (const v of REGION_VARS[family]) {
    if (!present(env, v)) continue;
    const value = env[v] ?? '';
    if (value !== '') return { region: value, from: v };
    return { region: null, from: `${v} is set but empty (botocore keeps the empty string and does not read the profile's region)` };
  }
  const { name } = botoProfileOf(family, env);
  const profile = name || 'default';
  const prof = scopedValue(facts, profile, 'region');
  if (prof) return { region: prof, from: `profile ${profile}` };
  const ignored = family === 'python' && env['AWS_REGION'] ? ' (AWS_REGION is set, but botocore/boto3 ignore it)' : '';
  const imds = family === 'aws-cli' ? ' (the CLI would next ask IMDS for the region; not modelled)' : '';
  return { region: null, from: `none${ignored}${imds}` };
}

/**
 * The region of botocore's own STS client (web identity, assume role): the region of the
 * client being built. None: the endpoint data's partitionEndpoint aws-global, i.e. the global
 * https://sts.amazonaws.com signed for us-east-1 (botocore/regions.py, data/endpoints.json).
 */
export function botoStsRegionOf(family: 'python' | 'aws-cli', facts: Facts, legacyDefault: boolean): RegionChoice {
  const app = botoAppRegionOf(family, facts);
  if (!app.region) return { region: 'us-east-1', from: `no region (${app.from}): botocore uses the global endpoint sts.amazonaws.com, signed for us-east-1` };
  const mode = facts.env['AWS_STS_REGIONAL_ENDPOINTS'];
  if (family === 'python' && legacyDefault && mode !== 'regional') {
    return { ...app, from: `${app.from} (sts_regional_endpoints ${mode ?? 'unset'} → legacy before botocore 1.40.0: legacy regions such as us-east-1, eu-west-1 and ap-* use the global endpoint sts.amazonaws.com)` };
  }
  return app;
}

/** botocore's legacy STS regions: the global endpoint while sts_regional_endpoints is "legacy" (boto/botocore botocore/args.py LEGACY_GLOBAL_STS_REGIONS). */
export const LEGACY_GLOBAL_STS_REGIONS: ReadonlySet<string> = new Set([
  'ap-northeast-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'aws-global',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]);

/** A setting as botocore's config store reads it: the variable when present ("" included), else the profile. */
function setting(facts: Facts, profile: string, env: string, key: string): { value: string | undefined; from: string } {
  if (present(facts.env, env)) return { value: facts.env[env], from: env };
  return { value: scopedValue(facts, profile, key), from: `profile ${profile} ${key}` };
}

/**
 * Where botocore's STS client goes (ClientArgsCreator._compute_sts_endpoint_config):
 * - botocore ≥ 1.31.0 / CLI ≥ 2.13.0: a configured endpoint first (ConfiguredEndpointProvider:
 *   AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's endpoint_url), unless
 *   ignore_configured_endpoint_urls (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) is true;
 * - no region: the partition endpoint aws-global, https://sts.amazonaws.com signed for us-east-1
 *   (verified with botocore 1.29.27 and the CLI 2.9.19: also with sts_regional_endpoints=regional);
 * - botocore: sts_regional_endpoints (AWS_STS_REGIONAL_ENDPOINTS, else the profile; empty means the
 *   default, legacy before 1.40.0 and regional since) "legacy" sends the legacy regions to the
 *   global endpoint; any other value than legacy/regional raises InvalidSTSRegionalEndpointsConfigError;
 * - the CLI v2 ignores sts_regional_endpoints: always regional (verified with 2.9.19);
 * - FIPS and dual-stack endpoints (which also keep a legacy region regional) are not modelled.
 * mirrors boto/botocore botocore/args.py (_compute_sts_endpoint_config, _should_set_global_sts_endpoint,
 * _get_sts_regional_endpoints_config, _set_global_sts_endpoint), botocore/configprovider.py
 * (ConfiguredEndpointProvider, 'sts_regional_endpoints', 'ignore_configured_endpoint_urls') and
 * aws/aws-cli awscli/botocore/args.py.
 */
export function botoStsEndpointOf(family: 'python' | 'aws-cli', facts: Facts, rules: BotoRules, region: string): StsEndpointChoice {
  const { name } = botoProfileOf(family, facts.env);
  const profile = name || 'default';
  if (rules.endpointUrls) {
    const ignore = setting(facts, profile, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'ignore_configured_endpoint_urls');
    if (!ensureBoolean(ignore.value)) {
      const configured = firstConfigured(
        [
          { from: 'AWS_ENDPOINT_URL_STS', value: facts.env['AWS_ENDPOINT_URL_STS'] },
          { from: 'AWS_ENDPOINT_URL', value: facts.env['AWS_ENDPOINT_URL'] },
          { from: `profile ${profile} endpoint_url`, value: scopedValue(facts, profile, 'endpoint_url') },
        ],
        region,
      );
      if (configured) return configured;
    }
  }
  const sdk = botoSdkStsEndpoint(family, facts, rules, profile, region);
  return rules.endpointUrls ? sdk : withToolOverride(facts, region, sdk, `${rules.label} does not read AWS_ENDPOINT_URL_STS (botocore ≥ 1.31.0, AWS CLI ≥ 2.13.0)`);
}

function botoSdkStsEndpoint(family: 'python' | 'aws-cli', facts: Facts, rules: BotoRules, profile: string, region: string): StsEndpointChoice {
  const app = botoAppRegionOf(family, facts);
  if (!app.region) return { url: GLOBAL_STS_URL, from: `no region (${app.from}): ${rules.label} uses the aws-global endpoint, signed for us-east-1`, signingRegion: 'us-east-1' };
  if (family === 'aws-cli') return regionalSts(region, `regional endpoint (${rules.label} has no sts_regional_endpoints setting)`);
  const mode = setting(facts, profile, 'AWS_STS_REGIONAL_ENDPOINTS', 'sts_regional_endpoints');
  const value = mode.value ? mode.value : rules.stsLegacyDefault ? 'legacy' : 'regional';
  const said = mode.value ? `${mode.from}=${mode.value}` : `sts_regional_endpoints unset: ${value} by default in ${rules.label}`;
  if (value !== 'legacy' && value !== 'regional') {
    return regionalSts(region, `${said} is not legacy or regional: ${rules.label} raises InvalidSTSRegionalEndpointsConfigError when it creates the STS client; the tool uses the regional endpoint`);
  }
  if (value === 'legacy' && LEGACY_GLOBAL_STS_REGIONS.has(region)) {
    return { url: GLOBAL_STS_URL, from: `${said}, and ${region} is a legacy global STS region: the global endpoint, signed for us-east-1`, signingRegion: 'us-east-1' };
  }
  return regionalSts(region, `regional endpoint (${said})`);
}

/**
 * How to make botocore's STS calls regional: sts_regional_endpoints (legacy by default before
 * botocore 1.40.0); the CLI v2 is regional by default, so it gets the generic advice (null).
 */
export function botoStsGlobalFix(family: 'python' | 'aws-cli', rules: BotoRules, noRegion: boolean): string | null {
  if (family !== 'python') return null;
  const regional = BOTO_STS_REGIONAL;
  if (noRegion) return rules.stsLegacyDefault ? ` (in legacy regions also set AWS_STS_REGIONAL_ENDPOINTS=regional, or upgrade to botocore ${regional} or newer)` : '';
  return `Set AWS_STS_REGIONAL_ENDPOINTS=regional (or sts_regional_endpoints = regional in the profile), or upgrade to botocore ${regional} or newer (regional by default).`;
}
