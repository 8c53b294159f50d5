/**
 * Rules about the container credentials endpoint. What the endpoint answered is a fact for every
 * SDK; whether that answer is an error is the container step's own decision (Go accepts a 201,
 * botocore a non-RFC 3339 Expiration...), so nothing is reported against a step that provides.
 */
import { draft, type Draft } from '../../findings/registry.ts';
import type { Evidence } from '../../model/facts.ts';
import type { RuleInput } from '../input.ts';
import { containerProbeFor } from '../../sdks/shared/container-probe.ts';

export function containerEndpoint(i: RuleInput): Draft[] {
  // the app's view: a request its user cannot make (an unreadable token file) was never sent
  const facts = i.walk.context.facts;
  // the answer to the modelled SDK's own first request (issue 11 item 5), else the first probe
  const own = i.chain.containerRequestsOf(facts.env)[0];
  const p = (own && containerProbeFor(facts, own)) ?? facts.container;
  const step = i.stepOf('container');
  if (!p || !step || step.outcome.kind !== 'fail') return [];
  const ev: Evidence[] = [{ label: 'url', value: p.sdkUrl }];
  if (p.probedUrl && p.probedUrl !== p.sdkUrl) ev.push({ label: 'probed at', value: p.probedUrl });
  ev.push({ label: `${step.sdkName} says`, value: step.outcome.reason });
  if (p.notSent) {
    const relative = i.facts.env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
    switch (p.notSent.code) {
      case 'HOST_NOT_ALLOWED':
        return [draft('CONTAINER_URI_HOST_NOT_ALLOWED', { variable: relative ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' : 'AWS_CONTAINER_CREDENTIALS_FULL_URI', value: relative ?? p.sdkUrl, url: p.sdkUrl, detail: p.notSent.message }, ev)];
      case 'INVALID_URL':
        return [draft('CONTAINER_URI_INVALID', { detail: p.notSent.message, sdk: i.chain.label, stops: step.outcome.hard ? 'yes' : 'no' }, ev)];
      default:
        // the SDK's own words (Go and botocore refuse a line break for their own reasons, not Node's)
        return [draft('CONTAINER_TOKEN_INVALID', { detail: step.outcome.reason, sdk: i.chain.label, kind: p.notSent.code === 'TOKEN_FILE_UNREADABLE' ? 'unreadable' : 'line-break' }, ev)];
    }
  }
  // the SDK's own reading of the URL variable failed, whatever the probe (which read it the WHATWG way) got
  const variable = i.facts.env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] !== undefined ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' : 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
  if (step.outcome.cause === 'uri-host') {
    return [draft('CONTAINER_URI_HOST_NOT_ALLOWED', { variable, value: i.facts.env[variable] ?? '', url: p.sdkUrl, detail: step.outcome.reason }, ev)];
  }
  if (step.outcome.cause === 'uri-invalid') return [draft('CONTAINER_URI_INVALID', { detail: step.outcome.reason, sdk: i.chain.label, stops: step.outcome.hard ? 'yes' : 'no' }, ev)];
  const http = p.http;
  if (!http) return [];
  if (!http.ok) {
    if (http.error.code === 'BODY_TOO_LARGE') return [draft('CONTAINER_RESPONSE_INVALID', { kind: 'too-large', detail: http.error.message }, ev)];
    return [draft('CONTAINER_ENDPOINT_UNREACHABLE', { url: p.probedUrl ?? p.sdkUrl, error: http.error.code, ms: http.ms, detail: http.error.message }, ev)];
  }
  if (http.status < 200 || http.status >= 300) {
    const a = p.agentError;
    return [
      draft('CONTAINER_ENDPOINT_ERROR', { status: http.status, agentCode: a?.code ?? '', agentMessage: a?.message ?? '', location: http.headers['location'] ?? '' }, [
        ...ev,
        { label: 'status', value: String(http.status) },
        ...(a?.code ? [{ label: 'agent code', value: a.code }] : []),
      ]),
    ];
  }
  if (p.introspection) return [draft('CONTAINER_RESPONSE_INVALID', { kind: 'introspection', detail: '' }, ev)];
  if (p.parseError) return [draft('CONTAINER_RESPONSE_INVALID', { kind: 'not-json', detail: p.parseError }, ev)];
  // a 2xx document that the SDK's own step refused: its reason says why, in its words
  return [draft('CONTAINER_RESPONSE_INVALID', { kind: 'document', detail: step.outcome.reason }, ev)];
}

/** The ECS agent and EKS Pod Identity only hand out temporary (ASIA) keys. */
export function containerLongTermKeys(i: RuleInput): Draft[] {
  const step = i.stepOf('container');
  const key = step?.credentials?.accessKeyId ?? i.facts.container?.document?.accessKeyId ?? '';
  if (step?.outcome.kind !== 'provides' || !key.startsWith('AKIA')) return [];
  const url = i.facts.container?.sdkUrl ?? '';
  return [draft('CONTAINER_LONG_TERM_KEYS', { accessKeyId: key, url }, [{ label: 'url', value: url }])];
}
