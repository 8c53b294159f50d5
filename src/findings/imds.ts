/** Findings about the EC2 instance metadata service as seen from a task. */
import { spec } from './types.ts';

export const IMDS = {
  IMDS_HOP_LIMIT: spec<{ ms: number; status: number }>({
    severity: 'warning',
    title: 'The IMDSv2 token answer does not come back (hop limit)',
    rank: 10,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `The IMDSv2 token request timed out after ${a.ms} ms while plain GETs are answered (${a.status}): the PUT response is dropped on its way back, the hop-limit-1 signature of a bridge-networked container.${a.status === 401 ? ' IMDS requires tokens, so the SDK gets nothing.' : ' The SDK falls back to IMDSv1 after a 1 s wait.'}`,
      fix: "Prefer a task role and keep IMDS blocked for tasks; if this container really should use IMDS, raise the instance's metadata hop limit to 2 (aws ec2 modify-instance-metadata-options --http-put-response-hop-limit 2).",
      headline: 'The IMDSv2 token answer never comes back (hop limit 1 in a bridge-networked container).',
    }),
  }),
  IMDS_REACHABLE_FROM_TASK: spec<{ endpoint: string; role: string; v1: string }>({
    severity: 'warning',
    title: 'IMDS hands out the instance role inside the task',
    rank: 30,
    describe: (a) => ({
      message: `Inside this ECS task, IMDS at ${a.endpoint} hands out the instance role${a.role ? ` ${a.role}` : ''}${a.v1 === 'yes' ? ' (even without an IMDSv2 token)' : ''}.`,
      fix: 'Block IMDS from tasks: ECS_AWSVPC_BLOCK_IMDS=true (awsvpc) or an iptables DROP rule for 169.254.169.254 from the docker bridge; require IMDSv2 with hop limit 1.',
    }),
  }),
};
