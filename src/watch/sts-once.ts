/**
 * --watch asks STS who the credentials are once per credentials, not once per run: an access key
 * id belongs to one principal for its whole life, so asking again says nothing new, and a fleet of
 * sidecars polling every minute would spend the account's STS request rate on it. A new key (a
 * rotation, another winner) or an identity call that failed is asked again.
 */
import type { ChainPlanner } from '../model/chain.ts';
import type { CallerIdentityObservation, Facts } from '../model/facts.ts';

export interface StsOnce {
  planner: ChainPlanner;
  /** after gathering: the run that skipped the call gets the observation made for its key (its localDate says when) */
  reuse(facts: Facts): void;
}

/**
 * Key ids in facts are masked (ASIA…WXYZ), so the expirations the endpoints gave go into the key
 * too: a rotation changes them, and two real keys alike in their masked form and their expiration
 * are not a case to plan for.
 */
function keyOf(planner: ChainPlanner, facts: Facts): string | null {
  const w = planner.winnerOf(facts);
  if (!w) return null;
  return [w.source, w.accessKeyId, facts.container?.document?.expiration ?? '', facts.imds?.document?.expiration ?? ''].join('|');
}

export function stsOnce(inner: ChainPlanner): StsOnce {
  let known: { key: string; sts: CallerIdentityObservation } | null = null;
  let skipped: string | null = null;
  const planner: ChainPlanner = {
    probePlan: (env, imdsProbe) => inner.probePlan(env, imdsProbe),
    nextExchange: (facts) => inner.nextExchange(facts),
    winnerOf: (facts) => inner.winnerOf(facts),
    identityCall(facts) {
      const key = keyOf(inner, facts);
      skipped = key !== null && key === known?.key ? key : null;
      return skipped ? null : inner.identityCall(facts);
    },
  };
  return {
    planner,
    reuse(facts) {
      const key = keyOf(inner, facts);
      if (skipped !== null && key === skipped && known && facts.sts === null) facts.sts = known.sts;
      else if (key !== null && facts.sts?.ok) known = { key, sts: facts.sts };
      skipped = null;
    },
  };
}
