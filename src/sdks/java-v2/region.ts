/**
 * Where the Java SDK takes its region and sends its STS calls (pure over Facts).
 */
import type { Facts } from '../../model/facts.ts';
import type { RegionChoice, StsEndpointChoice } from '../../model/chain.ts';
import { firstConfigured, GLOBAL_STS_URL, regionalSts, withToolOverride } from '../shared/sts-endpoint.ts';
import { javaProfileName, javaProfileValue, javaSetting, javaSystemProperties } from './system-properties.ts';

/**
 * DefaultAwsRegionProviderChain: aws.region, AWS_REGION, the profile's region, then IMDS (not
 * modelled); AWS_DEFAULT_REGION is not read.
 * mirrors aws/aws-sdk-java-v2 core/regions/src/main/java/software/amazon/awssdk/regions/providers/DefaultAwsRegionProviderChain.java
 */
export function javaAppRegionOf(facts: Facts): RegionChoice {
  const s = javaSetting(facts, 'aws.region', 'AWS_REGION');
  if (s?.value) return { region: s.value, from: s.from };
  const profile = javaProfileName(facts).name;
  const r = javaProfileValue(facts, profile, 'region');
  if (r) return { region: r, from: `profile ${profile}` };
  return { region: null, from: 'none (the IMDS region lookup is not modelled; AWS_DEFAULT_REGION is not read by Java)' };
}

/**
 * The web identity STS client: the same chain; with no region it is forced to us-east-1 and the
 * global endpoint https://sts.amazonaws.com.
 * mirrors aws/aws-sdk-java-v2 services/sts/src/main/java/software/amazon/awssdk/services/sts/internal/StsWebIdentityCredentialsProviderFactory.java (configureEndpoint)
 */
export function javaStsRegionOf(facts: Facts): RegionChoice {
  const app = javaAppRegionOf(facts);
  return app.region ? app : { region: 'us-east-1', from: 'no region: Java uses us-east-1 with the global endpoint https://sts.amazonaws.com' };
}

/**
 * Where Java's STS client goes. With no region, the web identity factory forces us-east-1 and
 * the client-level endpointOverride https://sts.amazonaws.com, which beats every configured
 * endpoint. Otherwise AwsClientEndpointProvider's order: -Daws.endpointUrlSts, -Daws.endpointUrl,
 * AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's endpoint_url (the services section and
 * the profile's `sts.endpoint_url` are not gathered), unless aws.ignoreConfiguredEndpointUrls /
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls is true; then the
 * regional endpoint. Whether Java reads AWS_STS_REGIONAL_ENDPOINTS is unknown (SDK-CHAINS.md §4.4).
 * mirrors aws/aws-sdk-java-v2 services/sts/src/main/java/software/amazon/awssdk/services/sts/internal/StsWebIdentityCredentialsProviderFactory.java (configureEndpoint)
 * and core/aws-core/src/main/java/software/amazon/awssdk/awscore/endpoint/AwsClientEndpointProvider.java (clientEndpointFromEnvironment)
 */
export function javaStsEndpointOf(facts: Facts, region: string): StsEndpointChoice {
  if (!javaAppRegionOf(facts).region) {
    const sdk = { url: GLOBAL_STS_URL, from: 'no region: Java forces us-east-1 and the endpoint override https://sts.amazonaws.com', signingRegion: 'us-east-1' };
    return withToolOverride(facts, region, sdk, 'with no region Java overrides the endpoint in code, ahead of AWS_ENDPOINT_URL_STS');
  }
  const profile = javaProfileName(facts).name;
  const ignore = javaSetting(facts, 'aws.ignoreConfiguredEndpointUrls', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')?.value ?? javaProfileValue(facts, profile, 'ignore_configured_endpoint_urls');
  if ((ignore ?? '').trim().toLowerCase() !== 'true') {
    const props = javaSystemProperties(facts);
    const configured = firstConfigured(
      [
        { from: '-Daws.endpointUrlSts', value: props['aws.endpointUrlSts'] },
        { from: '-Daws.endpointUrl', value: props['aws.endpointUrl'] },
        { from: 'AWS_ENDPOINT_URL_STS', value: facts.env['AWS_ENDPOINT_URL_STS'] },
        { from: 'AWS_ENDPOINT_URL', value: facts.env['AWS_ENDPOINT_URL'] },
        { from: `profile ${profile} endpoint_url`, value: javaProfileValue(facts, profile, 'endpoint_url') },
      ],
      region,
    );
    if (configured) return configured;
  }
  return regionalSts(region, 'regional endpoint');
}
