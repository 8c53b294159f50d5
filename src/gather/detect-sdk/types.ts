/**
 * The types every runtime's detection shares. A leaf: index.ts and the runtime files import
 * it, it imports only the model's types, so the folder has no cycle.
 */
import type { SdkFamily as ModelledSdk } from '../../model/facts.ts';

/** What detection can name: every modelled SDK (the model's one list) and the v1 SDKs it recognises without modelling. */
export type SdkFamily = ModelledSdk | 'js-v2' | 'java-v1' | 'go-v1';
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

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/** The app process as detection needs it, read from /proc/<pid> (proc.ts). */
export interface AppProc {
  pid: number;
  base: string;
  exe: string | null;
  argv: string[] | null;
  env: Record<string, string>;
  cwd: string | null;
  /** /proc/<pid>/root when it can be entered (a sidecar sees the app's files through it), else '' */
  root: string;
}

/** What one place looked at concluded; `why` says, when nothing was found, what stood in the way. */
export interface Detected {
  runtime: AppRuntime;
  hit: SdkHit | null;
  evidence: Evidence[];
  why: string | null;
}

/**
 * One runtime's detection. index.ts lists these in the order they are tried; adding a
 * runtime is one file exporting one of these and one line in that list.
 */
export interface RuntimeDetector {
  runtime: Exclude<AppRuntime, 'unknown'>;
  /** how evidence names the runtime ("node", "Go") */
  name: string;
  /** the families it reports: --app-dir names the runtime from the family found */
  families: readonly SdkFamily[];
  /** a process recognised by its executable's name, and how its SDK is found */
  byName?: { matches(exeName: string): boolean; detect(proc: AppProc): Promise<Detected> };
  /**
   * A process no runtime recognised by name, recognised by its executable's contents: null
   * when it is not this runtime; a Detected with runtime 'unknown' when it could not be read
   * (its reason then stands, and no later runtime is tried).
   */
  fromExecutable?: (proc: AppProc) => Promise<Detected | null>;
  /** what the evidence says when no runtime recognised the executable */
  notFound?: Evidence;
  /** the app's files named with --app-dir */
  inDir(dir: string): Promise<SearchResult>;
}
