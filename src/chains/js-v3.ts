/**
 * The AWS SDK for JavaScript v3 default chain, current release.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-node/src/defaultProvider.ts
 * (order: fromEnv, fromSSO, fromIni, fromProcess, fromTokenFile, remoteProvider) and
 * packages/credential-provider-node/src/remoteProvider.ts (container XOR IMDS).
 */
import type { ChainDefinition } from '../model/chain.ts';
import { appRegionOf, jsStsEndpointOf, stsRegionOf } from '../region.ts';
import { atLeast } from '../sdk.ts';
import { evaluateEnv } from '../sources/env.ts';
import { evaluateSso } from '../sources/sso.ts';
import { evaluateProfile } from '../sources/profile.ts';
import { evaluateProcess } from '../sources/process.ts';
import { evaluateWebIdentity } from '../sources/web-identity.ts';
import { evaluateContainer } from '../sources/container.ts';
import { evaluateImds } from '../sources/imds.ts';

/** The chain as the given @aws-sdk/credential-provider-node version runs it (null: current). */
export function jsV3ChainFor(version: string | null): ChainDefinition {
  return {
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
  steps: [
    { source: 'env', sdkName: 'fromEnv', evaluate: evaluateEnv },
    { source: 'sso', sdkName: 'fromSSO', evaluate: evaluateSso },
    { source: 'profile', sdkName: 'fromIni', evaluate: evaluateProfile },
    { source: 'process', sdkName: 'fromProcess', evaluate: evaluateProcess },
    { source: 'web-identity', sdkName: 'fromTokenFile', evaluate: evaluateWebIdentity },
    { source: 'container', sdkName: 'remoteProvider: fromHttp → fromContainerMetadata', evaluate: evaluateContainer },
    { source: 'imds', sdkName: 'remoteProvider: fromInstanceMetadata', evaluate: evaluateImds },
  ],
  };
}

/** The §1.6 boundaries that apply to a modelled version (SDK-CHAINS.md). */
function jsVersionNotes(version: string): string[] {
  const notes: string[] = [];
  if (!atLeast(version, '3.503.1')) notes.push('before 3.503.1: the container step is fromContainerMetadata alone (full URI on localhost/127.0.0.1 only; no token file; no EKS Pod Identity)');
  else if (!atLeast(version, '3.972.0')) notes.push('3.503.1 to 3.971.x: the full URI wins over the relative one, and AWS_CONTAINER_AUTHORIZATION_TOKEN over the token file');
  if (!atLeast(version, '3.738.0')) notes.push('before 3.738.0: AWS_EC2_METADATA_DISABLED=false also disables IMDS');
  return notes;
}

/** The current release's chain. */
export const jsV3Chain: ChainDefinition = jsV3ChainFor(null);
