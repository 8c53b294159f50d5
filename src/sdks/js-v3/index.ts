/**
 * The AWS SDK for JavaScript v3 default chain, current release.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-node/src/defaultProvider.ts
 * (order: fromEnv, fromSSO, fromIni, fromProcess, fromTokenFile, remoteProvider) and
 * packages/credential-provider-node/src/remoteProvider.ts (container XOR IMDS).
 */
import type { ChainDefinition } from '../../model/chain.ts';
import { appRegionOf, jsStsEndpointOf, stsRegionOf } from './region.ts';
import { atLeast } from '../../versions.ts';
import { JS_POD_IDENTITY_MINIMUM, JS_REGION_VARIABLES, JS_RULES } from './rules.ts';
import { evaluateEnv, jsPartialEnvKeys } from './env.ts';
import { evaluateSso } from './sso.ts';
import { evaluateProfile } from './profile.ts';
import { evaluateProcess } from './process.ts';
import { evaluateWebIdentity } from './web-identity.ts';
import { evaluateContainer, jsContainerRequests } from './container.ts';
import { evaluateImds, jsImdsRequest } from './imds.ts';
import { jsSharedFilePaths } from './shared-files.ts';
import { withOwnFiles } from '../shared/files.ts';

/** The chain as the given @aws-sdk/credential-provider-node version runs it (null: current). */
export function jsV3ChainFor(version: string | null): ChainDefinition {
  return withOwnFiles({
    id: version ? `js-v3@${version}` : 'js-v3',
    family: 'js-v3',
    version,
    title: version ? `AWS SDK for JavaScript v3 (@aws-sdk/credential-provider-node ${version})` : 'AWS SDK for JavaScript v3 (current release)',
    label: 'the JS SDK',
    entryPoint: 'defaultProvider() / fromNodeProviderChain()',
    // init.profile || AWS_PROFILE || "default": smithy-lang/smithy-typescript
    // packages/shared-ini-file-loader/src/getProfileName.ts
    profileOf: (env) => (env['AWS_PROFILE'] ? { name: env['AWS_PROFILE'], named: true, variable: 'AWS_PROFILE' } : { name: 'default', named: false, variable: null }),
    appRegionOf,
    stsRegionOf,
    stsEndpointOf: jsStsEndpointOf,
    notes: version ? jsVersionNotes(version) : [],
    podIdentityMinimum: JS_POD_IDENTITY_MINIMUM,
    regionVariables: JS_REGION_VARIABLES,
    // the container and IMDS requests go straight out: fromHttp uses @smithy/node-http-handler and
    // fromContainerMetadata/fromInstanceMetadata node's http.request (smithy-lang/smithy-typescript
    // packages/credential-provider-imds/src/remoteProvider/httpRequest.ts), none of which reads HTTP_PROXY
    proxyFor: () => null,
    partialEnvKeys: jsPartialEnvKeys,
    // remoteProvider: a container failure is thrown, IMDS is never tried after it (container XOR IMDS)
    fallsThroughToImds: false,
    // defaultProvider skips fromEnv when AWS_PROFILE is set
    stsGlobalFix: () => null,
    profileSkipsEnvKeys: true,
    imdsRequestOf: (env) => jsImdsRequest(env, version),
    sharedFilePaths: (env, home) => jsSharedFilePaths(env, home, version),
    containerRequestsOf: (env) => jsContainerRequests(env, version),
    steps: [
      { source: 'env', sdkName: 'fromEnv', evaluate: evaluateEnv },
      { source: 'sso', sdkName: 'fromSSO', evaluate: evaluateSso },
      { source: 'profile', sdkName: 'fromIni', evaluate: evaluateProfile },
      { source: 'process', sdkName: 'fromProcess', evaluate: evaluateProcess },
      { source: 'web-identity', sdkName: 'fromTokenFile', evaluate: evaluateWebIdentity },
      { source: 'container', sdkName: 'remoteProvider: fromHttp → fromContainerMetadata', evaluate: evaluateContainer },
      { source: 'imds', sdkName: 'remoteProvider: fromInstanceMetadata', evaluate: evaluateImds },
    ],
  });
}

/** The §1.6 boundaries that apply to a modelled version (SDK-CHAINS.md). */
function jsVersionNotes(version: string): string[] {
  const notes: string[] = [];
  if (!atLeast(version, JS_RULES.fromHttp)) notes.push(`before ${JS_RULES.fromHttp}: the container step is fromContainerMetadata alone (full URI on localhost/127.0.0.1 only; no token file; no EKS Pod Identity)`);
  else if (!atLeast(version, JS_RULES.relativeFirst)) notes.push(`${JS_RULES.fromHttp} to 3.971.x: the full URI wins over the relative one, and AWS_CONTAINER_AUTHORIZATION_TOKEN over the token file`);
  if (atLeast(version, JS_RULES.fromHttp) && !atLeast(version, JS_RULES.fromHttpIpv6)) notes.push(`before ${JS_RULES.fromHttpIpv6}: fromHttp cannot reach a bracketed IPv6 full URI ([::1]); the fallback refuses it`);
  if (!atLeast(version, JS_RULES.credentialSourceAsSource)) notes.push(`before ${JS_RULES.credentialSourceAsSource}: a source_profile with credential_source and no role_arn is no source`);
  if (!atLeast(version, JS_RULES.imdsDisabledOnlyWhenTrue)) notes.push(`before ${JS_RULES.imdsDisabledOnlyWhenTrue}: AWS_EC2_METADATA_DISABLED=false also disables IMDS`);
  return notes;
}

/** The current release's chain. */
export const jsV3Chain: ChainDefinition = jsV3ChainFor(null);
