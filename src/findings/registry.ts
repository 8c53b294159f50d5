/**
 * The finding registry: every code, its severity, title, specificity and prose, in one place.
 * A code is never renamed or reused; each has docs/findings/<CODE>.md (checked by test/docs.test.ts).
 */
import type { Evidence } from '../model/facts.ts';
import type { Finding, Severity } from '../model/report.ts';
import { APP } from './app.ts';
import { CHAIN } from './chain.ts';
import { CONTAINER } from './container.ts';
import { IDENTITY } from './identity.ts';
import { IMDS } from './imds.ts';
import { PROFILE } from './profile.ts';
import { SDK } from './sdk.ts';
import { STS } from './sts.ts';
import type { FindingSpec, Prose } from './types.ts';

export const FINDINGS = { ...CHAIN, ...CONTAINER, ...PROFILE, ...STS, ...IDENTITY, ...IMDS, ...SDK, ...APP } satisfies Record<string, FindingSpec<never>>;

export type FindingCode = keyof typeof FINDINGS;

export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

/** The arguments a code's prose is written from. */
export type ArgsOf<C extends FindingCode> = Parameters<(typeof FINDINGS)[C]['describe']>[0];

/** What a rule says: a code with its arguments; prose is written later, by `describe`. */
export interface Draft {
  code: FindingCode;
  args: Record<string, string | number>;
  evidence: Evidence[];
  severity: Severity;
}

/** A rule's finding; the severity comes from the registry unless the rule says otherwise. */
export function draft<C extends FindingCode>(code: C, args: ArgsOf<C>, evidence: Evidence[] = [], severity?: Severity): Draft {
  return { code, args: args as Record<string, string | number>, evidence, severity: severity ?? FINDINGS[code].severity };
}

/** The one place prose is written: a code and its arguments → message, fix, headline. */
export function describe(code: FindingCode, args: Record<string, string | number>): Prose {
  const s: FindingSpec<Record<string, string | number>> = FINDINGS[code] as FindingSpec<never> as FindingSpec<Record<string, string | number>>;
  return s.describe(args);
}

/** A draft with its prose: what the report carries. */
export function toFinding(d: Draft): Finding {
  const p = describe(d.code, d.args);
  return { code: d.code, severity: d.severity, args: d.args, message: p.message, fix: p.fix, evidence: d.evidence };
}
