/** Findings about who the app is: expiry, the kind of role, expectations, region. */
import { cap, spec } from './types.ts';

function expiryFix(source: string): string {
  if (source === 'env' || source === 'profile' || source === 'system-properties') return 'Static copies of temporary credentials never refresh: remove them and let the SDK read the task role from the container endpoint.';
  return 'The SDK refreshes these 5 minutes before expiry; if the endpoint keeps returning old credentials, restart the ECS agent or the task.';
}

const runs = (who: string): string => (who ? `The app runs as ${who}, but its` : "The app's");

export const IDENTITY = {
  CREDENTIALS_EXPIRED: spec<{ source: string; expiration: string; ago: string; sdk: string; who: string }>({
    severity: 'error',
    title: 'The winning credentials have expired',
    rank: 5,
    describe: (a) => ({
      message: `The ${a.source} credentials expired at ${a.expiration} (${a.ago} ago); ${a.sdk} still signs with them and every call fails.`,
      fix: expiryFix(a.source),
      headline: `${runs(a.who)} credentials expired at ${a.expiration} (${a.ago} ago).`,
    }),
  }),
  CREDENTIALS_EXPIRING_SOON: spec<{ source: string; expiration: string; left: string; who: string }>({
    severity: 'warning',
    title: 'The winning credentials expire soon',
    rank: 20,
    describe: (a) => ({
      message: `The ${a.source} credentials expire at ${a.expiration}, in ${a.left}.`,
      fix: expiryFix(a.source),
    }),
  }),
  CREDENTIALS_NOT_REFRESHED: spec<{ source: string; expiration: string; left: string; since: string; who: string }>({
    severity: 'error',
    title: 'The credentials were not renewed in time',
    rank: 4,
    describe: (a) => {
      const by = a.source === 'imds' ? 'IMDS' : 'the container credentials endpoint';
      return {
        message: `Since ${a.since}, ${by} has handed out the same credentials, and they expire at ${a.expiration}, in ${a.left}: the SDKs refresh inside the last 15 minutes and get these same credentials back, so the app's calls fail at expiry unless new ones arrive.`,
        fix:
          a.source === 'imds'
            ? 'Check the instance profile and the instance (IMDS should hand out new credentials well before expiry); replace the instance if it persists.'
            : 'Restart the ECS agent (ECS on EC2) or stop the task so a new one starts; check the agent log for credentials refresh errors.',
        headline: `${runs(a.who)} credentials were not renewed: the same ones, expiring at ${a.expiration} (in ${a.left}), are handed out since ${a.since}.`,
      };
    },
  }),
  EXECUTION_ROLE_IN_USE: spec<{ role: string }>({
    severity: 'warning',
    title: 'The role looks like a task execution role',
    rank: 10,
    describe: (a) => ({
      message: `The app runs as ${a.role}, which looks like a task execution role. The execution role is meant for the ECS agent (pulling images, writing logs, reading secrets); giving it to the app mixes both sets of permissions.`,
      fix: "Create a separate task role for the app (taskRoleArn) with only the app's permissions; keep executionRoleArn for the agent.",
      headline: `The app runs as role ${a.role}, which looks like the task execution role, not a task role.`,
    }),
  }),
  INSTANCE_ROLE_IN_USE: spec<{ role: string; session: string }>({
    severity: 'warning',
    title: 'The app runs as the EC2 instance role',
    rank: 12,
    describe: (a) => ({
      message: `The app runs as the EC2 instance role${a.role ? ` ${a.role}` : ''}${a.session ? ` (session ${a.session})` : ''}: every container on the host shares these permissions.`,
      fix: 'Give the task its own task role, and block IMDS for tasks (ECS_AWSVPC_BLOCK_IMDS=true for awsvpc, an iptables rule for bridge mode).',
      headline: `The app runs as the EC2 instance role${a.role ? ` ${a.role}` : ''}, shared by every container on the host.`,
    }),
  }),
  TASK_ROLE_CONFIRMED: spec<{ taskId: string; role: string }>({
    severity: 'info',
    title: "STS confirms the task's own role session",
    rank: 50,
    describe: (a) => ({
      message: `STS names the session ${a.taskId}, this task's id: the app runs as this task's own task role${a.role ? ` ${a.role}` : ''}.`,
      fix: 'Nothing to do.',
    }),
  }),
  EXPECTATION_MISMATCH: spec<{ what: string; expected: string; actual: string; noSts: string }>({
    severity: 'error',
    title: 'The identity is not the expected one',
    rank: 1,
    describe: (a) => {
      if (a.what === 'account')
        return {
          message: a.actual ? `Expected account ${a.expected}, but the credentials belong to ${a.actual}.` : `Expected account ${a.expected}, but the account could not be established${a.noSts === 'yes' ? ' (--no-sts)' : ''}.`,
          fix: 'Check which source wins and whose keys it holds.',
          headline: a.actual ? `The credentials belong to account ${a.actual}, not the expected ${a.expected}.` : `The account could not be established; expected ${a.expected}.`,
        };
      if (a.what === 'source')
        return {
          message: `Expected the credentials to come from ${a.expected}, but ${a.actual ? `${a.actual} wins` : 'no source gives any'}.`,
          fix: 'Fix the source that wins (see the chain), or the expectation.',
          headline: a.actual ? `The credentials come from ${a.actual}, not the expected ${a.expected}.` : `No source gives credentials; expected ${a.expected}.`,
        };
      return {
        message: a.actual ? `Expected role ${a.expected}, but the app runs as ${a.actual}.` : `Expected role ${a.expected}, but no role identity could be established.`,
        fix: 'Fix the source that wins (see the chain), or the expectation.',
        headline: a.actual ? `The app runs as ${a.actual}, not the expected ${a.expected}.` : `No role identity could be established; expected ${a.expected}.`,
      };
    },
  }),
  REGION_MISMATCH: spec<{ sdkRegion: string; from: string; taskRegion: string; variable: string }>({
    severity: 'warning',
    title: "The SDK's region is not the task's region",
    rank: 30,
    describe: (a) => ({
      message: `The app's SDK uses region ${a.sdkRegion} (from ${a.from}), but the task runs in ${a.taskRegion}: its calls go to another region's endpoints (and STS VPC endpoints of this region are not used).`,
      fix: `Set ${a.variable} to the task's region, or remove the image ENV / profile region that overrides it.`,
    }),
  }),
  REGION_MISSING: spec<{ sdk: string; from: string; variable: string }>({
    severity: 'warning',
    title: 'No region is configured',
    rank: 30,
    describe: (a) => ({
      message: `${cap(a.sdk)} finds no region (${a.from === 'none' ? `${a.variable} is not set, nor a profile region` : a.from}); the app's clients fail with a missing-region error unless the code sets one (newer SDKs ask IMDS, which a task should not reach).`,
      fix: `Set ${a.variable} in the task definition, or a region in the profile.`,
    }),
  }),
};
