/**
 * The modelled chains as gathering sees them: which STS exchange comes next, where the
 * identity call goes, who wins. Pure over the facts; src/gather/collect.ts does the calls.
 */
import type { ChainDefinition, ChainPlanner, StsCallTarget } from './model/chain.ts';
import type { Facts } from './model/facts.ts';
import { chainContextOf, walkChain } from './chains/walk.ts';

const walk = (chain: ChainDefinition, facts: Facts) => walkChain(chain, chainContextOf(facts, chain));

/** The main chain first (its exchanges decide the report), then the chains of --sdk all. */
export function plannerFor(main: ChainDefinition, compare: readonly ChainDefinition[] = []): ChainPlanner {
  const chains = [main, ...compare.filter((c) => c.id !== main.id)];
  return {
    nextExchange(facts) {
      for (const chain of chains) {
        const needs = walk(chain, facts).needs;
        // an exchange already made (by this chain or another) is not made twice
        if (!needs || facts.exchanges[needs.ref]) continue;
        const region = (needs.kind === 'assume-role' ? needs.region : null) ?? chain.stsRegionOf(facts).region ?? 'us-east-1';
        return { request: needs, target: targetOf(chain.stsEndpointOf(facts, region)) };
      }
      return null;
    },
    identityCall(facts) {
      const w = walk(main, facts).winner;
      if (!w?.credentials) return null;
      const region = main.appRegionOf(facts).region ?? 'us-east-1';
      return { ref: w.credentials.ref, target: targetOf(main.stsEndpointOf(facts, region)) };
    },
    winnerOf(facts) {
      const w = walk(main, facts).winner;
      return w?.credentials ? { source: w.source, accessKeyId: w.credentials.accessKeyId } : null;
    },
  };
}

const targetOf = (e: { url: string; signingRegion: string }): StsCallTarget => ({ url: e.url, signingRegion: e.signingRegion });
