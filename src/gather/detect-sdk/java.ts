/**
 * Java: the SDK's jars on the classpath the launcher builds (-jar > -cp > CLASSPATH > .),
 * @argfiles expanded, jar names read (jars are never opened), class directories looked into.
 */
import { posix } from 'node:path';
import { appPath, at, ev, isDir, listDir, readTextCapped, uniq } from './helpers.ts';
import type { AppProc, Detected, Evidence, RuntimeDetector, SdkHit, SearchResult } from './types.ts';

const { basename, dirname, isAbsolute, resolve } = posix;

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

interface LauncherArgs {
  cp: string | null;
  cpFlag: string;
  modulePath: string[];
  jar: string | null;
}

/** The launcher's options up to the main class (what follows it is the app's own arguments). */
function launcherArgsOf(argv: readonly string[]): LauncherArgs {
  const out: LauncherArgs = { cp: null, cpFlag: '', modulePath: [], jar: null };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-cp' || a === '-classpath' || a === '--class-path') {
      out.cp = argv[++i] ?? '';
      out.cpFlag = a;
    } else if (a.startsWith('--class-path=')) {
      out.cp = a.slice('--class-path='.length);
      out.cpFlag = '--class-path';
    } else if (a === '-p' || a === '--module-path') {
      out.modulePath.push(...(argv[++i] ?? '').split(':'));
    } else if (a.startsWith('--module-path=')) {
      out.modulePath.push(...a.slice('--module-path='.length).split(':'));
    } else if (a === '-jar') {
      out.jar = argv[i + 1] ?? null;
      break;
    } else if (a === '-m' || a === '--module' || a.startsWith('--module=')) {
      break;
    } else if (JAVA_VALUE_OPTIONS.has(a)) {
      i++;
    } else if (!a.startsWith('-')) {
      break; // the main class: what follows is the app's own arguments
    }
  }
  return out;
}

/** The classpath of a java command line, as the launcher builds it (`-jar` > `-cp` > CLASSPATH > `.`). */
export function javaClasspathOf(argv: readonly string[], env: Record<string, string>): JavaClasspath {
  const { cp, cpFlag, modulePath, jar } = launcherArgsOf(argv);
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

interface JarHit {
  artifact: string;
  version: string;
  from: string;
}
interface SdkEntries {
  v2: (JarHit & { strong: boolean })[];
  v1: JarHit[];
}

/** Classpath entries as the launcher expands them: `dir/*` lists .jar and .JAR files in dir (not recursive). */
async function expandClasspath(entries: readonly string[], cwd: string | null, root: string): Promise<{ jars: string[]; classDirs: string[] }> {
  const jars: string[] = [];
  const classDirs: string[] = [];
  for (const raw of entries) {
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
  return { jars, classDirs };
}

/** An exploded jar keeps META-INF/maven/<group>/<artifact>/pom.properties with `version=`. */
async function mavenVersion(root: string, dir: string, group: string, artifacts: readonly string[]): Promise<JarHit | null> {
  for (const artifact of artifacts) {
    const p = `${dir}/META-INF/maven/${group}/${artifact}/pom.properties`;
    const r = await readTextCapped(at(root, p));
    const version = r.ok ? /^version=(.+)$/m.exec(r.value)?.[1]?.trim() : undefined;
    if (version) return { artifact, version, from: p };
  }
  return null;
}

/** The SDK entries among jars (by name) and class directories (by package folder, pom.properties for the version). */
async function sdkEntriesOf(jars: readonly string[], classDirs: readonly string[], root: string): Promise<SdkEntries> {
  const found: SdkEntries = { v2: [], v1: [] };
  for (const jar of jars) {
    const c = classifyJarName(jar);
    if (c?.major === 2) found.v2.push({ artifact: c.artifact, version: c.version, from: jar, strong: c.strong });
    else if (c?.major === 1) found.v1.push({ artifact: c.artifact, version: c.version, from: jar });
  }
  for (const dir of classDirs) {
    if (await isDir(at(root, `${dir}/software/amazon/awssdk`))) {
      const pom = await mavenVersion(root, dir, 'software.amazon.awssdk', ['auth', 'aws-core', 'sdk-core']);
      found.v2.push({ artifact: pom?.artifact ?? 'classes', version: pom?.version ?? '', from: pom?.from ?? `${dir}/software/amazon/awssdk`, strong: true });
    }
    if (await isDir(at(root, `${dir}/com/amazonaws`))) {
      const pom = await mavenVersion(root, dir, 'com.amazonaws', ['aws-java-sdk-core', 'aws-java-sdk-bundle']);
      found.v1.push({ artifact: 'core', version: pom?.version ?? '', from: pom?.from ?? `${dir}/com/amazonaws` });
    }
  }
  return found;
}

function rank(order: readonly string[], artifact: string): number {
  const i = order.indexOf(artifact);
  return i < 0 ? order.length : i;
}

/** v2 when its entries are convincing, else v1; the other major is named in the evidence. */
function pickJavaSdk({ v2, v1 }: SdkEntries, evidence: Evidence[]): SdkHit | null {
  // weak names alone count when two different ones share a version (auth-2.25.1 and sts-2.25.1)
  const weakPairs = [...new Set(v2.map((j) => j.version))].some((ver) => new Set(v2.filter((j) => j.version === ver).map((j) => j.artifact)).size >= 2);
  const strongV2 = v2.some((j) => j.strong) || weakPairs;
  let hit: SdkHit | null = null;
  const pick2 = strongV2 ? [...v2].sort((a, b) => rank(JAVA_V2_VERSION_ORDER, a.artifact) - rank(JAVA_V2_VERSION_ORDER, b.artifact))[0] : undefined;
  if (pick2) {
    hit = { family: 'java-v2', version: pick2.version === '' ? null : pick2.version, from: pick2.from };
    const versions = uniq(v2.map((j) => j.version));
    evidence.push(ev('java-v2', `${pick2.artifact} ${pick2.version || '(version unknown)'} from ${pick2.from}${v2.length > 1 ? `; ${v2.length} SDK v2 entries` : ''}${versions.length > 1 ? `; mixed versions ${versions.join(', ')}` : ''}`));
  }
  const pick1 = [...v1].sort((a, b) => rank(JAVA_V1_ORDER, a.artifact) - rank(JAVA_V1_ORDER, b.artifact))[0];
  if (pick1) {
    evidence.push(ev('java-v1', `aws-java-sdk-${pick1.artifact} ${pick1.version || '(version unknown)'} from ${pick1.from}${hit ? ' (also on the classpath; v2 reported)' : ''}`));
    hit ??= { family: 'java-v1', version: pick1.version === '' ? null : pick1.version, from: pick1.from };
  }
  return hit;
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
  const evidence: Evidence[] = [];
  const { jars, classDirs } = await expandClasspath(classpathEntries, options.cwd ?? null, root);
  const hit = pickJavaSdk(await sdkEntriesOf(jars, classDirs, root), evidence);
  if (!hit) evidence.push(ev('java search', `no AWS SDK jar among ${jars.length} jar(s)${classDirs.length ? ` or in ${classDirs.join(', ')}` : ''}`));
  return { hit, evidence };
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

export const java: RuntimeDetector = {
  runtime: 'java',
  name: 'java',
  families: ['java-v2', 'java-v1'],
  byName: { matches: (name) => name === 'java', detect: detectJava },
  inDir: (dir) => findJavaSdk([dir, `${dir}/*`, `${dir}/lib/*`, `${dir}/libs/*`, `${dir}/BOOT-INF/lib/*`, `${dir}/WEB-INF/lib/*`, `${dir}/BOOT-INF/classes`]),
};
