/** Whether the environment shows an ECS task: the variables the ECS agent sets in every container. */
const ECS_MARKERS = ['ECS_CONTAINER_METADATA_URI_V4', 'ECS_CONTAINER_METADATA_URI', 'AWS_EXECUTION_ENV'] as const;

/** The variables that show this runs on ECS (AWS_EXECUTION_ENV only when it says AWS_ECS_*). */
export function ecsEvidence(env: Record<string, string>): string[] {
  return ECS_MARKERS.filter((k) => (k === 'AWS_EXECUTION_ENV' ? (env[k] ?? '').startsWith('AWS_ECS') : !!env[k]));
}

export const ecsEvident = (env: Record<string, string>): boolean => ecsEvidence(env).length > 0;
