/**
 * Asks IMDS for the instance role the way the JS SDK does: token PUT (IMDSv2), v1 fallback
 * where the SDK falls back, then the role name and its credentials.
 * mirrors smithy-lang/smithy-typescript packages/credential-provider-imds/src/fromInstanceMetadata.ts
 */
import type { ImdsProbe } from '../model/facts.ts';
import { mapStrings, type Vault } from '../redact.ts';
import { documentOf } from './container.ts';
import { absorbSecrets, httpRequest, observe, type HttpResult } from './http.ts';

const CREDS_PATH = '/latest/meta-data/iam/security-credentials/';

export interface ImdsProbeInput {
  endpoint: string;
  v1Disabled: boolean;
  timeoutMs: number;
  signal: AbortSignal;
  vault: Vault;
  scrub: (s: string) => string;
}

export async function probeImds(input: ImdsProbeInput): Promise<ImdsProbe> {
  const base = input.endpoint.replace(/\/+$/, '');
  const probe: ImdsProbe = {
    endpoint: base,
    token: { outcome: 'error', status: null, ms: 0, message: null },
    usedV1: false,
    v1Blocked: false,
    roleList: null,
    roleName: null,
    credentials: null,
    document: null,
    parseError: null,
  };
  // every answer's secrets go to the vault at once, whatever its status (a 206 or a 500 may
  // carry a credentials document)
  const call = async (method: 'GET' | 'PUT', path: string, headers: Record<string, string>): Promise<HttpResult> => {
    const r = await httpRequest({ method, url: `${base}${path}`, headers, timeoutMs: input.timeoutMs, signal: input.signal, bodyCap: 64 * 1024 });
    absorbSecrets(r, input.vault);
    return r;
  };

  const put = await call('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' });
  const headers: Record<string, string> = {};
  if (put.ok && put.status >= 200 && put.status < 300) {
    probe.token = { outcome: 'ok', status: put.status, ms: put.ms, message: null };
    headers['x-aws-ec2-metadata-token'] = put.body.toString('utf8');
    // the session token is a secret: an error body that repeats it must not print it
    input.vault.putSecret(headers['x-aws-ec2-metadata-token']);
  } else if (put.ok) {
    probe.token = { outcome: 'status', status: put.status, ms: put.ms, message: `token request answered ${put.status}` };
    // a 400 is a hard no from the SDK; anything else falls back to IMDSv1
    if (put.status === 400) return probe;
  } else {
    probe.token = { outcome: put.code === 'TIMEOUT' ? 'timeout' : 'error', status: null, ms: put.ms, message: input.scrub(put.message) };
    if (put.code === 'DEADLINE') return probe;
  }
  if (!headers['x-aws-ec2-metadata-token']) {
    if (input.v1Disabled) {
      probe.v1Blocked = true;
      return probe;
    }
    probe.usedV1 = true;
  }
  const list = await call('GET', CREDS_PATH, headers);
  probe.roleList = observe(list, input.scrub);
  if (!list.ok || list.status < 200 || list.status >= 300) return probe;
  const role = list.body.toString('utf8').trim();
  if (role === '') return probe;
  probe.roleName = input.scrub(role);
  const creds = await call('GET', `${CREDS_PATH}${role}`, headers);
  probe.credentials = observe(creds, input.scrub);
  if (!creds.ok || creds.status < 200 || creds.status >= 300) return probe;
  let parsed: unknown;
  try {
    parsed = JSON.parse(creds.body.toString('utf8'));
  } catch {
    probe.parseError = 'the credentials body is not JSON';
    return probe;
  }
  probe.document = mapStrings(documentOf(parsed), input.scrub);
  if (typeof parsed === 'object' && parsed !== null) {
    const p = parsed as Record<string, unknown>;
    if (typeof p['AccessKeyId'] === 'string' && typeof p['SecretAccessKey'] === 'string') {
      const token = p['Token'];
      input.vault.putCredentials('imds', {
        accessKeyId: p['AccessKeyId'],
        secretAccessKey: p['SecretAccessKey'],
        ...(typeof token === 'string' ? { sessionToken: token } : {}),
      });
    }
  }
  return probe;
}
