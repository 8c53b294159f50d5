/** Rules about who the app is: expiry, the kind of role, the task's own session. */
import { draft, type Draft } from '../../findings/registry.ts';
import { humanDuration } from '../../findings/words.ts';
import type { RuleInput } from '../input.ts';

/**
 * Inside this much of expiry the SDKs refresh (botocore's advisory window, boto/botocore
 * botocore/credentials.py _DEFAULT_ADVISORY_REFRESH_TIMEOUT = 15 * 60; the JS SDK at 5 minutes),
 * so a platform source must have rotated by then. The ECS agent keeps no timer of its own: it
 * serves what the ECS control plane pushes (aws/amazon-ecs-agent
 * ecs-agent/acs/session/refresh_credentials_responder.go), so the window is the SDKs'.
 */
const REFRESH_DUE_MS = 15 * 60_000;

/** Expired or nearly expired winning credentials; with --watch, the same ones seen again inside the refresh window. */
export function expiry(i: RuleInput): Draft[] {
  const w = i.winner;
  if (!w?.expiration) return [];
  const exp = Date.parse(w.expiration);
  if (Number.isNaN(exp)) return [];
  const left = exp - i.o.now.getTime();
  if (left <= 0) return [draft('CREDENTIALS_EXPIRED', { source: w.source, expiration: w.expiration, ago: humanDuration(-left), sdk: i.chain.label, who: i.who })];
  const since = i.facts.sameCredentialsSince;
  if (left < REFRESH_DUE_MS && since && since < i.facts.collectedAt && (w.source === 'container' || w.source === 'imds')) {
    return [draft('CREDENTIALS_NOT_REFRESHED', { source: w.source, expiration: w.expiration, left: humanDuration(left), since, who: i.who })];
  }
  if (left < REFRESH_DUE_MS) return [draft('CREDENTIALS_EXPIRING_SOON', { source: w.source, expiration: w.expiration, left: humanDuration(left), who: i.who })];
  return [];
}

const looksLikeExecutionRole = (name: string): boolean => /execution/i.test(name);

/** The app runs as a role named like a task execution role. */
export function executionRole(i: RuleInput): Draft[] {
  return i.roleName && looksLikeExecutionRole(i.roleName) ? [draft('EXECUTION_ROLE_IN_USE', { role: i.roleName })] : [];
}

/** The app runs as the EC2 instance role (IMDS won, or STS shows an instance session). */
export function instanceRole(i: RuleInput): Draft[] {
  const session = i.identity?.sessionName ?? '';
  if (i.winner?.source !== 'imds' && !/^i-[0-9a-f]{8,17}$/.test(session)) return [];
  return [draft('INSTANCE_ROLE_IN_USE', { role: i.roleName ?? '', session })];
}

/**
 * STS names the session after this task's id: the task's own role. Only said of a run with
 * nothing else to say about the identity (decide.ts drops it beside errors and role doubts).
 */
export function taskRoleConfirmed(i: RuleInput): Draft[] {
  const task = i.facts.taskMetadata?.ok ? i.facts.taskMetadata.task : null;
  const taskId = task?.taskArn?.split('/').pop() ?? null;
  if (!taskId || i.identity?.sessionName !== taskId) return [];
  return [draft('TASK_ROLE_CONFIRMED', { taskId, role: i.identity.roleName ?? '' }, [{ label: 'task', value: task?.taskArn ?? taskId }])];
}
