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
  credentials: ResolvedCredentials | null;
  evidence: Evidence[];
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
  verdict: { ok: boolean; headline: string; exitCode: number };
  /** --sdk all: each SDK's winner over the same facts */
  sdks?: SdkComparison[];
  /** how the modelled SDK was chosen (also in facts.sdkSelection) */
  sdkSelection?: SdkSelection;
  facts: Facts;
}

export interface SdkComparison {
  sdk: string;
  title: string;
  winner: { source: SourceId; sdkName: string; accessKeyId: string; roleArn: string | null } | null;
  stoppedBy: { source: SourceId; sdkName: string; reason: string } | null;
  notes: string[];
}

