/**
 * `--sdk auto`: which AWS SDK, and which release, the app process uses. The chain a container
 * app walks depends on its SDK (SDK-CHAINS.md §1–§4), so the report is only right when it
 * models that SDK; this module finds it from /proc/<pid> (exe, cmdline, cwd, environ) and the
 * app's files, and says where each conclusion came from. It never throws: every unreadable
 * entry becomes evidence, and when nothing is found the caller models js-v3 with a note.
 */
import { open, readdir, readlink, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { describeError, errorCode } from '../errors.ts';
import { compareVersions } from '../sdk.ts';
import { parseEnviron } from './process.ts';

const { basename, dirname, isAbsolute, resolve } = posix;

export type SdkFamily = 'js-v3' | 'js-v2' | 'python' | 'aws-cli' | 'java-v2' | 'java-v1' | 'go-v2' | 'go-v1';
export type AppRuntime = 'node' | 'python' | 'java' | 'go' | 'unknown';
export interface Evidence {
  label: string;
  value: string;
}
export interface SdkDetection {
  family: SdkFamily | null;
  version: string | null;
  runtime: AppRuntime;
  evidence: Evidence[];
  note: string | null;
}
/** One SDK found on disk: which, which release, and the file that says so. */
export interface SdkHit {
  family: SdkFamily;
  version: string | null;
  from: string;
}
export interface SearchResult {
  hit: SdkHit | null;
  evidence: Evidence[];
}

/** Text files (package.json, __init__.py, /proc entries, Java @argfiles) are read up to this. */
export const TEXT_CAP = 1024 * 1024;
/** A Go binary is scanned for its build info in its first 64 MiB at most, 1 MiB at a time. */
export const GO_SCAN_CAP = 64 * 1024 * 1024;
const GO_CHUNK = 1024 * 1024;
/** Bytes read from a build-info blob or an ELF section; a modinfo of many hundred modules fits. */
const GO_WINDOW = 1024 * 1024;
/** Directory listings are cut here: a site-packages or .pnpm can be large, not unbounded. */
const DIR_CAP = 20_000;
const EVIDENCE_CAP = 60;
const VALUE_CAP = 400;
/** PID 1 is often tini, dumb-init or `sh -c`: its children are looked at, this deep and this many. */
const CHILD_DEPTH = 3;
const PROCESS_CAP = 8;

const ASSUMED = 'the js-v3 chain is assumed';

// ---------------------------------------------------------------------------------------------
// small I/O helpers: capped, and they return an error string instead of throwing

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/** A short, stable reason for an fs error: the code first (it is what users search for). */
export function describeFsError(e: unknown): string {
  const code = errorCode(e);
  switch (code) {
    case 'ENOENT':
      return 'not found (ENOENT)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EISDIR':
      return 'is a directory (EISDIR)';
    case 'ENOTDIR':
      return 'not a directory (ENOTDIR)';
    case 'ESRCH':
      return 'no such process (ESRCH)';
    default:
      return code === undefined ? describeError(e) : `${code}: ${describeError(e)}`;
  }
}

function notAFile(st: { isDirectory(): boolean }): string {
  return st.isDirectory() ? 'is a directory (EISDIR)' : 'not a regular file';
}

/**
 * Reads a whole file up to `cap` bytes. It reads until EOF rather than trusting stat's size,
 * because /proc files report size 0.
 */
async function readBytesCapped(path: string, cap = TEXT_CAP): Promise<Read<Buffer>> {
  let handle;
  try {
    // opening a FIFO would wait for a writer forever; /proc entries are regular files
    const st = await stat(path);
    if (!st.isFile()) return { ok: false, error: notAFile(st) };
    handle = await open(path, 'r');
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  }
  try {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(64 * 1024, cap + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      parts.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > cap) return { ok: false, error: `over the ${cap}-byte cap; not read` };
    }
    return { ok: true, value: Buffer.concat(parts) };
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function readTextCapped(path: string, cap = TEXT_CAP): Promise<Read<string>> {
  const r = await readBytesCapped(path, cap);
  return r.ok ? { ok: true, value: r.value.toString('utf8') } : r;
}

async function listDir(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).slice(0, DIR_CAP);
  } catch {
    return [];
  }
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** `root` is /proc/<pid>/root (the app's filesystem seen from here) or '' (our own). */
function at(root: string, appPath: string): string {
  return root === '' ? appPath : `${root}${appPath.startsWith('/') ? '' : '/'}${appPath}`;
}

export function ev(label: string, value: string): Evidence {
  return { label, value: value.length > VALUE_CAP ? `${value.slice(0, VALUE_CAP - 1)}…` : value };
}

function uniq(items: readonly string[]): string[] {
  return [...new Set(items.filter((s) => s !== ''))];
}

// ---------------------------------------------------------------------------------------------
// runtime

/**
 * The runtime from the executable's name (readlink of /proc/<pid>/exe) or, when that is
 * unreadable, argv[0]. A Go binary has no telling name: the caller recognises it by its
 * embedded build info, so this returns 'unknown' for it.
 */
export function runtimeOf(exePath: string | null, argv: readonly string[] | null): AppRuntime {
  // readlink gives "/usr/bin/node (deleted)" when the binary was replaced after start
  const names = [exePath?.replace(/ \(deleted\)$/, ''), argv?.[0]].filter((s): s is string => typeof s === 'string' && s !== '').map((p) => basename(p));
  for (const name of names) {
    if (/^(node|nodejs|bun)(\d+)?$/.test(name)) return 'node';
    if (/^(python|pypy)(\d+(\.\d+)?)?[dmu]?$/.test(name)) return 'python';
    if (name === 'java') return 'java';
  }
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------
// node

// node options that take the next argv entry as their value (node --help; `--opt=value` needs no skip)
const NODE_VALUE_OPTIONS = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--title', '--env-file', '--input-type', '--stack-size', '--max-old-space-size', '--inspect-port', '--openssl-config', '--icu-data-dir', '--disable-warning']);

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

function safeCompare(a: string, b: string): number {
  const n = compareVersions(a.replace(/-.*$/, ''), b.replace(/-.*$/, ''));
  return Number.isNaN(n) ? 0 : n;
}

interface PackageHit {
  version: string | null;
  from: string;
  others: string[];
}

/**
 * Looks for one package in one node_modules directory, as Node's resolver would find it
 * (`node_modules/<pkg>`), then in the places a package manager puts a copy the app still
 * loads: pnpm's virtual store (`.pnpm/<pkg>@<version>/node_modules/<pkg>`) and npm's nested
 * copies under other @aws-sdk packages when versions conflict.
 */
async function findPackage(nm: string, pkg: string, root: string): Promise<PackageHit | null> {
  const direct = `${nm}/${pkg}/package.json`;
  const pj = await readPackageJson(at(root, direct));
  if (pj.ok && pj.value.name === pkg) return { version: pj.value.version, from: direct, others: [] };

  const store: { version: string; from: string }[] = [];
  for (const entry of await listDir(at(root, `${nm}/.pnpm`))) {
    const fromName = pnpmEntryVersion(entry, pkg);
    if (fromName === null) continue;
    const path = `${nm}/.pnpm/${entry}/node_modules/${pkg}/package.json`;
    const inner = await readPackageJson(at(root, path));
    // the entry name carries the version; package.json, when readable, is the authority
    store.push({ version: inner.ok && inner.value.version !== null ? inner.value.version : fromName, from: inner.ok ? path : `${nm}/.pnpm/${entry}` });
  }
  if (store.length === 0 && pkg.startsWith('@aws-sdk/')) {
    for (const sibling of await listDir(at(root, `${nm}/@aws-sdk`))) {
      const path = `${nm}/@aws-sdk/${sibling}/node_modules/${pkg}/package.json`;
      const inner = await readPackageJson(at(root, path));
      if (inner.ok && inner.value.name === pkg && inner.value.version !== null) store.push({ version: inner.value.version, from: path });
    }
  }
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

/**
 * The JS SDK an app in `dir` loads: walks up from `dir` through each `node_modules`, as
 * require() does, for `@aws-sdk/credential-provider-node` (v3's default chain) and `aws-sdk`
 * (v2), then NODE_PATH. v3 is reported when both are installed; the other is in the evidence.
 */
export async function findNodeSdk(dir: string, options: { nodePath?: readonly string[]; root?: string; within?: boolean } = {}): Promise<SearchResult> {
  const root = options.root ?? '';
  const evidence: Evidence[] = [];
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
  if (v3) {
    evidence.push(ev('js-v3', `@aws-sdk/credential-provider-node ${v3.version ?? '(no version)'} from ${v3.from}`));
    if (v3.others.length > 0) evidence.push(ev('js-v3 other copies', v3.others.join(', ')));
  }
  if (v2) evidence.push(ev('js-v2', `aws-sdk ${v2.version ?? '(no version)'} from ${v2.from}${v3 ? ' (also installed; v3 reported)' : ''}`));
  if (!v3 && !v2) evidence.push(ev('node search', `no @aws-sdk/credential-provider-node or aws-sdk in node_modules ${options.within ? `in ${dir}` : `from ${dir} up`}${options.nodePath?.length ? ` or NODE_PATH ${options.nodePath.join(':')}` : ''}`));
  const hit: SdkHit | null = v3 ? { family: 'js-v3', version: v3.version, from: v3.from } : v2 ? { family: 'js-v2', version: v2.version, from: v2.from } : null;
  return { hit, evidence };
}

// ---------------------------------------------------------------------------------------------
// python

/** `__version__ = '1.29.27'` as botocore and awscli write it in their __init__.py. */
export function pythonVersionOf(initPy: string): string | null {
  return /^__version__\s*=\s*['"]([^'"\s]+)['"]/m.exec(initPy)?.[1] ?? null;
}

interface PythonArgs {
  /** the script path, or null for -c / -m / stdin */
  script: string | null;
  module: string | null;
  /** -E or -I: PYTHONPATH is ignored */
  ignoreEnv: boolean;
  /** -s or -I: the user site directory is not added */
  noUserSite: boolean;
}

/** What python's command line says about sys.path (python --help). */
export function pythonArgsOf(argv: readonly string[]): PythonArgs {
  const out: PythonArgs = { script: null, module: null, ignoreEnv: false, noUserSite: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-c') return out;
    if (a === '-m') {
      out.module = argv[i + 1] ?? null;
      return out;
    }
    if (a === '-W' || a === '-X' || a === '--check-hash-based-pycs') {
      i++;
      continue;
    }
    if (a === '-' || a === '--') {
      out.script = a === '--' ? (argv[i + 1] ?? null) : null;
      return out;
    }
    // -Wignore, -Xdev: the value is attached
    if (a.startsWith('-W') || a.startsWith('-X')) continue;
    if (/^-[A-Za-z]+$/.test(a)) {
      // clustered flags such as -uE; a trailing c or m takes a value
      if (/[EI]/.test(a)) out.ignoreEnv = true;
      if (/[sI]/.test(a)) out.noUserSite = true;
      if (a.endsWith('m')) {
        out.module = argv[i + 1] ?? null;
        return out;
      }
      if (a.endsWith('c')) return out;
      continue;
    }
    if (a.startsWith('-')) continue;
    out.script = a;
    return out;
  }
  return out;
}

/** Finds an executable name on PATH the way execvp did, to turn `python` into a path. */
async function whichOnPath(name: string, pathVar: string | undefined, root: string): Promise<string | null> {
  for (const d of (pathVar ?? '').split(':').filter(Boolean)) {
    if (await isFile(at(root, `${d}/${name}`))) return `${d}/${name}`;
  }
  return null;
}

/**
 * The site directories of a Python prefix, in sys.path order, that exist: `lib/python3.X/
 * site-packages` (python.org and the docker images) and Debian's `dist-packages`: for /usr its
 * site.py puts /usr/local/lib/python3.X/dist-packages (pip) before /usr/lib/python3/dist-packages
 * (apt) before /usr/lib/python3.X/dist-packages.
 */
async function siteDirsOfPrefix(prefix: string, root: string, pyVersion: string | null): Promise<string[]> {
  const out: string[] = [];
  for (const lib of ['local/lib', 'lib', 'lib64']) {
    const names = (await listDir(at(root, `${prefix}/${lib}`))).filter((n) => /^python3(\.\d+)?$/.test(n) && (pyVersion === null || n === 'python3' || n === `python${pyVersion}`));
    // python3 before python3.X; several python3.X (no version known): the newest first
    names.sort((a, b) => a.length - b.length || safeCompare(b.slice(6), a.slice(6)));
    for (const n of names) for (const leaf of ['site-packages', 'dist-packages']) out.push(`${prefix}/${lib}/${n}/${leaf}`);
  }
  const existing: string[] = [];
  for (const d of out) if (await isDir(at(root, d))) existing.push(d);
  return existing;
}

interface PackageVersion {
  version: string | null;
  from: string;
}

/**
 * botocore (boto3's core) or the AWS CLI in Python site directories, in sys.path order (the
 * first botocore is the one `import botocore` loads). AWS CLI v2 carries its own botocore
 * under `awscli/botocore` (SDK-CHAINS.md §0), so an `awscli` 2.x package with that directory
 * is family aws-cli. A standalone botocore wins, unless `preferCli` (the process is the CLI).
 */
export async function findBotocore(dirs: readonly string[], options: { preferCli?: boolean; root?: string } = {}): Promise<SearchResult> {
  const root = options.root ?? '';
  const evidence: Evidence[] = [];
  let botocore: PackageVersion | null = null;
  let cli: (PackageVersion & { bundled: string | null }) | null = null;
  let cliV1: PackageVersion | null = null;
  for (const dir of uniq([...dirs])) {
    if (botocore === null) {
      const p = `${dir}/botocore/__init__.py`;
      const r = await readTextCapped(at(root, p));
      if (r.ok) botocore = { version: pythonVersionOf(r.value), from: p };
    }
    if (cli === null && cliV1 === null) {
      const p = `${dir}/awscli/__init__.py`;
      const r = await readTextCapped(at(root, p));
      if (r.ok) {
        const version = pythonVersionOf(r.value);
        const bundledPath = `${dir}/awscli/botocore/__init__.py`;
        const bundled = await readTextCapped(at(root, bundledPath));
        if (version?.startsWith('2.') || bundled.ok) cli = { version, from: p, bundled: bundled.ok ? `${pythonVersionOf(bundled.value) ?? '(no version)'} at ${bundledPath}` : null };
        else cliV1 = { version, from: p };
      }
    }
  }
  if (botocore) evidence.push(ev('python', `botocore ${botocore.version ?? '(no version)'} from ${botocore.from}`));
  if (cli) evidence.push(ev('aws-cli', `awscli ${cli.version ?? '(no version)'} from ${cli.from}${cli.bundled ? `; its own botocore ${cli.bundled}` : '; no awscli/botocore beside it'}`));
  // CLI v1 imports the standalone botocore, so its chain is botocore's
  if (cliV1) evidence.push(ev('aws-cli v1', `awscli ${cliV1.version ?? '(no version)'} from ${cliV1.from} (v1 uses the standalone botocore)`));
  if (!botocore && !cli) evidence.push(ev('python search', dirs.length === 0 ? 'no site directory found' : `no botocore or awscli in ${uniq([...dirs]).join(', ')}`));
  let hit: SdkHit | null = null;
  if (cli && (options.preferCli || !botocore)) hit = { family: 'aws-cli', version: cli.version, from: cli.from };
  else if (botocore) hit = { family: 'python', version: botocore.version, from: botocore.from };
  return { hit, evidence };
}

// ---------------------------------------------------------------------------------------------
// java

// the launcher's options that take the next argument as their value (java --help)
const JAVA_VALUE_OPTIONS = new Set(['--add-modules', '--add-opens', '--add-exports', '--add-reads', '--patch-module', '--limit-modules', '--upgrade-module-path', '--source', '--enable-native-access']);

export interface JavaClasspath {
  /** classpath entries as written (may hold `dir/*` wildcards), relative to the cwd when not absolute */
  entries: string[];
  /** where they came from: `-cp`, `CLASSPATH`, `-jar`, `--module-path`, or the default `.` */
  origin: string;
  /** the jar named by `-jar`, whose own contents are not read */
  jar: string | null;
}

/** The classpath of a java command line, as the launcher builds it (`-jar` > `-cp` > CLASSPATH > `.`). */
export function javaClasspathOf(argv: readonly string[], env: Record<string, string>): JavaClasspath {
  let cp: string | null = null;
  let cpFlag = '';
  const modulePath: string[] = [];
  let jar: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-cp' || a === '-classpath' || a === '--class-path') {
      cp = argv[++i] ?? '';
      cpFlag = a;
    } else if (a.startsWith('--class-path=')) {
      cp = a.slice('--class-path='.length);
      cpFlag = '--class-path';
    } else if (a === '-p' || a === '--module-path') {
      modulePath.push(...(argv[++i] ?? '').split(':'));
    } else if (a.startsWith('--module-path=')) {
      modulePath.push(...a.slice('--module-path='.length).split(':'));
    } else if (a === '-jar') {
      jar = argv[i + 1] ?? null;
      break;
    } else if (a === '-m' || a === '--module' || a.startsWith('--module=')) {
      break;
    } else if (JAVA_VALUE_OPTIONS.has(a)) {
      i++;
    } else if (!a.startsWith('-')) {
      break; // the main class: what follows is the app's own arguments
    }
  }
  // `-jar` makes the launcher ignore -cp and CLASSPATH; the manifest's Class-Path is not read here
  if (jar !== null) return { entries: [jar, ...modulePath].filter(Boolean), origin: '-jar', jar };
  if (cp !== null) return { entries: [...cp.split(':'), ...modulePath].filter(Boolean), origin: cpFlag, jar: null };
  const envCp = env['CLASSPATH'];
  if (envCp !== undefined && envCp !== '') return { entries: [...envCp.split(':'), ...modulePath].filter(Boolean), origin: 'CLASSPATH', jar: null };
  return { entries: ['.', ...modulePath], origin: modulePath.length > 0 ? '--module-path' : 'default (.)', jar: null };
}

/** Splits a Java @argfile's text into arguments: whitespace-separated, with simple quotes. */
export function splitArgFile(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(/^\s*#.*$/gm, '').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

// v2 artifacts whose jar names are distinctive enough on their own; `auth`, `sts`, `regions`
// are common words, so they count only next to one of these or under software/amazon/awssdk
const JAVA_V2_STRONG = ['aws-core', 'sdk-core', 'bundle', 'http-auth-aws', 'identity-spi'];
const JAVA_V2_WEAK = ['auth', 'regions', 'sts', 'profiles', 'utils', 'http-client-spi'];
// the default credentials chain lives in `auth` (software.amazon.awssdk.auth.credentials)
const JAVA_V2_VERSION_ORDER = ['auth', 'aws-core', 'sdk-core', 'bundle', 'sts', 'regions'];
const JAVA_V1_ORDER = ['core', 'bundle', 'sts'];

/** What one jar file name says: a v2 or v1 SDK artifact and its version. */
export function classifyJarName(path: string): { major: 2 | 1; artifact: string; version: string; strong: boolean } | null {
  const name = basename(path);
  const v1 = /^aws-java-sdk-([a-z0-9-]+?)-(1\.\d+\.\d+)(?:\.jar)$/i.exec(name);
  if (v1 && JAVA_V1_ORDER.includes(v1[1] ?? '')) return { major: 1, artifact: v1[1] ?? '', version: v1[2] ?? '', strong: true };
  const v2 = /^([a-z0-9-]+?)-(2\.\d+\.\d+)\.jar$/i.exec(name);
  const artifact = v2?.[1]?.toLowerCase() ?? '';
  if (!v2 || !(JAVA_V2_STRONG.includes(artifact) || JAVA_V2_WEAK.includes(artifact))) return null;
  // Maven and Gradle caches spell the group out in the path
  return { major: 2, artifact, version: v2[2] ?? '', strong: JAVA_V2_STRONG.includes(artifact) || path.includes('software/amazon/awssdk/') };
}

/**
 * The Java SDK on a classpath: jar names (`auth-2.25.1.jar`, `aws-core-2.25.1.jar`,
 * `aws-java-sdk-core-1.12.x.jar`), `dir/*` wildcards listed as the launcher expands them
 * (.jar and .JAR files in dir, not recursive), and class directories holding
 * `software/amazon/awssdk` (v2) or `com/amazonaws` (v1), with Maven's pom.properties for
 * the version. Jars are never opened: a fat jar's contents stay unknown.
 */
export async function findJavaSdk(classpathEntries: readonly string[], options: { cwd?: string | null; root?: string } = {}): Promise<SearchResult> {
  const root = options.root ?? '';
  const cwd = options.cwd ?? null;
  const evidence: Evidence[] = [];
  const jars: string[] = [];
  const classDirs: string[] = [];
  for (const raw of classpathEntries) {
    const entry = isAbsolute(raw) || cwd === null ? raw : resolve(cwd, raw);
    if (entry.endsWith('/*') || entry === '*') {
      const dir = entry === '*' ? (cwd ?? '.') : entry.slice(0, -2);
      for (const n of await listDir(at(root, dir))) if (/\.jar$/i.test(n)) jars.push(`${dir}/${n}`);
    } else if (/\.(jar|zip)$/i.test(entry)) {
      jars.push(entry);
    } else {
      classDirs.push(entry.replace(/\/$/, '') || '/');
    }
  }
  const v2: { artifact: string; version: string; from: string; strong: boolean }[] = [];
  const v1: { artifact: string; version: string; from: string }[] = [];
  for (const jar of jars) {
    const c = classifyJarName(jar);
    if (c?.major === 2) v2.push({ artifact: c.artifact, version: c.version, from: jar, strong: c.strong });
    else if (c?.major === 1) v1.push({ artifact: c.artifact, version: c.version, from: jar });
  }
  for (const dir of classDirs) {
    if (await isDir(at(root, `${dir}/software/amazon/awssdk`))) {
      const pom = await mavenVersion(root, dir, 'software.amazon.awssdk', ['auth', 'aws-core', 'sdk-core']);
      v2.push({ artifact: pom?.artifact ?? 'classes', version: pom?.version ?? '', from: pom?.from ?? `${dir}/software/amazon/awssdk`, strong: true });
    }
    if (await isDir(at(root, `${dir}/com/amazonaws`))) {
      const pom = await mavenVersion(root, dir, 'com.amazonaws', ['aws-java-sdk-core', 'aws-java-sdk-bundle']);
      v1.push({ artifact: 'core', version: pom?.version ?? '', from: pom?.from ?? `${dir}/com/amazonaws` });
    }
  }
  // weak names alone count when two different ones share a version (auth-2.25.1 and sts-2.25.1)
  const weakPairs = [...new Set(v2.map((j) => j.version))].some((ver) => new Set(v2.filter((j) => j.version === ver).map((j) => j.artifact)).size >= 2);
  const strongV2 = v2.some((j) => j.strong) || weakPairs;
  let hit: SdkHit | null = null;
  if (strongV2 && v2.length > 0) {
    const pick = [...v2].sort((a, b) => rank(JAVA_V2_VERSION_ORDER, a.artifact) - rank(JAVA_V2_VERSION_ORDER, b.artifact))[0];
    if (pick) {
      hit = { family: 'java-v2', version: pick.version === '' ? null : pick.version, from: pick.from };
      const versions = uniq(v2.map((j) => j.version));
      evidence.push(ev('java-v2', `${pick.artifact} ${pick.version || '(version unknown)'} from ${pick.from}${v2.length > 1 ? `; ${v2.length} SDK v2 entries` : ''}${versions.length > 1 ? `; mixed versions ${versions.join(', ')}` : ''}`));
    }
  }
  if (v1.length > 0) {
    const pick = [...v1].sort((a, b) => rank(JAVA_V1_ORDER, a.artifact) - rank(JAVA_V1_ORDER, b.artifact))[0];
    if (pick) {
      evidence.push(ev('java-v1', `aws-java-sdk-${pick.artifact} ${pick.version || '(version unknown)'} from ${pick.from}${hit ? ' (also on the classpath; v2 reported)' : ''}`));
      hit ??= { family: 'java-v1', version: pick.version === '' ? null : pick.version, from: pick.from };
    }
  }
  if (!hit) evidence.push(ev('java search', `no AWS SDK jar among ${jars.length} jar(s)${classDirs.length ? ` or in ${classDirs.join(', ')}` : ''}`));
  return { hit, evidence };
}

function rank(order: readonly string[], artifact: string): number {
  const i = order.indexOf(artifact);
  return i < 0 ? order.length : i;
}

/** An exploded jar keeps META-INF/maven/<group>/<artifact>/pom.properties with `version=`. */
async function mavenVersion(root: string, dir: string, group: string, artifacts: readonly string[]): Promise<{ artifact: string; version: string; from: string } | null> {
  for (const artifact of artifacts) {
    const p = `${dir}/META-INF/maven/${group}/${artifact}/pom.properties`;
    const r = await readTextCapped(at(root, p));
    const version = r.ok ? /^version=(.+)$/m.exec(r.value)?.[1]?.trim() : undefined;
    if (version) return { artifact, version, from: p };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// go

export interface GoModule {
  path: string;
  version: string;
  sum: string;
  replace: { path: string; version: string } | null;
}
export interface GoBuildInfo {
  /** e.g. go1.22.4; null when only the modinfo text was found (pre-1.18 pointer format) */
  goVersion: string | null;
  path: string | null;
  main: GoModule | null;
  deps: GoModule[];
  /** 'inline': the Go 1.18+ header; 'modinfo': the sentinel-framed text only */
  format: 'inline' | 'modinfo';
  /** where in the given bytes the blob starts */
  offset: number;
}

// mirrors golang/go src/debug/buildinfo/buildinfo.go (buildInfoMagic) and
// src/cmd/link/internal/ld/data.go (Link.buildinfo): 14 magic bytes, pointer size, flags
const GO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const GO_HEADER = 32;
// flags bit 2: "new pointer-free format" (Go 1.18+), the two strings follow the header inline
const GO_FLAG_INLINE = 2;
// mirrors golang/go src/cmd/go/internal/modload/build.go (infoStart, infoEnd): the sentinels
// framing runtime.modinfo, in every Go version that has module info
const GO_INFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const GO_INFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

/** encoding/binary.Uvarint: [value, bytes used]; bytes used 0 when the input is cut or too long. */
export function readUvarint(b: Uint8Array, at: number): [number, number] {
  let x = 0;
  let scale = 1;
  for (let i = 0; i < 10 && at + i < b.length; i++) {
    const byte = b[at + i] ?? 0;
    x += (byte & 0x7f) * scale;
    if (byte < 0x80) return Number.isSafeInteger(x) ? [x, i + 1] : [0, 0];
    scale *= 128;
  }
  return [0, 0];
}

/** debug/buildinfo decodeString: a uvarint length, then that many bytes. */
function decodeGoString(b: Buffer, at: number): { s: string; next: number } | null {
  const [len, n] = readUvarint(b, at);
  if (n === 0 || at + n + len > b.length) return null;
  return { s: b.toString('utf8', at + n, at + n + len), next: at + n + len };
}

/**
 * debug/buildinfo readRawBuildInfo: strip the 16-byte sentinels around the module info, or
 * there is none (a binary built outside module mode). Checked on bytes: the framing is binary.
 * mirrors `len(mod) >= 33 && mod[len(mod)-17] == '\n'`
 */
function stripModinfoFraming(raw: Buffer): string {
  return raw.length >= 33 && raw[raw.length - 17] === 0x0a ? raw.toString('utf8', 16, raw.length - 16) : '';
}

/**
 * The modinfo text (`path`, `mod`, `dep`, `=>` and `build` lines), leniently: a malformed line
 * is skipped rather than failing the whole parse as runtime/debug.ParseBuildInfo would.
 * mirrors golang/go src/runtime/debug/mod.go (ParseBuildInfo)
 */
export function parseModinfo(text: string): { path: string | null; main: GoModule | null; deps: GoModule[] } {
  let path: string | null = null;
  let main: GoModule | null = null;
  const deps: GoModule[] = [];
  let last: GoModule | null = null;
  for (const line of text.split('\n')) {
    const [word, ...cols] = line.split('\t');
    if (word === 'path') path = cols.join('\t');
    else if ((word === 'mod' || word === 'dep') && (cols.length === 2 || cols.length === 3)) {
      const m: GoModule = { path: cols[0] ?? '', version: cols[1] ?? '', sum: cols[2] ?? '', replace: null };
      if (word === 'mod') main = m;
      else deps.push(m);
      last = m;
    } else if (word === '=>' && cols.length === 3 && last) {
      last.replace = { path: cols[0] ?? '', version: cols[1] ?? '' };
      last = null;
    }
  }
  return { path, main, deps };
}

function indexesOf(b: Buffer, needle: Buffer, limit = 64): number[] {
  const out: number[] = [];
  for (let i = b.indexOf(needle); i >= 0 && out.length < limit; i = b.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/**
 * Go build info in a byte range of a binary. Go 1.18+ writes a 32-byte header (the magic,
 * the pointer size, flags with bit 2 set) followed by two uvarint-prefixed strings: the Go
 * version and runtime.modinfo (the module list framed by 16-byte sentinels). Older binaries
 * hold pointers instead, which need the executable's address map; for those the modinfo
 * text is still found by its sentinels, without the Go version.
 */
export function parseGoBuildInfo(bytes: Uint8Array): GoBuildInfo | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const i of indexesOf(b, GO_MAGIC)) {
    // a copy of the magic inside a string constant (a program that imports debug/buildinfo)
    // fails these checks; Go itself also requires 16-byte alignment within the data section
    if (b.length - i < GO_HEADER) break;
    const ptrSize = b[i + 14];
    const flags = b[i + 15] ?? 0;
    if ((ptrSize !== 4 && ptrSize !== 8) || (flags & GO_FLAG_INLINE) === 0) continue;
    const vers = decodeGoString(b, i + GO_HEADER);
    if (!vers || !/^(go\d|devel)/.test(vers.s)) continue;
    const [len, n] = readUvarint(b, vers.next);
    if (n === 0 || vers.next + n + len > b.length) continue;
    const raw = b.subarray(vers.next + n, vers.next + n + len);
    const mod = stripModinfoFraming(raw);
    return { goVersion: vers.s, ...parseModinfo(mod), format: 'inline', offset: i };
  }
  for (const i of indexesOf(b, GO_INFO_START)) {
    const end = b.indexOf(GO_INFO_END, i + GO_INFO_START.length);
    if (end < 0) break;
    const text = b.toString('utf8', i + GO_INFO_START.length, end);
    const parsed = parseModinfo(text);
    if (parsed.path !== null || parsed.main !== null || parsed.deps.length > 0) return { goVersion: null, ...parsed, format: 'modinfo', offset: i };
  }
  return null;
}

/** `v1.27.34` → `1.27.34`; a pseudo-version keeps its base release (`v1.27.35-0.2024…` → `1.27.35`). */
export function goModuleVersion(v: string): string | null {
  return /^v(\d+\.\d+\.\d+)/.exec(v)?.[1] ?? null;
}

/**
 * The AWS SDK a Go binary links. v2's default chain is `config.LoadDefaultConfig`, so the
 * `github.com/aws/aws-sdk-go-v2/config` module's version is the one that matters; v1 is the
 * single `github.com/aws/aws-sdk-go` module.
 */
export function goSdkOf(info: GoBuildInfo): { hit: Omit<SdkHit, 'from'> | null; evidence: Evidence[] } {
  const dep = (p: string): GoModule | undefined => info.deps.find((d) => d.path === p);
  const show = (m: GoModule): string => `${m.path} ${m.version}${m.replace ? ` => ${m.replace.path}${m.replace.version ? ` ${m.replace.version}` : ''}` : ''}`;
  const config = dep('github.com/aws/aws-sdk-go-v2/config');
  const core = dep('github.com/aws/aws-sdk-go-v2');
  const v1 = dep('github.com/aws/aws-sdk-go');
  const evidence: Evidence[] = [];
  if (config) evidence.push(ev('go-v2', show(config)));
  else if (core) evidence.push(ev('go-v2', `${show(core)} (no config module: the app does not use LoadDefaultConfig's chain directly)`));
  if (v1) evidence.push(ev('go-v1', `${show(v1)}${config ? ' (also linked; v2 reported)' : ''}`));
  if (config) return { hit: { family: 'go-v2', version: goModuleVersion(config.version) }, evidence };
  if (v1) return { hit: { family: 'go-v1', version: goModuleVersion(v1.version) }, evidence };
  if (core) return { hit: { family: 'go-v2', version: null }, evidence };
  return { hit: null, evidence };
}

interface ElfSection {
  name: string;
  offset: number;
  size: number;
}

/** The section header table's place, from an ELF header (32- or 64-bit, either byte order). */
export function elfSectionTable(head: Uint8Array): { shoff: number; entsize: number; count: number; strndx: number; is64: boolean; le: boolean } | null {
  if (head.length < 64 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return null;
  const is64 = head[4] === 2;
  const le = head[5] !== 2;
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const shoff = is64 ? Number(v.getBigUint64(0x28, le)) : v.getUint32(0x20, le);
  const entsize = v.getUint16(is64 ? 0x3a : 0x2e, le);
  const count = v.getUint16(is64 ? 0x3c : 0x30, le);
  const strndx = v.getUint16(is64 ? 0x3e : 0x32, le);
  if (!Number.isSafeInteger(shoff) || shoff === 0 || count === 0 || count > 4096 || entsize < (is64 ? 64 : 40) || entsize > 256 || strndx >= count) return null;
  return { shoff, entsize, count, strndx, is64, le };
}

/** Section names, file offsets and sizes from the section header table and .shstrtab. */
export function elfSections(table: Uint8Array, t: NonNullable<ReturnType<typeof elfSectionTable>>, strtab: Uint8Array): ElfSection[] {
  const v = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const out: ElfSection[] = [];
  for (let i = 0; i < t.count && (i + 1) * t.entsize <= table.length; i++) {
    const o = i * t.entsize;
    const nameOff = v.getUint32(o, t.le);
    const offset = t.is64 ? Number(v.getBigUint64(o + 0x18, t.le)) : v.getUint32(o + 0x10, t.le);
    const size = t.is64 ? Number(v.getBigUint64(o + 0x20, t.le)) : v.getUint32(o + 0x14, t.le);
    const end = strtab.indexOf(0, nameOff);
    const name = nameOff < strtab.length ? Buffer.from(strtab.buffer, strtab.byteOffset, strtab.byteLength).toString('latin1', nameOff, end < 0 ? strtab.length : end) : '';
    out.push({ name, offset, size });
  }
  return out;
}

type FileHandle = Awaited<ReturnType<typeof open>>;

async function hasElfMagic(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'r');
    try {
      const head = await readAt(fh, 0, 4);
      return head.length === 4 && head.readUInt32BE(0) === 0x7f454c46;
    } finally {
      await fh.close().catch(() => undefined);
    }
  } catch {
    return false;
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(Math.max(0, length));
  const { bytesRead } = await fh.read(buf, 0, buf.length, position);
  return buf.subarray(0, bytesRead);
}

/**
 * Go build info from an executable file. An ELF binary names its `.go.buildinfo` section,
 * which the linker places after the code and read-only data (deep in a large binary), so it
 * is read directly; otherwise the first 64 MiB are scanned in 1 MiB chunks for the magic and
 * the modinfo sentinels. Read errors are returned, never thrown.
 */
export async function readGoBuildInfo(path: string): Promise<Read<{ info: GoBuildInfo; where: string } | null>> {
  let fh: FileHandle;
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) return { ok: false, error: notAFile(st) };
    size = st.size;
    fh = await open(path, 'r');
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  }
  try {
    const head = await readAt(fh, 0, 64);
    const table = elfSectionTable(head);
    if (table && table.shoff + table.count * table.entsize <= size) {
      const raw = await readAt(fh, table.shoff, table.count * table.entsize);
      const strHeader = elfSections(raw, table, new Uint8Array(0))[table.strndx];
      if (strHeader && strHeader.size <= TEXT_CAP) {
        const strtab = await readAt(fh, strHeader.offset, strHeader.size);
        const sections = elfSections(raw, table, strtab);
        const section = sections.find((s) => s.name === '.go.buildinfo');
        if (section) {
          const info = parseGoBuildInfo(await readAt(fh, section.offset, Math.min(section.size, GO_WINDOW)));
          if (info) return { ok: true, value: { info, where: `ELF section .go.buildinfo at offset 0x${section.offset.toString(16)}` } };
          // before Go 1.18 the section holds pointers: the modinfo text is found by the scan below
        } else if (sections.some((s) => s.name === '.text')) {
          // the Go linker names .go.buildinfo in every ELF it writes: a named table without it is no Go binary (nginx, envoy...)
          return { ok: true, value: null };
        }
      }
    }
    const limit = Math.min(size, GO_SCAN_CAP);
    let windows = 0;
    const overlap = GO_INFO_START.length - 1;
    let carry = Buffer.alloc(0);
    for (let off = 0; off < limit; off += GO_CHUNK) {
      const chunk = await readAt(fh, off, Math.min(GO_CHUNK, limit - off));
      if (chunk.length === 0) break;
      const buf = Buffer.concat([carry, chunk]);
      const base = off - carry.length;
      // a needle wholly inside the carried tail was already seen in the previous chunk
      const fresh = (needle: Buffer) => (h: number): boolean => h + needle.length > carry.length;
      const hits = [...indexesOf(buf, GO_MAGIC, 16).filter(fresh(GO_MAGIC)), ...indexesOf(buf, GO_INFO_START, 16).filter(fresh(GO_INFO_START))].sort((a, b) => a - b);
      for (const h of hits) {
        // a file full of look-alikes cannot turn the 64 MiB scan into gigabytes of reads
        if (++windows > 16) return { ok: true, value: null };
        const info = parseGoBuildInfo(await readAt(fh, base + h, GO_WINDOW));
        if (info) return { ok: true, value: { info, where: `offset 0x${(base + h).toString(16)} (scanned)` } };
      }
      carry = buf.subarray(Math.max(0, buf.length - overlap));
    }
    return { ok: true, value: null };
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// the process

interface AppProc {
  pid: number;
  base: string;
  exe: string | null;
  argv: string[] | null;
  env: Record<string, string>;
  cwd: string | null;
  /** /proc/<pid>/root when it can be entered (a sidecar sees the app's files through it), else '' */
  root: string;
}

async function readProc(procRoot: string, pid: number, out: Evidence[]): Promise<AppProc | null> {
  const base = `${procRoot}/${pid}`;
  const evidence: Evidence[] = [];
  const cmd = await readBytesCapped(`${base}/cmdline`);
  if (!cmd.ok && cmd.error.startsWith('not found')) {
    out.push(ev('process', `${base}: no such process`));
    return null;
  }
  const argv = cmd.ok ? cmd.value.toString('utf8').split('\0').filter((s, i, all) => s !== '' || i < all.length - 1) : null;
  if (!cmd.ok) evidence.push(ev('cmdline', `${base}/cmdline: ${cmd.error}`));
  const exe = await readlink(`${base}/exe`).then(
    (p) => p,
    (e: unknown) => {
      evidence.push(ev('exe', `${base}/exe: ${describeFsError(e)}`));
      return null;
    },
  );
  const cwd = await readlink(`${base}/cwd`).then(
    (p) => p,
    (e: unknown) => {
      evidence.push(ev('cwd', `${base}/cwd: ${describeFsError(e)}`));
      return null;
    },
  );
  const envRead = await readBytesCapped(`${base}/environ`);
  if (!envRead.ok) evidence.push(ev('environ', `${base}/environ: ${envRead.error} (PYTHONPATH, CLASSPATH, NODE_PATH unknown)`));
  const env = envRead.ok ? parseEnviron(envRead.value.toString('utf8')) : {};
  // the app's paths are in its own mount namespace; through /proc/<pid>/root they are right
  // from a sidecar too. Without access (not root), paths are read in this filesystem.
  const root = await readdir(`${base}/root/`).then(
    () => `${base}/root`,
    (e: unknown) => {
      evidence.push(ev('root', `${base}/root: ${describeFsError(e)}; the app's paths are read in this container's filesystem`));
      return '';
    },
  );
  out.push(ev('process', `pid ${pid}: exe ${exe ?? '(unknown)'}${cwd ? `, cwd ${cwd}` : ''}`), ...evidence);
  return { pid, base, exe, argv, env, cwd, root };
}

async function childrenOf(proc: AppProc): Promise<number[]> {
  const r = await readTextCapped(`${proc.base}/task/${proc.pid}/children`);
  return r.ok ? r.value.split(/\s+/).filter((s) => /^\d+$/.test(s)).map(Number) : [];
}

interface Detected {
  runtime: AppRuntime;
  hit: SdkHit | null;
  evidence: Evidence[];
  why: string | null;
}

/** Resolves a path the app wrote (relative to its cwd). */
function appPath(p: string, cwd: string | null): string {
  return isAbsolute(p) || cwd === null ? p : resolve(cwd, p);
}

async function detectNode(proc: AppProc): Promise<Detected> {
  const evidence: Evidence[] = [];
  const argv = proc.argv ?? [];
  const script = nodeScriptOf(argv);
  const nodePath = (proc.env['NODE_PATH'] ?? '').split(':').filter(Boolean).map((p) => appPath(p, proc.cwd));
  const starts = uniq([script !== null ? dirname(appPath(script, proc.cwd)) : '', proc.cwd ?? '']);
  if (script !== null) evidence.push(ev('script', appPath(script, proc.cwd)));
  for (const [i, start] of starts.entries()) {
    const r = await findNodeSdk(start, { nodePath: i === starts.length - 1 ? nodePath : [], root: proc.root });
    if (r.hit || i === starts.length - 1) return { runtime: 'node', hit: r.hit, evidence: [...evidence, ...r.evidence], why: r.hit ? null : 'no JS SDK package found in node_modules (a bundled app carries the SDK inside its bundle, which is not read)' };
  }
  return { runtime: 'node', hit: null, evidence, why: 'neither a script nor a working directory to search from' };
}

async function pythonSiteDirs(proc: AppProc, args: PythonArgs, evidence: Evidence[]): Promise<string[]> {
  const argv0 = proc.argv?.[0] ?? '';
  const exe = proc.exe?.replace(/ \(deleted\)$/, '') ?? null;
  const pyVersion = /python(\d+\.\d+)/.exec(basename(exe ?? argv0))?.[1] ?? null;
  const dirs: string[] = [];
  // sys.path[0]: the script's directory, or the cwd for -m and -c
  if (args.script !== null) dirs.push(dirname(appPath(args.script, proc.cwd)));
  else if (proc.cwd) dirs.push(proc.cwd);
  if (!args.ignoreEnv) dirs.push(...(proc.env['PYTHONPATH'] ?? '').split(':').filter(Boolean).map((p) => appPath(p, proc.cwd)));
  // a venv is found from the invoked path (argv[0]; /proc/<pid>/exe is already the base
  // interpreter, symlinks resolved) by its pyvenv.cfg, as Python's getpath does
  const invoked = argv0.includes('/') ? appPath(argv0, proc.cwd) : argv0 !== '' ? await whichOnPath(argv0, proc.env['PATH'], proc.root) : null;
  let systemSite = true;
  for (const venv of uniq([invoked ? dirname(dirname(invoked)) : '', proc.env['VIRTUAL_ENV'] ?? ''])) {
    const cfg = await readTextCapped(at(proc.root, `${venv}/pyvenv.cfg`));
    if (!cfg.ok) continue;
    evidence.push(ev('venv', `${venv}/pyvenv.cfg`));
    dirs.push(...(await siteDirsOfPrefix(venv, proc.root, pyVersion)));
    systemSite = /^\s*include-system-site-packages\s*=\s*true\s*$/im.test(cfg.value);
    break;
  }
  const home = proc.env['HOME'];
  if (home && !args.noUserSite && !proc.env['PYTHONNOUSERSITE']) dirs.push(...(await siteDirsOfPrefix(`${home}/.local`, proc.root, pyVersion)));
  if (systemSite) {
    for (const prefix of uniq([exe ? dirname(dirname(exe)) : '', invoked ? dirname(dirname(invoked)) : ''])) dirs.push(...(await siteDirsOfPrefix(prefix, proc.root, pyVersion)));
  }
  return uniq(dirs);
}

async function detectPython(proc: AppProc): Promise<Detected> {
  const evidence: Evidence[] = [];
  const argv = proc.argv ?? [];
  const args = pythonArgsOf(argv);
  const dirs = await pythonSiteDirs(proc, args, evidence);
  evidence.push(ev('python path', dirs.join(':') || '(none)'));
  // the CLI runs as `python /usr/bin/aws ...` (a shebang) or `python -m awscli`
  const preferCli = (args.script !== null && basename(args.script) === 'aws') || args.module === 'awscli';
  const r = await findBotocore(dirs, { preferCli, root: proc.root });
  return { runtime: 'python', hit: r.hit, evidence: [...evidence, ...r.evidence], why: r.hit ? null : 'botocore not found in the interpreter\'s site directories' };
}

async function expandJavaArgFiles(argv: readonly string[], cwd: string | null, root: string, evidence: Evidence[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of argv) {
    // `@file` (JDK 9+ launcher) expands to the file's arguments; jib starts apps as `java -cp @/app/jib-classpath-file`
    if (a.startsWith('@') && !a.startsWith('@@') && a.length > 1) {
      const path = appPath(a.slice(1), cwd);
      const r = await readTextCapped(at(root, path));
      if (r.ok) {
        out.push(...splitArgFile(r.value));
        evidence.push(ev('java @argfile', path));
        continue;
      }
      evidence.push(ev('java @argfile', `${path}: ${r.error}`));
    }
    out.push(a);
  }
  return out;
}

async function detectJava(proc: AppProc): Promise<Detected> {
  const evidence: Evidence[] = [];
  const argv = await expandJavaArgFiles(proc.argv ?? [], proc.cwd, proc.root, evidence);
  const cp = javaClasspathOf(argv, proc.env);
  evidence.push(ev('classpath', `${cp.origin}: ${cp.entries.join(':')}`));
  const r = await findJavaSdk(cp.entries, { cwd: proc.cwd, root: proc.root });
  if (r.hit || cp.jar === null) return { runtime: 'java', hit: r.hit, evidence: [...evidence, ...r.evidence], why: r.hit ? null : 'no AWS SDK jar on the classpath' };
  // a thin jar lists lib/*.jar in its manifest's Class-Path, which is inside the jar (not read):
  // the usual places beside it are a guess, and the evidence says so
  const jarDir = dirname(appPath(cp.jar, proc.cwd));
  const guess = await findJavaSdk([`${jarDir}/lib/*`, `${jarDir}/libs/*`], { cwd: proc.cwd, root: proc.root });
  if (guess.hit) {
    return { runtime: 'java', hit: guess.hit, evidence: [...evidence, ...guess.evidence, ev('java guess', `found beside ${cp.jar}, not on the classpath as given (the jar's manifest is not read)`)], why: null };
  }
  return { runtime: 'java', hit: null, evidence: [...evidence, ...r.evidence], why: `-jar ${basename(cp.jar)}: an SDK inside the jar is not inspected` };
}

async function detectGo(path: string, label: string): Promise<Detected | null> {
  const r = await readGoBuildInfo(path);
  if (!r.ok) return { runtime: 'unknown', hit: null, evidence: [ev('go build info', `${label}: ${r.error}`)], why: `the executable could not be read (${label}: ${r.error}); run as root or as the app's user, or name the app's files with --app-dir` };
  if (r.value === null) return null;
  const { info, where } = r.value;
  const evidence = [ev('go build info', `${label}: ${info.goVersion ?? 'Go (version not read)'}, ${info.path ?? info.main?.path ?? 'no module path'}; ${where}`)];
  const sdk = goSdkOf(info);
  evidence.push(...sdk.evidence);
  return { runtime: 'go', hit: sdk.hit ? { ...sdk.hit, from: `${label} (Go build info)` } : null, evidence, why: sdk.hit ? null : 'the Go binary links no AWS SDK module' };
}

async function detectProcess(proc: AppProc): Promise<Detected> {
  const runtime = runtimeOf(proc.exe, proc.argv);
  const exeName = proc.exe ? basename(proc.exe) : (proc.argv?.[0] ?? '?');
  const base: Evidence[] = [ev('runtime', runtime === 'unknown' ? `${exeName}: not node, python or java by name` : `${runtime} (${exeName})`)];
  const r = runtime === 'node' ? await detectNode(proc) : runtime === 'python' ? await detectPython(proc) : runtime === 'java' ? await detectJava(proc) : await detectUnknownExe(proc);
  return { ...r, evidence: [...base, ...r.evidence] };
}

async function detectUnknownExe(proc: AppProc): Promise<Detected> {
  // the AWS CLI v2 installer's frozen binary: /usr/local/aws-cli/v2/<version>/dist/aws
  const installer = /\/aws-cli\/v2\/(\d+\.\d+\.\d+)\/dist\/aws$/.exec(proc.exe ?? '');
  if (installer) return { runtime: 'python', hit: { family: 'aws-cli', version: installer[1] ?? null, from: proc.exe ?? '' }, evidence: [ev('aws-cli', `installer layout ${proc.exe ?? ''}`)], why: null };
  // the binary is read through /proc/<pid>/exe: it works even when the file was replaced or is in another mount namespace
  const go = await detectGo(`${proc.base}/exe`, proc.exe ?? `${proc.base}/exe`);
  if (go && go.runtime === 'go') return go;
  const argv0 = proc.argv?.[0];
  if (go && proc.exe === null && argv0 && isAbsolute(argv0)) {
    const again = await detectGo(at(proc.root, argv0), argv0);
    if (again && again.runtime === 'go') return { ...again, evidence: [...go.evidence, ...again.evidence] };
  }
  if (go) return go; // unreadable: its reason stands
  return { runtime: 'unknown', hit: null, evidence: [ev('go build info', 'none in the executable (not a Go binary, or one built without module info)')], why: 'the executable is not node, python, java or a Go binary' };
}

// ---------------------------------------------------------------------------------------------
// --app-dir

const RUNTIME_OF_FAMILY: Record<SdkFamily, AppRuntime> = { 'js-v3': 'node', 'js-v2': 'node', python: 'python', 'aws-cli': 'python', 'java-v2': 'java', 'java-v1': 'java', 'go-v2': 'go', 'go-v1': 'go' };

/** The app's files named directly: every runtime's layout is tried, the hinted runtime first. */
async function detectAppDir(dir: string, hint: AppRuntime): Promise<Detected> {
  const evidence: Evidence[] = [ev('app-dir', dir)];
  if (!(await isDir(dir))) return { runtime: hint, hit: null, evidence: [...evidence, ev('app-dir', `${dir}: not a readable directory`)], why: `--app-dir ${dir} is not a readable directory` };
  const node = async (): Promise<SearchResult> => findNodeSdk(dir, { within: true });
  const python = async (): Promise<SearchResult> => {
    const dirs = [dir];
    for (const p of [dir, `${dir}/.venv`, `${dir}/venv`, `${dir}/env`]) dirs.push(...(await siteDirsOfPrefix(p, '', null)));
    dirs.push(`${dir}/site-packages`, `${dir}/python`);
    return findBotocore(dirs);
  };
  const java = async (): Promise<SearchResult> => findJavaSdk([dir, `${dir}/*`, `${dir}/lib/*`, `${dir}/libs/*`, `${dir}/BOOT-INF/lib/*`, `${dir}/WEB-INF/lib/*`, `${dir}/BOOT-INF/classes`]);
  const go = async (): Promise<SearchResult> => {
    const found: Evidence[] = [];
    let checked = 0;
    for (const name of (await listDir(dir)).sort()) {
      if (checked >= 32) break;
      const p = `${dir}/${name}`;
      // only ELF executables: a directory of data files is not scanned 64 MiB at a time
      if (!(await isFile(p)) || !(await hasElfMagic(p))) continue;
      checked++;
      const d = await detectGo(p, p);
      if (d?.runtime === 'go') {
        found.push(...d.evidence);
        if (d.hit) return { hit: d.hit, evidence: found };
      }
    }
    return { hit: null, evidence: [...found, ev('go search', `no Go binary linking an AWS SDK among ${checked} file(s) in ${dir}`)] };
  };
  const order: [AppRuntime, () => Promise<SearchResult>][] = [
    ['node', node],
    ['python', python],
    ['java', java],
    ['go', go],
  ];
  order.sort((a, b) => Number(b[0] === hint) - Number(a[0] === hint));
  for (const [, search] of order) {
    const r = await search();
    if (!r.hit) continue;
    const runtime = RUNTIME_OF_FAMILY[r.hit.family];
    const mismatch = hint !== 'unknown' && hint !== runtime ? [ev('app-dir', `the process runs ${hint}, but ${dir} holds a ${runtime} SDK: the directory is believed`)] : [];
    return { runtime, hit: r.hit, evidence: [...evidence, ...r.evidence, ...mismatch], why: null };
  }
  return { runtime: hint, hit: null, evidence: [...evidence, ev('app-dir', `no AWS SDK of any runtime in ${dir}`)], why: `no AWS SDK in --app-dir ${dir}` };
}

// ---------------------------------------------------------------------------------------------
// entry point

/**
 * Finds the app's SDK. `pid` null with no `appDir` means PID 1 (the container's app); with
 * `appDir` only the directory is searched. Never throws.
 */
export async function detectSdk(input: { pid: number | null; appDir: string | null; procRoot?: string }): Promise<SdkDetection> {
  const evidence: Evidence[] = [];
  try {
    return await detect(input, evidence);
  } catch (e) {
    evidence.push(ev('internal error', describeError(e)));
    return finish({ runtime: 'unknown', hit: null, evidence: [], why: `detection failed (${describeError(e)})` }, evidence);
  }
}

async function detect(input: { pid: number | null; appDir: string | null; procRoot?: string }, evidence: Evidence[]): Promise<SdkDetection> {
  const procRoot = input.procRoot ?? '/proc';
  const fromProc = input.pid !== null || input.appDir === null ? await detectFromPid(procRoot, input.pid ?? 1, evidence) : null;
  if (input.appDir === null) return finish(fromProc ?? { runtime: 'unknown', hit: null, evidence: [], why: null }, evidence);
  // --app-dir is the user's word for where the app's files are: it is searched first, and
  // the process (when there is one) still names the runtime
  const fromDir = await detectAppDir(resolve(input.appDir), fromProc?.runtime ?? 'unknown');
  evidence.push(...(fromProc?.evidence ?? []));
  if (fromDir.hit) return finish(fromDir, evidence);
  if (!fromProc?.hit) {
    const why = [fromProc?.why, fromDir.why].filter((w): w is string => typeof w === 'string' && w !== '').join('; ');
    return finish({ ...fromDir, runtime: fromProc?.runtime ?? 'unknown', why: why === '' ? null : why }, evidence);
  }
  return finish({ ...fromProc, evidence: fromDir.evidence }, evidence);
}

/** The process and, when it is no app runtime (tini, dumb-init, `sh -c`), its children. */
async function detectFromPid(procRoot: string, pid: number, evidence: Evidence[]): Promise<Detected> {
  const queue: { pid: number; depth: number }[] = [{ pid, depth: 0 }];
  let first: Detected | null = null;
  const tried: number[] = [];
  for (let seen = 0; queue.length > 0 && seen < PROCESS_CAP; seen++) {
    const next = queue.shift();
    if (!next) break;
    const procEvidence: Evidence[] = [];
    const proc = await readProc(procRoot, next.pid, procEvidence);
    if (!proc) {
      if (next.depth === 0) return { runtime: 'unknown', hit: null, evidence: procEvidence, why: `process ${next.pid} not found under ${procRoot}` };
      continue;
    }
    const d = await detectProcess(proc);
    const all: Detected = { ...d, evidence: [...procEvidence, ...d.evidence] };
    if (next.depth === 0) first = all;
    else tried.push(next.pid);
    if (d.runtime !== 'unknown') {
      if (next.depth > 0 && first) evidence.push(...first.evidence, ev('child', `pid ${next.pid}: a descendant of pid ${pid}, which is no app runtime (an init such as tini, or a shell)`));
      return all;
    }
    if (next.depth < CHILD_DEPTH) {
      // the tool itself can be a child of PID 1 (`sh -c "node ecs-cred-doctor.mjs && exec node app"`)
      for (const c of await childrenOf(proc)) if (!(procRoot === '/proc' && c === process.pid)) queue.push({ pid: c, depth: next.depth + 1 });
    }
  }
  if (!first) return { runtime: 'unknown', hit: null, evidence: [], why: null };
  return tried.length > 0 ? { ...first, evidence: [...first.evidence, ev('children', `looked at pid ${tried.join(', ')}: none is node, python, java or Go`)] } : first;
}

function finish(d: Detected, evidence: Evidence[]): SdkDetection {
  const all = [...evidence, ...d.evidence];
  const capped = all.length > EVIDENCE_CAP ? [...all.slice(0, EVIDENCE_CAP - 1), ev('evidence', `${all.length - EVIDENCE_CAP + 1} more entries left out`)] : all;
  if (d.hit) {
    return { family: d.hit.family, version: d.hit.version, runtime: d.runtime, evidence: [...capped, ev('detected', `${d.hit.family}${d.hit.version ? ` ${d.hit.version}` : ''} from ${d.hit.from}`)], note: d.hit.version === null ? `${d.hit.family} detected, but its version is unknown; the current release is modelled` : null };
  }
  const why = d.why ? `${d.why}` : 'no AWS SDK found';
  return { family: null, version: null, runtime: d.runtime, evidence: capped, note: `No AWS SDK detected (${why}); ${ASSUMED}.` };
}
