/** Words several finding families share: how a source is named, durations. */
import type { SourceId } from '../model/facts.ts';

export const SOURCE_LABEL: Record<SourceId, string> = {
  env: 'environment variables',
  'system-properties': 'Java system properties (-Daws.accessKeyId)',
  sso: 'SSO',
  profile: 'the shared config/credentials files',
  process: 'credential_process',
  'web-identity': 'the web identity token file',
  container: 'the ECS container credentials endpoint',
  imds: 'the EC2 instance metadata service',
};

/** A source id from a finding's arguments (they are plain strings in JSON). */
export const sourceLabel = (source: string): string => SOURCE_LABEL[source as SourceId] ?? source;

/** "42 s", "3 min", "2 h 5 min", "12 days". */
export function humanDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return d < 730 ? `${d} days` : `${Math.floor(d / 365)} years`;
}
