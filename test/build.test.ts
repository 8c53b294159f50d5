// The build's gates: a stub of build.mjs that matches nothing fails the build (scripts/stubs.mjs,
// and build.mjs itself on a copy of its inputs), and the bundle stays within its size budget.
// `npm test` builds dist/ecs-cred-doctor.mjs before vitest starts (scripts/test.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { stubsPlugin, unmatchedStubs, unmatchedStubsError, validateStubTable, type Stub } from '../scripts/stubs.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'ecs-cred-doctor.mjs');
/** The budget: 500 KB, read as 500,000 bytes (the stricter reading). */
const BUDGET_BYTES = 500_000;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecd-build-test-'));
  scratch.push(dir);
  return dir;
}

const fileStub = (over: Partial<Stub> = {}): Stub => ({
  name: 'heavy-module',
  kind: 'stub',
  file: /[\\/]heavy\.js$/,
  why: 'the fixture entry never calls it: a test of the stub table',
  contents: 'export const heavy = () => "stand-in";',
  ...over,
});
const specifierStub = (over: Partial<Stub> = {}): Stub => ({
  name: 'virtual-package',
  kind: 'trim',
  specifier: /^virtual-package$/,
  why: 'no such package exists: only the stub can provide it, a test of the table',
  contents: 'export const virtualValue = "from the stub";',
  ...over,
});

describe('the stub table (scripts/stubs.mjs)', () => {
  it('names exactly the stubs that matched nothing, in table order', () => {
    const table = [fileStub({ name: 'a' }), fileStub({ name: 'b' }), specifierStub({ name: 'c' })];
    expect(unmatchedStubs(table, new Map([['b', 2]]))).toEqual(['a', 'c']);
    expect(
      unmatchedStubs(
        table,
        new Map([
          ['a', 1],
          ['b', 1],
          ['c', 1],
        ]),
      ),
    ).toEqual([]);
    expect(
      unmatchedStubs(
        table,
        new Map([
          ['a', 0],
          ['b', 1],
          ['c', 1],
        ]),
      ),
    ).toEqual(['a']);
    expect(
      unmatchedStubsError(
        table,
        new Map([
          ['a', 1],
          ['b', 1],
          ['c', 1],
        ]),
      ),
    ).toBeNull();
    const message = unmatchedStubsError(table, new Map([['a', 1]]));
    expect(message).toContain('2 bundle stub(s) matched nothing');
    expect(message).toContain('- b: no module path matched');
    expect(message).toContain('- c: no import of /^virtual-package$/');
  });

  it('refuses a table that is not well formed', () => {
    expect(() => validateStubTable([fileStub(), fileStub()])).toThrow(/used twice/);
    expect(() => validateStubTable([fileStub({ why: '' })])).toThrow(/why/);
    expect(() => validateStubTable([fileStub({ specifier: /x/ })])).toThrow(/exactly one of/);
    expect(() => validateStubTable([specifierStub({ specifier: undefined })])).toThrow(/exactly one of/);
    expect(() => validateStubTable([fileStub({ importer: /x/ })])).toThrow(/importer/);
    expect(validateStubTable([fileStub(), specifierStub()])).toHaveLength(2);
  });

  function fixture(): string {
    const dir = scratchDir();
    writeFileSync(join(dir, 'heavy.js'), 'export const heavy = () => "the real heavy module";\n');
    writeFileSync(join(dir, 'entry.js'), "import { heavy } from './heavy.js';\nimport { virtualValue } from 'virtual-package';\nconsole.log(heavy(), virtualValue);\n");
    return dir;
  }
  const bundle = (dir: string, table: Stub[]) => build({ entryPoints: [join(dir, 'entry.js')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent', plugins: [stubsPlugin(table)] });

  it('puts the stand-ins into an esbuild bundle when every stub matches', async () => {
    const dir = fixture();
    const result = await bundle(dir, [fileStub(), specifierStub()]);
    const text = result.outputFiles[0]?.text ?? '';
    expect(text).toContain('"stand-in"');
    expect(text).toContain('"from the stub"');
    expect(text).not.toContain('the real heavy module');
  });

  it('fails the esbuild build, naming the stub, when a stub matches nothing', async () => {
    const dir = fixture();
    const stale = fileStub({ name: 'moved-by-an-upgrade', file: /[\\/]heavy-old-name\.js$/ });
    const failure = await bundle(dir, [fileStub(), specifierStub(), stale]).then(
      () => null,
      (e: unknown) => e as { errors?: { text: string }[] },
    );
    expect(failure?.errors?.map((m) => m.text).join('\n')).toMatch(/1 bundle stub\(s\) matched nothing:\n {2}- moved-by-an-upgrade: no module path matched/);
  });

  it('counts an import stub only for the importers it is limited to', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'real.js'), 'export const realValue = "the real module";\n');
    writeFileSync(join(dir, 'entry.js'), "import { realValue } from './real.js';\nconsole.log(realValue);\n");
    const stub = specifierStub({ name: 'real-for-others', specifier: /^\.\/real\.js$/, contents: 'export const realValue = "stand-in";' });
    const run = (table: Stub[]) =>
      build({ entryPoints: [join(dir, 'entry.js')], bundle: true, write: false, format: 'esm', logLevel: 'silent', plugins: [stubsPlugin(table)] }).then(
        (r) => ({ text: r.outputFiles[0]?.text ?? '', errors: '' }),
        (e: { errors?: { text: string }[] }) => ({ text: '', errors: (e.errors ?? []).map((m) => m.text).join('\n') }),
      );
    const forEntry = await run([{ ...stub, importer: /[\\/]entry\.js$/ }]);
    expect(forEntry.errors).toBe('');
    expect(forEntry.text).toContain('"stand-in"');
    const forOthers = await run([{ ...stub, importer: /[\\/]some-other-file\.ts$/ }]);
    expect(forOthers.errors).toMatch(/^1 bundle stub\(s\) matched nothing:\n/);
    expect(forOthers.errors).toContain('- real-for-others: no import of ');
    expect(forOthers.errors).toContain(` from ${String(/[\\/]some-other-file\.ts$/)}`);
  });
});

describe('build.mjs', () => {
  it('exits 1, names the stub and leaves no bundle when a stub of its table matches nothing', () => {
    // a copy of the build inputs, so dist/ of this tree (which the other tests run) is untouched
    const dir = scratchDir();
    for (const f of ['build.mjs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(dir, f));
    mkdirSync(join(dir, 'scripts'));
    cpSync(join(ROOT, 'scripts', 'stubs.mjs'), join(dir, 'scripts', 'stubs.mjs'));
    cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const source = readFileSync(join(dir, 'build.mjs'), 'utf8');
    const anchor = 'const STUBS = [\n';
    expect(source).toContain(anchor);
    const stale = "  { name: 'stale-after-upgrade', kind: 'stub', file: /[\\\\/]no-such-module-anywhere\\.js$/, why: 'a stub whose module an upgrade renamed', contents: '' },\n";
    writeFileSync(join(dir, 'build.mjs'), source.replace(anchor, anchor + stale));

    const r = spawnSync(process.execPath, ['build.mjs', '--quiet'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('1 bundle stub(s) matched nothing');
    expect(r.stderr).toContain('- stale-after-upgrade: no module path matched');
    expect(existsSync(join(dir, 'dist', 'ecs-cred-doctor.mjs'))).toBe(false);
  });

  it(`keeps dist/ecs-cred-doctor.mjs within its budget of ${BUDGET_BYTES} bytes`, () => {
    expect(existsSync(BUNDLE), 'dist/ecs-cred-doctor.mjs is missing: run the tests through `npm test` (scripts/test.mjs builds it first)').toBe(true);
    const size = statSync(BUNDLE).size;
    expect(size, `the bundle is ${size} bytes; \`node build.mjs --analyze\` lists its largest inputs`).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
