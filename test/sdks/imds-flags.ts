/**
 * Shared by the per-SDK IMDS switch tables (test/sdks/<id>/imds-flags.test.ts): what a chain asks
 * (ChainDefinition.imdsRequestOf) and what its IMDS step concludes over an IMDS that answers.
 */
import type { ChainDefinition } from '../../src/model/chain.ts';
import type { SourceStatus } from '../../src/model/report.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';
import { IMDS, imdsOk, makeFacts } from '../helpers/facts.ts';

/** The IMDS step's status with IMDS answering (the probe was made) and only `env` besides. */
export function imdsStatus(chain: ChainDefinition, env: Record<string, string>, probe = imdsOk()): { status: SourceStatus | undefined; reason: string } {
  const f = makeFacts({ env: { ...IMDS, ...env }, imds: probe });
  const r = walkChain(chain, chainContextOf(f, chain)).results.find((x) => x.source === 'imds');
  return { status: r?.status, reason: r?.reason ?? '' };
}

/** Whether the chain asks IMDS at all under `env` (the planner's question). */
export const asks = (chain: ChainDefinition, env: Record<string, string>): boolean => chain.imdsRequestOf({ ...IMDS, ...env }) !== null;

/** A probe whose token PUT failed (404) and which fell back to IMDSv1, as the planner asks when some SDK would. */
export const v1Fallback = () => imdsOk({ token: { outcome: 'status', status: 404, ms: 1, message: 'token request answered 404' }, usedV1: true });
