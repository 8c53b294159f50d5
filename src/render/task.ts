/** The task a report speaks for, as log lines and metrics name it (from task metadata; nulls without it). */
import type { Facts } from '../model/facts.ts';

export interface TaskNames {
  cluster: string | null;
  arn: string | null;
  family: string | null;
  revision: string | null;
  /** family:revision, as ECS names a task definition */
  definition: string | null;
  container: string | null;
}

export function taskOf(facts: Facts): TaskNames {
  const t = facts.taskMetadata?.ok ? facts.taskMetadata.task : null;
  const family = t?.family ?? null;
  const revision = t?.revision ?? null;
  return {
    cluster: t?.cluster ?? null,
    arn: t?.taskArn ?? null,
    family,
    revision,
    definition: family && revision ? `${family}:${revision}` : family,
    container: t?.container ?? null,
  };
}

/** `arn:aws:ecs:eu-west-1:111122223333:cluster/prod` → `prod` (task metadata gives either form). */
export const clusterName = (cluster: string): string => cluster.replace(/^arn:[^:]+:ecs:[^:]*:\d*:cluster\//, '');
