#!/usr/bin/env node
// Bundles src/cli.ts into one ESM file that runs with a bare `node`: every dependency inlined.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const outfile = 'dist/ecs-cred-doctor.mjs';

/**
 * Two SDK modules the bundle must not carry:
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
  define: { __ECS_CRED_DOCTOR_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    // a shebang, and `require` for the CommonJS parts of the dependencies inside an ESM file
    js: "#!/usr/bin/env node\nimport { createRequire as __ecdCreateRequire } from 'node:module'; const require = __ecdCreateRequire(import.meta.url);",
  },
  plugins: [stubs],
  logLevel: 'warning',
});
if (!process.argv.includes('--quiet')) console.log(`built ${outfile}: ${statSync(outfile).size} bytes`);
