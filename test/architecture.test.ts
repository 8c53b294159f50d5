// The layer checker (architecture.ts) on small made-up import graphs, so that it cannot pass
// by seeing nothing: each way of writing an import, each rule, and cycles must be reported.
// The real tree is checked by architecture-tree.test.ts.
import { describe, expect, it } from 'vitest';
import { checkArchitecture, globToRegExp, importsOf, RULES } from './architecture.ts';

const graph = (files: Record<string, string>): Map<string, string> => new Map(Object.entries(files));

describe('the architecture checker on a synthetic tree', () => {
  it('reports a cycle and a forbidden arrow, and nothing for allowed imports', () => {
    const found = checkArchitecture(
      graph({
        'src/a.ts': "import { b } from './b.ts';\nexport const a = 1;",
        'src/b.ts': "import type { A } from './a.ts';\nexport const b = 2;",
        'src/gather/probe.ts': "import { readFile } from 'node:fs/promises';\nimport type { Facts } from '../model.ts';\nimport { judge } from '../verdict.ts';",
        'src/model.ts': 'export interface Facts { x: number }',
        'src/verdict.ts': "import type { Facts } from './model.ts';\nexport const judge = 1;",
      }),
    );
    expect(found).toEqual(['cycle: src/a.ts → src/b.ts → src/a.ts', 'forbidden: src/gather/probe.ts:3 → src/verdict.ts  (gather does the I/O and returns facts: it knows no source, SDK, chain, finding, verdict or renderer)']);
  });

  it('every rule of the table fires on an arrow it forbids, and not on one it allows', () => {
    const found = checkArchitecture(
      graph({
        'src/gather/a.ts':
          "export { s } from '../sources/s.ts';\nexport async function f() { return import('../render/text.ts'); }\nimport '../chains/c.ts';\nimport '../sdks/js-v3/index.ts';\nimport '../findings.ts';\nimport '../verdict/rules/r.ts';",
        'src/sources/s.ts': "import type { G } from '../gather/g.ts';\nexport const s = 1;",
        'src/sdks/js-v3/index.ts': "import { g } from '../../gather/g.ts';",
        'src/render/text.ts': "import { v } from '../verdict.ts';\nimport { r } from '../verdict/rules/r.ts';\nimport { m } from '../model/report.ts';",
        'src/model/report.ts': "import type { C } from './chain.ts';\nimport type { X } from '../chains/c.ts';",
        'src/model/chain.ts': 'export type C = 1;',
        'src/gather/g.ts': 'export type G = 1; export const g = 1;',
        'src/chains/c.ts': 'export type X = 1;',
        'src/findings.ts': '',
        'src/verdict.ts': 'export const v = 1;',
        'src/verdict/rules/r.ts': 'export const r = 1;',
      }),
    );
    const arrows = found.map((f) => f.replace(/ {2}\(.*\)$/, ''));
    expect(arrows).toEqual([
      'forbidden: src/gather/a.ts:1 → src/sources/s.ts',
      'forbidden: src/gather/a.ts:2 → src/render/text.ts',
      'forbidden: src/gather/a.ts:3 → src/chains/c.ts',
      'forbidden: src/gather/a.ts:4 → src/sdks/js-v3/index.ts',
      'forbidden: src/gather/a.ts:5 → src/findings.ts',
      'forbidden: src/gather/a.ts:6 → src/verdict/rules/r.ts',
      'forbidden: src/model/report.ts:2 → src/chains/c.ts',
      'forbidden: src/render/text.ts:1 → src/verdict.ts',
      'forbidden: src/render/text.ts:2 → src/verdict/rules/r.ts',
      'forbidden: src/sdks/js-v3/index.ts:1 → src/gather/g.ts',
      'forbidden: src/sources/s.ts:1 → src/gather/g.ts',
    ]);
  });

  it('a longer cycle is printed as a path, with every file of its component', () => {
    const found = checkArchitecture(
      graph({
        'src/model.ts': "import type { Chain } from './chains/types.ts';",
        'src/chains/types.ts': "import type { Src } from '../sources/types.ts';",
        'src/sources/types.ts': "import type { Region } from '../region.ts';",
        'src/region.ts': "import { sts } from './sts-endpoint.ts';\nimport type { Facts } from './model.ts';",
        'src/sts-endpoint.ts': "import { region } from './region.ts';",
        'src/self.ts': "import { self } from './self.ts';",
      }),
    );
    expect(found).toContain(
      [
        'cycle: src/chains/types.ts → src/sources/types.ts → src/region.ts → src/model.ts → src/chains/types.ts  (5 files in one cycle: src/chains/types.ts, src/model.ts, src/region.ts, src/sources/types.ts, src/sts-endpoint.ts; the imports among them:',
        '    src/chains/types.ts:1 → src/sources/types.ts',
        '    src/model.ts:1 → src/chains/types.ts',
        '    src/region.ts:1 → src/sts-endpoint.ts',
        '    src/region.ts:2 → src/model.ts',
        '    src/sources/types.ts:1 → src/region.ts',
        '    src/sts-endpoint.ts:1 → src/region.ts)',
      ].join('\n'),
    );
    expect(found).toContain('cycle: src/self.ts → src/self.ts');
    expect(found.filter((f) => f.startsWith('cycle:'))).toHaveLength(2);
    // the synthetic tree has no src/model/: only the cycles are reported
    expect(found.filter((f) => f.startsWith('forbidden:'))).toEqual([]);
  });

  it('an import it cannot follow is reported, not skipped', () => {
    const found = checkArchitecture(
      graph({
        'src/cli.ts': "const name = './verdict.ts';\nawait import(name);\nimport { x } from './missing.ts';",
        'src/verdict.ts': '',
      }),
    );
    expect(found).toEqual(['unchecked: src/cli.ts:2 import(name)  (module name is not a string literal)', 'unchecked: src/cli.ts:3 ./missing.ts  (relative import of no file in the graph)']);
  });
});

describe('importsOf', () => {
  it('finds every way of writing an import, and no import inside a comment or a string', () => {
    const text = [
      "import a from './a.ts';",
      "import type { B } from './b.ts';",
      "import { type C, d } from './c.ts';",
      "import './side-effect.ts';",
      "export * from './star.ts';",
      "export type { E } from './e.ts';",
      "const f = await import('./f.ts');",
      'const g = await import(`./g.ts`);',
      "let h: typeof import('./h.ts');",
      "import i = require('./i.ts');",
      "// import z from './comment.ts';",
      'const s = "import y from \'./string.ts\'";',
      "import fs from 'node:fs';",
    ].join('\n');
    const { refs, opaque } = importsOf('src/x.ts', text);
    expect(refs.map((r) => `${r.line} ${r.kind} ${r.specifier}`)).toEqual([
      '1 static ./a.ts',
      '2 type ./b.ts',
      '3 static ./c.ts',
      '4 static ./side-effect.ts',
      '5 export-from ./star.ts',
      '6 export-from ./e.ts',
      '7 dynamic ./f.ts',
      '8 dynamic ./g.ts',
      '9 import-type ./h.ts',
      '10 import-equals ./i.ts',
      '13 static node:fs',
    ]);
    expect(opaque).toEqual([]);
  });

  it('globs: * stays in a folder, ** crosses folders', () => {
    expect(globToRegExp('src/verdict*').test('src/verdict.ts')).toBe(true);
    expect(globToRegExp('src/verdict*').test('src/verdict-rules.ts')).toBe(true);
    expect(globToRegExp('src/verdict*').test('src/verdict/rules/a.ts')).toBe(false);
    expect(globToRegExp('src/verdict/**').test('src/verdict/rules/a.ts')).toBe(true);
    expect(globToRegExp('src/gather/**').test('src/gather-x.ts')).toBe(false);
    expect(globToRegExp('src/sdk*').test('src/sdk.ts')).toBe(true);
  });

  it('the rule table names every layer the issue lists', () => {
    const arrows = RULES.flatMap((r) => r.from.flatMap((f) => r.forbid.map((t) => `${f} ↛ ${t}`)));
    for (const a of [
      'src/gather/** ↛ src/verdict*',
      'src/gather/** ↛ src/sources/**',
      'src/gather/** ↛ src/sdks/**',
      'src/gather/** ↛ src/chains/**',
      'src/gather/** ↛ src/findings*',
      'src/gather/** ↛ src/render/**',
      'src/sources/** ↛ src/gather/**',
      'src/sdks/** ↛ src/gather/**',
      'src/render/** ↛ src/verdict*',
      'src/render/** ↛ src/verdict/**',
      'src/model/** ↛ src/**',
    ])
      expect(arrows).toContain(a);
  });
});
