/**
 * botocore's ContainerProvider (METHOD container-role). Present when
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or AWS_CONTAINER_CREDENTIALS_FULL_URI is in the
 * environment, even as "" (the relative one wins: http://169.254.170.2 + value). From then on
 * every failure stops the chain: a disallowed host (ValueError), a token problem, a fetch that
 * fails 3 times 1 s apart (CredentialRetrievalError), a missing key (KeyError), an Expiration
 * dateutil cannot use. The credentials are fetched eagerly.
 * mirrors boto/botocore botocore/credentials.py ContainerProvider (load, _retrieve_or_fail,
 * _build_headers, _validate_auth_token, _create_fetcher) and botocore/utils.py
 * ContainerMetadataFetcher (_validate_allowed_url, _retrieve_credentials, _get_response);
 * 1.29.27 and aws/aws-cli 2.9.19 awscli/botocore/: env token only, older host list.
 * botocore's own request (its URL, its token) is probed when it differs from the JS one
 * (botoContainerRequests, src/plan.ts); where it was not, the outcome says what was not observed.
 */
import type { ContainerProbe } from '../../model/facts.ts';
import type { ChainContext, ContainerRequest, SourceOutcome } from '../../model/chain.ts';
import { containerCredentialsRef, containerProbeFor } from '../shared/container-probe.ts';
import type { FailCause } from '../../model/report.ts';
import { botoRulesOf, present, type BotoRules } from './rules.ts';
import { pyContainerUrlCheck, pyRequestTarget } from './url.ts';
import { parseUrl } from '../shared/url.ts';
import { classifyDateutil } from './dates.ts';

const REL = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
const FULL = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
const TOKEN_FILE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';
const RETRIES = 'botocore tries 3 times, 1 s apart, 2 s timeout each, then raises CredentialRetrievalError';

type Auth = 'none' | 'token-file' | 'token-env';

const AUTH_WORDS: Record<Auth, string> = {
  none: 'no Authorization header',
  'token-file': `the ${TOKEN_FILE} token`,
  'token-env': `${TOKEN} as the Authorization header`,
};

export function evaluateBotoContainer(ctx: ChainContext): SourceOutcome {
  const env = ctx.facts.env;
  const rules = botoRulesOf(ctx.chain);
  const relative = present(env, REL);
  if (!relative && !present(env, FULL)) return { kind: 'skip', reason: `neither ${REL} nor ${FULL} is in the environment` };
  const url = relative ? `http://169.254.170.2${env[REL] ?? ''}` : (env[FULL] ?? '');
  const where = relative ? `${REL}${env[REL] === '' ? ' (set but empty)' : ''} → ${url}${present(env, FULL) ? ` (${FULL} is set too; the relative URI wins)` : ''}` : `${FULL} → ${url === '' ? '"" (set but empty)' : url}`;
  const hard = (why: string, cause?: FailCause): SourceOutcome => ({ kind: 'fail', hard: true, reason: `${why} (${where}); botocore stops here`, ...(cause ? { cause } : {}) });

  // the Authorization header botocore builds (before it validates the URL)
  let auth: Auth = 'none';
  if (rules.containerV2 && present(env, TOKEN_FILE)) {
    const path = env[TOKEN_FILE] ?? '';
    const f = ctx.facts.containerTokenFile;
    if (path === '') return hard(`FileNotFoundError: [Errno 2] No such file or directory: '' (${TOKEN_FILE} is set but empty; ${rules.label} opens it)`);
    if (!f) return { kind: 'fail', hard: false, reason: `not observed: the token file ${path} was not gathered (${where})` };
    if (f.state === 'missing') return hard(`FileNotFoundError: ${path} (${TOKEN_FILE}; ${f.error ?? 'no such file'})`);
    if (f.state === 'not-a-file') return hard(`IsADirectoryError: ${path} (${TOKEN_FILE}; ${f.error ?? 'not a file'})`);
    if (f.state === 'unreadable') return hard(`PermissionError: ${path} (${TOKEN_FILE}; ${f.error ?? 'unreadable'})`);
    if (f.state === 'too-large') return { kind: 'fail', hard: false, reason: `not observed: the token file ${path} was too large to read (${f.error ?? ''}); ${rules.label} would send it whole (${where})` };
    if (f.endsWithNewline || f.containsCrLf) {
      return hard(`ValueError: Auth token value is not a legal header value (the file ${path} ${f.containsCrLf ? 'contains CR LF' : 'ends in a newline'}; ${rules.label} re-reads it, without strip, on every fetch)`);
    }
    auth = 'token-file';
  } else if (present(env, TOKEN)) {
    auth = 'token-env';
  }
  const ignoredFile = !rules.containerV2 && present(env, TOKEN_FILE) ? `; ${rules.label} does not know ${TOKEN_FILE} and ignores it` : '';

  const allowed = pyContainerUrlCheck(url, rules);
  if (!allowed.ok) return hard(allowed.error, allowed.error.startsWith('ValueError: Unsupported host') ? 'uri-host' : 'uri-invalid');

  // the answer to botocore's own request (its URL, its token), probed when it differs from the JS one
  const p = containerProbeFor(ctx.facts, { url, auth: botoSends(auth, env) }) ?? ctx.facts.container;
  if (!p || p.sdkUrl !== url) {
    const probed = p ? `the endpoint was probed at ${p.sdkUrl}, as the JS SDK chooses` : 'the endpoint was not probed (the JS SDK would not call it)';
    if (relative && env[REL] === '') {
      return hard(`not observed: ${rules.label} requests ${url} (no credentials path), which cannot answer credentials; any answer other than credentials, or no answer, raises CredentialRetrievalError (${RETRIES}); ${probed}`);
    }
    return { kind: 'fail', hard: false, reason: `not observed: ${rules.label} requests ${url}; ${probed} (${where})` };
  }
  // botocore parses with urllib, the probe with WHATWG: a trailing space, for one, stays in botocore's path (issue 11 item 4)
  const probed = parseUrl(p.sdkUrl);
  const target = pyRequestTarget(url);
  if (probed && target !== `${probed.pathname}${probed.search}`) {
    return hard(`not observed: ${rules.label} requests ${target} (urllib), the probe ${probed.pathname}${probed.search}; an agent answers 4xx for another path, and every failure raises CredentialRetrievalError (${RETRIES})`, 'uri-invalid');
  }
  const sends = botoSends(auth, env);
  const probeSent: Auth = p.authorization;
  const sameRequest = sends === probeSent;
  const headerNote = sameRequest ? '' : `${rules.label} sends ${AUTH_WORDS[sends]}${ignoredFile}; the probe sent ${AUTH_WORDS[probeSent]}`;

  if (!sameRequest && !relative) {
    // a full URI (EKS Pod Identity, a local endpoint) decides on the Authorization header
    if (sends === 'none') {
      return hard(`not observed: ${headerNote}. An endpoint that needs the token (EKS Pod Identity does) answers 401, and every failure raises CredentialRetrievalError (${RETRIES})`);
    }
  }
  if (!sameRequest && p.notSent) {
    return { kind: 'fail', hard: false, reason: `not observed: ${headerNote}, and the probe sent nothing (${p.notSent.message}) (${where})` };
  }
  if (!sameRequest && !relative) {
    const envLen = /^<redacted: (\d+) chars>$/.exec(env[TOKEN] ?? '')?.[1];
    const fileLen = ctx.facts.containerTokenFile?.size;
    if (envLen !== undefined && fileLen !== null && fileLen !== undefined && Number(envLen) !== fileLen) {
      return hard(`not observed: ${headerNote}, and the two tokens differ (${envLen} vs ${fileLen} characters): an endpoint that checks the token answers 401, and every failure raises CredentialRetrievalError (${RETRIES})`);
    }
    const outcome = fromProbe(p, ctx, rules, where, relative);
    if (outcome.kind === 'provides') return { ...outcome, unproven: `${headerNote}; the endpoint answered the probe's request, not this one` };
    return { kind: 'fail', hard: false, reason: `not observed: ${headerNote}; the probe's request failed: ${outcome.reason}` };
  }
  const outcome = fromProbe(p, ctx, rules, where, relative);
  if (sameRequest) return allowed.note && outcome.kind === 'provides' ? { ...outcome, unproven: allowed.note } : outcome;
  // the relative URI: the ECS agent authenticates by the credentials id in the path, not the header
  const agentNote = `${headerNote}; the ECS agent does not check Authorization`;
  if (outcome.kind === 'provides') return { ...outcome, unproven: agentNote };
  if (outcome.kind === 'fail') return { ...outcome, reason: `${outcome.reason} [${agentNote}]` };
  return outcome;
}

/**
 * The request ContainerProvider sends (issue 11 item 5), or none when it raises first (an empty
 * token file path, a URL it refuses) or requests the bare ECS address (an empty relative URI).
 */
export function botoContainerRequests(env: Record<string, string>, rules: BotoRules): ContainerRequest[] {
  const relative = present(env, REL);
  if (!relative && !present(env, FULL)) return [];
  const url = relative ? `http://169.254.170.2${env[REL] ?? ''}` : (env[FULL] ?? '');
  if ((relative && env[REL] === '') || !pyContainerUrlCheck(url, rules).ok) return [];
  const file = rules.containerV2 && present(env, TOKEN_FILE);
  if (file && env[TOKEN_FILE] === '') return [];
  return [{ url, from: relative ? 'relative' : 'full', auth: botoSends(file ? 'token-file' : present(env, TOKEN) ? 'token-env' : 'none', env) }];
}

/** What botocore puts in the Authorization header. An empty AWS_CONTAINER_AUTHORIZATION_TOKEN is sent as an empty header, which the JS SDK (and the probe) leave out: treated alike. */
function botoSends(auth: Auth, env: Record<string, string>): Auth {
  if (auth === 'token-env' && env[TOKEN] === '') return 'none';
  return auth;
}

/** botocore's verdict on the probe's answer (the same request). */
function fromProbe(p: ContainerProbe, ctx: ChainContext, rules: BotoRules, where: string, relative: boolean): SourceOutcome {
  const hard = (why: string): SourceOutcome => ({ kind: 'fail', hard: true, reason: `${why} (${where}); botocore stops here` });
  if (p.notSent) {
    const code = p.notSent.code;
    if ((code === 'TOKEN_INVALID' || code === 'TOKEN_INVALID_HEADER') && p.authorization === 'token-env') {
      return hard(`${rules.containerV2 ? 'ValueError: Auth token value is not a legal header value' : 'ValueError: Invalid header value (http.client)'}: ${TOKEN} holds a line break`);
    }
    if ((code === 'TOKEN_INVALID' || code === 'TOKEN_INVALID_HEADER') && p.authorization === 'token-file') {
      // a lone CR, an inner LF or a NUL: the facts keep only "ends in a newline" and "contains CR LF"
      return { kind: 'fail', hard: false, reason: `not observed: the token file holds a CR, LF or NUL inside (the probe sent nothing); ${rules.label} raises ValueError for CR or LF but would send a NUL (${where})` };
    }
    return { kind: 'fail', hard: false, reason: `not observed: the probe sent nothing (${p.notSent.message}), but ${rules.label} accepts this URL (${where})` };
  }
  const http = p.http;
  if (!http) return { kind: 'fail', hard: false, reason: `not observed: the endpoint was not called (${where})` };
  if (!http.ok) {
    const wait = http.error.code === 'TIMEOUT' ? ` (the probe gave up after ${http.ms} ms; botocore waits 2 s per attempt)` : '';
    return hard(`CredentialRetrievalError: Error retrieving credentials from container metadata: ${http.error.message}${wait}; ${RETRIES}`);
  }
  if (http.status !== 200) {
    const a = p.agentError;
    const body = a && (a.code || a.message) ? `: ${[a.code, a.message].filter(Boolean).join(': ')}` : '';
    return hard(`CredentialRetrievalError: Received non 200 response (${http.status}) from ECS metadata${body}; ${RETRIES}`);
  }
  if (p.parseError) return hard(`CredentialRetrievalError: Unable to parse JSON returned from ECS metadata services (${p.parseError}); ${RETRIES}`);
  if (p.introspection) return hard(`KeyError: 'AccessKeyId' (the answer is the ECS agent introspection API, not credentials)`);
  const doc = p.document;
  if (!doc || doc.fieldTypes['(document)'] !== undefined) {
    return hard(`TypeError: the credentials JSON is ${doc?.fieldTypes['(document)'] ?? 'missing'}, not an object (botocore indexes it by key)`);
  }
  for (const k of ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']) {
    if (doc.fieldTypes[k] === undefined) return hard(`KeyError: '${k}' (the credentials JSON has no ${k}; botocore requires AccessKeyId, SecretAccessKey, Token and Expiration)`);
  }
  if (doc.fieldTypes['Expiration'] !== 'string' || doc.expiration === null) {
    return hard(`TypeError: Parser must be a string or character stream, not ${doc.fieldTypes['Expiration']} (Expiration goes through dateutil)`);
  }
  const when = classifyDateutil(doc.expiration);
  if (when.kind === 'unparsable') return hard(`ParserError: Unknown string format: ${doc.expiration} (Expiration goes through dateutil)`);
  if (when.kind === 'naive') {
    return hard(`TypeError: can't subtract offset-naive and offset-aware datetimes (Expiration ${JSON.stringify(doc.expiration)} has no time zone; botocore selects container-role, then fails on first use when it checks the expiry)`);
  }
  const nonString = ['AccessKeyId', 'SecretAccessKey', 'Token'].filter((k) => doc.fieldTypes[k] !== 'string');
  if (nonString.length > 0) return hard(`TypeError on first use: ${nonString.join(', ')} ${nonString.length > 1 ? 'are' : 'is'} not a string, which botocore keeps as is and cannot sign with`);
  if (when.kind === 'aware' && when.date.getTime() <= new Date(ctx.facts.collectedAt).getTime()) {
    return hard(`RuntimeError: Credentials were refreshed, but the refreshed credentials are still expired. (Expiration ${doc.expiration} is in the past: botocore fetches once more on first use, gets the same, and raises)`);
  }
  const origin = relative ? 'ECS container credentials endpoint' : 'container credentials endpoint (full URI)';
  const out: SourceOutcome = {
    kind: 'provides',
    reason: `container-role got credentials from ${where}`,
    credentials: { ref: containerCredentialsRef(p), accessKeyId: doc.accessKeyId ?? '', roleArn: doc.roleArn, expiration: doc.expiration, origin, feature: null },
  };
  return when.kind === 'unknown' ? { ...out, unproven: `dateutil's reading of Expiration ${JSON.stringify(doc.expiration)} is not modelled` } : out;
}
