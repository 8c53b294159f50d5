/** Winner, identity, findings, headline and exit code: a pure function of the facts and the chain walk. */
import type { Facts } from '../model/facts.ts';
import type { Finding, Identity, VerdictState } from '../model/report.ts';
import type { ChainWalk } from '../chains/walk.ts';
import { draft, FINDINGS, toFinding, type Draft } from '../findings/registry.ts';
import { exitCodeOf } from './exit-code.ts';
import { headlineOf } from './headline.ts';
import { ruleInputOf, type Rule, type RuleInput, type VerdictOptions, type Winner } from './input.ts';
import { RULES } from './rules/index.ts';

export interface Verdict {
  winner: Winner | null;
  identity: Identity | null;
  findings: Finding[];
  headline: string;
  headlineCode: string | null;
  state: VerdictState;
  ok: boolean;
  exitCode: number;
}

/** `extra`: findings decided elsewhere over the same facts (SDKS_DISAGREE with --sdk all). */
export function decideVerdict(facts: Facts, walk: ChainWalk, o: VerdictOptions, extra: Draft[] = []): Verdict {
  const input = ruleInputOf(facts, walk, o);
  const drafts = [...runRules(RULES, input), ...extra];
  const findings = order(prune(drafts)).map(toFinding);
  const hasError = findings.some((f) => f.severity === 'error');
  const hasWarning = findings.some((f) => f.severity === 'warning');
  const confirmed = o.noSts ? input.winner !== null : input.identity !== null;
  const ok = input.winner !== null && confirmed && !hasError;
  const { headline, code } = headlineOf(findings, input);
  const state: VerdictState = !ok ? 'errors' : hasWarning ? 'warnings' : 'healthy';
  return { winner: input.winner, identity: input.identity, findings, headline, headlineCode: code, state, ok, exitCode: exitCodeOf(ok, hasWarning, o.strict) };
}

/** Every rule runs; one that throws becomes an INTERNAL_ERROR finding and the rest still report. */
export function runRules(rules: readonly Rule[], input: RuleInput): Draft[] {
  const out: Draft[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule(input));
    } catch (e) {
      out.push(draft('INTERNAL_ERROR', { what: `the ${rule.name || 'unnamed'} rule`, detail: e instanceof Error ? e.message : String(e) }));
    }
  }
  return out;
}

/** Codes that doubt the identity: TASK_ROLE_CONFIRMED is not said beside them. */
const DOUBTS = new Set<string>(['EXPECTATION_MISMATCH', 'EXECUTION_ROLE_IN_USE', 'INSTANCE_ROLE_IN_USE', 'CONTAINER_LONG_TERM_KEYS']);

/** Drops what a more specific finding already says. */
export function prune(drafts: Draft[]): Draft[] {
  const errors = drafts.filter((d) => d.severity === 'error');
  const explained = errors.some((d) => d.code !== 'NO_CREDENTIALS' && FINDINGS[d.code].explainsNoCredentials === true);
  const doubted = errors.length > 0 || drafts.some((d) => DOUBTS.has(d.code));
  return drafts.filter((d) => !(d.code === 'NO_CREDENTIALS' && explained) && !(d.code === 'TASK_ROLE_CONFIRMED' && doubted));
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Severity first, then specificity (the registry's rank), then rule order (a stable sort). */
export function order(drafts: Draft[]): Draft[] {
  return drafts
    .map((d, index) => ({ d, index }))
    .sort((a, b) => SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || FINDINGS[a.d.code].rank - FINDINGS[b.d.code].rank || a.index - b.index)
    .map((x) => x.d);
}
