/** Rules about the instance metadata service as seen from the task. */
import { draft, type Draft } from '../../findings/registry.ts';
import { ecsEvident } from '../../ecs.ts';
import type { RuleInput } from '../input.ts';

/** The IMDSv2 PUT times out while GETs are answered: hop limit 1 behind a bridge. */
export function imdsHopLimit(i: RuleInput): Draft[] {
  const imds = i.facts.imds;
  const list = imds?.roleList;
  if (imds?.token.outcome !== 'timeout' || !list?.ok || (list.status !== 401 && list.status !== 200)) return [];
  return [draft('IMDS_HOP_LIMIT', { ms: imds.token.ms, status: list.status }, [{ label: 'token request', value: `${imds.token.outcome} after ${imds.token.ms} ms` }], i.winner ? 'warning' : 'error')];
}

/** Inside an ECS task, IMDS still hands out the instance role. */
export function imdsReachable(i: RuleInput): Draft[] {
  const imds = i.facts.imds;
  if (!ecsEvident(i.facts.env) || !imds?.document?.accessKeyId) return [];
  return [draft('IMDS_REACHABLE_FROM_TASK', { endpoint: imds.endpoint, role: imds.roleName ?? '', v1: imds.usedV1 ? 'yes' : 'no' })];
}
