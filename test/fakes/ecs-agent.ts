// A fake ECS agent: the container credentials endpoint (what
// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI point at) plus task
// metadata v4, answering with the bodies the real agent sends.
//
// Sources mirrored (aws/amazon-ecs-agent):
// - ecs-agent/tmds/handlers/v1/credentials_handler.go: error codes, messages,
//   status codes; the "CredentialsV<n>Request: " prefix (v1 handler uses 1,
//   ecs-agent/tmds/handlers/v2/credentials_handler.go uses 2).
// - ecs-agent/tmds/handlers/utils/helpers.go: ErrorMessage is marshalled as
//   {"code","message","HTTPErrorCode"} (HTTPErrorCode has no json tag, so Go
//   emits it too; ecs-agent/tmds/handlers/credentials_handler_test.go round-trips
//   it) with Content-Type application/json.
// - ecs-agent/credentials/manager.go: IAMRoleCredentials JSON field names and
//   order (RoleArn, AccessKeyId, SecretAccessKey, Token, Expiration).
// - ecs-agent/tmds/server.go: every TMDS request goes through a didip/tollbooth
//   limiter (ecs-agent/go.mod pins v4.0.2); tollbooth answers 429
//   "You have reached maximum request limit." as text/plain.
// - agent/handlers/introspection_server_setup.go: the introspection API root
//   answers {"AvailableCommands":[...]} without setting a Content-Type.
import type http from 'node:http';
import { send, splitTarget, startLoopbackServer } from './loopback-server.ts';
import type { RunningFake } from './loopback-server.ts';

export type { RecordedRequest, RunningFake } from './loopback-server.ts';

export interface FakeRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** RFC 3339, e.g. 2030-01-01T00:00:00Z. Echoed verbatim, as the agent does. */
  expiration: string;
  roleArn?: string;
}

export type AgentErrorCode = 'NoIdInRequest' | 'InvalidIdInRequest' | 'CredentialsUninitialized' | 'InternalServerError';

export type CredentialsBehaviour =
  | { kind: 'ok'; credentials: FakeRoleCredentials }
  /** The real agent's status and JSON body for this error code. */
  | { kind: 'agent-error'; code: AgentErrorCode }
  /** 429 with the tollbooth rate limiter's text body. */
  | { kind: 'throttled' }
  /** 404 "404 page not found" as Go's default NotFound handler writes it. */
  | { kind: 'not-found' }
  | { kind: 'raw'; status: number; body: string; headers?: Record<string, string> }
  /** Accept the connection, read the request, never answer. */
  | { kind: 'hang' }
  /** Read the request, then reset the TCP connection (RST) without answering. */
  | { kind: 'reset' }
  /** The agent introspection API root (port 51678 on a real instance). */
  | { kind: 'introspection' }
  /** Headers only after `delayMs` (a stalled agent). */
  | { kind: 'slow-headers'; delayMs: number; then: CredentialsBehaviour }
  /** 200 headers at once, then one byte every `intervalMs`, never finishing. */
  | { kind: 'trickle'; intervalMs: number }
  /** 200 with a Content-Length, part of the body, then a reset. */
  | { kind: 'reset-mid-body' }
  /** 200 with a JSON-looking body of `bytes` bytes. */
  | { kind: 'huge'; bytes: number }
  /** `before` until `ms` after the first request, then `after` (an agent that recovers). */
  | { kind: 'after'; ms: number; before: CredentialsBehaviour; after: CredentialsBehaviour }
  /** one step per request, the last one repeated (a rotation, or one that stops): by count, not by clock */
  | { kind: 'sequence'; steps: CredentialsBehaviour[] };

export interface EcsAgentOptions {
  /**
   * Keyed by request path, e.g. `/v2/credentials/abc`. A key containing `?`
   * must match the whole request target (`/v1/credentials?id=abc`); otherwise
   * only the path is compared. Unrouted credential paths behave like the real
   * agent for an unknown ID (see `defaultCredentialsAnswer`).
   */
  routes: Record<string, CredentialsBehaviour>;
  /**
   * When set, a request without exactly this Authorization header gets 401
   * before routing, like agents that require a token (EKS Pod Identity,
   * Greengrass TES). The real ECS agent ignores Authorization.
   */
  requiredAuthorization?: string;
  /** Served at GET /v4/<anything>/task and /task; 404 when absent. */
  taskMetadata?: Record<string, unknown>;
}

interface AgentError {
  status: number;
  message: (prefix: string) => string;
}

// ecs-agent/tmds/handlers/v1/credentials_handler.go, processCredentialsRequest.
const AGENT_ERRORS: Record<AgentErrorCode, AgentError> = {
  // credentialsID == "": http.StatusBadRequest
  NoIdInRequest: { status: 400, message: (p) => `${p}No Credential ID in the request` },
  // credentialsManager.GetTaskCredentials(id) not found: http.StatusBadRequest
  InvalidIdInRequest: { status: 400, message: (p) => `${p}Credentials not found` },
  // found, but task ARN and credentials empty (agent restarted, reconciling): http.StatusServiceUnavailable
  CredentialsUninitialized: { status: 503, message: (p) => `${p}Credentials uninitialized for ID` },
  // json.Marshal failed: http.StatusInternalServerError, message without prefix
  InternalServerError: { status: 500, message: () => 'Internal server error' },
};

// didip/tollbooth limiter defaults (message, content type, 429) and the
// ECS agent's default steady-state rate (agent/config: DefaultTaskMetadataSteadyStateRate = 40).
const THROTTLE_BODY = 'You have reached maximum request limit.';
// Go net/http: http.NotFound -> http.Error(w, "404 page not found", 404), which
// appends a newline and sets these two headers. gorilla/mux uses it for unmatched routes.
const GO_NOT_FOUND_BODY = '404 page not found\n';
const GO_TEXT_ERROR_HEADERS = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };
// agent/handlers/introspection_server_setup.go: v1.AgentMetadataPath,
// v1.TaskContainerMetadataPath, v1.LicensePath (pprof paths only with runtime stats enabled).
const INTROSPECTION_COMMANDS = ['/v1/metadata', '/v1/tasks', '/license'];

export async function startEcsAgent(options: EcsAgentOptions): Promise<RunningFake> {
  return startLoopbackServer((req, _body, res) => {
    const target = req.url ?? '/';
    const { pathname, query } = splitTarget(target);

    if (options.requiredAuthorization !== undefined && req.headers.authorization !== options.requiredAuthorization) {
      send(res, 401, '401 Unauthorized: missing or wrong Authorization header\n', GO_TEXT_ERROR_HEADERS);
      return;
    }

    const routed = options.routes[target] ?? (target.includes('?') ? options.routes[pathname] : undefined);
    if (routed !== undefined) {
      answer(routed, req, res, pathname);
      return;
    }

    if (req.method === 'GET' && options.taskMetadata !== undefined && isTaskMetadataPath(pathname)) {
      send(res, 200, JSON.stringify(options.taskMetadata), { 'Content-Type': 'application/json' });
      return;
    }

    const fallback = defaultCredentialsAnswer(pathname, query);
    answer(fallback ?? { kind: 'not-found' }, req, res, pathname);
  });
}

function isTaskMetadataPath(pathname: string): boolean {
  return pathname === '/task' || /^\/v4\/[^/]+\/task$/.test(pathname);
}

/**
 * What the real agent answers on its credentials routes when no test route
 * matches: the ID is unknown to its credentials manager, or missing.
 * `/v1/credentials` reads `?id=`; `/v2/credentials/{id:.*}` reads the path, so
 * `/v2/credentials/` is "no ID" while `/v2/credentials` matches no route (404).
 */
function defaultCredentialsAnswer(pathname: string, query: URLSearchParams): CredentialsBehaviour | undefined {
  if (pathname === '/v1/credentials') {
    return { kind: 'agent-error', code: (query.get('id') ?? '') === '' ? 'NoIdInRequest' : 'InvalidIdInRequest' };
  }
  if (pathname.startsWith('/v2/credentials/')) {
    const id = pathname.slice('/v2/credentials/'.length);
    return { kind: 'agent-error', code: id === '' ? 'NoIdInRequest' : 'InvalidIdInRequest' };
  }
  return undefined;
}

/** The errPrefix the v1 or v2 credentials handler would use for this path. */
function errorPrefix(pathname: string): string {
  return pathname.startsWith('/v1/') ? 'CredentialsV1Request: ' : 'CredentialsV2Request: ';
}

/** The exact JSON body the agent writes for an error code on this path. */
export function agentErrorBody(code: AgentErrorCode, pathname: string): { status: number; body: string } {
  const error = AGENT_ERRORS[code];
  // Field order follows the Go struct: Code, Message, HTTPErrorCode.
  const body = JSON.stringify({ code, message: error.message(errorPrefix(pathname)), HTTPErrorCode: error.status });
  return { status: error.status, body };
}

const firstSeen = new WeakMap<CredentialsBehaviour, number>();
const answered = new WeakMap<CredentialsBehaviour, number>();

function answer(behaviour: CredentialsBehaviour, req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  switch (behaviour.kind) {
    case 'sequence': {
      const n = answered.get(behaviour) ?? 0;
      answered.set(behaviour, n + 1);
      const step = behaviour.steps[Math.min(n, behaviour.steps.length - 1)];
      answer(step ?? { kind: 'not-found' }, req, res, pathname);
      return;
    }
    case 'after': {
      const first = firstSeen.get(behaviour) ?? Date.now();
      firstSeen.set(behaviour, first);
      answer(Date.now() - first < behaviour.ms ? behaviour.before : behaviour.after, req, res, pathname);
      return;
    }
    case 'ok': {
      const c = behaviour.credentials;
      const payload = {
        ...(c.roleArn !== undefined ? { RoleArn: c.roleArn } : {}),
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        Token: c.sessionToken,
        Expiration: c.expiration,
      };
      send(res, 200, JSON.stringify(payload), { 'Content-Type': 'application/json' });
      return;
    }
    case 'agent-error': {
      const { status, body } = agentErrorBody(behaviour.code, pathname);
      send(res, status, body, { 'Content-Type': 'application/json' });
      return;
    }
    case 'throttled':
      send(res, 429, THROTTLE_BODY, {
        'Content-Type': 'text/plain; charset=utf-8',
        // tollbooth sets these before rejecting; "%.2f" of the limiter max in v4.
        'X-Rate-Limit-Limit': '40.00',
        'X-Rate-Limit-Duration': '1',
        'X-Rate-Limit-Request-Remote-Addr': `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`,
      });
      return;
    case 'not-found':
      send(res, 404, GO_NOT_FOUND_BODY, GO_TEXT_ERROR_HEADERS);
      return;
    case 'raw':
      send(res, behaviour.status, behaviour.body, behaviour.headers ?? {});
      return;
    case 'hang':
      // Deliberately never answered; RunningFake.close() destroys the socket.
      return;
    case 'slow-headers': {
      const t = setTimeout(() => answer(behaviour.then, req, res, pathname), behaviour.delayMs);
      res.on('close', () => clearTimeout(t));
      return;
    }
    case 'trickle': {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"AccessKeyId":"');
      const t = setInterval(() => res.write('A'), behaviour.intervalMs);
      res.on('close', () => clearInterval(t));
      return;
    }
    case 'reset-mid-body':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '400' });
      res.write('{"RoleArn":"arn:aws:iam::111122223333:role/x","AccessKeyId":');
      setTimeout(() => req.socket.resetAndDestroy(), 20);
      return;
    case 'huge': {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(behaviour.bytes) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = behaviour.bytes;
      const pump = (): void => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    case 'reset':
      // RST rather than FIN: the client sees ECONNRESET, as when an agent dies mid-request.
      req.socket.resetAndDestroy();
      return;
    case 'introspection':
      // No Content-Type set by the agent: Go's sniffing labels this JSON text/plain.
      send(res, 200, JSON.stringify({ AvailableCommands: INTROSPECTION_COMMANDS }), {
        'Content-Type': 'text/plain; charset=utf-8',
      });
      return;
  }
}
