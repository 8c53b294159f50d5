/**
 * The chain model: an SDK's default chain as data, the context a step is judged in, and what a
 * step concludes. These types are mutually recursive (a chain's steps read a context that names
 * the chain), so they live together in this one leaf file.
 */
import type { Evidence, Facts, SdkFamily, SourceId } from './facts.ts';
import type { FailCause, ProxyChoice, ResolvedCredentials } from './report.ts';

/** An STS call the chain needs before it can go on (the SDK makes it eagerly). */
export type ExchangeRequest =
  | { ref: string; kind: 'web-identity'; roleArn: string; sessionName: string; tokenRef: string }
  | { ref: string; kind: 'assume-role'; roleArn: string; sessionName: string; sourceRef: string; externalId: string | null; region: string | null };

export interface RegionChoice {
  region: string | null;
  from: string;
}

/** Where STS calls go, why, and the region they are signed for. */
export interface StsEndpointChoice {
  url: string;
  /** what decided it, for the report */
  from: string;
  /** us-east-1 at the global endpoint, whatever the client's region (the SDKs sign it so) */
  signingRegion: string;
  /** set when the tool's own override replaced it: where the SDK itself would send the calls */
  sdk?: { url: string; from: string };
}

export interface ChainContext {
  facts: Facts;
  /** the profile the SDK uses: `AWS_PROFILE` or "default" */
  profileName: string;
  /** whether a profile was named (AWS_PROFILE non-empty): JS then skips the env keys */
  profileNamed: boolean;
  /** config and credentials files merged, credentials-file keys winning */
  profiles: Record<string, Record<string, string>>;
  /** the chain being walked (its family and version select behaviours) */
  chain: ChainDefinition;
}

/** Half of the env key pair, as one SDK reads the pair (ChainDefinition.partialEnvKeys). */
export interface PartialEnvKeys {
  /** the variable that is set */
  present: string;
  /** the variable the SDK wants beside it */
  missing: string;
  /** the SDK raises and no later source is tried (botocore's PartialCredentialsError) */
  stops: boolean;
}

export type SourceOutcome =
  /**
   * credentials resolve; `unproven` when the tool could not perform the SDK's own call; `proxy`
   * (container and IMDS steps) when the SDK would send the request through a proxy
   */
  | { kind: 'provides'; reason: string; credentials: ResolvedCredentials; unproven?: string; evidence?: Evidence[]; proxy?: ProxyChoice | null }
  /** inputs absent: the SDK moves on silently */
  | { kind: 'skip'; reason: string; evidence?: Evidence[]; proxy?: ProxyChoice | null }
  /** tried and failed; `hard` stops the whole chain; `cause` when the SDK's own reading of a URL variable is why */
  | { kind: 'fail'; reason: string; hard: boolean; evidence?: Evidence[]; proxy?: ProxyChoice | null; cause?: FailCause }
  /** the SDK would call STS here (eagerly); the tool makes that call, then evaluates again */
  | { kind: 'needs'; reason: string; request: ExchangeRequest };

export type SourceEvaluator = (ctx: ChainContext) => SourceOutcome;

/** One step of an SDK's default chain: which source, the SDK's name for it, how it is judged. */
export interface ChainStep {
  source: SourceId;
  sdkName: string;
  evaluate: SourceEvaluator;
}

/** An SDK's default credential chain, written down once as data. */
export interface ChainDefinition {
  /** `family` or `family@version`, as the report names it */
  id: string;
  family: SdkFamily;
  /** the modelled version; null: the current release */
  version: string | null;
  title: string;
  /** how messages name the SDK ("the JS SDK") */
  label: string;
  /** the function the app's SDK runs, for the report */
  entryPoint: string;
  steps: readonly ChainStep[];
  /**
   * which profile the SDK uses, whether one was named, and the setting that names it
   * (`AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, `-Daws.profile`; null: the default profile)
   */
  profileOf(env: Record<string, string>): { name: string; named: boolean; variable: string | null };
  /** the region the app's clients use */
  appRegionOf(facts: Facts): RegionChoice;
  /** the region of the SDK's own STS calls (web identity, assume role) */
  stsRegionOf(facts: Facts): RegionChoice;
  /**
   * Where the SDK sends STS calls made at `region` (the region the caller settled on, with its
   * own fallback), and the region they are signed for; the tool's own STS calls go there too.
   */
  stsEndpointOf(facts: Facts, region: string): StsEndpointChoice;
  /** a failure before any provider runs (botocore's ProfileNotFound, Go's load errors) */
  precondition?(ctx: ChainContext): SourceOutcome | null;
  /** the behaviours the version selects, for the report */
  notes: string[];
  /**
   * The first release that accepts EKS Pod Identity (the full URI host 169.254.170.23 /
   * [fd00:ec2::23] and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), from the SDK's rules.ts;
   * null: no known minimum.
   */
  podIdentityMinimum: string | null;
  /** the environment variables the SDK reads for its region, first wins */
  regionVariables: readonly string[];
  /** the proxy the SDK would send a container or IMDS request through, by its own matcher; null: direct */
  proxyFor(facts: Facts, target: 'container' | 'imds'): ProxyChoice | null;
  /** a key id without its secret (or the reverse), as the SDK reads the pair; null: no half pair */
  partialEnvKeys(env: Record<string, string>): PartialEnvKeys | null;
  /** a failing container or web identity step lets the chain go on to the instance role (IMDS) */
  fallsThroughToImds: boolean;
  /** a named profile (AWS_PROFILE) makes the SDK skip the env keys (the JS SDK's fromEnv) */
  profileSkipsEnvKeys: boolean;
  /**
   * When the SDK's own STS calls go to the global endpoint: with a region, the SDK-specific fix
   * (botocore's sts_regional_endpoints), null for the generic advice; with none, a clause to add
   * to the region fix ('' or null: nothing to add).
   */
  stsGlobalFix(noRegion: boolean): string | null;
  /**
   * The IMDS request the SDK would make, read from the variables by its own rules (its boolean
   * reading of AWS_EC2_METADATA_DISABLED and AWS_EC2_METADATA_V1_DISABLED, its endpoint and
   * endpoint mode); null: it never asks IMDS (disabled, or its configuration fails first).
   */
  imdsRequestOf(env: Record<string, string>): ImdsRequest | null;
  /**
   * Where the SDK looks for the shared config and credentials files, by its own rules (an empty
   * variable, `$HOME` and `~` in it); `home` is the home directory gathering found.
   */
  sharedFilePaths(env: Record<string, string>, home: string | null): SharedFilePaths;
  /**
   * The container requests the SDK's container steps would send, in step order, read from the
   * variables by its own rules (which URL, which Authorization); a step that refuses its URL
   * before any I/O sends none. Gathering probes each distinct request once (issue 11 item 5).
   */
  containerRequestsOf(env: Record<string, string>): ContainerRequest[];
}

/**
 * The Authorization header a container step sends: none, AWS_CONTAINER_AUTHORIZATION_TOKEN, or
 * the contents of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE as read. Every modelled SDK reads the file
 * whole, untrimmed (JS fromHttp, botocore's ContainerProvider, Go's token provider over os.ReadFile,
 * Java getTokenValue: the SDK folders' container.ts cite the files), so a trimmed variant would be a request no SDK sends.
 */
export type ContainerAuth = 'none' | 'token-env' | 'token-file';

/** One request to the container credentials endpoint, as a step builds it (never the token itself). */
export interface ContainerRequest {
  url: string;
  /** which variable gave the URL: the relative URI goes to --container-endpoint when given */
  from: 'relative' | 'full';
  auth: ContainerAuth;
}

const AUTH_KEY: Record<ContainerAuth, string> = {
  none: 'no Authorization',
  'token-env': 'token from AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'token-file': 'token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
};

/** The non-secret name of a request, its key in Facts.containerProbes: the URL and where its token comes from. */
export function containerRequestKey(r: Pick<ContainerRequest, 'url' | 'auth'>): string {
  return `GET ${r.url} with ${AUTH_KEY[r.auth]}`;
}

/** A shared file as one SDK locates it; `path` null: the SDK reads no file at all (`origin` says why). */
export interface SharedFileChoice {
  path: string | null;
  origin: string;
}

export interface SharedFilePaths {
  config: SharedFileChoice;
  credentials: SharedFileChoice;
}

/** An IMDS request as one SDK would send it: where, and whether it may fall back to IMDSv1. */
export interface ImdsRequest {
  url: string;
  v1Disabled: boolean;
}

/** Where an STS call goes and the region it is signed for. */
export interface StsCallTarget {
  url: string;
  signingRegion: string;
}

/** Why a container request is not sent at all (the SDK refuses the URL before any I/O). */
export interface NotSendable {
  code: 'INVALID_URL' | 'HOST_NOT_ALLOWED';
  message: string;
}

/** The requests gathering makes, as the modelled chain's SDK would build them. */
export interface ProbePlan {
  /** null: no container credentials URI is set, so the SDK never calls it */
  container: { url: string; from: 'relative' | 'full'; notSendable: NotSendable | null; auth?: ContainerAuth } | null;
  /**
   * The other distinct requests the modelled chains' container steps would send (deduplicated
   * against `container` and each other, bounded): each probed once, concurrently, and recorded in
   * Facts.containerProbes under containerRequestKey.
   */
  containerRequests?: ContainerRequest[];
  /**
   * null: IMDS is not asked (every modelled chain has it disabled, or a container URI wins outside
   * ECS); `reason` says why it is; `v1Disabled` only when no chain that asks would fall back to
   * IMDSv1 (each SDK then judges the answer by its own switch); `askedBy`: the ids of those chains
   */
  imds: { url: string; v1Disabled: boolean; reason: string; askedBy?: string[] } | null;
  /**
   * The shared files the modelled chains read, given the home directory gathering found: one
   * pair per chain (gathering reads each distinct path once, bounded, and keeps each pair's
   * profile keys in the vault under `profile:<name>` + sharedFilesRefSuffix)
   */
  sharedFiles?: (home: string | null) => SharedFilePaths[];
}

/**
 * The vault ref suffix of a chain's profile credentials when its files are not the JS SDK's
 * (`profile:<name>` stays the JS SDK's pair): '' when they are.
 */
export function sharedFilesRefSuffix(pair: SharedFilePaths, js: SharedFilePaths): string {
  if (pair.config.path === js.config.path && pair.credentials.path === js.credentials.path) return '';
  return `@${pair.config.path ?? '-'}|${pair.credentials.path ?? '-'}`;
}

/**
 * What gathering asks of the modelled chains while it runs: the chains decide, gathering does
 * the I/O. Built by src/plan.ts; gather never imports a chain.
 */
export interface ChainPlanner {
  /** which endpoints to probe and how (`imdsProbe`: --no-imds-probe was not given) */
  probePlan(env: Record<string, string>, imdsProbe: boolean): ProbePlan;
  /** the next STS exchange some modelled chain makes eagerly, and where it goes (null: none left) */
  nextExchange(facts: Facts): { request: ExchangeRequest; target: StsCallTarget } | null;
  /** the winner's credentials (vault ref) and where its GetCallerIdentity goes; null: no winner */
  identityCall(facts: Facts): { ref: string; target: StsCallTarget } | null;
  /** what the chain picks over these facts (the shell's view, for ECS Exec) */
  winnerOf(facts: Facts): { source: SourceId; accessKeyId: string } | null;
}
