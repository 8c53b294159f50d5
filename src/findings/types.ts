/** The shape of a finding's registry entry: severity, title, specificity, and its one prose writer. */
import type { Severity } from '../model/report.ts';

/** A finding's arguments: plain JSON values, so `--json` carries them as they are. */
export type Args = Record<string, string | number>;

/** What `describe` writes from a code and its arguments: text and JSON never disagree. */
export interface Prose {
  message: string;
  fix: string;
  /** the report's first line when this finding leads it; plain words, no code */
  headline?: string;
}

export interface FindingSpec<A> {
  severity: Severity;
  title: string;
  /**
   * Specificity: among findings of one severity, the lower rank is shown first, so the most
   * specific cause leads (an endpoint's 503 before the NO_CREDENTIALS it explains).
   */
  rank: number;
  /** an error of this code explains an empty chain, so NO_CREDENTIALS is not shown beside it */
  explainsNoCredentials?: boolean;
  describe(args: A): Prose;
}

/** Keeps each entry's argument type while checking its shape. */
export const spec = <A>(s: FindingSpec<A>): FindingSpec<A> => s;

export const cap = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
