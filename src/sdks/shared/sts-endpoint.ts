/**
 * The pieces every chain uses to say where its SDK sends STS calls (ChainDefinition.stsEndpointOf):
 * a configured endpoint URL where the SDK reads one, else the regional or the global endpoint.
 * The tool sends its own STS calls (GetCallerIdentity, and the exchanges it makes for the chain)
 * to the same place, so that what it proves is what the app would reach.
 */
import type { Facts } from '../../model/facts.ts';
import type { StsEndpointChoice } from '../../model/chain.ts';

/** The global endpoint; every SDK signs calls to it for us-east-1. */
export const GLOBAL_STS_URL = 'https://sts.amazonaws.com';

/**
 * `https://sts.{region}.amazonaws.com` (`.amazonaws.com.cn` in the China partition); the
 * pseudo-region `aws-global` is the global endpoint (the STS endpoint rule set of every SDK:
 * aws/aws-sdk-js-v3 packages/nested-clients/src/submodules/sts/endpoint/ruleset.ts,
 * aws/aws-sdk-go-v2 service/sts/endpoints.go, boto/botocore botocore/data/sts/2011-06-15/endpoint-rule-set-1.json).
 */
export function regionalSts(region: string, from: string): StsEndpointChoice {
  if (region === 'aws-global') return { url: GLOBAL_STS_URL, from: `${from} (region aws-global: the global endpoint)`, signingRegion: 'us-east-1' };
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return { url: `https://sts.${region}.${suffix}`, from, signingRegion: region };
}

/** One place a configured endpoint URL may come from, in the SDK's order. */
export interface EndpointCandidate {
  from: string;
  value: string | undefined;
}

/**
 * The first non-empty candidate. The SDKs skip empty values (`if endpoint_url:` in botocore,
 * `if (serviceEndpointUrl)` in JS); the profile `services` sections are not gathered, so a
 * services-section endpoint is not seen.
 */
export function firstConfigured(candidates: EndpointCandidate[], region: string): StsEndpointChoice | null {
  for (const c of candidates) if (c.value) return { url: c.value, from: c.from, signingRegion: region };
  return null;
}

/**
 * The tool's override, not an SDK behaviour: AWS_ENDPOINT_URL_STS also points the tool's own
 * STS calls elsewhere when the modelled SDK would not read it (a release older than the
 * configured-endpoints feature, Java without a region). It is what keeps tests, the demo and
 * the benchmarks, which set AWS_ENDPOINT_URL_STS to a loopback fake STS, on loopback whatever
 * SDK is modelled; `from` names both so the report does not pass it off as the SDK's choice.
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true switches it off, as it does in current SDKs.
 */
export function withToolOverride(facts: Facts, region: string, sdk: StsEndpointChoice, why: string): StsEndpointChoice {
  const override = facts.env['AWS_ENDPOINT_URL_STS'];
  if (!override || (facts.env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] ?? '').toLowerCase() === 'true') return sdk;
  // signed for the client's region, as an SDK that honours a custom endpoint signs it
  return { url: override, from: `AWS_ENDPOINT_URL_STS, as the tool's own override: ${why}; the SDK itself would call ${sdk.url} (${sdk.from})`, signingRegion: region, sdk: { url: sdk.url, from: sdk.from } };
}
