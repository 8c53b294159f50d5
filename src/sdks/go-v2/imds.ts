/**
 * ec2rolecreds as aws-sdk-go-v2 runs it once selected (SDK-CHAINS.md §3.3):
 * - AWS_EC2_METADATA_DISABLED=true (case-insensitive): Retrieve fails "access disabled to EC2 IMDS";
 * - endpoint: AWS_EC2_METADATA_SERVICE_ENDPOINT, else the IPv4/IPv6 mode;
 * - token: 400 is an error; 403/404/405, timeouts and send errors fall back to IMDSv1 (any other
 *   failure falls back for that request) unless AWS_EC2_METADATA_V1_DISABLED=true (config ≥ 1.22.0);
 * - the credentials JSON must say Code "Success"; dial 250 ms, response headers 500 ms;
 * - the default transport honours HTTP_PROXY/NO_PROXY.
 * mirrors aws/aws-sdk-go-v2 feature/ec2/imds/api_client.go (New, resolveHTTPClient), token_provider.go
 * (updateToken), api_op_GetToken.go (buildGetTokenOutput), credentials/ec2rolecreds/provider.go
 * (Retrieve, requestCred).
 */
import type { ChainContext, ImdsRequest, SourceOutcome } from '../../model/chain.ts';
import type { ProxyChoice } from '../../model/report.ts';
import type { Facts } from '../../model/facts.ts';
import { goProxyFor } from './proxy.ts';
import { parseUrl } from '../shared/url.ts';
import { goEnvConfigError, goImdsDisabled, goImdsEndpoint, goImdsV1Disabled } from './config.ts';
import { goParsesRfc3339, goProxyNote } from './container.ts';

const notObserved = (reason: string): SourceOutcome => ({
  kind: 'provides',
  reason: `${reason}; Go selected IMDS at load, whatever it answers`,
  unproven: 'IMDS was not asked the way the Go SDK asks it, so its answer to Go was not observed',
  credentials: { ref: 'go:imds:unobserved', accessKeyId: '(not observed)', roleArn: null, expiration: null, origin: 'EC2 instance metadata (Go request not observed)', feature: null },
});

/**
 * ChainDefinition.imdsRequestOf: AWS_EC2_METADATA_DISABLED by `strings.ToLower` "true"/"false"
 * (other values leave IMDS on: config/env_config.go setEC2IMDSClientEnableState), and nothing is
 * asked when LoadDefaultConfig fails on the variables (goEnvConfigError).
 */
export function goImdsRequest(env: Record<string, string>, version: string | null): ImdsRequest | null {
  if (goImdsDisabled(env) || goEnvConfigError(env, version)) return null;
  return { url: goImdsEndpoint(env), v1Disabled: goImdsV1Disabled(env, version) };
}

/** ChainDefinition.proxyFor('imds'): the proxy of Go's IMDS client (the SDK's default transport). */
export function goImdsProxy(facts: Facts): ProxyChoice | null {
  const url = parseUrl(goImdsEndpoint(facts.env));
  return url ? goProxyFor(facts.env, url) : null;
}

/** ec2rolecreds, with the proxy Go would send its requests through. */
export function goImdsOutcome(ctx: ChainContext): SourceOutcome {
  const out = imdsOutcome(ctx);
  return out.kind === 'needs' ? out : { ...out, proxy: goImdsProxy(ctx.facts) };
}

function imdsOutcome(ctx: ChainContext): SourceOutcome {
  const f = ctx.facts;
  const env = f.env;
  const failed = (why: string): SourceOutcome => ({ kind: 'fail', hard: true, reason: `${why}; Go selected IMDS at load, so the app gets this error` });
  if (goImdsDisabled(env)) return failed(`access disabled to EC2 IMDS via client option, or "AWS_EC2_METADATA_DISABLED" environment variable (=${env['AWS_EC2_METADATA_DISABLED']})`);
  const endpoint = goImdsEndpoint(env);
  const proxy = goProxyNote(f, parseUrl(endpoint));
  const withProxy = (r: string): string => (proxy ? `${r}; ${proxy}` : r);
  const p = f.imds;
  if (!p) return notObserved(withProxy(`IMDS (${endpoint}) was not probed (${f.imdsProbeReason ?? 'the tool skips IMDS when a container URI is set outside ECS, or when the JS SDK would not ask it'})`));
  if (p.endpoint.replace(/\/+$/, '') !== endpoint) return notObserved(withProxy(`Go calls IMDS at ${endpoint}; the tool probed ${p.endpoint}`));
  const tokenFailed = p.token.outcome !== 'ok';
  if (p.token.outcome === 'status' && p.token.status === 400) return failed(withProxy(`failed to get API token, 400 at ${p.endpoint}`));
  const goV1Off = goImdsV1Disabled(env, ctx.chain.version);
  // the probe falls back unless every asking SDK blocks it: Go's own switch decides
  if (tokenFailed && goV1Off) return failed(withProxy(`failed to get API token (${p.token.message ?? p.token.outcome}) and AWS_EC2_METADATA_V1_DISABLED=true blocks the IMDSv1 fallback`));
  if (p.v1Blocked) {
    return notObserved(withProxy(`the token request failed and Go allows the IMDSv1 fallback (AWS_EC2_METADATA_V1_DISABLED=${env['AWS_EC2_METADATA_V1_DISABLED'] ?? 'unset'}), unlike the probe`));
  }
  const tokenNote = tokenFailed ? ` after the token request failed (${p.token.message ?? p.token.outcome}, ${p.token.ms} ms)` : '';
  const list = p.roleList;
  if (!list) return failed(withProxy(`IMDS at ${p.endpoint} was not reached${tokenNote}`));
  if (!list.ok) return failed(withProxy(`no EC2 instance role found: ${list.error.message}${tokenNote}`));
  if (list.status === 401) return failed(withProxy(`no EC2 instance role found: IMDS requires a token (401) and the token request failed${tokenNote}: the IMDSv2 hop-limit signature`));
  if (list.status !== 200 || !p.roleName) return failed(withProxy(`no EC2 instance role found (role list answered ${list.status})${tokenNote}`));
  const role = p.roleName.split(/\r?\n/)[0] ?? p.roleName;
  if (role !== p.roleName) return notObserved(withProxy(`IMDS lists several roles; Go uses the first (${role}), the probe asked for the whole list`));
  const c = p.credentials;
  if (!c?.ok || c.status !== 200) return failed(withProxy(`failed to get ${role} EC2 instance role credentials: ${c && !c.ok ? c.error.message : `status ${c?.ok ? c.status : '?'}`}`));
  if (p.parseError) return failed(withProxy(`failed to decode ${role} EC2 instance role credentials: ${p.parseError}`));
  const doc = p.document;
  if ((doc?.code ?? '').toLowerCase() !== 'success') return failed(withProxy(`failed to get ${role} EC2 instance role credentials: Code is ${JSON.stringify(doc?.code ?? null)}, not "Success"`));
  if (doc?.expiration && !goParsesRfc3339(doc.expiration)) return failed(withProxy(`failed to decode ${role} EC2 instance role credentials: Expiration ${JSON.stringify(doc.expiration)} is not RFC 3339`));
  const slow = [p.roleList, p.credentials].some((h) => h?.ok && h.ms > 500);
  const unproven = [proxy ? 'Go would send it through the proxy; the tool called IMDS directly' : null, slow ? "an IMDS answer took over 500 ms, Go's response-header timeout" : null].filter((x): x is string => x !== null);
  return {
    kind: 'provides',
    reason: withProxy(`EC2 instance role ${role} via ${tokenFailed ? 'IMDSv1 fallback' : 'IMDSv2'} at ${p.endpoint}${tokenNote}`),
    ...(unproven.length > 0 ? { unproven: unproven.join('; ') } : {}),
    credentials: { ref: 'imds', accessKeyId: doc?.accessKeyId ?? '', roleArn: null, expiration: doc?.expiration ?? null, origin: `EC2 instance profile role ${role}`, feature: null },
  };
}
