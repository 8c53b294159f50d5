#!/usr/bin/env node
// `npm run docker:steps`: replays Dockerfile.debug without Docker, to check that its steps
// work. It reads the Dockerfile's own instructions and, in a temporary directory:
//   - for each stage the final stage copies from (the build stage): WORKDIR, COPY (from the
//     build context), ENV/ARG and RUN (with `sh -c`, in the stage's WORKDIR, this machine's
//     node and npm standing in for the base image's);
//   - for the final stage: its COPY --from=<stage>, so the final layout holds exactly what the
//     image adds on top of its base (the bundle at /opt/ecs-cred-doctor/ecs-cred-doctor.mjs);
//   - runs the ENTRYPOINT with `--version` from that layout, with an environment holding only
//     PATH, as the USER of the final stage when it can (root here, known user or numeric uid).
// `npm ci` needs the npm registry: run this outside any network namespace. Exits non-zero on
// any failure. Options: --dockerfile PATH (default Dockerfile.debug next to package.json),
// --keep (leave the temporary directory), --npm VERSION (RUN steps get that npm, through npx,
// instead of this machine's: a node:22.12.0 image ships npm 10.9.0, and npm 11 is stricter in
// `npm ci` about optional dependencies the registry does not have).
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagsAndRest, keyValues, parseDockerfile, stagesOf, words } from './dockerfile.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i < 0 ? null : (argv[i + 1] ?? null);
};
const dockerfile = resolve(opt('--dockerfile') ?? join(repo, 'Dockerfile.debug'));
const context = dirname(dockerfile);
const keep = argv.includes('--keep');
const npmVersion = opt('--npm');
if (npmVersion !== null && !/^\d+\.\d+\.\d+$/.test(npmVersion)) {
  console.error(`dockerfile-steps: --npm takes an exact version like 10.9.0, got ${JSON.stringify(npmVersion)}`);
  process.exit(2);
}
const hostNpm = () => spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout?.trim() || '?';

/** users of the official node images; anything else must be numeric to be switched to */
const KNOWN_USERS = { root: [0, 0], node: [1000, 1000] };

class StepError extends Error {}
const say = (line) => console.log(line);

// ---- replaying a stage -----------------------------------------------------------------------------

const label = (s) => s.name ?? String(s.index);
const findStage = (stages, ref) => stages.find((s) => s.name === ref || String(s.index) === ref) ?? null;

/** A container path inside a stage's root directory. */
const inRoot = (stage, containerPath) => join(stage.root, posix.resolve('/', containerPath));

function copyInto(src, dest, destIsDir) {
  const st = statSync(src);
  if (st.isDirectory()) {
    // Docker copies a directory's contents, not the directory itself
    mkdirSync(dest, { recursive: true });
    cpSync(src, dest, { recursive: true });
    return;
  }
  const target = destIsDir ? join(dest, src.split('/').pop()) : dest;
  mkdirSync(dirname(target), { recursive: true });
  cpSync(src, target);
}

function replay(stage, stages, work) {
  stage.root = join(work, `stage-${label(stage)}`, 'rootfs');
  mkdirSync(stage.root, { recursive: true });
  stage.workdir = '/';
  stage.env = {};
  stage.user = null;
  stage.entrypoint = null;
  stage.cmd = null;
  const fromStage = findStage(stages.slice(0, stage.index), stage.from);
  if (fromStage) throw new StepError(`line ${stage.line}: FROM an earlier stage (${stage.from}) is not replayed here`);
  say(`\n== stage ${label(stage)}: FROM ${stage.from}`);
  say(`   stand-in for the base image: this machine's node ${process.version} and ${npmVersion ? `npm ${npmVersion} (through npx)` : `npm ${hostNpm()}`}; layout in ${stage.root}`);
  if (npmVersion) {
    stage.npmShim = join(work, `stage-${label(stage)}`, 'npm-shim');
    mkdirSync(stage.npmShim, { recursive: true });
    writeFileSync(join(stage.npmShim, 'npm'), `#!/bin/sh\nexec npx --yes npm@${npmVersion} "$@"\n`, { mode: 0o755 });
  }
  const major = /^node:v?(\d+)\./.exec(stage.from)?.[1];
  if (major && major !== process.versions.node.split('.')[0]) say(`   note: the image has node ${major}, this machine node ${process.versions.node.split('.')[0]}`);
  const n = stage.instructions.length;
  stage.instructions.forEach((ins, k) => {
    const step = `[${label(stage)} ${k + 1}/${n}] line ${ins.line}: ${ins.keyword} ${ins.args}`;
    switch (ins.keyword) {
      case 'WORKDIR': {
        stage.workdir = posix.resolve(stage.workdir, words(ins.args)[0] ?? '/');
        mkdirSync(inRoot(stage, stage.workdir), { recursive: true });
        say(`${step}\n   -> ${inRoot(stage, stage.workdir)}`);
        break;
      }
      case 'ENV':
        for (const [k2, v] of keyValues(ins)) stage.env[k2] = v;
        say(step);
        break;
      case 'ARG':
        for (const [k2, v] of keyValues(ins)) if (v !== null && !(k2 in stage.env)) stage.env[k2] = v;
        say(step);
        break;
      case 'LABEL':
      case 'EXPOSE':
      case 'STOPSIGNAL':
        say(`${step}\n   (metadata only)`);
        break;
      case 'USER':
        stage.user = words(ins.args)[0] ?? null;
        say(step);
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = ins;
        say(step);
        break;
      case 'CMD':
        stage.cmd = ins;
        say(step);
        break;
      case 'COPY': {
        const { flags, rest } = flagsAndRest(ins);
        if (rest.length < 2) throw new StepError(`line ${ins.line}: COPY needs a source and a destination`);
        for (const f of flags.keys()) if (!['from', 'chmod', 'chown', 'link'].includes(f)) throw new StepError(`line ${ins.line}: COPY --${f} is not supported here`);
        const dest = rest[rest.length - 1];
        const sources = rest.slice(0, -1);
        const from = flags.get('from');
        const srcStage = from === undefined ? null : findStage(stages.slice(0, stage.index), from);
        if (from !== undefined && !srcStage) throw new StepError(`line ${ins.line}: COPY --from=${from} is not an earlier stage (images are not pulled here)`);
        if (srcStage && !srcStage.root) throw new StepError(`line ${ins.line}: stage ${from} was not replayed`);
        const destPath = posix.resolve(stage.workdir, dest);
        const destIsDir = dest.endsWith('/') || sources.length > 1 || (existsSync(inRoot(stage, destPath)) && statSync(inRoot(stage, destPath)).isDirectory());
        say(step);
        for (const src of sources) {
          if (/[*?[]/.test(src)) throw new StepError(`line ${ins.line}: wildcards in COPY are not supported here`);
          let from2;
          if (srcStage) from2 = inRoot(srcStage, posix.resolve(srcStage.workdir, src));
          else {
            from2 = resolve(context, src);
            if (relative(context, from2).startsWith('..')) throw new StepError(`line ${ins.line}: ${src} is outside the build context`);
          }
          if (!existsSync(from2)) throw new StepError(`line ${ins.line}: COPY source ${src} does not exist (${from2})`);
          copyInto(from2, inRoot(stage, destPath), destIsDir);
          say(`   ${srcStage ? `${label(srcStage)}:` : 'context:'}${src} -> ${destPath}${destIsDir && !statSync(from2).isDirectory() ? '/' : ''}`);
        }
        if (flags.has('chmod')) {
          const mode = parseInt(flags.get('chmod'), 8);
          for (const src of sources) chmodSync(destIsDir ? join(inRoot(stage, destPath), src.split('/').pop()) : inRoot(stage, destPath), mode);
        }
        if (flags.has('chown')) say(`   (--chown=${flags.get('chown')} not applied here)`);
        break;
      }
      case 'RUN': {
        const cwd = inRoot(stage, stage.workdir);
        const [cmd, args] = ins.json ? [ins.json[0], ins.json.slice(1)] : ['sh', ['-c', ins.args]];
        say(`${step}\n   in ${cwd}`);
        const started = Date.now();
        const env = { ...process.env, ...stage.env };
        if (stage.npmShim) env.PATH = `${stage.npmShim}:${env.PATH ?? ''}`;
        const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
        if (r.error) throw new StepError(`line ${ins.line}: RUN could not start: ${r.error.message}`);
        if (r.status !== 0) {
          const hint = /\bnpm\b/.test(ins.args) && !stage.npmShim ? ` (with this machine's npm ${hostNpm()}; the image's own npm may differ: try --npm VERSION, e.g. --npm 10.9.0 for node 22.12.0)` : '';
          throw new StepError(`line ${ins.line}: RUN exited ${r.status ?? r.signal}${hint}`);
        }
        say(`   ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        break;
      }
      default:
        throw new StepError(`line ${ins.line}: ${ins.keyword} is not supported here`);
    }
  });
}

/** Every stage the final stage needs, in file order. */
function needed(stages) {
  const want = new Set([stages.length - 1]);
  for (let i = stages.length - 1; i >= 0; i--) {
    if (!want.has(i)) continue;
    for (const ins of stages[i].instructions) {
      if (ins.keyword !== 'COPY') continue;
      const from = flagsAndRest(ins).flags.get('from');
      const s = from === undefined ? null : findStage(stages.slice(0, i), from);
      if (s) want.add(s.index);
    }
  }
  return stages.filter((s) => want.has(s.index));
}

function listFiles(root, dir = root) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(root, join(dir, e.name)) : [`/${relative(root, join(dir, e.name))}`]));
}

function userIds(user) {
  if (user === null) return null;
  const [u, g] = user.split(':');
  if (u in KNOWN_USERS) return KNOWN_USERS[u];
  if (/^\d+$/.test(u)) return [Number(u), g !== undefined && /^\d+$/.test(g) ? Number(g) : Number(u)];
  return null;
}

function main() {
  say(`dockerfile-steps: ${relative(process.cwd(), dockerfile) || dockerfile} (context ${context})`);
  const stages = stagesOf(parseDockerfile(readFileSync(dockerfile, 'utf8')));
  const final = stages[stages.length - 1];
  const work = mkdtempSync(join(tmpdir(), 'ecd-docker-steps-'));
  let ok = false;
  try {
    for (const s of needed(stages)) replay(s, stages, work);

    say(`\n== final stage layout (what the image adds to ${final.from})`);
    const files = listFiles(final.root);
    for (const f of files) say(`   ${f}  ${statSync(join(final.root, f)).size} bytes`);
    if (files.length === 0) throw new StepError('the final stage adds no file');

    if (!final.entrypoint) throw new StepError('the final stage has no ENTRYPOINT');
    if (!final.entrypoint.json) throw new StepError(`line ${final.entrypoint.line}: ENTRYPOINT is not in the exec form`);
    // absolute paths that the final stage holds point into the layout
    const [exe, ...rest] = final.entrypoint.json.map((a) => (a.startsWith('/') && existsSync(inRoot(final, a)) ? inRoot(final, a) : a));
    const args = [...rest, '--version'];
    const env = { PATH: [...new Set([dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'])].join(':') };
    const spawnOpts = { cwd: inRoot(final, final.workdir), env, encoding: 'utf8', timeout: 30_000 };
    const ids = userIds(final.user);
    let as = `as ${process.getuid?.() ?? '?'} (this user)`;
    if (final.user !== null && ids === null) say(`   note: USER ${final.user} is neither numeric nor a known user; running as this user`);
    else if (ids !== null && process.getuid?.() === 0) {
      // the temporary directories are private (0700): let that user reach the layout
      for (let d = final.root; d.startsWith(work); d = dirname(d)) chmodSync(d, 0o755);
      chmodSync(work, 0o755);
      for (const f of files) chmodSync(join(final.root, f), statSync(join(final.root, f)).mode | 0o444);
      Object.assign(spawnOpts, { uid: ids[0], gid: ids[1] });
      as = `as USER ${final.user} (uid ${ids[0]}, gid ${ids[1]})`;
    } else if (ids !== null) say(`   note: not root, so USER ${final.user} is not switched to`);

    say(`\n== ENTRYPOINT ${JSON.stringify(final.entrypoint.json)} + --version`);
    say(`   ${[exe, ...args].join(' ')}\n   ${as}, env ${JSON.stringify(env)}`);
    const r = spawnSync(exe, args, spawnOpts);
    if (r.error) throw new StepError(`the entrypoint could not start: ${r.error.message}`);
    say(`   exit ${r.status ?? r.signal}; stdout: ${JSON.stringify(r.stdout)}${r.stderr ? `; stderr: ${JSON.stringify(r.stderr)}` : ''}`);
    const version = JSON.parse(readFileSync(join(context, 'package.json'), 'utf8')).version;
    if (r.status !== 0) throw new StepError(`the entrypoint exited ${r.status ?? r.signal}`);
    if (r.stdout !== `ecs-cred-doctor ${version}\n`) throw new StepError(`expected "ecs-cred-doctor ${version}" from --version`);
    ok = true;
    say(`\nok: Dockerfile.debug's steps build the bundle and its ENTRYPOINT runs it (ecs-cred-doctor ${version})`);
  } finally {
    if (keep) say(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
    if (!ok) process.exitCode = 1;
  }
}

try {
  main();
} catch (e) {
  console.error(`\ndockerfile-steps: FAILED: ${e instanceof StepError || e?.code === 'ERR_DOCKERFILE' ? e.message : (e?.stack ?? e)}`);
  process.exitCode = 1;
}
