/**
 * The AWS SDK for Go v2 (`config.LoadDefaultConfig`), modelled from source (SDK-CHAINS.md §3):
 * a static selection made once while the config loads, never a runtime fallback. The first
 * applicable provider is selected; if it later fails, that is the app's error and nothing later
 * is tried.
 * mirrors aws/aws-sdk-go-v2 config/resolve_credentials.go (resolveCredentialChain: a profile set in code,
 * env keys, AWS_WEB_IDENTITY_TOKEN_FILE, then resolveCredsFromProfile) and config/config.go
 * (resolveConfigLoaders: loadEnvConfig, then loadSharedConfig or loadSharedConfigIgnoreNotExist).
 *
 * Version boundaries (config module versions, SDK-CHAINS.md §3.1–§3.3):
 * - 1.18.45: a non-empty AWS_PROFILE naming a missing profile fails the load; before it, it is
 *   ignored (aws/aws-sdk-go-v2 config/config.go defaultLoaders: loadSharedConfigIgnoreNotExist);
 * - 1.21.0: configured endpoints (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, endpoint_url; SDK-CHAINS.md §3.4);
 * - 1.22.0: AWS_EC2_METADATA_V1_DISABLED is read (an invalid value fails the load);
 * - 1.25.0: the full-URI allow-list (loopback or the ECS/EKS addresses, http only) and
 *   AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE; before it, loopback hosts only;
 * - 1.27.34: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI before the full URI (full first until then);
 *   credential_source EcsContainer also takes the full URI (PR #2790);
 * - 1.32.0: login_session profiles.
 * Checked against a real Go SDK: Debian's golang-github-aws-aws-sdk-go-v2-dev (config 1.17.10) runs the
 * shared scenarios on loopback in test/oracle/go-sdk.test.ts.
 */
import type { ChainDefinition } from '../../model/chain.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import { atLeast } from '../../versions.ts';
import { goEnvConfigError, goLoadSharedConfig, goProfileOf, GO_PROFILE_MUST_EXIST } from './config.ts';
import { evaluateGoEnv, evaluateGoWebIdentity, goPartialEnvKeys } from './env.ts';
import { evaluateGoContainer, evaluateGoImds, evaluateGoProfile, GO_LOGIN_SESSION } from './profile.ts';
import { goContainerProxy, goContainerRequests } from './container.ts';
import { goImdsProxy, goImdsRequest } from './imds.ts';
import { goAppRegionOf, goStsEndpointOf, GO_CONFIGURED_ENDPOINTS, GO_REGION_VARIABLES } from './region.ts';
import { GO_POD_IDENTITY_MINIMUM, GO_RULES } from './rules.ts';
import { goSharedFilePaths } from './shared-files.ts';
import { withOwnFiles } from '../shared/files.ts';
import { goIniReader } from './ini.ts';

/** LoadDefaultConfig's own failures, before any provider exists. */
function goPrecondition(ctx: ChainContext): SourceOutcome | null {
  const envError = goEnvConfigError(ctx.facts.env, ctx.chain.version);
  if (envError) return { kind: 'fail', hard: true, reason: `LoadDefaultConfig fails: ${envError}` };
  const load = goLoadSharedConfig(ctx);
  if (!load.ok) {
    const missing = /^failed to get shared config profile, /.test(load.error);
    return { kind: 'fail', hard: true, reason: `LoadDefaultConfig fails: ${load.error}${missing ? ' (AWS_PROFILE names a profile that must exist in Go; no credential source is tried)' : ''}` };
  }
  return null;
}

export function goV2ChainFor(version: string | null): ChainDefinition {
  const notes = [
    'modelled from source (aws/aws-sdk-go-v2 config module); checked against the real config 1.17.10 (Debian) on loopback',
    'a profile or credentials provider set in code (WithSharedConfigProfile, WithCredentialsProvider) is not modelled',
    'a host name in AWS_CONTAINER_CREDENTIALS_FULL_URI is DNS-resolved by Go at load; the tool does not resolve it',
  ];
  if (version) {
    if (!atLeast(version, GO_PROFILE_MUST_EXIST)) notes.push(`before ${GO_PROFILE_MUST_EXIST}: an AWS_PROFILE naming a missing profile is ignored (the shared config is empty)`);
    if (!atLeast(version, GO_CONFIGURED_ENDPOINTS)) notes.push(`before ${GO_CONFIGURED_ENDPOINTS}: AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS are not honoured (the tool's own STS calls still follow AWS_ENDPOINT_URL_STS)`);
    if (!atLeast(version, GO_RULES.imdsV1Disable)) notes.push(`before ${GO_RULES.imdsV1Disable}: AWS_EC2_METADATA_V1_DISABLED is not read`);
    if (!atLeast(version, GO_RULES.allowList)) notes.push(`before ${GO_RULES.allowList}: the full URI must be a loopback host (no EKS Pod Identity, no https exception) and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is ignored`);
    if (!atLeast(version, GO_RULES.relativeFirst)) notes.push(`before ${GO_RULES.relativeFirst}: AWS_CONTAINER_CREDENTIALS_FULL_URI is selected before the relative URI`);
    if (!atLeast(version, GO_LOGIN_SESSION)) notes.push(`before ${GO_LOGIN_SESSION}: login_session profiles are not read`);
  }
  return withOwnFiles(
    {
      id: version ? `go-v2@${version}` : 'go-v2',
      family: 'go-v2',
      version,
      title: version ? `AWS SDK for Go v2 (config ${version})` : 'AWS SDK for Go v2 (config, newest source read)',
      label: 'the Go SDK',
      entryPoint: 'config.LoadDefaultConfig(ctx)',
      profileOf: goProfileOf,
      appRegionOf: goAppRegionOf,
      stsRegionOf: goAppRegionOf,
      stsEndpointOf: (facts, region) => goStsEndpointOf(facts, region, version),
      precondition: goPrecondition,
      notes,
      podIdentityMinimum: GO_POD_IDENTITY_MINIMUM,
      regionVariables: GO_REGION_VARIABLES,
      // the SDK's default transport uses http.ProxyFromEnvironment for both (src/sdks/go-v2/proxy.ts)
      proxyFor: (facts, target) => (target === 'imds' ? goImdsProxy(facts) : goContainerProxy(facts, version)),
      partialEnvKeys: goPartialEnvKeys,
      // a static selection: a failing provider is the app's error, nothing later is tried
      fallsThroughToImds: false,
      stsGlobalFix: () => null,
      profileSkipsEnvKeys: false,
      imdsRequestOf: (env) => goImdsRequest(env, version),
      sharedFilePaths: goSharedFilePaths,
      containerRequestsOf: (env) => goContainerRequests(env, version),
      steps: [
        { source: 'env', sdkName: 'EnvConfig static credentials', evaluate: evaluateGoEnv },
        { source: 'web-identity', sdkName: 'stscreds.WebIdentityRoleProvider', evaluate: evaluateGoWebIdentity },
        { source: 'profile', sdkName: 'SharedConfig profile', evaluate: evaluateGoProfile },
        { source: 'container', sdkName: 'endpointcreds (container)', evaluate: evaluateGoContainer },
        { source: 'imds', sdkName: 'ec2rolecreds', evaluate: evaluateGoImds },
      ],
    },
    goIniReader(version),
  );
}
