/** Rules about STS: the exchanges the chain makes, and the tool's own GetCallerIdentity. */
import { draft, type Draft } from '../../findings/registry.ts';
import { humanDuration } from '../../findings/words.ts';
import type { RuleInput } from '../input.ts';

/** A web identity or assume-role exchange the chain needs fails (the SDK stops on it). */
export function exchangeFailures(i: RuleInput): Draft[] {
  const out: Draft[] = [];
  for (const [ref, x] of Object.entries(i.facts.exchanges)) {
    if (x.ok || !x.error) continue;
    const file = ref === 'web-identity:env' ? i.facts.webIdentityTokenFile : null;
    const tokenShape = file?.containsCrLf ? 'crlf' : file?.endsWithNewline ? 'newline' : '';
    out.push(
      draft('WEB_IDENTITY_FAILED', { action: x.kind === 'web-identity' ? 'AssumeRoleWithWebIdentity' : 'AssumeRole', role: x.roleArn, code: x.error.code, detail: x.error.message.replace(/\s+/g, ' '), sdk: i.chain.label, tokenShape }, [
        { label: 'exchange', value: ref },
      ]),
    );
  }
  return out;
}

/** GetCallerIdentity with the winning credentials failed: rejected, unreachable, or not STS. */
export function stsFailure(i: RuleInput): Draft[] {
  const sts = i.facts.sts;
  if (!sts || sts.ok || !sts.error) return [];
  const e = sts.error;
  if (e.kind === 'unavailable' || e.kind === 'unreachable') {
    return [draft('STS_UNREACHABLE', { endpoint: sts.endpoint, region: sts.region, kind: e.kind, status: e.status === null ? '' : String(e.status), code: e.code, detail: e.message }, [{ label: 'STS error code', value: e.code }])];
  }
  if (e.kind === 'invalid-response') return [draft('STS_RESPONSE_INVALID', { endpoint: sts.endpoint, code: e.code, detail: e.message })];
  return [
    draft('STS_REJECTED', { source: i.winner?.source ?? '', code: e.code, detail: e.message, endpoint: sts.endpoint }, [
      { label: 'STS error code', value: e.code },
      { label: 'endpoint', value: sts.endpoint },
    ]),
  ];
}

/** The STS Date header against the local clock: SigV4 allows 5 minutes. */
export function clockSkew(i: RuleInput): Draft[] {
  const sts = i.facts.sts;
  if (!sts?.serverDate) return [];
  const server = Date.parse(sts.serverDate);
  const local = Date.parse(sts.localDate);
  if (Number.isNaN(server) || Number.isNaN(local)) return [];
  const skew = local - server;
  const abs = Math.abs(skew);
  if (abs <= 60_000) return [];
  return [
    draft(
      'CLOCK_SKEW',
      { skew: humanDuration(abs), direction: skew > 0 ? 'ahead of' : 'behind', serverDate: sts.serverDate, rejected: abs > 300_000 ? 'yes' : 'no' },
      [{ label: 'skew', value: `${Math.round(skew / 1000)} s` }],
      abs > 300_000 ? 'error' : 'warning',
    ),
  ];
}

/** A winner that STS was never asked about (the chain's own call could not be made). */
export function identityUnverified(i: RuleInput): Draft[] {
  if (!i.step || i.o.noSts || i.facts.sts) return [];
  return [draft('IDENTITY_UNVERIFIED', { source: i.step.source, reason: i.step.outcome.reason })];
}
