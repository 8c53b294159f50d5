/** What one credential source concludes from the Facts, before the chain places it. */
import type { Evidence, ExchangeRequest, Facts, ResolvedCredentials } from '../model.ts';
import type { ChainDefinition } from '../chains/types.ts';

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

export type SourceOutcome =
  /** credentials resolve; `unproven` when the tool could not perform the SDK's own call */
  | { kind: 'provides'; reason: string; credentials: ResolvedCredentials; unproven?: string; evidence?: Evidence[] }
  /** inputs absent: the SDK moves on silently */
  | { kind: 'skip'; reason: string; evidence?: Evidence[] }
  /** tried and failed; `hard` stops the whole chain */
  | { kind: 'fail'; reason: string; hard: boolean; evidence?: Evidence[] }
  /** the SDK would call STS here (eagerly); the tool makes that call, then evaluates again */
  | { kind: 'needs'; reason: string; request: ExchangeRequest };

export type SourceEvaluator = (ctx: ChainContext) => SourceOutcome;
