/** Places every source's outcome in the chain: selected, shadowed, skipped, failed, not reached. */
import type { ExchangeRequest, Facts, SourceResult } from '../model.ts';
import type { ChainContext, SourceOutcome } from '../sources/types.ts';
import type { ChainDefinition } from './types.ts';

export interface ChainWalk {
  results: SourceResult[];
  winner: SourceResult | null;
  /** the source whose failure stopped the chain, if any */
  stoppedBy: SourceResult | null;
  /** an STS exchange the chain must make before it can be decided */
  needs: ExchangeRequest | null;
}

/** JS: `AWS_PROFILE` non-empty names the profile, else "default"; credentials-file keys win. */
export function chainContextOf(facts: Facts): ChainContext {
  const named = facts.env['AWS_PROFILE'];
  const profiles: Record<string, Record<string, string>> = {};
  for (const [name, values] of Object.entries(facts.configFile.profiles)) profiles[name] = { ...values };
  for (const [name, values] of Object.entries(facts.credentialsFile.profiles)) profiles[name] = { ...(profiles[name] ?? {}), ...values };
  return { facts, profileName: named ? named : 'default', profileNamed: !!named, profiles };
}

export function walkChain(chain: ChainDefinition, ctx: ChainContext): ChainWalk {
  const results: SourceResult[] = [];
  let winner: SourceResult | null = null;
  let stoppedBy: SourceResult | null = null;
  let needs: ExchangeRequest | null = null;
  for (const step of chain.steps) {
    let out: SourceOutcome;
    try {
      out = step.evaluate(ctx);
    } catch (e) {
      // a bug in one source must not sink the report
      out = { kind: 'fail', hard: false, reason: `internal error while evaluating: ${e instanceof Error ? e.message : String(e)}` };
    }
    const decided = winner !== null || stoppedBy !== null || needs !== null;
    const base = { source: step.source, sdkName: step.sdkName, evidence: out.kind === 'needs' ? [] : (out.evidence ?? []) };
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
  return { results, winner, stoppedBy, needs };
}
