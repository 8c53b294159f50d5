/** The report: each chain step placed, the verdict, findings; what render turns into text or JSON. */
import type { Evidence, Facts, SdkSelection, SourceId } from './facts.ts';

export type SourceStatus = 'selected' | 'shadowed' | 'skipped' | 'failed' | 'not-reached';

export type Severity = 'error' | 'warning' | 'info';

export interface SourceResult {
  source: SourceId;
  /** the SDK's own name for the step (the JS provider function) */
  sdkName: string;
  status: SourceStatus;
  reason: string;
  stopsChain: boolean;
  /** it would have given credentials (used to tell shadowed from skipped) */
  wouldProvide: boolean;
  /** what the source concluded on its own, before the chain placed it: later layers read this, never `reason` */
  outcome: StepOutcome;
  credentials: ResolvedCredentials | null;
  evidence: Evidence[];
}

/** The proxy an SDK sends a request through, and the variable that named it (`HTTP_PROXY`...). */
export interface ProxyChoice {
  proxy: string;
  from: string;
  /** the host of the request, as NO_PROXY would have to name it */
  host: string;
}

/** A step's own conclusion, whatever its place in the chain. */
export interface StepOutcome {
  kind: 'provides' | 'skip' | 'fail' | 'needs';
  /** the source's own reason, without the chain's "not reached" framing */
  reason: string;
  /** a failure that stops the chain when the step is reached */
  hard: boolean;
  /** the tool itself failed while judging this step (a bug, contained) */
  internalError: boolean;
  /** the proxy the SDK would send this step's request through (Go, botocore), by its own NO_PROXY rules */
  proxy: ProxyChoice | null;
  /** a failure whose cause is the SDK's reading of a URL variable, not the endpoint's answer */
  cause?: FailCause;
}

/**
 * Why a step failed, when a finding must name something other than the endpoint's answer:
 * `uri-invalid` the SDK cannot use the URL as written (its own parser refuses it, or it would
 * request another path than the one the endpoint serves); `uri-host` its host check refuses it.
 */
export type FailCause = 'uri-invalid' | 'uri-host';

/** Where the chain stopped: the step whose failure ends it, and why. */
export interface ChainStop {
  source: SourceId;
  sdkName: string;
  reason: string;
}

/** Credentials a source resolved; the secret stays in the vault under `ref`. */
export interface ResolvedCredentials {
  ref: string;
  accessKeyId: string;
  roleArn: string | null;
  expiration: string | null;
  /** a short label, e.g. "static keys in AWS_ACCESS_KEY_ID" */
  origin: string;
  /** the JS `$source` feature id the SDK would stamp on them */
  feature: string | null;
}

export interface Finding {
  code: string;
  severity: Severity;
  /** what the message and fix are written from (src/findings/registry.ts describe) */
  args: Record<string, string | number>;
  message: string;
  fix: string;
  evidence: Evidence[];
}

export interface Identity {
  arn: string;
  account: string;
  userId: string;
  type: 'assumed-role' | 'user' | 'root' | 'federated-user' | 'role' | 'unknown';
  roleName: string | null;
  sessionName: string | null;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  sdk: string;
  chain: SourceResult[];
  winner: (ResolvedCredentials & { source: SourceId }) | null;
  identity: Identity | null;
  findings: Finding[];
  /** the step where the chain stopped (a hard failure, or a failure before any step), or null */
  stoppedBy: ChainStop | null;
  verdict: Verdict;
  /** --sdk all: each SDK's winner over the same facts */
  sdks?: SdkComparison[];
  /** how the modelled SDK was chosen (also in facts.sdkSelection) */
  sdkSelection?: SdkSelection;
  facts: Facts;
}

/** healthy: a confirmed winner and nothing to say; warnings: it works, with caveats; errors: it does not. */
export type VerdictState = 'healthy' | 'warnings' | 'errors';

export interface Verdict {
  ok: boolean;
  state: VerdictState;
  headline: string;
  /** the finding the headline speaks for, if any */
  headlineCode: string | null;
  exitCode: number;
}

export interface SdkComparison {
  sdk: string;
  title: string;
  winner: { source: SourceId; sdkName: string; accessKeyId: string; roleArn: string | null } | null;
  stoppedBy: ChainStop | null;
  notes: string[];
}
