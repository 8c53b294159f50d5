/**
 * Go: a Go binary has no telling name; it is recognised by the build info the linker embeds,
 * which also lists the AWS SDK modules it links (go-buildinfo.ts).
 */
import { posix } from 'node:path';
import { at, ev, isFile, listDir } from './helpers.ts';
import { hasElfMagic } from './elf.ts';
import { readGoBuildInfo, type GoBuildInfo, type GoModule } from './go-buildinfo.ts';
import type { AppProc, Detected, Evidence, RuntimeDetector, SdkHit, SearchResult } from './types.ts';

const { isAbsolute } = posix;
/** At most this many ELF files of an --app-dir are read for build info. */
const DIR_EXECUTABLES_CAP = 32;

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

/** One executable: Go (with or without an SDK), unreadable (runtime 'unknown', with why), or null (no Go build info). */
async function detectGo(path: string, label: string): Promise<Detected | null> {
  const r = await readGoBuildInfo(path);
  if (!r.ok)
    return { runtime: 'unknown', hit: null, evidence: [ev('go build info', `${label}: ${r.error}`)], why: `the executable could not be read (${label}: ${r.error}); run as root or as the app's user, or name the app's files with --app-dir` };
  if (r.value === null) return null;
  const { info, where } = r.value;
  const evidence = [ev('go build info', `${label}: ${info.goVersion ?? 'Go (version not read)'}, ${info.path ?? info.main?.path ?? 'no module path'}; ${where}`)];
  const sdk = goSdkOf(info);
  evidence.push(...sdk.evidence);
  return { runtime: 'go', hit: sdk.hit ? { ...sdk.hit, from: `${label} (Go build info)` } : null, evidence, why: sdk.hit ? null : 'the Go binary links no AWS SDK module' };
}

/**
 * The process's executable, read through /proc/<pid>/exe: it works even when the file was
 * replaced or is in another mount namespace. When that link is unreadable, an absolute argv[0]
 * is tried in the app's filesystem.
 */
async function goFromExecutable(proc: AppProc): Promise<Detected | null> {
  const go = await detectGo(`${proc.base}/exe`, proc.exe ?? `${proc.base}/exe`);
  if (go && go.runtime === 'go') return go;
  const argv0 = proc.argv?.[0];
  if (go && proc.exe === null && argv0 && isAbsolute(argv0)) {
    const again = await detectGo(at(proc.root, argv0), argv0);
    if (again && again.runtime === 'go') return { ...again, evidence: [...go.evidence, ...again.evidence] };
  }
  return go; // null: no Go binary; unreadable: its reason stands
}

/** The ELF executables directly in an app directory, in name order. */
async function goInDir(dir: string): Promise<SearchResult> {
  const found: Evidence[] = [];
  let checked = 0;
  for (const name of (await listDir(dir)).sort()) {
    if (checked >= DIR_EXECUTABLES_CAP) break;
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
}

export const go: RuntimeDetector = {
  runtime: 'go',
  name: 'Go',
  families: ['go-v2', 'go-v1'],
  fromExecutable: goFromExecutable,
  notFound: ev('go build info', 'none in the executable (not a Go binary, or one built without module info)'),
  inDir: goInDir,
};
