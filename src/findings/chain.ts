/** Findings about the chain as a whole: who wins, what is hidden, why nothing wins. */
import { spec } from './types.ts';
import { sourceLabel } from './words.ts';

/** What to remove so that the SDK reaches a later source. */
function shadowFix(source: string): string {
  switch (source) {
    case 'env':
      return 'Remove AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from the task definition environment, the image ENV and the entrypoint.';
    case 'system-properties':
      return 'Remove the -Daws.accessKeyId/-Daws.secretAccessKey properties from JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS and the java command line.';
    case 'profile':
      return 'Remove the baked ~/.aws/credentials or ~/.aws/config (or the AWS_PROFILE that selects it) from the image.';
    case 'web-identity':
      return 'Unset AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN if this task should use its ECS task role.';
    default:
      return 'Remove the earlier source so the SDK reaches the container endpoint.';
  }
}

export const CHAIN = {
  NO_CREDENTIALS: spec<{ why: string; step: string; source: string; reason: string }>({
    severity: 'error',
    title: 'No source gives credentials',
    rank: 90,
    describe: (a) => {
      if (a.why === 'stopped')
        return {
          message: `The chain stops at ${a.step} (${a.source}): ${a.reason}`,
          fix: `Fix the ${a.source} source named above; later sources are never tried while it fails.`,
          headline: `The app gets no credentials: the chain stops at ${a.step} (${a.source}).`,
        };
      if (a.why === 'failed')
        return {
          message: `No source gives credentials; ${a.step} (${a.source}) was tried and failed: ${a.reason}`,
          fix: `Fix the ${a.source} source (see the chain); the app sees "Could not load credentials from any providers".`,
          headline: `The app gets no credentials: ${a.step} (${a.source}) fails.`,
        };
      return {
        message: 'Every source was skipped: nothing in the environment, the files or the endpoints gives credentials; the app sees "Could not load credentials from any providers".',
        fix: 'Give the task a task role (taskRoleArn), or provide credentials another way the SDK reads.',
        headline: 'The app gets no credentials: no source in the chain is configured.',
      };
    },
  }),
  CONTAINER_CREDENTIALS_SHADOWED: spec<{ step: string; source: string; role: string; who: string }>({
    severity: 'warning',
    title: 'An earlier source shadows the task role',
    rank: 10,
    describe: (a) => ({
      message: `${a.step} (${sourceLabel(a.source)}) wins before the container endpoint, which would give ${a.role ? `the task role ${a.role}` : 'task-role credentials'}; the app does not run as its task role.`,
      fix: shadowFix(a.source),
      headline: `The app runs as ${a.who || `the credentials of ${sourceLabel(a.source)}`}, not its task role${a.role ? ` ${a.role}` : ''}: ${sourceLabel(a.source)} win first.`,
    }),
  }),
  WEB_IDENTITY_SHADOWED: spec<{ step: string; source: string; role: string; note: string; who: string }>({
    severity: 'warning',
    title: 'An earlier source shadows the web identity (IRSA) role',
    rank: 10,
    describe: (a) => ({
      message: `${a.step} (${sourceLabel(a.source)}) wins before the web identity token file, so the app never assumes ${a.role}${a.note ? ` (${a.note})` : ''}.`,
      fix: shadowFix(a.source),
      headline: `The app runs as ${a.who || `the credentials of ${sourceLabel(a.source)}`}, not its web identity role ${a.role}: ${sourceLabel(a.source)} win first.`,
    }),
  }),
  ENV_FROZEN_TASK_CREDENTIALS: spec<{ accessKeyId: string; expiration: string }>({
    severity: 'warning',
    title: 'Task-role credentials were copied into the environment',
    rank: 5,
    describe: (a) => ({
      message: `AWS_ACCESS_KEY_ID (${a.accessKeyId}) holds the key the container endpoint hands out now: task-role credentials were exported into the environment, where they are never refreshed and expire${a.expiration ? ` at ${a.expiration}` : ''}.`,
      fix: 'Do not export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN from the endpoint in the entrypoint; let the SDK read the endpoint itself.',
      headline: 'Task-role credentials were copied into the environment: they will not be refreshed.',
    }),
  }),
  PROFILE_SKIPS_ENV_KEYS: spec<{ profile: string; sdk: string }>({
    severity: 'warning',
    title: 'AWS_PROFILE makes the SDK ignore the env keys',
    rank: 30,
    describe: (a) => ({
      message: `AWS_PROFILE=${a.profile} is set, so ${a.sdk} skips the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY it also finds (Python, Go and Java would use those keys).`,
      fix: 'Set only one of them: unset AWS_PROFILE to use the env keys, or remove the keys to use the profile.',
    }),
  }),
  ECS_NO_TASK_ROLE: spec<{ evidence: string }>({
    severity: 'warning',
    title: 'Running on ECS without a task role',
    rank: 15,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `This runs on ECS (${a.evidence}), but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set: the task has no task role. The execution role is for the ECS agent (image pull, logs, secrets) and is never visible to the app.`,
      fix: "Set taskRoleArn in the task definition (a role that trusts ecs-tasks.amazonaws.com) and give that role the app's permissions.",
      headline: 'This ECS task has no task role (no AWS_CONTAINER_CREDENTIALS_RELATIVE_URI): the app gets no task-role credentials.',
    }),
  }),
  INTERNAL_ERROR: spec<{ what: string; detail: string }>({
    severity: 'error',
    title: 'ecs-cred-doctor failed internally',
    rank: 95,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `ecs-cred-doctor failed while judging ${a.what}: ${a.detail}. The rest of the report stands; this part may be wrong.`,
      fix: 'Please report it with the --facts-out file (it holds no secrets).',
    }),
  }),
  SDKS_DISAGREE: spec<{ said: string }>({
    severity: 'warning',
    title: 'The SDKs pick different credentials here',
    rank: 40,
    describe: (a) => ({
      message: `The SDKs do not agree on the credentials here. ${a.said}.`,
      fix: 'Make sure the chain you judge is the one the app runs (--sdk), and remove the source that makes them differ (often env keys next to AWS_PROFILE, or a baked credentials file next to IRSA).',
    }),
  }),
  SDK_NOT_MODELLED: spec<{ name: string; version: string; shown: string; differs: string; upgrade: string }>({
    severity: 'warning',
    title: "The app's SDK major version has no chain of its own here",
    rank: 45,
    describe: (a) => ({
      message: `The app uses ${a.name}${a.version ? ` ${a.version}` : ''}, whose chain this tool does not model; the ${a.shown} chain is shown instead, and it can pick differently: ${a.differs}.`,
      fix: `Upgrade the app to ${a.upgrade} (the v1 SDKs reached end of support in 2025), or read the chain above as an approximation.`,
    }),
  }),
};
