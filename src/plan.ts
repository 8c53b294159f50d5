/**
 * The modelled chains as gathering sees them: which STS exchange comes next, where the
 * identity call goes, who wins. Pure over the facts; src/gather/collect.ts does the calls.
 */
import type { ChainDefinition, ChainPlanner, ProbePlan, StsCallTarget } from './model/chain.ts';
import type { Facts } from './model/facts.ts';
import { chainContextOf, walkChain } from './chains/walk.ts';
import { containerUrlOf, jsFromHttpAllows } from './sdks/js-v3/container-url.ts';
import { imdsDisabled, imdsEndpointOf, imdsV1Disabled } from './sdks/js-v3/imds.ts';
import { parseUrl } from './sdks/shared/url.ts';
import { ecsEvident } from './ecs.ts';

const walk = (chain: ChainDefinition, facts: Facts) => walkChain(chain, chainContextOf(facts, chain));

/** The main chain first (its exchanges decide the report), then the chains of --sdk all. */
export function plannerFor(main: ChainDefinition, compare: readonly ChainDefinition[] = []): ChainPlanner {
  const chains = [main, ...compare.filter((c) => c.id !== main.id)];
  return {
    probePlan,
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

/**
 * One request per endpoint, built as the JS SDK builds it (its URL, host allow-list and IMDS
 * switches); the other SDKs judge that answer by their own rules. Probing once per distinct
 * request each modelled SDK would send is issue 11's work.
 */
export function probePlan(env: Record<string, string>, imdsProbe: boolean): ProbePlan {
  const target = containerUrlOf(env);
  let container: ProbePlan['container'] = null;
  if (target) {
    const url = parseUrl(target.url);
    const notSendable = !url
      ? ({ code: 'INVALID_URL', message: `the SDK's URL parser rejects ${JSON.stringify(target.url)}` } as const)
      : !jsFromHttpAllows(url)
        ? ({ code: 'HOST_NOT_ALLOWED', message: `host ${url.hostname} over ${url.protocol} is not one the SDK sends credentials requests to; nothing was sent` } as const)
        : null;
    container = { url: target.url, from: target.from, notSendable };
  }
  const endpoint = imdsEndpointOf(env);
  let reason: string | null = null;
  if (endpoint.ok && !imdsDisabled(env)) {
    if (!target) reason = 'the chain reaches IMDS (no container credentials URI is set)';
    else if (imdsProbe && ecsEvident(env)) reason = 'inside an ECS task: checking whether IMDS hands out the instance role (--no-imds-probe turns this off)';
  }
  return { container, imds: reason && endpoint.ok ? { url: endpoint.url, v1Disabled: imdsV1Disabled(env), reason } : null };
}
