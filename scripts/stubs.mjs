// The stub machinery of build.mjs: an esbuild plugin that applies the table of stubs declared at
// the top of build.mjs, and the check that fails the build when a stub matched nothing. A stub
// whose pattern silently stops matching after a dependency upgrade puts the code it was meant to
// drop back into the bundle (two such stubs once cost 600 KB); this turns that into a build error.
// Plain JS so build.mjs runs with bare node; types for the tests in scripts/stubs.d.mts.
import { dirname } from 'node:path';

/**
 * A table entry (see build.mjs). It replaces either
 * - `file`: every module whose resolved path matches the RegExp (esbuild onLoad), or
 * - `specifier`: every import of a matching module specifier (esbuild onResolve), optionally only
 *   from importers whose path matches `importer`;
 * with `contents`, a string or a function of the matched path (file) or the importer's path
 * (specifier) that returns the stand-in's source. `kind` is 'stub' (code that never runs in this
 * tool: the stand-in throws if it ever does) or 'trim' (code that runs: the stand-in behaves the
 * same with fewer bytes). `why` says why that holds. A table that is not well formed throws.
 */
export function validateStubTable(table) {
  const names = new Set();
  for (const s of table) {
    const where = `stub ${JSON.stringify(s?.name)}`;
    if (typeof s?.name !== 'string' || !/^[a-z0-9-]+$/.test(s.name)) throw new Error(`${where}: a name of lower-case words and dashes is required`);
    if (names.has(s.name)) throw new Error(`${where}: the name is used twice`);
    names.add(s.name);
    if (s.kind !== 'stub' && s.kind !== 'trim') throw new Error(`${where}: kind must be 'stub' or 'trim'`);
    if (typeof s.why !== 'string' || s.why.trim().length < 20) throw new Error(`${where}: say in \`why\` why it never runs (stub) or behaves the same (trim)`);
    if (!(s.file instanceof RegExp) === !(s.specifier instanceof RegExp)) throw new Error(`${where}: exactly one of \`file\` and \`specifier\` (a RegExp) is required`);
    if (s.importer !== undefined && !(s.specifier instanceof RegExp && s.importer instanceof RegExp)) throw new Error(`${where}: \`importer\` (a RegExp) goes only with \`specifier\``);
    if (typeof s.contents !== 'string' && typeof s.contents !== 'function') throw new Error(`${where}: \`contents\` must be a string or a function of the path`);
    if (s.loader !== undefined && s.loader !== 'js' && s.loader !== 'json') throw new Error(`${where}: loader must be 'js' or 'json'`);
  }
  return table;
}

/** The names of the stubs that matched nothing, in table order. Pure: `hits` maps a name to its count. */
export function unmatchedStubs(table, hits) {
  return table.filter((s) => !(hits.get(s.name) > 0)).map((s) => s.name);
}

/** The build error for the stubs that matched nothing, or null when every stub matched. */
export function unmatchedStubsError(table, hits) {
  const missing = unmatchedStubs(table, hits);
  if (missing.length === 0) return null;
  const lines = missing.map((name) => {
    const s = table.find((t) => t.name === name);
    return `  - ${name}: ${s.file ? `no module path matched ${s.file}` : `no import of ${s.specifier}${s.importer ? ` from ${s.importer}` : ''}`}`;
  });
  return [
    `${missing.length} bundle stub(s) matched nothing:`,
    ...lines,
    'A dependency upgrade probably moved or renamed the code the stub replaces, so that code is in the bundle again.',
    'Find where it went (node build.mjs --analyze lists the largest inputs) and fix the pattern in the table at the top of build.mjs, or drop the stub.',
  ].join('\n');
}

/**
 * The esbuild plugin for a table. Every build gets a fresh count; when the build ends, a stub that
 * matched nothing fails it with unmatchedStubsError's message.
 */
export function stubsPlugin(table) {
  validateStubTable(table);
  return {
    name: 'ecs-cred-doctor-stubs',
    setup(b) {
      const hits = new Map();
      const hit = (name) => hits.set(name, (hits.get(name) ?? 0) + 1);
      b.onStart(() => hits.clear());
      const namespace = 'ecd-stub';
      for (const s of table) {
        const source = (path) => (typeof s.contents === 'function' ? s.contents(path) : s.contents);
        if (s.file) {
          b.onLoad({ filter: s.file }, (args) => {
            hit(s.name);
            return { contents: source(args.path), loader: s.loader ?? 'js', resolveDir: dirname(args.path) };
          });
        } else {
          b.onResolve({ filter: s.specifier }, (args) => {
            if (s.importer && !s.importer.test(args.importer)) return undefined;
            hit(s.name);
            // contents that do not depend on the importer are one module, however many import it
            const path = typeof s.contents === 'function' ? `${s.name}:${args.importer}` : s.name;
            return { path, namespace, pluginData: { stub: s.name, importer: args.importer } };
          });
        }
      }
      b.onLoad({ filter: /.*/, namespace }, (args) => {
        const s = table.find((t) => t.name === args.pluginData?.stub);
        if (!s) throw new Error(`no stub for ${args.path}`);
        const importer = args.pluginData.importer;
        return { contents: typeof s.contents === 'function' ? s.contents(importer) : s.contents, loader: s.loader ?? 'js', resolveDir: dirname(importer) };
      });
      b.onEnd((result) => {
        // a build that failed already may have stopped before reaching a stub: report that failure alone
        if (result.errors.length > 0) return undefined;
        const message = unmatchedStubsError(table, hits);
        return message ? { errors: [{ text: message }] } : undefined;
      });
    },
  };
}
