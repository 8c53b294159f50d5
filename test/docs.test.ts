// Every finding code has its docs page, and the index lists every code.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, FINDINGS } from '../src/findings/registry.ts';

const page = (code: string) => new URL(`../docs/findings/${code}.md`, import.meta.url);

describe('docs/findings', () => {
  it.each(FINDING_CODES)('%s has a page naming its code and severity', (code) => {
    expect(existsSync(page(code))).toBe(true);
    const text = readFileSync(page(code), 'utf8');
    expect(text.startsWith(`# ${code}`)).toBe(true);
    expect(text).toContain(FINDINGS[code].severity);
  });
  it('the index lists every code', () => {
    const index = readFileSync(new URL('../docs/findings/README.md', import.meta.url), 'utf8');
    for (const code of FINDING_CODES) expect(index).toContain(`${code}.md`);
  });
});
