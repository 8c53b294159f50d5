#!/usr/bin/env node
// Bundles src/cli.ts into one ESM file that runs with a bare `node`: every dependency inlined.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const outfile = 'dist/ecs-cred-doctor.mjs';

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
  logLevel: 'warning',
});
if (!process.argv.includes('--quiet')) console.log(`built ${outfile}: ${statSync(outfile).size} bytes`);
