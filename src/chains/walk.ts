/** Places every source's outcome in the chain: selected, shadowed, skipped, failed, not reached. */
import { appViewOf } from './app-view.ts';
import type { StepOutcome } from '../model/report.ts';
import type { ExchangeRequest } from '../model/chain.ts';
import type { Facts } from '../model/facts.ts';
import type { SourceResult } from '../model/report.ts';
import type { ChainContext, SourceOutcome } from '../model/chain.ts';
import type { ChainDefinition } from '../model/chain.ts';

/** The name a failure before any provider runs goes by (botocore's ProfileNotFound, Go's load errors). */
export const BEFORE_THE_CHAIN = '(before the chain)';

export interface ChainWalk {
  results: SourceResult[];
  winner: SourceResult | null;
  /** the source whose failure stopped the chain, if any */
  stoppedBy: SourceResult | null;
  /** an STS exchange the chain must make before it can be decided */
  needs: ExchangeRequest | null;
  /** what the walk saw (the SDK's profile, the merged files): later judgements read it here */
  context: ChainContext;
}

/** The profile the chain's SDK uses, and the shared files merged (credentials-file keys win). */
export function chainContextOf(observed: Facts, chain: ChainDefinition): ChainContext {
  const facts = appViewOf(observed);
  const { name, named } = chain.profileOf(facts.env);
  const profiles: Record<string, Record<string, string>> = {};
  for (const [n, values] of Object.entries(facts.configFile.profiles)) profiles[n] = { ...values };
  for (const [n, values] of Object.entries(facts.credentialsFile.profiles)) profiles[n] = { ...(profiles[n] ?? {}), ...values };
  return { facts, profileName: name, profileNamed: named, profiles, chain };
}

export function walkChain(chain: ChainDefinition, ctx: ChainContext): ChainWalk {
  const results: SourceResult[] = [];
  let winner: SourceResult | null = null;
  let stoppedBy: SourceResult | null = null;
  let needs: ExchangeRequest | null = null;
  const pre = chain.precondition?.(ctx) ?? null;
  if (pre?.kind === 'fail') {
    // the SDK fails before any provider runs: every step is unreached
    stoppedBy = {
      source: 'profile',
      sdkName: BEFORE_THE_CHAIN,
      status: 'failed',
      reason: pre.reason,
      stopsChain: true,
      wouldProvide: false,
      credentials: null,
      evidence: [],
      outcome: { kind: 'fail', reason: pre.reason, hard: true, internalError: false, proxy: null },
    };
  }
  for (const step of chain.steps) {
    let out: SourceOutcome;
    let internalError = false;
    try {
      out = step.evaluate(ctx);
    } catch (e) {
      // a bug in one source must not sink the report
      internalError = true;
      out = { kind: 'fail', hard: false, reason: `internal error while evaluating: ${e instanceof Error ? e.message : String(e)}` };
    }
    const decided: boolean = winner !== null || stoppedBy !== null || needs !== null;
    const outcome: StepOutcome = { kind: out.kind, reason: out.reason, hard: out.kind === 'fail' && out.hard, internalError, proxy: out.kind === 'needs' ? null : (out.proxy ?? null) };
    if (out.kind === 'fail' && out.cause) outcome.cause = out.cause;
    const base = { source: step.source, sdkName: step.sdkName, evidence: out.kind === 'needs' ? [] : (out.evidence ?? []), outcome };
    let r: SourceResult;
    if (!decided) {
      switch (out.kind) {
        case 'provides':
          r = { ...base, status: 'selected', reason: out.unproven ? `${out.reason} (selected, not proven: ${out.unproven})` : out.reason, stopsChain: false, wouldProvide: true, credentials: out.credentials };
          winner = r;
          break;
        case 'skip':
          r = { ...base, status: 'skipped', reason: out.reason, stopsChain: false, wouldProvide: false, credentials: null };
          break;
        case 'fail':
          r = { ...base, status: 'failed', reason: out.reason, stopsChain: out.hard, wouldProvide: false, credentials: null };
          if (out.hard) stoppedBy = r;
          break;
        case 'needs':
          needs = out.request;
          r = { ...base, status: 'not-reached', reason: `${out.reason} (pending)`, stopsChain: false, wouldProvide: false, credentials: null };
          break;
      }
    } else {
      const after = winner ? `${winner.sdkName} wins first` : stoppedBy ? `the chain stopped at ${stoppedBy.sdkName}` : 'pending';
      switch (out.kind) {
        case 'provides':
          r = winner
            ? { ...base, status: 'shadowed', reason: `${out.reason}, but ${after}`, stopsChain: false, wouldProvide: true, credentials: out.credentials }
            : { ...base, status: 'not-reached', reason: `${out.reason}, but ${after}`, stopsChain: false, wouldProvide: true, credentials: out.credentials };
          break;
        case 'skip':
          r = { ...base, status: 'not-reached', reason: `not reached (${after}); would skip: ${out.reason}`, stopsChain: false, wouldProvide: false, credentials: null };
          break;
        case 'fail':
          r = { ...base, status: 'not-reached', reason: `not reached (${after}); would fail: ${out.reason}`, stopsChain: false, wouldProvide: false, credentials: null };
          break;
        case 'needs':
          r = { ...base, status: 'not-reached', reason: `not reached (${after}); ${out.reason}: not called, since the app would not call it`, stopsChain: false, wouldProvide: false, credentials: null };
          break;
      }
    }
    results.push(r);
  }
  return { results, winner, stoppedBy, needs, context: ctx };
}
