/**
 * The modelled chains as gathering sees them: which STS exchange comes next, where the
 * identity call goes, who wins. Pure over the facts; src/gather/collect.ts does the calls.
 */
import { containerRequestKey, type ChainDefinition, type ChainPlanner, type ContainerAuth, type ContainerRequest, type ImdsRequest, type ProbePlan, type StsCallTarget } from './model/chain.ts';
import type { Facts } from './model/facts.ts';
import { chainContextOf, walkChain } from './chains/walk.ts';
import { containerUrlOf, jsFromHttpAllows } from './sdks/js-v3/container-url.ts';
import { jsV3Chain } from './sdks/js-v3/index.ts';
import { parseUrl } from './sdks/shared/url.ts';
import { ecsEvident } from './ecs.ts';

const walk = (chain: ChainDefinition, facts: Facts) => walkChain(chain, chainContextOf(facts, chain));

/** The main chain first (its exchanges decide the report), then the chains of --sdk all. */
export function plannerFor(main: ChainDefinition, compare: readonly ChainDefinition[] = []): ChainPlanner {
  const chains = [main, ...compare.filter((c) => c.id !== main.id)];
  return {
    probePlan: (env, imdsProbe) => probePlan(env, imdsProbe, chains),
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
 * The requests to make. The first container request is built as the current JS SDK's fromHttp
 * builds it (the report's view of the endpoint); every other distinct request a modelled step
 * sends (another token, another URL) is probed beside it, and each step judges its own answer. IMDS is asked when ANY of `chains` (the main one first,
 * then those of --sdk all) would ask it by its own switches (ChainDefinition.imdsRequestOf): the
 * first asker's endpoint, and the IMDSv1 fallback unless every asker at that endpoint blocks it.
 */
export function probePlan(env: Record<string, string>, imdsProbe: boolean, chains: readonly ChainDefinition[] = [jsV3Chain]): ProbePlan {
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
  const containerRequests = container ? otherContainerRequests(env, chains, container.notSendable ? null : { url: container.url, auth: jsFromHttpAuth(env) }) : [];
  const asks = imdsAskers(env, chains);
  let reason: string | null = null;
  if (asks) {
    if (!target) reason = 'the chain reaches IMDS (no container credentials URI is set)';
    else if (imdsProbe && ecsEvident(env)) reason = 'inside an ECS task: checking whether IMDS hands out the instance role (--no-imds-probe turns this off)';
  }
  // each chain's shared files, once gathering knows the home directory (issue 11 item 2)
  const sharedFiles = (home: string | null) => chains.map((c) => c.sharedFilePaths(env, home));
  return { container, ...(containerRequests.length > 0 ? { containerRequests } : {}), imds: reason && asks ? { ...asks.request, reason, askedBy: asks.by } : null, sharedFiles };
}

/** The token the first request carries: the current fromHttp's choice (the token file wins). */
const jsFromHttpAuth = (env: Record<string, string>): ContainerAuth => (env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] ? 'token-file' : env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] ? 'token-env' : 'none');

/**
 * Every request a modelled container step sends that differs from the first (issue 11 item 5):
 * by URL and Authorization source, each once, the main chain's steps first. Only URLs the JS
 * fromHttp allow-list takes are sent (loopback, the ECS and EKS addresses, https): no modelled SDK
 * sends credentials requests elsewhere, and the tool never does.
 */
function otherContainerRequests(env: Record<string, string>, chains: readonly ChainDefinition[], first: { url: string; auth: ContainerAuth } | null): ContainerRequest[] {
  const seen = new Set(first ? [containerRequestKey(first)] : []);
  const out: ContainerRequest[] = [];
  for (const r of chains.flatMap((c) => c.containerRequestsOf(env))) {
    const url = parseUrl(r.url);
    const key = containerRequestKey(r);
    if (seen.has(key) || !url || !jsFromHttpAllows(url)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** The IMDS request to probe, and the chains that would send it; null: no modelled chain asks IMDS. */
function imdsAskers(env: Record<string, string>, chains: readonly ChainDefinition[]): { request: ImdsRequest; by: string[] } | null {
  const asked = chains.flatMap((c) => {
    const r = c.imdsRequestOf(env);
    return r ? [{ id: c.id, r }] : [];
  });
  const first = asked[0];
  if (!first) return null;
  // one probe, at the first asker's endpoint (bounded); the others there judge it by their own rules
  const same = asked.filter((a) => a.r.url.replace(/\/+$/, '') === first.r.url.replace(/\/+$/, ''));
  return { request: { url: first.r.url, v1Disabled: same.every((a) => a.r.v1Disabled) }, by: same.map((a) => a.id) };
}
