/**
 * Python: botocore (boto3's core) or the AWS CLI, found in the interpreter's site directories
 * in sys.path order, as `import botocore` finds it; and the AWS CLI v2 installer's frozen binary.
 */
import { posix } from 'node:path';
import { appPath, at, ev, isDir, isFile, listDir, readTextCapped, safeCompare, uniq } from './helpers.ts';
import type { AppProc, Detected, Evidence, RuntimeDetector, SdkHit, SearchResult } from './types.ts';

const { basename, dirname } = posix;

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
interface PythonPackages {
  botocore: PackageVersion | null;
  cli: (PackageVersion & { bundled: string | null }) | null;
  cliV1: PackageVersion | null;
}

/** An `awscli` package in one site directory: v2 (own botocore beside it) or v1. */
async function readAwsCli(dir: string, root: string): Promise<Pick<PythonPackages, 'cli' | 'cliV1'> | null> {
  const p = `${dir}/awscli/__init__.py`;
  const r = await readTextCapped(at(root, p));
  if (!r.ok) return null;
  const version = pythonVersionOf(r.value);
  const bundledPath = `${dir}/awscli/botocore/__init__.py`;
  const bundled = await readTextCapped(at(root, bundledPath));
  if (version?.startsWith('2.') || bundled.ok) return { cli: { version, from: p, bundled: bundled.ok ? `${pythonVersionOf(bundled.value) ?? '(no version)'} at ${bundledPath}` : null }, cliV1: null };
  return { cli: null, cliV1: { version, from: p } };
}

/** The first botocore and the first awscli in sys.path order. */
async function scanSiteDirs(dirs: readonly string[], root: string): Promise<PythonPackages> {
  const found: PythonPackages = { botocore: null, cli: null, cliV1: null };
  for (const dir of uniq([...dirs])) {
    if (found.botocore === null) {
      const p = `${dir}/botocore/__init__.py`;
      const r = await readTextCapped(at(root, p));
      if (r.ok) found.botocore = { version: pythonVersionOf(r.value), from: p };
    }
    if (found.cli === null && found.cliV1 === null) Object.assign(found, await readAwsCli(dir, root));
  }
  return found;
}

/**
 * botocore (boto3's core) or the AWS CLI in Python site directories, in sys.path order (the
 * first botocore is the one `import botocore` loads). AWS CLI v2 carries its own botocore
 * under `awscli/botocore` (SDK-CHAINS.md §0), so an `awscli` 2.x package with that directory
 * is family aws-cli. A standalone botocore wins, unless `preferCli` (the process is the CLI).
 */
export async function findBotocore(dirs: readonly string[], options: { preferCli?: boolean; root?: string } = {}): Promise<SearchResult> {
  const evidence: Evidence[] = [];
  const { botocore, cli, cliV1 } = await scanSiteDirs(dirs, options.root ?? '');
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

/**
 * A venv, found from the invoked path (argv[0]; /proc/<pid>/exe is already the base
 * interpreter, symlinks resolved) by its pyvenv.cfg, as Python's getpath does: its site
 * directories, and whether the system ones stay on the path.
 */
async function venvSiteDirs(proc: AppProc, invoked: string | null, pyVersion: string | null, evidence: Evidence[]): Promise<{ dirs: string[]; systemSite: boolean }> {
  for (const venv of uniq([invoked ? dirname(dirname(invoked)) : '', proc.env['VIRTUAL_ENV'] ?? ''])) {
    const cfg = await readTextCapped(at(proc.root, `${venv}/pyvenv.cfg`));
    if (!cfg.ok) continue;
    evidence.push(ev('venv', `${venv}/pyvenv.cfg`));
    return { dirs: await siteDirsOfPrefix(venv, proc.root, pyVersion), systemSite: /^\s*include-system-site-packages\s*=\s*true\s*$/im.test(cfg.value) };
  }
  return { dirs: [], systemSite: true };
}

/** sys.path as the process's interpreter builds it, the directories that exist. */
async function pythonSiteDirs(proc: AppProc, args: PythonArgs, evidence: Evidence[]): Promise<string[]> {
  const argv0 = proc.argv?.[0] ?? '';
  const exe = proc.exe?.replace(/ \(deleted\)$/, '') ?? null;
  const pyVersion = /python(\d+\.\d+)/.exec(basename(exe ?? argv0))?.[1] ?? null;
  const dirs: string[] = [];
  // sys.path[0]: the script's directory, or the cwd for -m and -c
  if (args.script !== null) dirs.push(dirname(appPath(args.script, proc.cwd)));
  else if (proc.cwd) dirs.push(proc.cwd);
  if (!args.ignoreEnv)
    dirs.push(
      ...(proc.env['PYTHONPATH'] ?? '')
        .split(':')
        .filter(Boolean)
        .map((p) => appPath(p, proc.cwd)),
    );
  const invoked = argv0.includes('/') ? appPath(argv0, proc.cwd) : argv0 !== '' ? await whichOnPath(argv0, proc.env['PATH'], proc.root) : null;
  const venv = await venvSiteDirs(proc, invoked, pyVersion, evidence);
  dirs.push(...venv.dirs);
  const home = proc.env['HOME'];
  if (home && !args.noUserSite && !proc.env['PYTHONNOUSERSITE']) dirs.push(...(await siteDirsOfPrefix(`${home}/.local`, proc.root, pyVersion)));
  if (venv.systemSite) {
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
  return { runtime: 'python', hit: r.hit, evidence: [...evidence, ...r.evidence], why: r.hit ? null : "botocore not found in the interpreter's site directories" };
}

/** The AWS CLI v2 installer's frozen binary, /usr/local/aws-cli/v2/<version>/dist/aws: Python inside, no python by name. */
async function detectCliInstaller(proc: AppProc): Promise<Detected | null> {
  const installer = /\/aws-cli\/v2\/(\d+\.\d+\.\d+)\/dist\/aws$/.exec(proc.exe ?? '');
  if (!installer) return null;
  return { runtime: 'python', hit: { family: 'aws-cli', version: installer[1] ?? null, from: proc.exe ?? '' }, evidence: [ev('aws-cli', `installer layout ${proc.exe ?? ''}`)], why: null };
}

/** An app directory: itself, the site directories of a venv inside it, and the usual vendoring folders. */
async function pythonInDir(dir: string): Promise<SearchResult> {
  const dirs = [dir];
  for (const p of [dir, `${dir}/.venv`, `${dir}/venv`, `${dir}/env`]) dirs.push(...(await siteDirsOfPrefix(p, '', null)));
  dirs.push(`${dir}/site-packages`, `${dir}/python`);
  return findBotocore(dirs);
}

export const python: RuntimeDetector = {
  runtime: 'python',
  name: 'python',
  families: ['python', 'aws-cli'],
  byName: { matches: (name) => /^(python|pypy)(\d+(\.\d+)?)?[dmu]?$/.test(name), detect: detectPython },
  fromExecutable: detectCliInstaller,
  inDir: pythonInDir,
};
