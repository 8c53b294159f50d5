/**
 * remoteProvider's container branch: fromHttp, then (only after a soft fromHttp failure)
 * the legacy fromContainerMetadata. Each sends its own request (fromHttp the token file,
 * fromContainerMetadata AWS_CONTAINER_AUTHORIZATION_TOKEN); gathering probed each distinct one
 * (issue 11 item 5), and each step judges the answer to its own.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-node/src/remoteProvider.ts,
 * packages/credential-provider-http/src/fromHttp/fromHttp.ts and requestHelpers.ts,
 * smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromContainerMetadata.ts
 */
import type { ContainerProbe } from '../../model/facts.ts';
import type { ChainContext, ContainerAuth, ContainerRequest, SourceOutcome } from '../../model/chain.ts';
import { containerCredentialsRef, containerProbeFor } from '../shared/container-probe.ts';
import type { FailCause } from '../../model/report.ts';
import { containerUrlOf, ECS_CONTAINER_HOST, jsFromHttpAllows, jsLegacyContainerAllows, jsLegacyUrlParse } from './container-url.ts';
import { parseUrl } from '../shared/url.ts';
import { parseRfc3339Strict } from '../shared/rfc3339.ts';
import { atLeast } from '../../versions.ts';
import { JS_RULES } from './rules.ts';

/** The JS fromHttp verdict on one answer. `hard` mirrors which errors escape its try/catch. */
type StepResult = { ok: true } | { ok: false; hard: boolean; why: string };

const REL = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
const FULL = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';

/** True for 3.503.1 up to the 3.972 line: the full URI beats the relative one, the variable beats the token file. */
const fullFirst = (version: string | null): boolean => version !== null && atLeast(version, JS_RULES.fromHttp) && !atLeast(version, JS_RULES.relativeFirst);

/**
 * fromHttp's request at `version`: its URL and its token; null when it sends none (new URL throws,
 * or checkUrl refuses the host: fromContainerMetadata then never runs either).
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-http/src/fromHttp/fromHttp.ts
 */
export function jsFromHttpRequest(env: Record<string, string>, version: string | null): ContainerRequest | null {
  const old = fullFirst(version);
  const target = old && env[FULL] ? { url: env[FULL], from: 'full' as const } : containerUrlOf(env);
  const url = target ? parseUrl(target.url) : null;
  if (!target || !url || !jsFromHttpAllows(url)) return null;
  const file = !!env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'];
  const variable = !!env['AWS_CONTAINER_AUTHORIZATION_TOKEN'];
  const auth: ContainerAuth = (old ? variable : !file && variable) ? 'token-env' : file ? 'token-file' : 'none';
  return { url: target.url, from: target.from, auth };
}

/**
 * fromContainerMetadata's request: the relative URI first (getCmdsUri), AWS_CONTAINER_AUTHORIZATION_TOKEN
 * only (it knows no token file); null when it refuses the URL (a chain-stopping error).
 * mirrors smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromContainerMetadata.ts
 */
export function jsLegacyRequest(env: Record<string, string>): ContainerRequest | null {
  const auth: ContainerAuth = env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] ? 'token-env' : 'none';
  const rel = env[REL];
  if (rel) return legacyRelativeProblem(env)?.hard ? null : { url: `${ECS_CONTAINER_HOST}${rel}`, from: 'relative', auth };
  const full = env[FULL];
  return full && !legacyUrlProblem(env)?.hard ? { url: full, from: 'full', auth } : null;
}

/** ChainDefinition.containerRequestsOf: fromHttp's request, then fromContainerMetadata's (before 3.503.1: that one alone). */
export function jsContainerRequests(env: Record<string, string>, version: string | null): ContainerRequest[] {
  const legacy = jsLegacyRequest(env);
  if (version && !atLeast(version, JS_RULES.fromHttp)) return legacy ? [legacy] : [];
  const http = jsFromHttpRequest(env, version);
  return http ? [http, ...(legacy ? [legacy] : [])] : [];
}

export function evaluateContainer(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  const version = ctx.chain.version;
  const old = fullFirst(version);
  const target = old && env[FULL] ? { url: env[FULL], from: 'full' as const } : containerUrlOf(env);
  if (!target) {
    return { kind: 'skip', reason: 'neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set' };
  }
  const primary = ctx.facts.container;
  if (!primary) return { kind: 'fail', hard: false, reason: 'the container endpoint was not probed' };
  const both = env[REL] && env[FULL] ? ` (both URIs are set; the ${target.from} one takes precedence)` : '';
  const where = `${target.from === 'relative' ? REL : FULL} → ${target.url}${both}`;
  // §1.6: before credential-provider-node 3.503.1 the container step was fromContainerMetadata alone
  if (version && !atLeast(version, JS_RULES.fromHttp)) return legacyOnly(primary, target.from, ctx, version, where);
  const httpRequest = jsFromHttpRequest(env, version);
  // the answer to this release's own fromHttp request, probed when it differs from the current one (issue 11 item 5)
  const own = httpRequest ? containerProbeFor(ctx.facts, httpRequest) : null;
  if (old && !own) {
    if (env[REL] && env[FULL])
      return { kind: 'fail', hard: false, reason: `@aws-sdk/credential-provider-node ${version} uses ${FULL} (${env[FULL]}) when both URIs are set; that request was not probed, so this version's outcome was not observed` };
    if (env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] && env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']) {
      return { kind: 'fail', hard: false, reason: `@aws-sdk/credential-provider-node ${version} sends AWS_CONTAINER_AUTHORIZATION_TOKEN, not the token file; that request was not probed, so this version's outcome was not observed` };
    }
  }
  const probe = own ?? primary;

  if (probe.notSent?.code === 'INVALID_URL') {
    return { kind: 'fail', hard: true, reason: `TypeError: Invalid URL (${where}); this stops the chain` };
  }
  if (probe.notSent?.code === 'HOST_NOT_ALLOWED') {
    // checkUrl throws a soft error while the chain is built: fromContainerMetadata never runs,
    // IMDS is never asked, and the app only sees "Could not load credentials from any providers".
    return { kind: 'fail', hard: false, reason: `URL not accepted: ${probe.notSent.message} (${where})` };
  }
  const host = parseUrl(target.url)?.hostname ?? '';
  const bracketsToDns = host.startsWith('[') && target.from === 'full' && !atLeast(version, JS_RULES.fromHttpIpv6);
  const http: StepResult = bracketsToDns
    ? { ok: false, hard: false, why: `getaddrinfo ENOTFOUND ${host} (@smithy/node-http-handler 2.x, which this release installs, sends the bracketed IPv6 host to DNS; 4 attempts)` }
    : fromHttpStep(probe);
  if (http.ok) {
    const doc = probe.document;
    return {
      kind: 'provides',
      reason: `fromHttp got credentials from ${where}`,
      credentials: {
        ref: containerCredentialsRef(probe),
        accessKeyId: doc?.accessKeyId ?? '',
        roleArn: doc?.roleArn ?? null,
        expiration: doc?.expiration ?? null,
        origin: 'ECS container credentials endpoint',
        feature: 'CREDENTIALS_HTTP',
      },
    };
  }
  if (http.hard) return { kind: 'fail', hard: true, reason: `fromHttp: ${http.why} (${where}); this error stops the chain` };
  const legacy = legacyStep(probe, ctx, env);
  if (legacy.ok) {
    const lp = legacy.probe;
    // the fallback sends AWS_CONTAINER_AUTHORIZATION_TOKEN: a right variable beside a stale token file still works
    return {
      kind: 'provides',
      reason: `fromHttp: ${http.why}; then fromContainerMetadata got credentials from ${lp.sdkUrl} with ${lp.authorization === 'token-env' ? 'AWS_CONTAINER_AUTHORIZATION_TOKEN' : 'no Authorization header'}`,
      credentials: {
        ref: containerCredentialsRef(lp),
        accessKeyId: lp.document?.accessKeyId ?? '',
        roleArn: lp.document?.roleArn ?? null,
        expiration: lp.document?.expiration ?? null,
        origin: 'ECS container credentials endpoint',
        feature: null,
      },
    };
  }
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

/** The legacy step's verdict on the answer to its own request. */
type LegacyResult = { ok: true; probe: ContainerProbe } | { ok: false; hard: boolean; why: string; cause?: FailCause };

/** fromContainerMetadata's reading of an answer: 2xx, JSON, the four strings; Expiration through lenient new Date. */
function legacyAnswer(p: ContainerProbe): LegacyResult {
  const http = p.http;
  if (p.notSent || !http) return { ok: false, hard: false, why: `not observed (${p.notSent?.message ?? 'not called'})` };
  if (!http.ok) return { ok: false, hard: false, why: http.error.message };
  if (http.status < 200 || http.status >= 300) return { ok: false, hard: false, why: `Error response received from instance metadata service (${http.status})` };
  if (p.parseError) return { ok: false, hard: true, why: `SyntaxError: ${p.parseError} (stops the chain)` };
  const missing = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'].filter((k) => p.document?.fieldTypes[k] !== 'string');
  if (missing.length > 0) return { ok: false, hard: false, why: `Invalid response received from instance metadata service (${missing.join(', ')})` };
  return { ok: true, probe: p };
}

/** The fallback after a soft fromHttp failure, judged on the answer to its own request when that was probed. */
function legacyStep(http: ContainerProbe, ctx: ChainContext, env: Record<string, string>): LegacyResult {
  const req = jsLegacyRequest(env);
  const problem = env[REL] ? legacyRelativeProblem(env) : legacyUrlProblem(env);
  if (problem) return { ok: false, ...problem };
  const own = req ? containerProbeFor(ctx.facts, req) : null;
  // its own request when it differs from fromHttp's (another token); otherwise fromHttp's answer
  // (the same request, or a facts file from before per-request probes)
  if (own && own !== http) return legacyAnswer(own);
  if (http.notSent) return { ok: false, hard: false, why: 'it would retry without the token file; not probed separately' };
  const h = http.http;
  if (!h?.ok) return { ok: false, hard: false, why: 'same endpoint, same failure' };
  if (h.status < 200 || h.status >= 300) return { ok: false, hard: false, why: `Error response received (${h.status})` };
  if (http.parseError) return { ok: false, hard: true, why: 'SyntaxError on the body (stops the chain)' };
  return { ok: false, hard: false, why: 'Invalid response received from instance metadata service.' };
}

/** fromContainerMetadata alone (credential-provider-node before 3.503.1). */
function legacyOnly(primary: ContainerProbe, from: 'relative' | 'full', ctx: ChainContext, version: string, where: string): SourceOutcome {
  const env = ctx.facts.env;
  const who = `@aws-sdk/credential-provider-node ${version} (fromContainerMetadata only)`;
  const problem = from === 'full' ? legacyUrlProblem(env) : legacyRelativeProblem(env);
  if (problem) return { kind: 'fail', hard: problem.hard, cause: problem.cause, reason: `${who}: ${problem.why}${problem.hard ? (from === 'full' ? '; no EKS Pod Identity before 3.503.1' : '') : ` (${where})`}` };
  const req = jsLegacyRequest(env);
  const own = req ? containerProbeFor(ctx.facts, req) : null;
  if (!own && env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'] && primary.authorization === 'token-file') {
    return { kind: 'fail', hard: false, reason: `${who} sends only AWS_CONTAINER_AUTHORIZATION_TOKEN (no token file support); that request was not probed, so this version's outcome was not observed` };
  }
  const r = legacyAnswer(own ?? primary);
  // the legacy provider parses Expiration leniently (new Date), so a non-RFC 3339 value passes
  if (r.ok) {
    const doc = r.probe.document;
    return {
      kind: 'provides',
      reason: `${who} got credentials from ${where}`,
      credentials: { ref: containerCredentialsRef(r.probe), accessKeyId: doc?.accessKeyId ?? '', roleArn: doc?.roleArn ?? null, expiration: doc?.expiration ?? null, origin: 'ECS container credentials endpoint', feature: null },
    };
  }
  return { kind: 'fail', hard: r.hard, reason: `${who}: ${r.why}${r.hard ? '' : ` (${where})`}` };
}
