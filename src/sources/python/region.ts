/**
 * Profile name and region as botocore (boto3) and the AWS CLI v2 resolve them.
 * mirrors boto/botocore botocore/configprovider.py BOTOCORE_DEFAUT_SESSION_VARIABLES
 * ('profile': ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE']; 'region': 'AWS_DEFAULT_REGION') and
 * aws/aws-cli awscli/botocore/configprovider.py ('profile': ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];
 * 'region': ['AWS_REGION', 'AWS_DEFAULT_REGION']). Environment providers test presence
 * (`name in os.environ`), so "" counts as set and ends the lookup.
 */
import type { Facts } from '../../model.ts';
import type { RegionChoice } from '../../region.ts';
import { present } from './rules.ts';

const PROFILE_VARS = { python: ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'], 'aws-cli': ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] } as const;
const REGION_VARS = { python: ['AWS_DEFAULT_REGION'], 'aws-cli': ['AWS_REGION', 'AWS_DEFAULT_REGION'] } as const;

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
