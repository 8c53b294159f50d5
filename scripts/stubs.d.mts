// Types for scripts/stubs.mjs, which stays plain JS so build.mjs runs with bare node;
// test/build.test.ts imports it.
import type { Plugin } from 'esbuild';

/** One entry of the stub table at the top of build.mjs. */
export interface Stub {
  name: string;
  /** 'stub': code that never runs in this tool; 'trim': code that runs, the same with fewer bytes */
  kind: 'stub' | 'trim';
  /** why the stub never runs, or why the trim behaves the same */
  why: string;
  /** replaces every module whose resolved path matches (exactly one of file and specifier) */
  file?: RegExp;
  /** replaces every import of a matching specifier ... */
  specifier?: RegExp;
  /** ... from importers whose path matches (only with specifier) */
  importer?: RegExp;
  /** the stand-in's source, or a function of the matched path (file) or the importer (specifier) */
  contents: string | ((path: string) => string);
  loader?: 'js' | 'json';
}

/** Throws unless every entry is well formed and the names are unique; returns the table. */
export function validateStubTable<T extends readonly Stub[]>(table: T): T;
/** The names of the stubs that matched nothing, in table order. */
export function unmatchedStubs(table: readonly Stub[], hits: ReadonlyMap<string, number>): string[];
/** The build error for the stubs that matched nothing, or null when every stub matched. */
export function unmatchedStubsError(table: readonly Stub[], hits: ReadonlyMap<string, number>): string | null;
/** The esbuild plugin for a table: a build in which a stub matched nothing fails. */
export function stubsPlugin(table: readonly Stub[]): Plugin;
