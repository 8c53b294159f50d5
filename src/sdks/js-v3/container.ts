/**
 * remoteProvider's container branch: fromHttp, then (only after a soft fromHttp failure)
 * the legacy fromContainerMetadata. The endpoint was called once during gathering; this
 * decides what each SDK step would have concluded from that answer.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-node/src/remoteProvider.ts,
 * packages/credential-provider-http/src/fromHttp/fromHttp.ts and requestHelpers.ts,
 * smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromContainerMetadata.ts
 */
import type { ContainerProbe } from '../../model/facts.ts';
import type { ChainContext, SourceOutcome } from '../../model/chain.ts';
import type { FailCause } from '../../model/report.ts';
import { containerUrlOf, ECS_CONTAINER_HOST, jsLegacyContainerAllows, jsLegacyUrlParse } from './container-url.ts';
import { parseUrl } from '../shared/url.ts';
import { parseRfc3339Strict } from '../shared/rfc3339.ts';
import { atLeast } from '../../versions.ts';
import { JS_RULES } from './rules.ts';

/** The JS fromHttp verdict on one answer. `hard` mirrors which errors escape its try/catch. */
type StepResult = { ok: true } | { ok: false; hard: boolean; why: string };

export function evaluateContainer(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  const target = containerUrlOf(env);
  if (!target) {
    return { kind: 'skip', reason: 'neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set' };
  }
  const probe = ctx.facts.container;
  if (!probe) return { kind: 'fail', hard: false, reason: 'the container endpoint was not probed' };
  const both = target.from === 'relative' && env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ? ' (both URIs are set; the relative one takes precedence)' : '';
  const where = `${target.from === 'relative' ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' : 'AWS_CONTAINER_CREDENTIALS_FULL_URI'} → ${probe.sdkUrl}${both}`;
  const version = ctx.chain.version;
  // §1.6: before credential-provider-node 3.503.1 the container step was fromContainerMetadata alone
  if (version && !atLeast(version, JS_RULES.fromHttp)) return legacyOnly(probe, target.from, env, version, where);
  // from 3.503.1 until the 3.972.x line (credential-provider-http before 3.972.57): the full URI
  // won over the relative one, and the token variable over the token file
  if (version && !atLeast(version, JS_RULES.relativeFirst)) {
    const relative = env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
    const fullUri = env['AWS_CONTAINER_CREDENTIALS_FULL_URI'];
    if (relative && fullUri) {
      return {
        kind: 'fail',
        hard: false,
        reason: `@aws-sdk/credential-provider-node ${version} uses AWS_CONTAINER_CREDENTIALS_FULL_URI (${fullUri}) when both URIs are set; the endpoint was probed at the relative URI as current releases use it, so this version's outcome was not observed`,
      };
    }
    if (env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] && env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] && probe.authorization === 'token-file') {
      return {
        kind: 'fail',
        hard: false,
        reason: `@aws-sdk/credential-provider-node ${version} sends AWS_CONTAINER_AUTHORIZATION_TOKEN, not the token file; the endpoint was probed with the file's token, so this version's outcome was not observed`,
      };
    }
  }

  if (probe.notSent?.code === 'INVALID_URL') {
    return { kind: 'fail', hard: true, reason: `TypeError: Invalid URL (${where}); this stops the chain` };
  }
  if (probe.notSent?.code === 'HOST_NOT_ALLOWED') {
    // checkUrl throws a soft error while the chain is built: fromContainerMetadata never runs,
    // IMDS is never asked, and the app only sees "Could not load credentials from any providers".
    return { kind: 'fail', hard: false, reason: `URL not accepted: ${probe.notSent.message} (${where})` };
  }
  const http = fromHttpStep(probe);
  if (http.ok) {
    const doc = probe.document;
    return {
      kind: 'provides',
      reason: `fromHttp got credentials from ${where}`,
      credentials: {
        ref: 'container',
        accessKeyId: doc?.accessKeyId ?? '',
        roleArn: doc?.roleArn ?? null,
        expiration: doc?.expiration ?? null,
        origin: 'ECS container credentials endpoint',
        feature: 'CREDENTIALS_HTTP',
      },
    };
  }
  if (http.hard) return { kind: 'fail', hard: true, reason: `fromHttp: ${http.why} (${where}); this error stops the chain` };
  const legacy = legacyStep(probe, target.from, env);
  return { kind: 'fail', hard: legacy.hard, reason: `fromHttp: ${http.why}; then fromContainerMetadata: ${legacy.why} (${where})` };
}

function fromHttpStep(p: ContainerProbe): StepResult {
  if (p.notSent) {
    // an unreadable token file is an fs error outside fromHttp's try/catch: it stops the chain
    const hard = p.notSent.code === 'TOKEN_FILE_UNREADABLE';
    return { ok: false, hard, why: `${p.notSent.message} (4 attempts, 1 s apart)` };
  }
  const http = p.http;
  if (!http) return { ok: false, hard: false, why: 'not called' };
  if (!http.ok) return { ok: false, hard: false, why: `${http.error.message} (the SDK tries 4 times, 1 s apart)` };
  if (http.status !== 200) {
    const agent = p.agentError;
    const detail = agent?.code || agent?.message ? ` (agent says ${[agent.code, agent.message].filter(Boolean).join(': ')})` : '';
    return { ok: false, hard: false, why: `Server responded with status: ${http.status}${detail}` };
  }
  // JSON.parse and the Expiration parse run outside fromHttp's try/catch: their errors stop the chain
  if (p.parseError) return { ok: false, hard: true, why: `SyntaxError: ${p.parseError}` };
  if (p.introspection) return { ok: false, hard: false, why: 'the answer is the ECS agent introspection API ({"AvailableCommands":[...]}), not credentials' };
  const doc = p.document;
  const missing = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'].filter((k) => doc?.fieldTypes[k] !== 'string');
  if (missing.length > 0) {
    return { ok: false, hard: false, why: `HTTP credential provider response not of the required format: ${missing.map((k) => `${k} is ${doc?.fieldTypes[k] ?? 'missing'}`).join(', ')}` };
  }
  if (doc?.expiration && !parseRfc3339Strict(doc.expiration)) {
    return { ok: false, hard: true, why: `TypeError: Invalid RFC-3339 date-time value (Expiration ${JSON.stringify(doc.expiration)})` };
  }
  return { ok: true };
}

/**
 * The legacy step reads the full URI with Node's url.parse, not WHATWG (issue 11 item 4): its
 * host allow-list sees `127.1` as written, and its request path keeps what WHATWG drops (a tab
 * inside is sent as %09). Null when it sends the request the probe sent.
 */
/** A URL the legacy step cannot use as the probe did, and why (for the finding). */
type UrlProblem = { hard: boolean; why: string; cause: FailCause };

function legacyUrlProblem(env: Record<string, string>): UrlProblem | null {
  const legacy = jsLegacyUrlParse(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '');
  if (!legacy.hostname || !jsLegacyContainerAllows({ hostname: legacy.hostname, protocol: 'http:' })) {
    // url.parse's hostname: `127.1` as written, `::1` without brackets (the SDK's own message)
    return { hard: true, cause: 'uri-host', why: `${legacy.hostname} is not a valid container metadata service hostname (stops the chain; this is the error the app sees)` };
  }
  if (!jsLegacyContainerAllows(legacy)) return { hard: true, cause: 'uri-invalid', why: `${legacy.protocol} is not a valid container metadata service protocol (stops the chain)` };
  // reached only without a relative URI: the probe went to the full URI as WHATWG reads it
  const probed = parseUrl(env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '');
  const probedPath = probed ? `${probed.pathname}${probed.search}` : null;
  if (probedPath !== null && legacy.path !== probedPath) {
    return { hard: false, cause: 'uri-invalid', why: `not observed: it requests ${legacy.path} (url.parse), the probe ${probedPath}` };
  }
  return null;
}

/**
 * The relative URI goes to http.request as the path, unparsed: Node refuses a path holding a
 * character outside U+0021–U+00FF (ERR_UNESCAPED_CHARACTERS, a TypeError that is no
 * CredentialsProviderError, so it stops the chain); any other difference from the WHATWG path
 * the probe requested was not observed.
 * mirrors nodejs/node lib/_http_client.js (INVALID_PATH_REGEX) and getCmdsUri's relative branch.
 */
function legacyRelativeProblem(env: Record<string, string>): UrlProblem | null {
  const rel = env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] ?? '';
  const bad = /[^\u0021-\u00ff]/.exec(rel);
  if (bad) return { hard: true, cause: 'uri-invalid', why: `TypeError [ERR_UNESCAPED_CHARACTERS]: Request path contains unescaped characters (${JSON.stringify(bad[0])}; stops the chain)` };
  const probed = parseUrl(`${ECS_CONTAINER_HOST}${rel}`);
  const probedPath = probed ? `${probed.pathname}${probed.search}` : null;
  if (probedPath !== null && rel !== probedPath) return { hard: false, cause: 'uri-invalid', why: `not observed: it requests ${rel} as written, the probe ${probedPath}` };
  return null;
}

function legacyStep(p: ContainerProbe, from: 'relative' | 'full', env: Record<string, string>): { hard: boolean; why: string } {
  const problem = from === 'full' ? legacyUrlProblem(env) : legacyRelativeProblem(env);
  if (problem) return problem;
  if (p.notSent) return { hard: false, why: 'it would retry without the token file; not probed separately' };
  const http = p.http;
  if (!http?.ok) return { hard: false, why: 'same endpoint, same failure' };
  if (http.status < 200 || http.status >= 300) return { hard: false, why: `Error response received (${http.status})` };
  if (p.parseError) return { hard: true, why: 'SyntaxError on the body (stops the chain)' };
  return { hard: false, why: 'Invalid response received from instance metadata service.' };
}

/** fromContainerMetadata alone (credential-provider-node before 3.503.1). */
function legacyOnly(p: ContainerProbe, from: 'relative' | 'full', env: Record<string, string>, version: string, where: string): SourceOutcome {
  const who = `@aws-sdk/credential-provider-node ${version} (fromContainerMetadata only)`;
  const problem = from === 'full' ? legacyUrlProblem(env) : legacyRelativeProblem(env);
  if (problem) return { kind: 'fail', hard: problem.hard, cause: problem.cause, reason: `${who}: ${problem.why}${problem.hard ? (from === 'full' ? '; no EKS Pod Identity before 3.503.1' : '') : ` (${where})`}` };
  if (env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] && p.authorization === 'token-file') {
    return { kind: 'fail', hard: false, reason: `${who} sends only AWS_CONTAINER_AUTHORIZATION_TOKEN (no token file support); the endpoint was probed with the file's token, so this version's outcome was not observed` };
  }
  const http = p.http;
  if (p.notSent || !http) return { kind: 'fail', hard: false, reason: `${who}: not observed (${p.notSent?.message ?? 'not called'})` };
  if (!http.ok) return { kind: 'fail', hard: false, reason: `${who}: ${http.error.message} (${where})` };
  if (http.status < 200 || http.status >= 300) return { kind: 'fail', hard: false, reason: `${who}: Error response received from instance metadata service (${http.status}) (${where})` };
  if (p.parseError) return { kind: 'fail', hard: true, reason: `${who}: SyntaxError: ${p.parseError} (stops the chain)` };
  const doc = p.document;
  const missing = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'].filter((k) => doc?.fieldTypes[k] !== 'string');
  if (missing.length > 0 || !doc) return { kind: 'fail', hard: false, reason: `${who}: Invalid response received from instance metadata service (${missing.join(', ')})` };
  // the legacy provider parses Expiration leniently (new Date), so a non-RFC 3339 value passes
  return {
    kind: 'provides',
    reason: `${who} got credentials from ${where}`,
    credentials: { ref: 'container', accessKeyId: doc.accessKeyId ?? '', roleArn: doc.roleArn, expiration: doc.expiration, origin: 'ECS container credentials endpoint', feature: null },
  };
}
