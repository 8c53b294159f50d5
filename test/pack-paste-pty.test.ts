// The pack:paste snippet pasted as a person pastes it: into an interactive shell on a real
// terminal (a tmux pane, so a pty), where a line longer than the shell or the tty keeps is cut
// (dash reads through the tty's canonical mode: 4,095 bytes a line; busybox sh, Alpine's shell,
// edits lines itself: 1,022). Each shell gets the paste, then the commands a user types next,
// whose output and status go to files the test waits for (no sleeping on the screen).
// tmux runs on a socket of its own in the test's directory; the shells see only the
// environment given here (PATH, TMPDIR, the scenario's variables, the network guard).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARD, PATIENT } from './e2e/run-bundle.ts';
import { until } from './helpers/until.ts';
import { scenario, startScenario } from './scenarios/scenarios.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'ecs-cred-doctor.mjs');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
/** CI must run these; elsewhere a missing program skips them with the reason */
const MUST = process.env['CI'] === 'true';
const missing = ['tmux', 'dash', 'busybox', 'bash'].filter((c) => !has(c));
const WAIT_MS = 90_000;

const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

let work = '';
let snippet = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ecd-pty-'));
  snippet = join(work, 'snippet.sh');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-paste.mjs'), '--out', snippet], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pack-paste failed (${r.status}):\n${r.stderr}`);
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** An interactive shell in a tmux pane of its own server, seeing only `env`. */
class Pane {
  readonly sock: string;
  constructor(
    readonly dir: string,
    shell: string[],
    env: Record<string, string>,
  ) {
    this.sock = join(dir, 'tmux.sock');
    const command = ['env', '-i', ...Object.entries({ PS1: '$ ', ...env }).map(([k, v]) => q(`${k}=${v}`)), ...shell.map(q)].join(' ');
    this.tmux('new-session', '-d', '-x', '200', '-y', '50', command);
  }
  tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.sock, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
    return r.stdout;
  }
  /** A terminal paste of the file (tmux sends LF as CR, as a terminal's Enter does). */
  paste(file: string): void {
    this.tmux('load-buffer', '-b', 'paste', file);
    this.tmux('paste-buffer', '-d', '-b', 'paste', '-t', '0');
  }
  /** Types `line` and Enter; `line` writes NAME.rc (and NAME.out) in the pane's directory. Returns what it wrote. */
  async type(name: string, line: string): Promise<{ status: number; out: string }> {
    this.tmux('send-keys', '-t', '0', '-l', line);
    this.tmux('send-keys', '-t', '0', 'Enter');
    const rc = join(this.dir, `${name}.rc`);
    await until(() => existsSync(rc) && readFileSync(rc, 'utf8').endsWith('\n'), `${name}: the shell's answer (screen:\n${this.screen()})`, WAIT_MS);
    const out = join(this.dir, `${name}.out`);
    return { status: Number(readFileSync(rc, 'utf8')), out: existsSync(out) ? readFileSync(out, 'utf8') : '' };
  }
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', '0');
  }
  close(): void {
    spawnSync('tmux', ['-S', this.sock, 'kill-server']);
  }
}

const paneDir = (name: string): string => {
  const d = join(work, name);
  mkdirSync(d);
  return d;
};

const shells: [string, string[]][] = [
  ['dash', ['dash']],
  ['busybox sh', ['busybox', 'sh']],
  // readline, and history expansion even inside a here-document
  ['bash', ['bash', '--norc']],
];

describe.skipIf(missing.length > 0 && !MUST)(`the snippet pasted through a pty${missing.length > 0 ? ` (skipped: no ${missing.join(', ')} here)` : ''}`, () => {
  it('the programs are here (CI installs busybox; tmux, dash and bash come with the machine)', () => {
    expect(missing).toEqual([]);
  });

  for (const [label, shell] of shells) {
    it(`${label}: the paste writes the byte-identical tool, which then runs --version, --help and a healthy diagnosis`, async () => {
      const sc = await startScenario(scenario('healthy-task-role'));
      const dir = paneDir(label.replace(/\W/g, '-'));
      const bin = dirname(process.execPath);
      const pane = new Pane(dir, [`/usr/bin/${shell[0]}`, ...shell.slice(1)], {
        ...sc.env,
        PATH: `${bin}:/usr/bin:/bin`,
        TMPDIR: dir,
        HOME: dir,
        ECS_CRED_DOCTOR_APP_PID: 'self',
        NODE_OPTIONS: `--import ${GUARD}`,
      });
      try {
        pane.paste(snippet);
        const pasted = await pane.type('paste', `echo $? > ${dir}/paste.rc`);
        expect(pasted.status, pane.screen()).toBe(0);
        expect(readFileSync(join(dir, 'ecs-cred-doctor.mjs')).equals(readFileSync(BUNDLE))).toBe(true);
        expect(pane.screen()).toContain(`ecs-cred-doctor ${VERSION} written to ${dir}/ecs-cred-doctor.mjs (sha256 checked)`);

        const run = (name: string, args: string) => pane.type(name, `node "$TMPDIR/ecs-cred-doctor.mjs" ${args} > ${dir}/${name}.out 2>&1; echo $? > ${dir}/${name}.rc`);
        expect(await run('version', '--version')).toEqual({ status: 0, out: `ecs-cred-doctor ${VERSION}\n` });
        const help = await run('help', '--help');
        expect(help.status).toBe(0);
        expect(help.out).toMatch(/usage/i);
        const limits = Object.entries(PATIENT).flat().join(' ');
        const healthy = await run('healthy', `${sc.args.map(q).join(' ')} ${limits}`);
        expect(healthy.status, healthy.out).toBe(0);
        expect(healthy.out).toContain('myAppTaskRole');
      } finally {
        pane.close();
        await sc.close();
      }
    }, 180_000);
  }

  it('busybox sh with no node on PATH: the one-line hint and status 1, not `node: not found` and 127', async () => {
    const dir = paneDir('no-node');
    const empty = join(dir, 'bin');
    mkdirSync(empty);
    const pane = new Pane(dir, ['/usr/bin/busybox', 'sh'], { PATH: empty, TMPDIR: dir });
    try {
      pane.paste(snippet);
      // the shell's builtins only: `echo` is one in every shell
      const r = await pane.type('paste', `echo $? > ${dir}/paste.rc`);
      expect(r.status).toBe(1);
      const screen = pane.screen();
      expect(screen).toContain('ecs-cred-doctor: no node on PATH in this container: run the tool from a doctor sidecar instead (README, Runbooks)');
      expect(screen).not.toMatch(/not found/);
      expect(existsSync(join(dir, 'ecs-cred-doctor.mjs'))).toBe(false);
    } finally {
      pane.close();
    }
  }, 120_000);
});

it('pack-paste --out FILE writes the snippet to the file and nothing to stdout', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'ecd-out-')), 'snippet.sh');
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-paste.mjs'), '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const viaStdout = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pack-paste.mjs')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(readFileSync(out, 'utf8')).toBe(viaStdout.stdout);
    expect(r.stderr).toMatch(/snippet \d+ bytes, \d+ lines of at most \d+ bytes/);
  } finally {
    rmSync(dirname(out), { recursive: true, force: true });
  }
  // brotli at its maximum quality, twice: seconds on a loaded machine
}, 120_000);
