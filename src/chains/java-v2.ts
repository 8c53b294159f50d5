/**
 * The AWS SDK for Java 2.x default chain, modelled from source (SDK-CHAINS.md §4).
 * mirrors aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/DefaultCredentialsProvider.java
 * (createChain: SystemPropertyCredentialsProvider, EnvironmentVariableCredentialsProvider,
 * WebIdentityTokenFileCredentialsProvider, ProfileCredentialsProvider, ContainerCredentialsProvider,
 * InstanceProfileCredentialsProvider) and AwsCredentialsProviderChain.java (resolveCredentials catches
 * every RuntimeException and moves on: no failure stops the chain).
 *
 * The exact Java release the sources belong to is unknown (SDK-CHAINS.md §0), so the current
 * model is the newest source read; the one version boundary encoded is EKS Pod Identity support
 * in 2.21.30 (aws/aws-sdk-java#3062, maintainer comment; the EKS user guide's minimum SDK list).
 */
import type { ChainDefinition } from '../model/chain.ts';
import type { Facts } from '../model/facts.ts';
import type { RegionChoice } from '../model/chain.ts';
import { firstConfigured, GLOBAL_STS_URL, regionalSts, withToolOverride } from '../sts-endpoint.ts';
import type { StsEndpointChoice } from '../model/chain.ts';
import { atLeast } from '../sdk.ts';
import { evaluateJavaEnv, evaluateJavaSystemProperties } from '../sources/java/system-properties.ts';
import { evaluateJavaWebIdentity } from '../sources/java/web-identity.ts';
import { evaluateJavaProfile } from '../sources/java/profile.ts';
import { evaluateJavaContainer, JAVA_POD_IDENTITY_MINIMUM } from '../sources/java/container.ts';
import { evaluateJavaImds } from '../sources/java/imds.ts';
import { javaProfileName, javaProfileOfEnv, javaProfileValue, javaSetting, javaSystemProperties } from '../sources/java/settings.ts';

/**
 * DefaultAwsRegionProviderChain: aws.region, AWS_REGION, the profile's region, then IMDS (not
 * modelled); AWS_DEFAULT_REGION is not read.
 * mirrors aws/aws-sdk-java-v2 core/regions/src/main/java/software/amazon/awssdk/regions/providers/DefaultAwsRegionProviderChain.java
 */
function javaAppRegionOf(facts: Facts): RegionChoice {
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
function javaStsRegionOf(facts: Facts): RegionChoice {
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
function javaStsEndpointOf(facts: Facts, region: string): StsEndpointChoice {
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

export function javaV2ChainFor(version: string | null): ChainDefinition {
  const notes = [
    'modelled from source (aws/aws-sdk-java-v2; the exact release of the sources read is unknown), not run against a real Java SDK',
    "web identity and role profiles need the 'sts' module on the class path; without it they fail and the chain moves on (not visible from outside the JVM)",
    'system properties set in code (System.setProperty) are not visible; only JVM options and the app command line are read',
  ];
  if (version && !atLeast(version, JAVA_POD_IDENTITY_MINIMUM)) {
    notes.push(`before ${JAVA_POD_IDENTITY_MINIMUM}: no EKS Pod Identity (the full URI host 169.254.170.23 / [fd00:ec2::23] is refused and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is ignored); the narrower full-URI allow-list of early 2.x releases is not modelled`);
  }
  return {
    id: version ? `java-v2@${version}` : 'java-v2',
    family: 'java-v2',
    version,
    title: version ? `AWS SDK for Java 2.x (${version})` : 'AWS SDK for Java 2.x (newest source read)',
    label: 'the Java SDK',
    entryPoint: 'DefaultCredentialsProvider.create()',
    profileOf: javaProfileOfEnv,
    appRegionOf: javaAppRegionOf,
    stsRegionOf: javaStsRegionOf,
    stsEndpointOf: javaStsEndpointOf,
    notes,
    steps: [
      { source: 'system-properties', sdkName: 'SystemPropertyCredentialsProvider', evaluate: evaluateJavaSystemProperties },
      { source: 'env', sdkName: 'EnvironmentVariableCredentialsProvider', evaluate: evaluateJavaEnv },
      { source: 'web-identity', sdkName: 'WebIdentityTokenFileCredentialsProvider', evaluate: evaluateJavaWebIdentity },
      { source: 'profile', sdkName: 'ProfileCredentialsProvider', evaluate: evaluateJavaProfile },
      { source: 'container', sdkName: 'ContainerCredentialsProvider', evaluate: evaluateJavaContainer },
      { source: 'imds', sdkName: 'InstanceProfileCredentialsProvider', evaluate: evaluateJavaImds },
    ],
  };
}
