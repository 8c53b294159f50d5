/**
 * botocore / boto3 ("python", versioned by botocore) and the AWS CLI v2 ("aws-cli", versioned by
 * the CLI, which carries its own botocore under awscli/botocore/): one default chain, where the
 * first provider whose load() returns credentials wins, None moves on, and ANY exception stops
 * the chain (SDK-CHAINS.md §2).
 * mirrors boto/botocore botocore/credentials.py create_credential_resolver,
 * ProfileProviderBuilder.providers and CredentialResolver.load_credentials, and
 * aws/aws-cli awscli/botocore/credentials.py. Each step's sdkName is the provider's METHOD, as
 * `credentials.method` and `aws configure list` (Type column) show it.
 */
import type { ChainDefinition, ChainStep } from '../../model/chain.ts';
import { botoPodIdentityMinimum, botoRulesFor } from './rules.ts';
import { botoProxyFor } from './proxy.ts';
import { botoAppRegionOf, botoProfileOf, botoStsEndpointOf, botoStsGlobalFix, botoStsRegionOf, REGION_VARS } from './region.ts';
import { botoPrecondition } from './precondition.ts';
import { botoPartialEnvKeys, evaluateBotoEnv } from './env.ts';
import { evaluateBotoWebIdentity } from './web-identity.ts';
import { botoContainerRequests, evaluateBotoContainer } from './container.ts';
import { botoImdsRequest, evaluateBotoImds } from './imds.ts';
import { evaluateBotoAssumeRole, evaluateBotoBotoConfig, evaluateBotoConfigFile, evaluateBotoEc2CredentialsFile, evaluateBotoLogin, evaluateBotoProcess, evaluateBotoSharedCredentials, evaluateBotoSso } from './profile.ts';
import { botoSharedFilePaths } from './shared-files.ts';
import { withOwnFiles } from '../shared/files.ts';
import { readBotoIni } from './ini.ts';

/** The one botocore chain, for botocore/boto3 and for the CLI's copy (src/sdks/aws-cli/index.ts). */
export function botoChain(family: 'python' | 'aws-cli', version: string | null): ChainDefinition {
  const rules = botoRulesFor(family, version);
  const steps: ChainStep[] = [
    { source: 'env', sdkName: 'env', evaluate: evaluateBotoEnv },
    { source: 'profile', sdkName: 'assume-role', evaluate: evaluateBotoAssumeRole },
    { source: 'web-identity', sdkName: 'assume-role-with-web-identity', evaluate: evaluateBotoWebIdentity },
    { source: 'sso', sdkName: 'sso', evaluate: evaluateBotoSso },
    { source: 'profile', sdkName: 'shared-credentials-file', evaluate: evaluateBotoSharedCredentials },
    ...(rules.login ? [{ source: 'profile' as const, sdkName: 'login', evaluate: evaluateBotoLogin }] : []),
    { source: 'process', sdkName: 'custom-process', evaluate: evaluateBotoProcess },
    { source: 'profile', sdkName: 'config-file', evaluate: evaluateBotoConfigFile },
    { source: 'profile', sdkName: 'ec2-credentials-file', evaluate: evaluateBotoEc2CredentialsFile },
    { source: 'profile', sdkName: 'boto-config', evaluate: evaluateBotoBotoConfig },
    { source: 'container', sdkName: 'container-role', evaluate: evaluateBotoContainer },
    { source: 'imds', sdkName: 'iam-role', evaluate: evaluateBotoImds },
  ];
  const python = family === 'python';
  const profileOf = (env: Record<string, string>): ReturnType<ChainDefinition['profileOf']> => botoProfileOf(family, env);
  return withOwnFiles(
    {
      id: version ? `${family}@${version}` : family,
      family,
      version,
      title: python ? (version ? `botocore / boto3 (botocore ${version})` : 'botocore / boto3 (current release)') : version ? `AWS CLI v2 ${version} (its own botocore copy)` : 'AWS CLI v2 (current release)',
      label: python ? 'botocore' : 'the AWS CLI',
      entryPoint: python ? 'boto3.Session().get_credentials() / botocore.session.get_session().get_credentials()' : 'aws (any command; `aws configure list` shows the winner in its Type column)',
      steps,
      profileOf,
      appRegionOf: (facts) => botoAppRegionOf(family, facts),
      stsRegionOf: (facts) => botoStsRegionOf(family, facts, rules.stsLegacyDefault),
      stsEndpointOf: (facts, region) => botoStsEndpointOf(family, facts, rules, region),
      precondition: botoPrecondition,
      notes: notesOf(family, version, rules),
      podIdentityMinimum: botoPodIdentityMinimum(family),
      regionVariables: REGION_VARS[family],
      proxyFor: (facts, target) => botoProxyFor(facts, { profileOf }, target),
      partialEnvKeys: botoPartialEnvKeys,
      // CredentialResolver.load_credentials: any exception stops the chain
      fallsThroughToImds: false,
      profileSkipsEnvKeys: false,
      stsGlobalFix: (noRegion) => botoStsGlobalFix(family, rules, noRegion),
      imdsRequestOf: (env) => botoImdsRequest(env, rules),
      sharedFilePaths: botoSharedFilePaths,
      containerRequestsOf: (env) => botoContainerRequests(env, rules),
    },
    readBotoIni,
  );
}

function notesOf(family: 'python' | 'aws-cli', version: string | null, rules: ReturnType<typeof botoRulesFor>): string[] {
  const notes: string[] = [];
  notes.push(
    family === 'python' ? 'profile from AWS_DEFAULT_PROFILE, then AWS_PROFILE; region from AWS_DEFAULT_REGION (AWS_REGION is ignored)' : 'profile from AWS_PROFILE, then AWS_DEFAULT_PROFILE; region from AWS_REGION, then AWS_DEFAULT_REGION',
  );
  if (!rules.containerV2) notes.push(`${rules.label}: container full URI only on 169.254.170.2, localhost or 127.0.0.1; no AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (no EKS Pod Identity)`);
  if (!rules.imdsV1Disable) notes.push(`${rules.label}: AWS_EC2_METADATA_V1_DISABLED is ignored (IMDSv1 fallback stays on)`);
  if (rules.stsLegacyDefault) notes.push(`${rules.label}: sts_regional_endpoints defaults to legacy (global STS endpoint for legacy regions)`);
  if (!rules.endpointUrls && version) notes.push(`${rules.label}: AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS are not honoured (the tool's own STS calls still follow AWS_ENDPOINT_URL_STS)`);
  return notes;
}

/** botocore / boto3 at the given botocore version (null: current release). */
export function pythonChainFor(version: string | null): ChainDefinition {
  return botoChain('python', version);
}
