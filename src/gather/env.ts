/** The environment as data: an allow-list, "set but empty" kept apart from unset, secrets redacted. */
import { maskKeyId, secretMarker } from '../redact.ts';
import { redactJavaOptions } from '../java-options.ts';

/** Values that are secrets: stored as a length marker, never as text. */
export const SECRET_VARS = new Set(['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_SECRET_KEY', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']);

/** Access key ids: stored masked. */
const KEY_ID_VARS = new Set(['AWS_ACCESS_KEY_ID', 'AWS_ACCESS_KEY']);

/** Variables that may carry -Daws.secretAccessKey=... */
const JAVA_OPTION_VARS = new Set(['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS']);

/** Variables that may carry `user:password@` in a URL. */
const URL_VARS = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy']);

/**
 * URLs the SDKs themselves parse: a `user:password@` there is redacted with a plain word, so
 * the redacted URL still parses as the original did for every SDK (Go's url.Parse refuses
 * `<` in userinfo), and a replay judges the same URL shape.
 */
export const SDK_URL_VARS = new Set([
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'ECS_CONTAINER_METADATA_URI',
  'ECS_CONTAINER_METADATA_URI_V4',
  'ECS_AGENT_URI',
  'AWS_CONTAINER_SERVICE_ENDPOINT',
  'ECS_CRED_DOCTOR_CONTAINER_ENDPOINT',
]);

/** Every variable any credential chain, region or endpoint rule reads, plus ECS and proxy context. */
export const ENV_ALLOW_LIST = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CREDENTIAL_SCOPE',
  'AWS_ACCOUNT_ID',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SDK_LOAD_CONFIG',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_EC2_METADATA_V1_DISABLED',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
  'AWS_METADATA_SERVICE_TIMEOUT',
  'AWS_METADATA_SERVICE_NUM_ATTEMPTS',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_EXECUTION_ENV',
  'ECS_CONTAINER_METADATA_URI',
  'ECS_CONTAINER_METADATA_URI_V4',
  'ECS_AGENT_URI',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_CREDENTIAL_FILE',
  'BOTO_CONFIG',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'NODE_USE_ENV_PROXY',
  'HOME',
  'USER',
  'JAVA_TOOL_OPTIONS',
  'JDK_JAVA_OPTIONS',
  '_JAVA_OPTIONS',
  'AWS_CONTAINER_SERVICE_ENDPOINT',
  'ECS_CRED_DOCTOR_CONTAINER_ENDPOINT',
  'ECS_CRED_DOCTOR_APP_PID',
] as const;

/** The raw values the tool's own calls need (never serialised). */
export interface RawEnv {
  [name: string]: string | undefined;
}

/** Picks the allow-listed variables and redacts them for Facts. */
export function describeEnv(raw: RawEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ENV_ALLOW_LIST) {
    const v = raw[name];
    if (v === undefined) continue;
    if (SECRET_VARS.has(name)) out[name] = secretMarker(v);
    else if (KEY_ID_VARS.has(name)) out[name] = maskKeyId(v);
    else if (URL_VARS.has(name)) out[name] = redactUserInfo(v);
    else if (SDK_URL_VARS.has(name)) out[name] = redactUserInfoInPlace(v);
    else if (JAVA_OPTION_VARS.has(name)) out[name] = redactJavaOptions(v);
    else out[name] = v;
  }
  return out;
}

/**
 * `http://user:pw@proxy:3128` → `http://<redacted>@proxy:3128`. Anything up to the last `@`
 * of the authority goes, whatever the scheme's spelling (`http:user@`, `http:\\u@`, none):
 * Node's URL parser would still read credentials from those forms.
 */
export function redactUserInfo(url: string): string {
  const m = /^(\s*(?:[a-z][a-z0-9+.-]*:)?[\\/]*)([^\\/?#]*)(.*)$/is.exec(url);
  if (!m) return url;
  const [, head = '', authority = '', rest = ''] = m;
  const at = authority.lastIndexOf('@');
  return at === -1 ? url : `${head}<redacted>${authority.slice(at)}${rest}`;
}

/** Splits a URL-ish text into the head (scheme, slashes), the userinfo (null if none) and the rest. */
function userInfoOf(url: string): { head: string; userinfo: string; rest: string } | null {
  const m = /^(\s*(?:[a-z][a-z0-9+.-]*:)?[\\/]*)([^\\/?#]*)(.*)$/is.exec(url);
  if (!m) return null;
  const [, head = '', authority = '', rest = ''] = m;
  const at = authority.lastIndexOf('@');
  return at === -1 ? null : { head, userinfo: authority.slice(0, at), rest: `${authority.slice(at)}${rest}` };
}

/** `http://u:pw@host/x` → `http://redacted:redacted@host/x`: same shape, no secret. */
export function redactUserInfoInPlace(url: string): string {
  const u = userInfoOf(url);
  if (!u) return url;
  const colon = u.userinfo.indexOf(':');
  const word = (s: string): string => (s === '' ? '' : 'redacted');
  const userinfo = colon === -1 ? word(u.userinfo) : `${word(u.userinfo.slice(0, colon))}:${word(u.userinfo.slice(colon + 1))}`;
  return `${u.head}${userinfo}${u.rest}`;
}

/** The user name and password of a URL's userinfo, raw and decoded: for the vault. */
export function userInfoSecrets(url: string): string[] {
  const u = userInfoOf(url);
  if (!u) return [];
  // with a password, the user name is a name; without one, it is often a token (`http://TOKEN@host`)
  const colon = u.userinfo.indexOf(':');
  const out = colon === -1 ? [u.userinfo] : [u.userinfo, u.userinfo.slice(colon + 1)];
  for (const s of [...out]) {
    try {
      out.push(decodeURIComponent(s));
    } catch {
      // not percent-encoded
    }
  }
  return out.filter((s) => s !== '');
}
