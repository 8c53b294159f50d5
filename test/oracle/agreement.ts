// Agreement counts per real SDK (and per release), printed by each oracle suite when it ends, so
// that a change's effect reads as "botocore 1.29.27: 58/74 → 74/74" (issue 11's note). Each check
// still fails its case: the tally only counts, it never swallows a disagreement.

type Row = { agree: number; total: number; ini: { agree: number; total: number } };

export class Agreement {
  readonly #rows = new Map<string, Row>();

  /** Runs one SDK's comparison of one case; the assertion error, if any, is returned for the case to throw. */
  check(sdk: string, caseName: string, compare: () => void): unknown {
    const row = this.#rows.get(sdk) ?? { agree: 0, total: 0, ini: { agree: 0, total: 0 } };
    this.#rows.set(sdk, row);
    let error: unknown = null;
    try {
      compare();
    } catch (e) {
      error = e;
    }
    row.total++;
    if (error === null) row.agree++;
    if (caseName.startsWith('i11-ini-')) {
      row.ini.total++;
      if (error === null) row.ini.agree++;
    }
    return error;
  }

  /** One line per SDK: all cases, then the issue 11 INI environments alone. */
  summary(): string {
    return [...this.#rows].map(([sdk, r]) => `agreement ${sdk}: ${r.agree}/${r.total} (INI dialect environments: ${r.ini.agree}/${r.ini.total})`).join('\n');
  }
}
