/**
 * Where the Go SDK takes its region and sends its STS calls (pure over Facts).
 * mirrors aws/aws-sdk-go-v2 config/env_config.go (NewEnvConfig: Region from AWS_REGION, then
 * AWS_DEFAULT_REGION, the first non-empty) and config/shared_config.go (region).
 */
import type { Facts } from '../../model/facts.ts';
import type { RegionChoice, StsEndpointChoice } from '../../model/chain.ts';
import { firstConfigured, regionalSts, withToolOverride } from '../shared/sts-endpoint.ts';
import { atLeast } from '../../versions.ts';
import { goEnvFirst, goProfileOf } from './config.ts';
import { GO_RULES } from './rules.ts';

/** The environment variables Go reads for the region, first non-empty wins. */
export const GO_REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/** Region: AWS_REGION, AWS_DEFAULT_REGION, then the loaded profile's region; no default. */
export function goAppRegionOf(facts: Facts): RegionChoice {
  const env = goEnvFirst(facts.env, [...GO_REGION_VARIABLES]);
  if (env) return { region: env.value, from: env.name };
  const { name } = goProfileOf(facts.env);
  const r = facts.credentialsFile.profiles[name]?.['region'] ?? facts.configFile.profiles[name]?.['region'];
  if (r) return { region: r, from: `profile ${name}` };
  return { region: null, from: 'none (Go has no default region: STS calls fail with "Missing Region")' };
}

/** The first config module release with configured endpoints (src/sdks/go-v2/rules.ts). */
export const GO_CONFIGURED_ENDPOINTS = GO_RULES.configuredEndpoints;

/**
 * Where the Go STS client goes: AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL, then the profile's
 * endpoint_url (config ≥ 1.21.0, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's
 * ignore_configured_endpoint_urls is true), else the regional endpoint: UseGlobalEndpoint is
 * false and AWS_STS_REGIONAL_ENDPOINTS is not read. With no region the SDK's STS calls fail
 * ("Missing Region"); the tool still calls us-east-1 to learn the identity.
 * mirrors aws/aws-sdk-go-v2 service/sts/endpoints.go (resolveBaseEndpoint, EndpointParameters.WithDefaults),
 * config/env_config.go (AWS_ENDPOINT_URL → BaseEndpoint, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: true/false,
 * case-insensitive) and config/shared_config.go (endpoint_url, ignore_configured_endpoint_urls).
 */
export function goStsEndpointOf(facts: Facts, region: string, version: string | null): StsEndpointChoice {
  const env = facts.env;
  const profile = goProfileOf(env).name;
  const profileValue = (key: string): string | undefined => facts.credentialsFile.profiles[profile]?.[key] ?? facts.configFile.profiles[profile]?.[key];
  const honoured = atLeast(version, GO_CONFIGURED_ENDPOINTS);
  const ignoreEnv = (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] ?? '').toLowerCase();
  const ignore = ignoreEnv === 'true' || (ignoreEnv !== 'false' && (profileValue('ignore_configured_endpoint_urls') ?? '').toLowerCase() === 'true');
  if (honoured && !ignore) {
    const configured = firstConfigured(
      [
        { from: 'AWS_ENDPOINT_URL_STS', value: env['AWS_ENDPOINT_URL_STS'] },
        { from: 'AWS_ENDPOINT_URL', value: env['AWS_ENDPOINT_URL'] },
        { from: `profile ${profile} endpoint_url`, value: profileValue('endpoint_url') },
      ],
      region,
    );
    if (configured) return configured;
  }
  const sdk = regionalSts(region, goAppRegionOf(facts).region ? 'regional endpoint (Go STS is always regional)' : `no region: the Go SDK's STS calls fail with "Missing Region"; the tool uses ${region}`);
  return honoured ? sdk : withToolOverride(facts, region, sdk, `Go config ${version ?? ''} predates configured endpoints (${GO_CONFIGURED_ENDPOINTS})`);
}
