#!/usr/bin/env node
// `npm run demo`: runs the built bundle against loopback fakes (an ECS agent, an STS that
// verifies SigV4, an IMDS, all on 127.0.0.1) for a few named scenarios, and prints each
// report as a user would see it. No AWS account and no network are needed; the tool is
// started with ECS_CRED_DOCTOR_LOOPBACK_ONLY=1 and the network guard preloaded, so it
// cannot reach anything but loopback.
//   node scripts/demo.mjs                 the default scenarios
//   node scripts/demo.mjs --list          every scenario name
//   node scripts/demo.mjs NAME [--json]   one scenario (extra flags go to the tool)
import { build } from 'esbuild';

import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/ecs-cred-doctor.mjs`;
const guard = `${root}test/setup/net-guard-preload.mjs`;

// The scenarios and fakes are TypeScript shared with the tests: bundle them in memory.
const out = await build({
  entryPoints: [`${root}test/scenarios/scenarios.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'error',
});
const code = out.outputFiles[0].text;
const { ALL_SCENARIOS: SCENARIOS, startScenario } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(32)} ${s.title}`);
  process.exit(0);
}
const names = args.filter((a) => !a.startsWith('--'));
const toolArgs = args.filter((a) => a.startsWith('--'));
// the last default shows --sdk auto: the same environment judged for a Python app found on disk
const pythonApp = `${root}test/fixtures/detect/python-venv/venv`;
const chosen =
  names.length > 0
    ? names.map((name) => ({ name }))
    : [
        { name: 'healthy-task-role' },
        { name: 'static-keys-shadow-task-role' },
        { name: 'no-task-role' },
        { name: 'instance-role-fallback' },
        {
          name: 'profile-beats-env-keys',
          args: ['--sdk', 'all', '--app-dir', pythonApp],
          title: 'Env keys + AWS_PROFILE, and the app is Python: botocore 1.29.27 is detected in its venv and takes the env keys, where the JS SDK would take the profile',
        },
      ];

const tty = process.stdout.isTTY === true;
for (const { name, args: extra = [], title } of chosen) {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) {
    console.error(`demo: no scenario ${JSON.stringify(name)}; try --list`);
    process.exit(2);
  }
  const sc = await startScenario(s);
  try {
    const shown = Object.entries(sc.env)
      .filter(([k]) => /^(AWS_(PROFILE|CONTAINER_CREDENTIALS_(RELATIVE|FULL)_URI|ACCESS_KEY_ID|WEB_IDENTITY_TOKEN_FILE|ROLE_ARN)|ECS_CONTAINER_METADATA_URI_V4)$/.test(k))
      .map(([k, v]) => `${k}=${/KEY_ID/.test(k) ? `${v.slice(0, 4)}…` : v}`);
    const argv = [...sc.args, ...extra, ...toolArgs];
    console.log(`${'━'.repeat(78)}\n▶ ${title ?? s.title}\n  scenario ${s.name}${shown.length ? `; ${shown.join(' ')}` : ''}\n  $ ecs-cred-doctor ${argv.join(' ').replaceAll(root, '')}\n`);
    // the tool runs in its own process while the fakes answer from this one
    const r = await new Promise((resolve) => {
      const child = spawnAsync(argv, { PATH: process.env.PATH ?? '', ...sc.env, ...(tty && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}) });
      child.then(resolve);
    });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    console.log(`  (exit code ${r.code})\n`);
  } finally {
    await sc.close();
  }
}

async function spawnAsync(argv, env) {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['--import', guard, bundle, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}
