/** Where the JS SDK takes its region and its STS endpoint from (pure over Facts). */
import type { Facts } from '../../model/facts.ts';
import { firstConfigured, regionalSts } from '../shared/sts-endpoint.ts';
import type { RegionChoice, StsEndpointChoice } from '../../model/chain.ts';
import { JS_REGION_VARIABLES } from './rules.ts';

function profileValue(facts: Facts, key: string): string | undefined {
  const name = facts.env['AWS_PROFILE'] || 'default';
  // credentials-file keys win, as in the SDK's merge
  return facts.credentialsFile.profiles[name]?.[key] ?? facts.configFile.profiles[name]?.[key];
}

/**
 * The app's clients: AWS_REGION, then the profile's `region` (the IMDS region lookup of
 * @smithy/core ≥ 3.28.0 comes after; it is not modelled).
 * mirrors smithy-lang/smithy-typescript packages/core/src/submodules/config/config-resolver/regionConfig/config.ts
 */
export function appRegionOf(facts: Facts): RegionChoice {
  for (const name of JS_REGION_VARIABLES) {
    const env = facts.env[name];
    if (env) return { region: env, from: name };
  }
  const prof = profileValue(facts, 'region');
  if (prof) return { region: prof, from: `profile ${facts.env['AWS_PROFILE'] || 'default'}` };
  return { region: null, from: 'none' };
}

/**
 * The nested STS client of web identity: the same, then us-east-1 with a warning.
 * mirrors aws/aws-sdk-js-v3 packages/core/src/submodules/client/region-config-resolver/stsRegionDefaultResolver.ts
 */
export function stsRegionOf(facts: Facts): RegionChoice {
  const app = appRegionOf(facts);
  return app.region ? app : { region: 'us-east-1', from: 'default us-east-1 (the SDK warns "default STS region of us-east-1 used")' };
}

/**
 * AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL, then the profile's `endpoint_url` (unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true), then the regional endpoint: the JS STS client is
 * regional for every region but the pseudo-region aws-global.
 * mirrors smithy-lang/smithy-typescript packages/core/src/submodules/endpoints/middleware-endpoint/adaptors/getEndpointUrlConfig.ts
 * and aws/aws-sdk-js-v3 packages/nested-clients/src/submodules/sts/endpoint/EndpointParameters.ts (useGlobalEndpoint: false)
 */
export function jsStsEndpointOf(facts: Facts, region: string): StsEndpointChoice {
  const env = facts.env;
  if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] !== 'true') {
    const configured = firstConfigured(
      [
        { from: 'AWS_ENDPOINT_URL_STS', value: env['AWS_ENDPOINT_URL_STS'] },
        { from: 'AWS_ENDPOINT_URL', value: env['AWS_ENDPOINT_URL'] },
        { from: 'profile endpoint_url', value: profileValue(facts, 'endpoint_url') },
      ],
      region,
    );
    if (configured) return configured;
  }
  return regionalSts(region, 'regional endpoint');
}
