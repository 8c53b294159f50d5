/** Calls the container credentials endpoint once per request a modelled step sends (the URL and token it names). */
import type { ContainerProbe, CredentialsDocument } from '../model/facts.ts';
import { mapStrings, maskKeyId, type Vault } from '../redact.ts';
import type { ContainerAuth, ProbePlan } from '../model/chain.ts';
import { redactUserInfoInPlace } from './env.ts';
import { absorbSecrets, httpRequest, observe } from './http.ts';

export interface ContainerProbeInput {
  env: Record<string, string>;
  /** the request as the modelled SDK builds it, or why it refuses to send one */
  target: NonNullable<ProbePlan['container']>;
  /** --container-endpoint: replaces http://169.254.170.2 for the relative URI */
  endpointOverride: string | null;
  timeoutMs: number;
  signal: AbortSignal;
  vault: Vault;
  scrub: (s: string) => string;
  /** the vault ref of the credentials in its answer (each request its own: two tokens may get two roles) */
  credentialsRef?: string;
}

/**
 * The token fromHttp sends when the plan names none (facts of the JS SDK's own choice): the token
 * file wins over the variable.
 * mirrors aws/aws-sdk-js-v3 packages/credential-provider-http/src/fromHttp/fromHttp.ts (the file is
 * re-read on each attempt; "\r\n" is refused)
 */
function jsFromHttpAuth(env: Record<string, string>): ContainerAuth {
  if (env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']) return 'token-file';
  return env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] ? 'token-env' : 'none';
}

export async function probeContainerEndpoint(input: ContainerProbeInput): Promise<ContainerProbe> {
  const { env, vault, target } = input;
  const probe: ContainerProbe = {
    sdkUrl: target.url,
    probedUrl: null,
    authorization: 'none',
    notSent: null,
    http: null,
    document: null,
    parseError: null,
    introspection: false,
    agentError: null,
    ...(input.credentialsRef ? { credentialsRef: input.credentialsRef } : {}),
  };
  if (target.notSendable) {
    probe.notSent = { ...target.notSendable };
    return probe;
  }
  const headers: Record<string, string> = {};
  probe.authorization = target.auth ?? jsFromHttpAuth(env);
  if (probe.authorization !== 'none') {
    const file = probe.authorization === 'token-file';
    const token = vault.token(file ? 'container-token' : 'container-token-env');
    if (token === undefined && file) {
      probe.notSent = { code: 'TOKEN_FILE_UNREADABLE', message: `the token file ${env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']} cannot be read, so the SDK fails before sending` };
      return probe;
    }
    const bad = tokenProblem(token ?? '');
    if (bad) {
      probe.notSent = bad;
      return probe;
    }
    headers['authorization'] = token ?? '';
  }
  // --container-endpoint stands in for the ECS address: the request's own path goes there (an SDK may trim the variable)
  const ecs = 'http://169.254.170.2';
  const probed = target.from === 'relative' && input.endpointOverride && target.url.startsWith(ecs) ? `${input.endpointOverride.replace(/\/+$/, '')}${target.url.slice(ecs.length)}` : target.url;
  probe.probedUrl = input.scrub(redactUserInfoInPlace(probed));
  const res = await httpRequest({ method: 'GET', url: probed, headers, timeoutMs: input.timeoutMs, signal: input.signal });
  // every status: a 201, a 206 or a 500 that embeds a credentials document holds secrets too
  absorbSecrets(res, vault);
  probe.http = observe(res, input.scrub);
  if (!res.ok) return probe;
  const text = res.body.toString('utf8');
  if (res.status !== 200) {
    const e = agentErrorOf(text);
    probe.agentError = { code: e.code === null ? null : input.scrub(e.code), message: e.message === null ? null : input.scrub(e.message) };
    return probe;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    probe.parseError = input.scrub(`the body is not JSON (${res.body.length} bytes, content-type ${res.headers['content-type'] ?? 'none'})`);
    return probe;
  }
  if (isObject(parsed) && 'AvailableCommands' in parsed) {
    probe.introspection = true;
    return probe;
  }
  probe.document = mapStrings(documentOf(parsed), input.scrub);
  if (isObject(parsed) && typeof parsed['AccessKeyId'] === 'string' && typeof parsed['SecretAccessKey'] === 'string') {
    const token = parsed['Token'];
    vault.putCredentials(input.credentialsRef ?? 'container', {
      accessKeyId: parsed['AccessKeyId'],
      secretAccessKey: parsed['SecretAccessKey'],
      ...(typeof token === 'string' ? { sessionToken: token } : {}),
    });
  }
  return probe;
}

function tokenProblem(token: string): { code: string; message: string } | null {
  if (token.includes('\r\n')) return { code: 'TOKEN_INVALID', message: 'the authorization token contains "\\r\\n"; the SDK refuses it before sending' };
  if (/[\r\n\0]/.test(token)) return { code: 'TOKEN_INVALID_HEADER', message: 'the authorization token contains a line break (often a trailing newline in the token file); Node refuses it as a header value, so nothing is sent' };
  return null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The redacted view of a credentials JSON body: field types, masked key id, no secret. */
export function documentOf(parsed: unknown): CredentialsDocument {
  const doc: CredentialsDocument = { fieldTypes: {}, accessKeyId: null, roleArn: null, expiration: null, accountId: null, code: null };
  if (!isObject(parsed)) {
    doc.fieldTypes['(document)'] = Array.isArray(parsed) ? 'array' : parsed === null ? 'null' : typeof parsed;
    return doc;
  }
  for (const [k, v] of Object.entries(parsed)) {
    // defineProperty: a "__proto__" field must be listed, not set the prototype
    Object.defineProperty(doc.fieldTypes, k, { value: v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v, enumerable: true, writable: true, configurable: true });
  }
  const str = (k: string): string | null => (typeof parsed[k] === 'string' ? (parsed[k] as string) : null);
  const key = str('AccessKeyId');
  doc.accessKeyId = key === null ? null : maskKeyId(key);
  doc.roleArn = str('RoleArn');
  doc.expiration = str('Expiration');
  doc.accountId = str('AccountId');
  doc.code = str('Code');
  return doc;
}

/** The ECS agent answers errors as `{"code","message"}` (lowercase); throttling and 404 as text. */
export function agentErrorOf(text: string): { code: string | null; message: string | null } {
  try {
    const p: unknown = JSON.parse(text);
    if (isObject(p)) {
      const code = p['code'] ?? p['Code'];
      const message = p['message'] ?? p['Message'];
      return { code: typeof code === 'string' ? code : null, message: typeof message === 'string' ? message.slice(0, 500) : null };
    }
  } catch {
    // a text body, e.g. the throttler's or Go's 404
  }
  const t = text.trim().slice(0, 500);
  return { code: null, message: t === '' ? null : t };
}
