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
import type { ChainDefinition } from '../../model/chain.ts';
import { atLeast } from '../../versions.ts';
import { evaluateJavaEnv, evaluateJavaSystemProperties, javaPartialEnvKeys } from './env.ts';
import { evaluateJavaWebIdentity } from './web-identity.ts';
import { evaluateJavaProfile } from './profile.ts';
import { evaluateJavaContainer, javaContainerRequests } from './container.ts';
import { JAVA_POD_IDENTITY_MINIMUM, JAVA_REGION_VARIABLES } from './rules.ts';
import { javaAppRegionOf, javaStsEndpointOf, javaStsRegionOf } from './region.ts';
import { evaluateJavaImds, javaImdsRequest } from './imds.ts';
import { javaProfileOfEnv } from './system-properties.ts';
import { javaSharedFilePaths } from './shared-files.ts';
import { withOwnFiles } from '../shared/files.ts';
import { readJavaIni } from './ini.ts';

export function javaV2ChainFor(version: string | null): ChainDefinition {
  const notes = [
    'modelled from source (aws/aws-sdk-java-v2; the exact release of the sources read is unknown), not run against a real Java SDK',
    "web identity and role profiles need the 'sts' module on the class path; without it they fail and the chain moves on (not visible from outside the JVM)",
    'system properties set in code (System.setProperty) are not visible; only JVM options and the app command line are read',
  ];
  if (version && !atLeast(version, JAVA_POD_IDENTITY_MINIMUM)) {
    notes.push(
      `before ${JAVA_POD_IDENTITY_MINIMUM}: no EKS Pod Identity (the full URI host 169.254.170.23 / [fd00:ec2::23] is refused and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is ignored); the narrower full-URI allow-list of early 2.x releases is not modelled`,
    );
  }
  return withOwnFiles(
    {
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
      podIdentityMinimum: JAVA_POD_IDENTITY_MINIMUM,
      regionVariables: JAVA_REGION_VARIABLES,
      // the container and IMDS providers connect with Proxy.NO_PROXY, whatever the proxy settings
      // (aws/aws-sdk-java-v2 core/regions/src/main/java/software/amazon/awssdk/regions/internal/util/ConnectionUtils.java
      // connectToEndpoint; HTTP_PROXY is not a JVM setting either)
      proxyFor: () => null,
      partialEnvKeys: javaPartialEnvKeys,
      // AwsCredentialsProviderChain catches every failure and moves on, to the instance role last
      fallsThroughToImds: true,
      stsGlobalFix: () => null,
      profileSkipsEnvKeys: false,
      imdsRequestOf: javaImdsRequest,
      sharedFilePaths: javaSharedFilePaths,
      containerRequestsOf: (env) => javaContainerRequests(env, version),
      steps: [
        { source: 'system-properties', sdkName: 'SystemPropertyCredentialsProvider', evaluate: evaluateJavaSystemProperties },
        { source: 'env', sdkName: 'EnvironmentVariableCredentialsProvider', evaluate: evaluateJavaEnv },
        { source: 'web-identity', sdkName: 'WebIdentityTokenFileCredentialsProvider', evaluate: evaluateJavaWebIdentity },
        { source: 'profile', sdkName: 'ProfileCredentialsProvider', evaluate: evaluateJavaProfile },
        { source: 'container', sdkName: 'ContainerCredentialsProvider', evaluate: evaluateJavaContainer },
        { source: 'imds', sdkName: 'InstanceProfileCredentialsProvider', evaluate: evaluateJavaImds },
      ],
    },
    readJavaIni,
  );
}
