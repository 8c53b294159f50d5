/**
 * Node: the JS SDK an app loads, found as require() finds it: node_modules walking up from
 * the script (and the cwd), pnpm's virtual store, npm's nested copies, then NODE_PATH.
 */
import { posix } from 'node:path';
import { describeError } from '../../errors.ts';
import { appPath, at, ev, isDir, listDir, readTextCapped, safeCompare, uniq } from './helpers.ts';
import type { AppProc, Detected, Evidence, Read, RuntimeDetector, SdkHit, SearchResult } from './types.ts';

const { basename, dirname, resolve } = posix;

// node options that take the next argv entry as their value (node --help; `--opt=value` needs no skip)
const NODE_VALUE_OPTIONS = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '-C',
  '--conditions',
  '--title',
  '--env-file',
  '--input-type',
  '--stack-size',
  '--max-old-space-size',
  '--inspect-port',
  '--openssl-config',
  '--icu-data-dir',
  '--disable-warning',
]);

/** The script node runs: the first non-option argument after the executable; null for -e/-p/stdin. */
export function nodeScriptOf(argv: readonly string[]): string | null {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') return argv[i + 1] ?? null;
    if (a === '-' || a === '-e' || a === '--eval' || a === '-p' || a === '--print') return null;
    if (a.startsWith('-')) {
      if (NODE_VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    return a;
  }
  return null;
}

interface PackageJson {
  name: string | null;
  version: string | null;
}

async function readPackageJson(path: string): Promise<Read<PackageJson>> {
  const r = await readTextCapped(path);
  if (!r.ok) return r;
  try {
    const j: unknown = JSON.parse(r.value);
    if (typeof j !== 'object' || j === null) return { ok: false, error: 'not a JSON object' };
    const rec = j as Record<string, unknown>;
    return { ok: true, value: { name: typeof rec['name'] === 'string' ? rec['name'] : null, version: typeof rec['version'] === 'string' ? rec['version'] : null } };
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${describeError(e)}` };
  }
}

/** pnpm's virtual-store entry name for a package: `@aws-sdk+credential-provider-node@3.600.0` with an optional peer suffix (`_…` in pnpm 7/8, `(…)` in pnpm 9). */
export function pnpmEntryVersion(entry: string, pkg: string): string | null {
  const prefix = `${pkg.replace('/', '+')}@`;
  if (!entry.startsWith(prefix)) return null;
  const m = /^(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)(?:$|[_(])/.exec(entry.slice(prefix.length));
  return m?.[1] ?? null;
}

function newest<T extends { version: string }>(items: readonly T[]): T | null {
  let best: T | null = null;
  for (const it of items) if (best === null || safeCompare(it.version, best.version) > 0) best = it;
  return best;
}

interface PackageHit {
  version: string | null;
  from: string;
  others: string[];
}
interface PackageCopy {
  version: string;
  from: string;
}

/** pnpm's virtual store: `.pnpm/<pkg>@<version>/node_modules/<pkg>`. */
async function pnpmCopies(nm: string, pkg: string, root: string): Promise<PackageCopy[]> {
  const store: PackageCopy[] = [];
  for (const entry of await listDir(at(root, `${nm}/.pnpm`))) {
    const fromName = pnpmEntryVersion(entry, pkg);
    if (fromName === null) continue;
    const path = `${nm}/.pnpm/${entry}/node_modules/${pkg}/package.json`;
    const inner = await readPackageJson(at(root, path));
    // the entry name carries the version; package.json, when readable, is the authority
    store.push({ version: inner.ok && inner.value.version !== null ? inner.value.version : fromName, from: inner.ok ? path : `${nm}/.pnpm/${entry}` });
  }
  return store;
}

/** npm's nested copies under other @aws-sdk packages, when versions conflict. */
async function nestedCopies(nm: string, pkg: string, root: string): Promise<PackageCopy[]> {
  const store: PackageCopy[] = [];
  for (const sibling of await listDir(at(root, `${nm}/@aws-sdk`))) {
    const path = `${nm}/@aws-sdk/${sibling}/node_modules/${pkg}/package.json`;
    const inner = await readPackageJson(at(root, path));
    if (inner.ok && inner.value.name === pkg && inner.value.version !== null) store.push({ version: inner.value.version, from: path });
  }
  return store;
}

/**
 * Looks for one package in one node_modules directory, as Node's resolver would find it
 * (`node_modules/<pkg>`), then in the places a package manager puts a copy the app still
 * loads: pnpm's virtual store and npm's nested copies.
 */
async function findPackage(nm: string, pkg: string, root: string): Promise<PackageHit | null> {
  const direct = `${nm}/${pkg}/package.json`;
  const pj = await readPackageJson(at(root, direct));
  if (pj.ok && pj.value.name === pkg) return { version: pj.value.version, from: direct, others: [] };
  let store = await pnpmCopies(nm, pkg, root);
  if (store.length === 0 && pkg.startsWith('@aws-sdk/')) store = await nestedCopies(nm, pkg, root);
  const best = newest(store);
  if (best === null) return null;
  return { version: best.version, from: best.from, others: store.filter((s) => s !== best).map((s) => `${s.version} (${s.from})`) };
}

function ancestors(dir: string): string[] {
  const out: string[] = [];
  let d = resolve('/', dir);
  for (let i = 0; i < 64; i++) {
    out.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

interface NodeSearchOptions {
  nodePath?: readonly string[];
  root?: string;
  within?: boolean;
}

/** Each node_modules in require() order, until both v3 and v2 are found. */
async function searchNodeModules(dir: string, options: NodeSearchOptions): Promise<{ v3: PackageHit | null; v2: PackageHit | null }> {
  const root = options.root ?? '';
  // `within`: --app-dir names the app's own tree; a node_modules above it belongs to someone else
  const dirs = options.within ? [dir] : ancestors(dir);
  const places = [...(options.within && basename(dir) === 'node_modules' ? [dir] : []), ...dirs.map((d) => (d === '/' ? '/node_modules' : `${d}/node_modules`)), ...(options.nodePath ?? [])];
  let v3: PackageHit | null = null;
  let v2: PackageHit | null = null;
  for (const nm of places) {
    if (!(await isDir(at(root, nm)))) continue;
    v3 ??= await findPackage(nm, '@aws-sdk/credential-provider-node', root);
    v2 ??= await findPackage(nm, 'aws-sdk', root);
    if (v3 && v2) break;
  }
  return { v3, v2 };
}

/**
 * The JS SDK an app in `dir` loads: walks up from `dir` through each `node_modules`, as
 * require() does, for `@aws-sdk/credential-provider-node` (v3's default chain) and `aws-sdk`
 * (v2), then NODE_PATH. v3 is reported when both are installed; the other is in the evidence.
 */
export async function findNodeSdk(dir: string, options: NodeSearchOptions = {}): Promise<SearchResult> {
  const evidence: Evidence[] = [];
  const { v3, v2 } = await searchNodeModules(dir, options);
  if (v3) {
    evidence.push(ev('js-v3', `@aws-sdk/credential-provider-node ${v3.version ?? '(no version)'} from ${v3.from}`));
    if (v3.others.length > 0) evidence.push(ev('js-v3 other copies', v3.others.join(', ')));
  }
  if (v2) evidence.push(ev('js-v2', `aws-sdk ${v2.version ?? '(no version)'} from ${v2.from}${v3 ? ' (also installed; v3 reported)' : ''}`));
  if (!v3 && !v2)
    evidence.push(ev('node search', `no @aws-sdk/credential-provider-node or aws-sdk in node_modules ${options.within ? `in ${dir}` : `from ${dir} up`}${options.nodePath?.length ? ` or NODE_PATH ${options.nodePath.join(':')}` : ''}`));
  const hit: SdkHit | null = v3 ? { family: 'js-v3', version: v3.version, from: v3.from } : v2 ? { family: 'js-v2', version: v2.version, from: v2.from } : null;
  return { hit, evidence };
}

/** A node process: from the script's directory, then the cwd; NODE_PATH with the last. */
async function detectNode(proc: AppProc): Promise<Detected> {
  const evidence: Evidence[] = [];
  const argv = proc.argv ?? [];
  const script = nodeScriptOf(argv);
  const nodePath = (proc.env['NODE_PATH'] ?? '')
    .split(':')
    .filter(Boolean)
    .map((p) => appPath(p, proc.cwd));
  const starts = uniq([script !== null ? dirname(appPath(script, proc.cwd)) : '', proc.cwd ?? '']);
  if (script !== null) evidence.push(ev('script', appPath(script, proc.cwd)));
  for (const [i, start] of starts.entries()) {
    const r = await findNodeSdk(start, { nodePath: i === starts.length - 1 ? nodePath : [], root: proc.root });
    if (r.hit || i === starts.length - 1)
      return { runtime: 'node', hit: r.hit, evidence: [...evidence, ...r.evidence], why: r.hit ? null : 'no JS SDK package found in node_modules (a bundled app carries the SDK inside its bundle, which is not read)' };
  }
  return { runtime: 'node', hit: null, evidence, why: 'neither a script nor a working directory to search from' };
}

export const node: RuntimeDetector = {
  runtime: 'node',
  name: 'node',
  families: ['js-v3', 'js-v2'],
  byName: { matches: (name) => /^(node|nodejs|bun)(\d+)?$/.test(name), detect: detectNode },
  inDir: (dir) => findNodeSdk(dir, { within: true }),
};
