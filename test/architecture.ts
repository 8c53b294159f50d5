// The layer rules of src/ (STYLE.md "The shape: data flows one way"; issue 9 item 5) and the
// checker that applies them to an import graph. architecture.test.ts proves the checker on
// made-up graphs; architecture-tree.test.ts applies it to src/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * A forbidden arrow: no file matching `from` may import a file matching `forbid`, unless that
 * file also matches `allow`. Patterns are repository paths: `*` stays within one folder, `**`
 * crosses folders. Only src files are targets: packages and node: builtins are not layers.
 */
export interface Rule {
  from: readonly string[];
  forbid: readonly string[];
  allow?: readonly string[];
  why: string;
}

export const RULES: readonly Rule[] = [
  {
    from: ['src/gather/**'],
    forbid: ['src/verdict*', 'src/verdict/**', 'src/sources/**', 'src/sdks/**', 'src/chains/**', 'src/findings*', 'src/findings/**', 'src/render/**'],
    why: 'gather does the I/O and returns facts: it knows no source, SDK, chain, finding, verdict or renderer',
  },
  { from: ['src/sources/**', 'src/sdks/**'], forbid: ['src/gather/**'], why: 'sources and SDKs are pure functions of the gathered facts' },
  { from: ['src/render/**'], forbid: ['src/verdict*', 'src/verdict/**'], why: 'renderers format a finished report; they do not judge' },
  { from: ['src/model/**'], forbid: ['src/**'], allow: ['src/model/**'], why: 'the model is leaf types: it imports nothing of the tool' },
  { from: ['src/sdks/**', 'src/chains/**'], forbid: ['src/verdict/**', 'src/findings/**', 'src/render/**'], why: 'an SDK judges its own steps; findings and prose come later' },
  { from: ['src/verdict/**', 'src/findings/**'], forbid: ['src/gather/**', 'src/render/**', 'src/cli.ts'], why: 'the verdict is pure over the walk and the facts' },
  { from: ['src/iam/**'], forbid: ['src/**'], allow: ['src/iam/**', 'src/model/**'], why: 'the IAM evaluator is a pure library over policy documents: no facts, SDK, finding or I/O' },
  // the bundle evaluates every module a static import reaches at start-up: --help and a bad
  // option must not build every SDK's chain (cli.ts loads the registry with import())
  { from: ['src/options.ts', 'src/errors.ts', 'src/version.ts'], forbid: ['src/sdks/**', 'src/chains/**', 'src/verdict/**'], why: '--help and option errors load no chain' },
];

/** One import of a file: the specifier as written, the line, and how it is written. */
export interface ImportRef {
  specifier: string;
  line: number;
  kind: 'static' | 'type' | 'export-from' | 'dynamic' | 'import-type' | 'import-equals';
}

/** A src file the checker cannot follow (a dynamic import of a computed name, or a relative path to nothing). */
export interface Opaque {
  file: string;
  line: number;
  text: string;
  reason: string;
}

/** Every module reference in a file, found by TypeScript's own parser (comments and strings are not imports). */
export function importsOf(file: string, text: string): { refs: ImportRef[]; opaque: Opaque[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const refs: ImportRef[] = [];
  const opaque: Opaque[] = [];
  const lineOf = (n: ts.Node): number => source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1;
  const add = (spec: ts.Node | undefined, kind: ImportRef['kind'], at: ts.Node): void => {
    if (spec && ts.isStringLiteralLike(spec)) refs.push({ specifier: spec.text, line: lineOf(at), kind });
    else opaque.push({ file, line: lineOf(at), text: at.getText(source).slice(0, 120), reason: 'module name is not a string literal' });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) add(n.moduleSpecifier, n.importClause?.isTypeOnly ? 'type' : 'static', n);
    else if (ts.isExportDeclaration(n) && n.moduleSpecifier) add(n.moduleSpecifier, 'export-from', n);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) add(n.moduleReference.expression, 'import-equals', n);
    else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) add(n.arguments[0], 'dynamic', n);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) add(n.argument.literal, 'import-type', n);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return { refs, opaque };
}

/** The src file a relative specifier names, as Node and tsc resolve it here; null when it names no file of the graph. */
export function resolveSpecifier(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  for (const candidate of [target, `${target}.ts`, `${target}/index.ts`, target.replace(/\.js$/, '.ts')]) if (files.has(candidate)) return candidate;
  return null;
}

export interface Edge {
  from: string;
  to: string;
  line: number;
  kind: ImportRef['kind'];
}

export interface Graph {
  files: string[];
  edges: Edge[];
  opaque: Opaque[];
}

/** The import graph among `sources` (repository path → text); bare specifiers (packages, node:) are left out. */
export function buildGraph(sources: ReadonlyMap<string, string>): Graph {
  const files = [...sources.keys()].sort();
  const known = new Set(files);
  const edges: Edge[] = [];
  const opaque: Opaque[] = [];
  for (const file of files) {
    const found = importsOf(file, sources.get(file) ?? '');
    opaque.push(...found.opaque);
    for (const ref of found.refs) {
      if (!ref.specifier.startsWith('.') && !ref.specifier.startsWith('/')) continue;
      const to = resolveSpecifier(file, ref.specifier, known);
      if (to === null) opaque.push({ file, line: ref.line, text: ref.specifier, reason: 'relative import of no file in the graph' });
      else edges.push({ from: file, to, line: ref.line, kind: ref.kind });
    }
  }
  return { files, edges, opaque };
}

/** `*` within one path segment, `**` across segments; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const matchesAny = (path: string, globs: readonly string[]): boolean => globs.some((g) => globToRegExp(g).test(path));

/** Each import that breaks a rule, as `from:line → to  (why)`. */
export function forbiddenArrows(graph: Graph, rules: readonly Rule[]): string[] {
  const out: string[] = [];
  for (const e of graph.edges) {
    for (const rule of rules) {
      if (!matchesAny(e.from, rule.from) || !matchesAny(e.to, rule.forbid) || matchesAny(e.to, rule.allow ?? [])) continue;
      out.push(`forbidden: ${e.from}:${e.line} → ${e.to}  (${rule.why})`);
    }
  }
  return out;
}

/** Strongly connected components of two or more files, or one that imports itself (Tarjan). */
export function stronglyConnected(graph: Graph): string[][] {
  const next = adjacency(graph);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      scc.push(w);
      if (w === v) break;
    }
    if (scc.length > 1 || (next.get(v) ?? []).includes(v)) out.push(scc.sort());
  };
  for (const f of graph.files) if (!index.has(f)) connect(f);
  return out.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

function adjacency(graph: Graph): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = next.get(e.from) ?? [];
    if (!list.includes(e.to)) list.push(e.to);
    next.set(e.from, list);
  }
  for (const list of next.values()) list.sort();
  return next;
}

/** The shortest cycle through the first file of a component, as a path that ends where it starts. */
export function cycleThrough(graph: Graph, scc: readonly string[]): string[] {
  const next = adjacency(graph);
  const members = new Set(scc);
  const start = scc[0] ?? '';
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() ?? '';
    for (const w of next.get(v) ?? []) {
      if (w === start) return [...pathTo(parent, v, start), start];
      if (!members.has(w) || parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return [start];
}

function pathTo(parent: ReadonlyMap<string, string>, v: string, start: string): string[] {
  const path = [v];
  for (let p = v; p !== start; ) {
    p = parent.get(p) ?? start;
    path.unshift(p);
  }
  return path;
}

/**
 * Each import cycle: one concrete cycle and, when more files are tangled, every file of the
 * component and every import among them (each is a candidate to remove).
 */
export function importCycles(graph: Graph): string[] {
  return stronglyConnected(graph).map((scc) => {
    const path = `cycle: ${cycleThrough(graph, scc).join(' → ')}`;
    if (scc.length <= 2) return path;
    const inside = graph.edges.filter((e) => scc.includes(e.from) && scc.includes(e.to)).map((e) => `\n    ${e.from}:${e.line} → ${e.to}`);
    return `${path}  (${scc.length} files in one cycle: ${scc.join(', ')}; the imports among them:${inside.join('')})`;
  });
}

/** Everything wrong with a graph under the rules: opaque imports, cycles, forbidden arrows. */
export function checkArchitecture(sources: ReadonlyMap<string, string>, rules: readonly Rule[] = RULES): string[] {
  const graph = buildGraph(sources);
  const opaque = graph.opaque.map((o) => `unchecked: ${o.file}:${o.line} ${o.text}  (${o.reason})`);
  return [...opaque, ...importCycles(graph), ...forbiddenArrows(graph, rules)];
}

/** Every .ts file under `dir` (a repository folder such as src), keyed by its repository path. */
export function readSources(repoRoot: string, dir = 'src'): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string): void => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mts|cts)$/.test(e.name)) out.set(relative(repoRoot, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(join(repoRoot, dir));
  return out;
}
