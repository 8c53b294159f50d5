/** Rules about who the app is: expiry, the kind of role, the task's own session. */
import { draft, type Draft } from '../../findings/registry.ts';
import { humanDuration } from '../../findings/words.ts';
import type { RuleInput } from '../input.ts';

/** Expired or nearly expired winning credentials. */
export function expiry(i: RuleInput): Draft[] {
  const w = i.winner;
  if (!w?.expiration) return [];
  const exp = Date.parse(w.expiration);
  if (Number.isNaN(exp)) return [];
  const left = exp - i.o.now.getTime();
  if (left <= 0) return [draft('CREDENTIALS_EXPIRED', { source: w.source, expiration: w.expiration, ago: humanDuration(-left), sdk: i.chain.label, who: i.who })];
  if (left < 15 * 60_000) return [draft('CREDENTIALS_EXPIRING_SOON', { source: w.source, expiration: w.expiration, left: humanDuration(left), who: i.who })];
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
