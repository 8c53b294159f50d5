/** The container credentials endpoint: what its answers mean and what to do. */
import { cap, spec } from './types.ts';

/**
 * The ECS agent's error codes: the cause in plain words, and what to do.
 * mirrors aws/amazon-ecs-agent ecs-agent/tmds/handlers/v1/credentials_handler.go
 */
const AGENT_ERRORS: Record<string, { cause: string; advice: string }> = {
  NoIdInRequest: {
    cause: 'the credentials id in AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is empty',
    advice: 'the variable was truncated or overwritten; do not set it yourself',
  },
  InvalidIdInRequest: {
    cause: 'the ECS agent does not know this credentials id',
    advice: 'the task stopped, the variable is stale, or it was copied from another task; restart the task and never copy the URI between tasks',
  },
  CredentialsUninitialized: {
    cause: "the ECS agent has not delivered the task role's credentials yet",
    advice: "the agent has not received this task's credentials yet (agent restart or very early start); retry in a few seconds, and in an entrypoint preflight use --wait 30s",
  },
  InternalServerError: {
    cause: 'the ECS agent failed',
    advice: 'retry, then check the agent logs on the instance (/var/log/ecs/ecs-agent.log) or open a support case',
  },
};

/** What an HTTP status without an agent code means. */
function statusAdvice(status: number): { cause: string; advice: string } {
  if (status >= 300 && status < 400) return { cause: 'it redirects, and the SDK never follows redirects', advice: 'point the URI at the credentials handler itself' };
  if (status === 429)
    return {
      cause: 'the agent throttles credential requests',
      advice: 'the agent allows about 40 requests per second, bursts of 60: cache credentials in the app instead of polling, or raise ECS_TASK_METADATA_RPS_LIMIT on the instance',
    };
  if (status === 404) return { cause: 'the path is wrong', advice: 'check AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (it must start with /v2/credentials/)' };
  if (status === 401 || status === 403) return { cause: 'the endpoint wants a valid Authorization header', advice: 'check AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE / AWS_CONTAINER_AUTHORIZATION_TOKEN' };
  if (status >= 500) return { cause: 'the endpoint failed', advice: 'retry, then check the agent that serves it' };
  return { cause: 'the answer is not the credentials', advice: 'check the URI and the agent that serves it' };
}

const SHORT_INVALID: Record<string, string> = {
  'too-large': 'the body is over 1 MiB',
  introspection: "the agent's introspection API answered, not the credentials handler",
  'not-json': 'the body is not JSON',
  document: 'the credentials document is not in the form the SDK requires',
};

const REACH = {
  refused: 'refused the connection',
  timeout: 'did not answer in time',
  reset: 'reset the connection',
} as const;

export const CONTAINER = {
  CONTAINER_ENDPOINT_UNREACHABLE: spec<{ url: string; error: string; ms: number; detail: string }>({
    severity: 'error',
    title: 'The container credentials endpoint cannot be reached',
    rank: 10,
    explainsNoCredentials: true,
    describe: (a) => {
      const how = a.error === 'ECONNREFUSED' ? REACH.refused : a.error === 'TIMEOUT' ? REACH.timeout : a.error === 'ECONNRESET' ? REACH.reset : 'cannot be reached';
      return {
        message: `The container credentials endpoint ${how} after ${a.ms} ms (${a.detail}).`,
        fix: 'On ECS the agent serves 169.254.170.2: check that the task runs on a healthy agent (awsvpc or bridge with the ECS iptables rules); with a full URI, check the agent or sidecar that serves it.',
        headline: `The container credentials endpoint ${how} (${a.ms} ms): the app gets no task-role credentials.`,
      };
    },
  }),
  CONTAINER_ENDPOINT_ERROR: spec<{ status: number; agentCode: string; agentMessage: string; location: string }>({
    severity: 'error',
    title: 'The container credentials endpoint answers with an error',
    rank: 10,
    explainsNoCredentials: true,
    describe: (a) => {
      const known = a.agentCode ? AGENT_ERRORS[a.agentCode] : undefined;
      const { cause, advice } = known ?? statusAdvice(a.status);
      const says = [a.agentCode, a.agentMessage.replace(/\.+$/, '')].filter(Boolean).join(': ');
      return {
        message: `The container credentials endpoint answered ${a.status}${says ? ` (${says})` : ''}${a.location ? ` with Location: ${a.location}` : ''}: ${cause}.`,
        fix: `${cap(advice)}.`,
        headline: `The container credentials endpoint answers ${a.status}${a.agentCode ? ` ${a.agentCode}` : ''}: ${cause}.`,
      };
    },
  }),
  CONTAINER_RESPONSE_INVALID: spec<{ kind: string; detail: string }>({
    severity: 'error',
    title: 'The container credentials answer is not usable',
    rank: 10,
    explainsNoCredentials: true,
    describe: (a) => {
      const fix =
        a.kind === 'introspection'
          ? 'On custom AMIs make sure the 169.254.170.2 → agent port 51679 redirect is in place (ecs-init sets it up); check the URI.'
          : a.kind === 'document'
            ? 'The endpoint must return AccessKeyId, SecretAccessKey, Token and an RFC 3339 Expiration (YYYY-MM-DDThh:mm:ssZ), all strings.'
            : 'Something other than the ECS agent answers on this address; check the URI and any proxy or sidecar.';
      const what =
        a.kind === 'introspection'
          ? 'The answer is the ECS agent introspection API ({"AvailableCommands":[...]}), not credentials: the request reached the agent on the wrong port or path'
          : `The container credentials endpoint answered, but the SDK cannot use the answer: ${a.detail}`;
      const short = SHORT_INVALID[a.kind] ?? 'the answer is not in the form the SDK requires';
      return { message: `${what}.`, fix, headline: `The container credentials endpoint answers, but the SDK cannot use the answer: ${short}.` };
    },
  }),
  CONTAINER_URI_HOST_NOT_ALLOWED: spec<{ variable: string; value: string; url: string; detail: string }>({
    severity: 'error',
    title: 'The SDK refuses the full URI host',
    rank: 5,
    explainsNoCredentials: true,
    describe: (a) =>
      a.variable === 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'
        ? {
            message: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=${a.value} does not start with "/", so the SDK glues it to the host: ${a.url}; ${a.detail}.`,
            fix: 'The relative URI must start with "/" (ECS sets /v2/credentials/<id>); do not set it by hand.',
            headline: 'The SDK refuses the container credentials URI: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI does not start with "/".',
          }
        : {
            message: `AWS_CONTAINER_CREDENTIALS_FULL_URI=${a.url}: ${a.detail}.`,
            fix: 'Use https, a loopback address, 169.254.170.2, or the EKS Pod Identity hosts 169.254.170.23 / [fd00:ec2::23].',
            headline: `The SDK refuses the host of AWS_CONTAINER_CREDENTIALS_FULL_URI (${a.url}).`,
          },
  }),
  CONTAINER_URI_INVALID: spec<{ detail: string; sdk: string; stops: string }>({
    severity: 'error',
    title: "The app's SDK cannot use the container credentials URI as written",
    rank: 5,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `${a.detail}; ${a.sdk} ${a.stops === 'yes' ? 'fails on it and stops the chain' : 'fails on it'}.`,
      fix: 'Fix the variable: the relative URI starts with "/", the full URI an absolute http(s) URL with a dotted-quad or bracketed IP host; no spaces or control characters.',
      headline: `The app's SDK cannot use the container credentials URI as written: ${a.detail}.`,
    }),
  }),
  CONTAINER_TOKEN_INVALID: spec<{ detail: string; sdk: string; kind: string }>({
    severity: 'error',
    title: 'The container authorization token cannot be sent',
    rank: 5,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `${a.detail}.`,
      fix: 'Write the token without a trailing newline (printf, not echo), make the file readable by the app user, or fix AWS_CONTAINER_AUTHORIZATION_TOKEN.',
      headline: `The container authorization token cannot be sent: ${a.kind === 'unreadable' ? 'the token file cannot be read' : a.kind === 'line-break' ? 'it contains a line break (often a trailing newline in the token file)' : `${a.sdk} refuses it before any request`}.`,
    }),
  }),
  CONTAINER_LONG_TERM_KEYS: spec<{ accessKeyId: string; url: string }>({
    severity: 'warning',
    title: 'The container endpoint hands out long-term keys',
    rank: 20,
    describe: (a) => ({
      message: `The container credentials endpoint ${a.url} hands out the long-term access key ${a.accessKeyId} (AKIA…): the ECS agent and EKS Pod Identity only hand out temporary keys (ASIA…), so something else answers on this address with an IAM user's keys.`,
      fix: 'Find what serves this URI (a sidecar, a proxy, a hand-set AWS_CONTAINER_CREDENTIALS_FULL_URI) and give the task a task role instead of user keys.',
      headline: `The container credentials endpoint hands out the long-term IAM user key ${a.accessKeyId}, not task-role credentials.`,
    }),
  }),
};
