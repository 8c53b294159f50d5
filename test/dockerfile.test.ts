// Dockerfile.debug: pinned base images, a final stage that holds only the bundle and its
// launcher on PATH, a non-root user, an exec-form entrypoint running the bundle, and nothing
// that looks like a secret.
// There is no Docker engine here: the small parser of scripts/dockerfile.mjs reads the
// instructions instead (scripts/dockerfile-steps.mjs replays the build steps with it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flagsAndRest, keyValues, parseDockerfile, stagesOf, words, type Instruction } from '../scripts/dockerfile.mjs';

const DOCKERFILE = fileURLToPath(new URL('../Dockerfile.debug', import.meta.url));
const BUNDLE_IN_IMAGE = '/opt/ecs-cred-doctor/ecs-cred-doctor.mjs';
/** on the PATH of the official node images, for `aws ecs execute-command --command "ecs-cred-doctor ..."` */
const LAUNCHER_IN_IMAGE = '/usr/local/bin/ecs-cred-doctor';
const BUNDLE = fileURLToPath(new URL('../dist/ecs-cred-doctor.mjs', import.meta.url));
const VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string }).version;

// ---- the checks -----------------------------------------------------------------------------------

/** Why an image reference is not pinned; empty when it is (exact version tag, optional sha256 digest). */
function pinProblems(ref: string): string[] {
  const problems: string[] = [];
  if (ref.includes('$')) return [`${ref}: a variable cannot be checked for a pin`];
  const at = ref.indexOf('@');
  const nameTag = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? null : ref.slice(at + 1);
  if (digest !== null && !/^sha256:[0-9a-f]{64}$/.test(digest)) problems.push(`${ref}: digest is not sha256:<64 hex>`);
  const lastSlash = nameTag.lastIndexOf('/');
  const colon = nameTag.indexOf(':', lastSlash + 1);
  const tag = colon < 0 ? null : nameTag.slice(colon + 1);
  if (tag === null) problems.push(`${ref}: untagged`);
  else if (tag === 'latest') problems.push(`${ref}: latest`);
  else if (!/^v?\d+\.\d+\.\d+(?:-[a-z0-9][a-z0-9.-]*)?$/.test(tag)) problems.push(`${ref}: tag ${tag} is not an exact version`);
  return problems;
}

const SECRET_NAME = /AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_ACCESS_KEY_ID|SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|CREDENTIALS?$/i;
const SECRET_VALUE = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b|password|passwd|token|aws_secret_access_key|aws_session_token|-----BEGIN [A-Z ]*PRIVATE KEY/i;
/** the shape of a secret access key: 40 characters of base64 */
const SECRET_KEY_SHAPE = /^[A-Za-z0-9/+]{40}$/;

function secretProblems(instructions: Instruction[]): string[] {
  const problems: string[] = [];
  for (const ins of instructions) {
    if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG' && ins.keyword !== 'LABEL') continue;
    for (const [k, v] of keyValues(ins)) {
      if (SECRET_NAME.test(k)) problems.push(`line ${ins.line}: ${ins.keyword} ${k} is named like a secret`);
      if (v !== null && (SECRET_VALUE.test(v) || SECRET_KEY_SHAPE.test(v))) problems.push(`line ${ins.line}: ${ins.keyword} ${k} has a value that looks like a secret`);
    }
  }
  return problems;
}

const isRoot = (user: string): boolean => {
  const u = user.split(':')[0] ?? '';
  return u === '' || u === 'root' || /^0+$/.test(u);
};

// ---- the tests ----------------------------------------------------------------------------------------

describe('the Dockerfile parser', () => {
  it('joins continuations, drops comments inside them, and reads the exec form', () => {
    const ins = parseDockerfile(['# syntax=docker/dockerfile:1', 'FROM a:1.2.3 AS b', 'RUN echo one \\', '  # a comment in the middle', '', '  two', 'entrypoint ["node", "x.mjs"]', 'CMD not json'].join('\n'));
    expect(ins.map((i) => [i.keyword, i.args, i.line])).toEqual([
      ['FROM', 'a:1.2.3 AS b', 2],
      ['RUN', 'echo one   two', 3],
      ['ENTRYPOINT', '["node", "x.mjs"]', 7],
      ['CMD', 'not json', 8],
    ]);
    expect(ins[2]?.json).toEqual(['node', 'x.mjs']);
    expect(ins[3]?.json).toBeNull();
  });

  it('honours the escape directive and reads ENV, LABEL and ARG pairs', () => {
    const ins = parseDockerfile('# escape=`\nFROM a:1.2.3\nENV A=1 B="two words" `\n  C=3\nENV LEGACY the rest\nARG X\nARG Y=z\nLABEL "k.a"="v a"');
    const stage = stagesOf(ins)[0];
    const pairs = stage?.instructions.flatMap(keyValues);
    expect(pairs).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', '3'],
      ['LEGACY', 'the rest'],
      ['X', null],
      ['Y', 'z'],
      ['k.a', 'v a'],
    ]);
  });

  it('fails loudly on what it does not understand', () => {
    expect(() => parseDockerfile('FROM a:1.2.3\nRUN echo \\')).toThrow(/ends inside/);
    expect(() => parseDockerfile('FROM a:1.2.3\nRUN <<EOF\necho\nEOF')).toThrow(/heredoc/);
    expect(() => stagesOf(parseDockerfile('RUN true'))).toThrow(/before any FROM/);
  });

  it('the checks catch what they are for', () => {
    expect(pinProblems('node')).toEqual(['node: untagged']);
    expect(pinProblems('node:latest')).toEqual(['node:latest: latest']);
    expect(pinProblems('node:22-bookworm-slim')[0]).toMatch(/not an exact version/);
    expect(pinProblems('node:lts')[0]).toMatch(/not an exact version/);
    expect(pinProblems(`node@sha256:${'a'.repeat(64)}`)).toEqual([`node@sha256:${'a'.repeat(64)}: untagged`]);
    expect(pinProblems('node:22.12.0-bookworm-slim@sha256:abc')[0]).toMatch(/digest/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile build argument, not a template
    expect(pinProblems('${BASE}')[0]).toMatch(/variable/);
    expect(pinProblems('node:22.12.0-bookworm-slim')).toEqual([]);
    expect(pinProblems(`registry.example:5000/team/node:22.12.0@sha256:${'0'.repeat(64)}`)).toEqual([]);
    const bad = parseDockerfile(
      [
        'FROM a:1.2.3',
        'ENV AWS_SECRET_ACCESS_KEY=x',
        'ARG AWS_SESSION_TOKEN',
        'ENV KEY_ID=AKIAIOSFODNN7EXAMPLE',
        'LABEL note="the password is hunter2"',
        'ENV DB_PASSWORD=x',
        'ENV K=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'ENV API_TOKEN=x',
        'ENV NODE_ENV=production',
      ].join('\n'),
    );
    const problems = secretProblems(bad);
    for (const what of ['AWS_SECRET_ACCESS_KEY is named', 'AWS_SESSION_TOKEN is named', 'KEY_ID has a value', 'note has a value', 'DB_PASSWORD is named', 'K has a value', 'API_TOKEN is named']) {
      expect(
        problems.some((p) => p.includes(what)),
        what,
      ).toBe(true);
    }
    expect(problems.some((p) => p.includes('NODE_ENV'))).toBe(false);
    expect(['root', '0', '0:0', 'root:staff', ''].every(isRoot)).toBe(true);
    expect(['node', '1000', '1000:1000', 'nobody'].some(isRoot)).toBe(false);
  });
});

describe('Dockerfile.debug', () => {
  const text = readFileSync(DOCKERFILE, 'utf8');
  const instructions = parseDockerfile(text);
  const stages = stagesOf(instructions);
  const final = stages[stages.length - 1];
  const stageNames = new Set(stages.flatMap((s) => [String(s.index), ...(s.name ? [s.name] : [])]));
  if (!final) throw new Error('Dockerfile.debug has no FROM');

  it('pins every base image to an exact version tag (never latest, never untagged)', () => {
    const refs = stages.map((s) => s.from).filter((f) => !stageNames.has(f));
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.flatMap(pinProblems)).toEqual([]);
    // COPY --from an image (not a stage) must be pinned too
    const copyFromImages = stages.flatMap((s) =>
      s.instructions
        .filter((i) => i.keyword === 'COPY')
        .map((i) => flagsAndRest(i).flags.get('from'))
        .filter((f): f is string => f !== undefined && !stageNames.has(f)),
    );
    expect(copyFromImages.flatMap(pinProblems)).toEqual([]);
  });

  it('is multi-stage: the build stage runs npm ci and node build.mjs', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((s) => s.name === 'build');
    expect(build, 'a stage named build').toBeDefined();
    const runs = build?.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args) ?? [];
    expect(runs.some((r) => /^npm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /^node build\.mjs\b/.test(r))).toBe(true);
  });

  it('the final stage copies only the bundle and its launcher, from the build stage', () => {
    const build = stages.find((s) => s.name === 'build');
    if (!build) throw new Error('no build stage');
    let workdir = '/';
    for (const i of build.instructions) if (i.keyword === 'WORKDIR') workdir = posix.resolve(workdir, words(i.args)[0] ?? '.');

    const others = final.instructions.filter((i) => i.keyword === 'ADD' || i.keyword === 'RUN');
    expect(
      others.map((i) => `line ${i.line}: ${i.keyword}`),
      'no ADD or RUN in the final stage',
    ).toEqual([]);
    const copies = final.instructions.map((i) => (i.keyword === 'COPY' ? flagsAndRest(i) : null)).filter((c) => c !== null);
    expect(copies.map((c) => c.flags.get('from'))).toEqual(['build', 'build']);
    expect(copies.map(({ rest }) => rest.map((src, n) => (n < rest.length - 1 ? posix.resolve(workdir, src) : src)))).toEqual([
      [posix.resolve(workdir, 'dist/ecs-cred-doctor.mjs'), BUNDLE_IN_IMAGE],
      [posix.resolve(workdir, 'dist/ecs-cred-doctor'), LAUNCHER_IN_IMAGE],
    ]);
  });

  it('the launcher on PATH execs the bundle with node and passes every argument on', () => {
    // the build stage's RUN that writes it, run here in a scratch WORKDIR
    const build = stages.find((s) => s.name === 'build');
    const runs = build?.instructions.filter((i) => i.keyword === 'RUN' && i.args.includes('dist/ecs-cred-doctor ')) ?? [];
    expect(runs).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), 'ecd-launcher-'));
    try {
      mkdirSync(join(dir, 'dist'));
      const made = spawnSync('sh', ['-c', runs[0]?.args ?? 'false'], { cwd: dir, encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      const launcher = join(dir, 'dist', 'ecs-cred-doctor');
      expect(statSync(launcher).mode & 0o777).toBe(0o755);
      const text = readFileSync(launcher, 'utf8');
      expect(text).toBe(`#!/bin/sh\nexec node ${BUNDLE_IN_IMAGE} "$@"\n`);
      // pointed at this tree's bundle, it runs the tool with the arguments as given
      writeFileSync(launcher, text.replace(BUNDLE_IN_IMAGE, BUNDLE));
      const r = spawnSync(launcher, ['--version'], { encoding: 'utf8', env: { PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(':') } });
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: `ecs-cred-doctor ${VERSION}\n` });
      const bad = spawnSync(launcher, ['--timeout', 'two words'], { encoding: 'utf8', env: { PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(':') } });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('"two words"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the final stage runs as a non-root user, set before the ENTRYPOINT', () => {
    const users = final.instructions.filter((i) => i.keyword === 'USER');
    const entrypoint = final.instructions.findIndex((i) => i.keyword === 'ENTRYPOINT');
    expect(users.length).toBeGreaterThan(0);
    expect(entrypoint).toBeGreaterThan(-1);
    const last = users[users.length - 1];
    if (!last) throw new Error('no USER');
    expect(isRoot(last.args), `USER ${last.args}`).toBe(false);
    // the image runs as the last USER of the stage, wherever it stands: it must come before the ENTRYPOINT
    expect(final.instructions.indexOf(last)).toBeLessThan(entrypoint);
  });

  it('ENTRYPOINT is the exec form and runs the bundle with node', () => {
    const entrypoints = final.instructions.filter((i) => i.keyword === 'ENTRYPOINT');
    expect(entrypoints).toHaveLength(1);
    expect(entrypoints[0]?.json).toEqual(['node', BUNDLE_IN_IMAGE]);
    // no SHELL that would change how it starts (a CMD would only add default arguments)
    expect(final.instructions.filter((i) => i.keyword === 'SHELL')).toEqual([]);
  });

  it('has no ENV, ARG or LABEL that looks like a secret, and no AWS key id anywhere', () => {
    expect(secretProblems(instructions)).toEqual([]);
    expect(text).not.toMatch(/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/);
    for (const s of stages) {
      for (const i of s.instructions.filter((x) => x.keyword === 'ENV' || x.keyword === 'ARG')) {
        for (const [k] of keyValues(i)) expect(k.startsWith('AWS_'), `line ${i.line}: ${i.keyword} ${k}`).toBe(false);
      }
    }
  });
});
