#!/usr/bin/env node
// Bundles src/cli.ts into one ESM file that runs with a bare `node`: every dependency inlined.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const outfile = 'dist/ecs-cred-doctor.mjs';

/**
 * Modules the bundle must not carry:
 * - the SDK's Node-version warning: it speaks of the SDK's future releases, not of this
 *   pinned bundle, and a preflight tool must keep stderr clean;
 * - the default credential chain of @aws-sdk/credential-provider-node: every STS client
 *   here gets explicit credentials, so it is dead weight (the SigV4 signer stays).
 */
const stubs = {
  name: 'ecs-cred-doctor-stubs',
  setup(b) {
    b.onLoad({ filter: /emitWarningIfUnsupportedVersion\.js$/ }, () => ({
      contents: 'export const state = { warningEmitted: true }; export const emitWarningIfUnsupportedVersion = () => {};',
      loader: 'js',
    }));
    // undici carries its HTTP parser twice (SIMD and plain WebAssembly, 63 KB each) and
    // falls back to the plain one when the SIMD one fails to compile: ship only the plain one
    b.onLoad({ filter: /undici[\\/]lib[\\/]llhttp[\\/]llhttp_simd-wasm\.js$/ }, () => ({
      contents: 'module.exports = Buffer.alloc(0);',
      loader: 'js',
    }));
    // two undici paths the tool never takes, each dragging in large parts of fetch: FormData
    // request bodies (client-h1 requires fetch/body.js for them) and HTTP/2 (allowH2 is off)
    b.onLoad({ filter: /undici[\\/]lib[\\/]web[\\/]fetch[\\/]body\.js$/ }, () => ({
      contents: 'module.exports = { extractBody() { throw new Error("FormData bodies are not bundled"); } };',
      loader: 'js',
    }));
    b.onLoad({ filter: /undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/ }, () => ({
      contents: 'module.exports = async function connectH2() { throw new Error("HTTP/2 is not bundled"); };',
      loader: 'js',
    }));
    // undici's RedirectHandler: the redirect interceptor every Agent and Client install builds
    // one only for a request with a non-zero maxRedirections, and the tool sets it nowhere
    // (undici's default is 0), so a 3xx is handed back as it is, as before
    b.onLoad({ filter: /undici[\\/]lib[\\/]handler[\\/]redirect-handler\.js$/ }, () => ({
      contents: 'module.exports = class RedirectHandler { constructor() { throw new Error("following redirects is not bundled"); } };',
      loader: 'js',
    }));
    // src/gather/sts-client.ts re-exports the four client-sts names the tool uses. Taken from
    // the package index, the bundle would still carry everything the index re-exports (the
    // graph sits behind a dynamic import, so esbuild initialises it lazily and keeps each
    // re-exported module): the aggregated STS class, the other eight commands and their
    // schemas, the default role assumers. Here that one import is resolved to the dist-es files
    // that define those names (commands/<Name>.js, else <Name>.js), the very modules the index
    // re-exports (client-sts has no exports map); a name with no such file fails the build.
    b.onResolve({ filter: /^@aws-sdk\/client-sts$/ }, (args) =>
      /[\\/]src[\\/]gather[\\/]sts-client\.ts$/.test(args.importer) ? { path: args.importer, namespace: 'ecd-sts-client' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'ecd-sts-client' }, (args) => {
      const names = /^export \{([^}]*)\} from '@aws-sdk\/client-sts';$/m.exec(readFileSync(args.path, 'utf8'))?.[1].split(',').map((n) => n.trim()).filter(Boolean);
      if (!names?.length) throw new Error(`${args.path}: expected one \`export { ... } from '@aws-sdk/client-sts'\``);
      const fileOf = (name) => (name.endsWith('Command') ? `commands/${name}` : name);
      return {
        contents: names.map((n) => `export { ${n} } from '@aws-sdk/client-sts/dist-es/${fileOf(n)}.js';`).join('\n'),
        resolveDir: dirname(args.path),
        loader: 'js',
      };
    });
    // @aws-sdk/client-sts, which src/gather/sts.ts drives with its own undici request handler:
    // - the SDK's Node request handler: runtimeConfig.js only calls NodeHttpHandler.create(h),
    //   which hands back any `h` that has a handle() function, and sts.ts always passes one (the
    //   class is built only when no handler is given). streamCollector, the one other import
    //   from the package, is a re-export of @smithy/core/serde's and stays the real one.
    b.onLoad({ filter: /@smithy[\\/]node-http-handler[\\/]dist-es[\\/]index\.js$/ }, () => ({
      contents: [
        'export { streamCollector } from "@smithy/core/serde";',
        'export const NodeHttpHandler = { create(h) { if (typeof h?.handle === "function") return h; throw new Error("the SDK\'s Node HTTP handler is not bundled: pass a requestHandler"); } };',
      ].join('\n'),
      loader: 'js',
    }));
    // - event-stream serde (with the CRC32 it uses): HttpProtocol imports it only when an
    //   operation's input or output has an event-stream member, and no STS operation has one
    b.onLoad({ filter: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]event-streams[\\/]index\.js$/ }, () => ({
      contents: [
        'const none = () => { throw new Error("event streams are not bundled: no STS operation has one"); };',
        'export const eventStreamSerdeProvider = none;',
        'export class EventStreamSerde { constructor() { none(); } }',
      ].join('\n'),
      loader: 'js',
    }));
    // - its package.json, of which runtimeConfig.js reads only `version` (for the User-Agent):
    //   the rest (2 KB of export maps and scripts) is dropped, the version is the real one
    b.onLoad({ filter: /@aws-sdk[\\/]client-sts[\\/]package\.json$/ }, (args) => ({
      contents: JSON.stringify({ version: JSON.parse(readFileSync(args.path, 'utf8')).version }),
      loader: 'json',
    }));
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path: 'credential-provider-node', namespace: 'ecd-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'ecd-stub' }, () => ({
      contents: 'export const defaultProvider = () => async () => { throw new Error("ecs-cred-doctor passes explicit credentials to STS; the default chain is not bundled"); };',
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: ['src/cli.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  minify: true,
  legalComments: 'none',
  // the SDK ships ESM builds; preferring them lets esbuild drop unused code
  mainFields: ['module', 'main'],
  // tsconfig.json as it is, but without alwaysStrict (implied by strict), which makes esbuild
  // put a "use strict" directive into every TypeScript module's lazy-init function (80 of them,
  // ~0.9 KB): an ES module is strict code throughout, so they change nothing here. (The CJS
  // build for --sea below keeps them.)
  tsconfigRaw: { compilerOptions: { ...JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8')).compilerOptions, alwaysStrict: false } },
  define: { __ECS_CRED_DOCTOR_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    // a shebang, and `require` for the CommonJS parts of the dependencies inside an ESM file
    js: "#!/usr/bin/env node\nimport { createRequire as __ecdCreateRequire } from 'node:module'; const require = __ecdCreateRequire(import.meta.url);",
  },
  plugins: [stubs],
  logLevel: 'warning',
});
if (!process.argv.includes('--quiet')) console.log(`built ${outfile}: ${statSync(outfile).size} bytes`);

// ---------------------------------------------------------------------------------------------
// `node build.mjs --sea`: also a Node single executable application (SEA),
// dist/ecs-cred-doctor-<platform>-<arch> (here: linux-x64), for images that have no `node`.
// It is this build machine's own node binary with the tool injected, so it runs on the same
// OS and CPU family with a compatible libc (glibc for the usual node builds).
// - Node 20 and 22 run only a CommonJS main script in a SEA (an ESM entry, `"mainFormat":
//   "module"`, came in a later Node), and `require` there loads only built-in modules: so the
//   same entry and stubs are bundled once more as CJS, everything inlined, without the banner.
// - `node --experimental-sea-config` turns that script into a blob; postject (a devDependency)
//   injects the blob into a copy of process.execPath and flips the SEA fuse.
// - Linux only for now: macOS and Windows also need the binary's signature removed and redone.
// ---------------------------------------------------------------------------------------------
if (process.argv.includes('--sea')) {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const os = await import('node:os');
  const { spawnSync } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
  const seaOut = `dist/ecs-cred-doctor-${process.platform}-${process.arch}`;
  // thrown rather than exiting, so the temporary directory and a half-made executable go first
  class SeaError extends Error {}
  const fail = (message) => {
    throw new SeaError(message);
  };

  const buildSea = async (work) => {
    if (process.platform !== 'linux') fail(`only Linux is supported (this is ${process.platform}): other platforms need code signing handled`);
    let postject;
    try {
      postject = createRequire(import.meta.url)('postject');
    } catch {
      fail('postject is not installed: run `npm ci` (it is a devDependency)');
    }
    const nodeBinary = fs.readFileSync(process.execPath);
    if (!nodeBinary.includes(`${FUSE}:0`)) fail(`${process.execPath} (node ${process.version}) has no unflipped SEA fuse: built without single executable support, or one already`);

    const main = path.join(work, 'ecs-cred-doctor.cjs');
    const blob = path.join(work, 'sea-prep.blob');
    await build({
      entryPoints: ['src/cli.ts'],
      outfile: main,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      minify: true,
      legalComments: 'none',
      mainFields: ['module', 'main'],
      define: { __ECS_CRED_DOCTOR_VERSION__: JSON.stringify(pkg.version) },
      plugins: [stubs],
      logLevel: 'warning',
    });
    const config = path.join(work, 'sea-config.json');
    fs.writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true }));
    const prep = spawnSync(process.execPath, ['--experimental-sea-config', config], { encoding: 'utf8' });
    if (prep.status !== 0) fail(`node --experimental-sea-config failed (${prep.status ?? prep.signal}): ${prep.stderr || prep.stdout}`);

    // inject into a copy next to the output, then rename: a reader never sees half a binary
    const exe = path.join(path.dirname(seaOut), `.${path.basename(seaOut)}.${process.pid}`);
    fs.mkdirSync(path.dirname(seaOut), { recursive: true });
    fs.writeFileSync(exe, nodeBinary, { mode: 0o755 });
    try {
      // LIEF (inside postject) prints "Can't find string offset for section name '.note...'"
      // for some node builds' notes: harmless, the executable is run right below.
      await postject.inject(exe, 'NODE_SEA_BLOB', fs.readFileSync(blob), { sentinelFuse: FUSE });
      const check = spawnSync(path.resolve(exe), ['--version'], { encoding: 'utf8', env: { PATH: work } });
      if (check.status !== 0 || check.stdout !== `ecs-cred-doctor ${pkg.version}\n`) {
        fail(`the executable does not run: exit ${check.status ?? check.signal}, stdout ${JSON.stringify(check.stdout)}, stderr ${JSON.stringify(check.stderr)}`);
      }
      fs.renameSync(exe, seaOut);
    } finally {
      fs.rmSync(exe, { force: true });
    }
    return fs.statSync(main).size;
  };

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecd-sea-'));
  try {
    const cjsSize = await buildSea(work);
    if (!process.argv.includes('--quiet')) console.log(`built ${seaOut}: ${fs.statSync(seaOut).size} bytes (node ${process.version} + ${cjsSize} bytes of CommonJS)`);
  } catch (e) {
    if (!(e instanceof SeaError)) throw e;
    console.error(`build --sea: ${e.message}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
