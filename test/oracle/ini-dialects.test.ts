// Each SDK's INI dialect against its real parser, on generated files (issue 11 item 1):
// src/sdks/python/ini.ts against Debian's botocore (configloader.load_config / raw_config_parse,
// through botocore-ini.py), src/sdks/go-v2/ini.ts (legacy) against Debian's aws-sdk-go-v2
// internal/ini (go-ini/main.go, built offline). The files are drawn from the forms users write
// and the SDKs disagree on: case, ":" lines, inline and glued comments, duplicates, a BOM,
// continuation and nested lines, empty and quoted values, spaced and quoted section names, CRLF.
// No network: the parsers read local files or stdin.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readBotoIni } from '../../src/sdks/python/ini.ts';
import { parseGoLegacyIni } from '../../src/sdks/go-v2/ini.ts';
import { oracleUnavailable } from './unavailable.ts';

const PYTHON = '/usr/bin/python3';
const GOCODE = '/usr/share/gocode/src';
const SDK_DIR = `${GOCODE}/github.com/aws/aws-sdk-go-v2`;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const here = (f: string): string => fileURLToPath(new URL(f, import.meta.url));

// ---------------------------------------------------------------- the files

const header = fc.constantFrom('[default]', '[profile a]', '[profile  a]', '[ default ]', '[default]#c', '[default] ; c', '[DEFAULT]', '[profile "a b"]', '[profile default]', '[sso-session s]', '[a]', '[]', '  [default]');
const key = fc.constantFrom('aws_access_key_id', 'AWS_SECRET_ACCESS_KEY', 'aws_secret_access_key', 'region', 'Region', 'note', 's3', 'a b');
const sep = fc.constantFrom(' = ', '=', ': ', ' :', ' =\t');
const value = fc.constantFrom('v1', 'v 2', '"q v"', "'q'", 'x ; c', 'x;c', 'x # c', 'x\t# c', '', 'a=b', '"open', '[x]');
const indent = fc.constantFrom('', '', '', '  ', '\t');
const line = fc.oneof(
  { weight: 2, arbitrary: header },
  { weight: 6, arbitrary: fc.tuple(indent, key, sep, value).map(([i, k, s, v]) => `${i}${k}${s}${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('# c', '; c', '', '  more text', 'justword') },
);
const file = fc.tuple(fc.boolean(), fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n')).map(([bom, lines, eol]) => `${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`);
// Go's legacy lexer pairs quotes across lines before it parses (an open quote swallows the lines
// up to the next one, wherever it stands): modelled for one open quote, not for chains of them
const goFile = file.filter((t) => (t.match(/"open/g) ?? []).length <= 1);
const KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'region', 'note', 's3'];
const samples = (seed: number, n: number, of = file): string[] => fc.sample(of, { seed, numRuns: n });

const dir = mkdtempSync(join(tmpdir(), 'ecd-ini-dialects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------- botocore

const botocore = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import botocore'], { env: { PATH: '/usr/bin:/bin' } }).status === 0;
oracleUnavailable('the botocore INI dialect property test', botocore ? null : `not installed: botocore for ${PYTHON}`, 'python3-botocore');

describe.skipIf(!botocore)("botocore's INI dialect against Debian's botocore configloader", () => {
  it('reads every generated file as botocore does (profiles, or ConfigParseError)', () => {
    const texts = samples(11, 300);
    const items = texts.flatMap((t, i) => (['config', 'credentials'] as const).map((kind) => ({ text: t, kind, path: join(dir, `boto-${i}-${kind}`) })));
    for (const it of items) writeFileSync(it.path, it.text);
    const r = spawnSync(PYTHON, [here('./botocore-ini.py')], { input: JSON.stringify(items.map(({ path, kind }) => ({ path, kind }))), encoding: 'utf8', env: { PATH: '/usr/bin:/bin', LC_ALL: 'C.UTF-8' }, maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const real = JSON.parse(r.stdout) as ({ ok: true; profiles: Record<string, Record<string, string>> } | { ok: false; error: string })[];
    let errors = 0;
    items.forEach((it, i) => {
      const want = real[i];
      const ours = readBotoIni(it.text, it.kind);
      const label = `${it.kind} file ${JSON.stringify(it.text)}`;
      if (!want?.ok) {
        errors++;
        expect(ours.ok, label).toBe(false);
      } else {
        expect(ours, label).toEqual({ ok: true, profiles: want.profiles, ssoSessions: expect.anything() });
      }
    });
    // the generator reaches both outcomes
    expect(errors).toBeGreaterThan(10);
    expect(errors).toBeLessThan(items.length - 10);
  });
});

// ---------------------------------------------------------------- Go (legacy parser, Debian's config 1.17.10)

const GO_ENV = { PATH: '/usr/bin:/bin', GOPROXY: 'off', GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOTELEMETRY: 'off', GOWORK: 'off' };
const goVersion = (): string | null => /goModuleVersion = "([^"]+)"/.exec(existsSync(join(SDK_DIR, 'aws/go_module_metadata.go')) ? readFileSync(join(SDK_DIR, 'aws/go_module_metadata.go'), 'utf8') : '')?.[1] ?? null;
const goReady = spawnSync('go', ['version'], { env: { ...GO_ENV, HOME: tmpdir() } }).status === 0 && goVersion() !== null && existsSync(join(SDK_DIR, 'internal/ini'));
oracleUnavailable('the Go INI dialect property test', goReady ? null : `not installed: go and ${SDK_DIR}`, 'golang-go and golang-github-aws-aws-sdk-go-v2-dev');

/** go build of go-ini/main.go against Debian's sources, offline; cached by the hash of main.go in .cache/go-oracle. */
function buildGoIni(): string {
  const main = readFileSync(here('./go-ini/main.go'), 'utf8');
  const cache = join(ROOT, '.cache', 'go-oracle', `ini-${goVersion()}-${Buffer.from(main).toString('base64url').length}-${main.length}`);
  const bin = join(cache, 'go-ini');
  if (existsSync(bin)) return bin;
  mkdirSync(cache, { recursive: true });
  const src = mkdtempSync(join(tmpdir(), 'ecd-go-ini-'));
  try {
    mkdirSync(join(src, 'stub-testify'));
    writeFileSync(join(src, 'stub-testify', 'go.mod'), 'module github.com/jmespath/go-jmespath/internal/testify\n\ngo 1.14\n');
    const deps = {
      'github.com/aws/aws-sdk-go-v2': SDK_DIR,
      'github.com/aws/smithy-go': `${GOCODE}/github.com/aws/smithy-go`,
      'github.com/jmespath/go-jmespath': `${GOCODE}/github.com/jmespath/go-jmespath`,
      'github.com/google/go-cmp': `${GOCODE}/github.com/google/go-cmp`,
    };
    const replaces = [...Object.entries(deps).map(([m, d]) => `\t${m} => ${d}`), '\tgithub.com/jmespath/go-jmespath/internal/testify => ./stub-testify'];
    writeFileSync(join(src, 'go.mod'), `module github.com/aws/aws-sdk-go-v2/ecdinioracle\n\ngo 1.19\n\nrequire github.com/aws/aws-sdk-go-v2 v${goVersion()}\n\nreplace (\n${replaces.join('\n')}\n)\n`);
    writeFileSync(join(src, 'main.go'), main);
    const r = spawnSync('go', ['build', '-trimpath', '-o', `${bin}.tmp`, '.'], {
      cwd: src,
      encoding: 'utf8',
      env: { ...GO_ENV, HOME: src, GOCACHE: join(ROOT, '.cache', 'go-oracle', 'gocache'), GOPATH: join(src, 'gopath') },
      timeout: 280_000,
    });
    if (r.status !== 0) throw new Error(`go build of go-ini failed: ${r.stdout}${r.stderr}`);
    renameSync(`${bin}.tmp`, bin);
    return bin;
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}

describe.skipIf(!goReady)("Go's legacy INI dialect against Debian's aws-sdk-go-v2 internal/ini", () => {
  it('reads every generated file as internal/ini does (sections and values, or an error)', { timeout: 300_000 }, () => {
    const bin = buildGoIni();
    const texts = samples(7, 400, goFile);
    const r = spawnSync(bin, [], { input: JSON.stringify(texts.map((text) => ({ text, keys: KEYS }))), encoding: 'utf8', env: { PATH: '/usr/bin:/bin' }, maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const real = JSON.parse(r.stdout) as { ok: boolean; sections?: Record<string, Record<string, string>> }[];
    let errors = 0;
    texts.forEach((text, i) => {
      const want = real[i];
      const ours = parseGoLegacyIni(text);
      const label = JSON.stringify(text);
      if (!want?.ok) {
        errors++;
        expect(ours.ok, label).toBe(false);
        return;
      }
      expect(ours.ok, label).toBe(true);
      if (!ours.ok) return;
      const mine = Object.fromEntries([...ours.sections].map(([name, values]) => [name, Object.fromEntries([...values].filter(([k]) => KEYS.includes(k)))]));
      expect(mine, label).toEqual(want.sections ?? {});
    });
    expect(errors).toBeGreaterThan(5);
    expect(errors).toBeLessThan(texts.length - 10);
  });
});
