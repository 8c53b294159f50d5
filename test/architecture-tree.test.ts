// The layer rules (architecture.ts, RULES) and no import cycle, on the real src/ tree.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArchitecture, globToRegExp, readSources, RULES } from './architecture.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const sources = readSources(repoRoot);

describe('src/ keeps its layers', () => {
  it('has no import cycle and no forbidden arrow', () => {
    const violations = checkArchitecture(sources);
    expect(violations, `\n${violations.join('\n')}\n`).toEqual([]);
  });

  it('every rule applies to some file (a rename cannot make a rule vacuous)', () => {
    const files = [...sources.keys()];
    expect(files.length).toBeGreaterThan(20);
    const idle = RULES.filter((r) => !files.some((f) => r.from.some((g) => globToRegExp(g).test(f))));
    expect(idle.map((r) => r.from.join(', '))).toEqual([]);
  });
});
