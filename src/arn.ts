/** ARN parsing as a pure, table-tested function (in the spirit of benkehoe/aws-whoami). */
import type { Identity } from './model/report.ts';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | null {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  if (partition === '' || service === '') return null;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The identity STS reports, classified; `type: 'unknown'` for shapes we do not know. */
export function describeIdentity(arn: string, account: string, userId: string): Identity {
  const base: Identity = { arn, account, userId, type: 'unknown', roleName: null, sessionName: null };
  const p = parseArn(arn);
  if (!p) return base;
  const r = p.resource;
  if (p.service === 'sts' && r.startsWith('assumed-role/')) {
    const rest = r.slice('assumed-role/'.length);
    const slash = rest.lastIndexOf('/');
    // role paths are not in assumed-role ARNs; the last segment is the session name
    return { ...base, type: 'assumed-role', roleName: slash === -1 ? rest : rest.slice(0, slash), sessionName: slash === -1 ? null : rest.slice(slash + 1) };
  }
  if (p.service === 'sts' && r.startsWith('federated-user/')) return { ...base, type: 'federated-user', sessionName: r.slice('federated-user/'.length) };
  if (p.service === 'iam' && r === 'root') return { ...base, type: 'root' };
  if (p.service === 'iam' && r.startsWith('user/')) return { ...base, type: 'user' };
  if (p.service === 'iam' && r.startsWith('role/')) return { ...base, type: 'role', roleName: roleNameOf(arn) };
  return base;
}

/** `arn:aws:iam::1:role/path/Name` → `Name`; a bare name is returned as is. */
export function roleNameOf(arnOrName: string): string {
  const p = parseArn(arnOrName);
  if (!p) return arnOrName;
  if (p.resource.startsWith('assumed-role/')) return p.resource.split('/')[1] ?? p.resource;
  const segs = p.resource.split('/');
  return segs[segs.length - 1] ?? p.resource;
}

/** The region part of an ARN (e.g. a task ARN), or null. */
export function regionOfArn(arn: string): string | null {
  const p = parseArn(arn);
  return p && p.region !== '' ? p.region : null;
}
