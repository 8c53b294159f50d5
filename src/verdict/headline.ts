/** The report's first line: the cause in plain words, or who the app runs as. */
import type { Finding, Identity } from '../model/report.ts';
import { describe, type FindingCode } from '../findings/registry.ts';
import { SOURCE_LABEL } from '../findings/words.ts';
import type { RuleInput } from './input.ts';

/** The finding that leads (the first error, else the first warning that names a cause), and its sentence. */
export function headlineOf(findings: Finding[], i: RuleInput): { headline: string; code: string | null } {
  for (const severity of ['error', 'warning'] as const) {
    for (const f of findings) {
      if (f.severity !== severity) continue;
      const h = describe(f.code as FindingCode, f.args).headline;
      if (h) return { headline: h, code: f.code };
      if (severity === 'error') return { headline: f.message, code: f.code };
    }
  }
  return { headline: identitySentence(i), code: null };
}

function identitySentence(i: RuleInput): string {
  const { winner, identity } = i;
  if (!winner) return 'The app gets no credentials.';
  const from = SOURCE_LABEL[winner.source];
  if (identity) return identityPhrase(identity, winner.source, from);
  const role = i.roleName ? ` for role ${i.roleName}` : '';
  return `The app picks credentials from ${from}${role}; the identity is not checked${i.o.noSts ? ' (--no-sts)' : ''}.`;
}

const KIND: Record<string, string> = { container: 'task role', imds: 'EC2 instance role', 'web-identity': 'IRSA role' };

function identityPhrase(identity: Identity, source: string, from: string): string {
  if (identity.type === 'assumed-role' && identity.roleName) return `The app runs as role ${identity.roleName} (${KIND[source] ?? 'assumed role'}, from ${from}).`;
  if (identity.type === 'user') return `The app runs as IAM user ${identity.arn.split('/').pop() ?? identity.arn} (long-term keys from ${from}).`;
  if (identity.type === 'root') return `The app runs as the ROOT user of account ${identity.account} (keys from ${from}).`;
  return `The app runs as ${identity.arn} (from ${from}).`;
}
