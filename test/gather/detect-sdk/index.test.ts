// --sdk auto: the app's runtime and SDK from a fake /proc tree and fixture files (world.ts);
// every unreadable entry named, nothing thrown. The runtimes' own parts: node, python, java, go.test.ts.
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectSdk, runtimeOf } from '../../../src/gather/detect-sdk/index.ts';
import { readAppProcess } from '../../../src/gather/process.ts';
import { copyFixtures, detectIn, newWorld, removeWorld, show, writeFakeProc, writeGoBinaries } from './world.ts';

const w = newWorld();
const { tmp, fx, goElf } = w;
const detect = detectIn(w);
beforeAll(() => {
  copyFixtures(w);
  writeGoBinaries(w);
  writeFakeProc(w);
});
afterAll(() => removeWorld(w));

describe('detectSdk on a fake /proc', () => {
  it('node app with @aws-sdk/credential-provider-node 3.600.0 (script under src/, found walking up; v2 also installed)', async () => {
    const d = await detect(101);
    expect(d).toMatchObject({ family: 'js-v3', version: '3.600.0', runtime: 'node', note: null });
    expect(show(d)).toContain(`script: ${join(fx, 'node-v3', 'app', 'src', 'server.js')}`);
    expect(show(d)).toContain(`js-v3: @aws-sdk/credential-provider-node 3.600.0 from ${join(fx, 'node-v3', 'app', 'node_modules', '@aws-sdk', 'credential-provider-node', 'package.json')}`);
    expect(show(d)).toMatch(/js-v2: aws-sdk 2\.1500\.0 .*also installed; v3 reported/);
  });

  it('node app with aws-sdk v2 2.1500.0; /proc/<pid>/root unreadable is said and paths are read here', async () => {
    const d = await detect(102);
    expect(d).toMatchObject({ family: 'js-v2', version: '2.1500.0', runtime: 'node' });
    expect(show(d)).toMatch(/root: .*\/102\/root: not found \(ENOENT\); the app's paths are read in this container's filesystem/);
  });

  it('pnpm layout: the .pnpm virtual store, newest copy reported, the others listed', async () => {
    const d = await detect(103);
    expect(d).toMatchObject({ family: 'js-v3', version: '3.734.0', runtime: 'node' });
    expect(show(d)).toContain('.pnpm/@aws-sdk+credential-provider-node@3.734.0_@aws-sdk+client-sts@3.734.0/node_modules/@aws-sdk/credential-provider-node/package.json');
    expect(show(d)).toMatch(/js-v3 other copies: 3\.600\.0 \(.*\.pnpm\/@aws-sdk\+credential-provider-node@3\.600\.0\)/);
  });

  it('python venv found from argv[0] on PATH and pyvenv.cfg: botocore 1.29.27 (not the system 1.34.0)', async () => {
    const d = await detect(104);
    expect(d).toMatchObject({ family: 'python', version: '1.29.27', runtime: 'python' });
    expect(show(d)).toContain(`venv: ${join(fx, 'python-venv', 'venv', 'pyvenv.cfg')}`);
    expect(show(d)).toContain(join(fx, 'python-venv', 'venv', 'lib', 'python3.11', 'site-packages', 'botocore', '__init__.py'));
    // include-system-site-packages = false: the base interpreter's site-packages is not on the path
    expect(show(d)).not.toContain('usr/local/lib/python3.11/site-packages');
  });

  it('Debian dist-packages awscli 2.9.19 with its own awscli/botocore → aws-cli', async () => {
    const d = await detect(105);
    expect(d).toMatchObject({ family: 'aws-cli', version: '2.9.19', runtime: 'python' });
    expect(show(d)).toMatch(/aws-cli: awscli 2\.9\.19 from .*dist-packages\/awscli\/__init__\.py; its own botocore 2\.9\.19 at /);
  });

  it('java -cp with a libs/* wildcard of v2 jars 2.25.1; arguments after the main class are not options', async () => {
    const d = await detect(106);
    expect(d).toMatchObject({ family: 'java-v2', version: '2.25.1', runtime: 'java' });
    expect(show(d)).toContain('classpath: -cp: classes:libs/*');
    expect(show(d)).toMatch(/java-v2: auth 2\.25\.1 from .*libs\/auth-2\.25\.1\.jar; 5 SDK v2 entries/);
    expect(JSON.stringify(d)).not.toContain('CANARY');
  });

  it('java -jar app.jar: the jar is not opened; v1 jars beside it are reported as a guess', async () => {
    const d = await detect(107);
    expect(d).toMatchObject({ family: 'java-v1', version: '1.12.700', runtime: 'java' });
    expect(show(d)).toContain('classpath: -jar: app.jar');
    expect(show(d)).toContain("java guess: found beside app.jar, not on the classpath as given (the jar's manifest is not read)");
  });

  it('java -cp @argfile (jib) is expanded', async () => {
    const d = await detect(108);
    expect(d).toMatchObject({ family: 'java-v2', version: '2.25.1' });
    expect(show(d)).toContain(`java @argfile: ${join(fx, 'java-v2', 'app', 'jib-classpath-file')}`);
  });

  it('Go binary with aws-sdk-go-v2/config v1.27.34 → go-v2 1.27.34', async () => {
    const d = await detect(109);
    expect(d).toMatchObject({ family: 'go-v2', version: '1.27.34', runtime: 'go', note: null });
    expect(show(d)).toContain('go-v2: github.com/aws/aws-sdk-go-v2/config v1.27.34');
    expect(show(d)).toMatch(/go build info: .*orders-server: go1\.22\.7, example\.com\/orders\/cmd\/server; offset 0x3000 \(scanned\)/);
  });

  it('Go binary with only github.com/aws/aws-sdk-go v1.50.0 → go-v1', async () => {
    const d = await detect(110);
    expect(d).toMatchObject({ family: 'go-v1', version: '1.50.0', runtime: 'go' });
  });

  it('PID 1 is tini: its child is the app', async () => {
    const d = await detect(111);
    expect(d).toMatchObject({ family: 'js-v3', version: '3.600.0', runtime: 'node' });
    expect(show(d)).toContain('child: pid 101: a descendant of pid 111');
  });

  it("in a task's shared process namespace, a child of another container is never looked at", async () => {
    // pid 101 (node, the SDK) is taken as another container's: only pid 111's own container is walked
    const d = await detectSdk({ pid: 111, appDir: null, procRoot: w.proc, within: [111] });
    expect(d).toMatchObject({ family: null, runtime: 'unknown' });
    expect(show(d)).not.toContain('pid 101');
    expect(await detectSdk({ pid: 111, appDir: null, procRoot: w.proc, within: [111, 101] })).toMatchObject({ family: 'js-v3' });
  });

  it('nothing found: family null, and the note says js-v3 is assumed', async () => {
    const d = await detect(112);
    expect(d).toMatchObject({ family: null, version: null, runtime: 'unknown' });
    expect(d.note).toMatch(/^No AWS SDK detected \(.*\); the js-v3 chain is assumed\.$/);
    const n = await detect(114);
    expect(n).toMatchObject({ family: null, runtime: 'node' });
    expect(n.note).toContain('no JS SDK package found in node_modules');
    expect(n.note).toContain('js-v3 chain is assumed');
  });

  it('unreadable /proc entries are evidence, not exceptions', async () => {
    const d = await detect(113);
    expect(d.family).toBeNull();
    expect(d.note).toContain('js-v3 chain is assumed');
    const text = show(d);
    expect(text).toMatch(/environ: .*\/113\/environ: is a directory \(EISDIR\)/);
    expect(text).toMatch(/cwd: .*\/113\/cwd: not found \(ENOENT\)/);
    expect(text).toMatch(/go build info: .*deleted-binary: not found \(ENOENT\)/);
    expect(d.note).toMatch(/the executable could not be read .*--app-dir/);
  });

  it('a process that does not exist', async () => {
    const d = await detect(4242);
    expect(d).toMatchObject({ family: null, runtime: 'unknown' });
    expect(d.note).toContain('process 4242 not found');
    expect(show(d)).toContain('no such process');
  });

  it('a /proc root that is not there at all', async () => {
    const d = await detectSdk({ pid: null, appDir: null, procRoot: join(tmp, 'no-proc') });
    expect(d.family).toBeNull();
    expect(d.note).toContain('process 1 not found');
  });

  it('no secret from environ or the command line reaches the result', async () => {
    for (const pid of [101, 104, 105, 106, 109, 113]) expect(JSON.stringify(await detect(pid))).not.toContain('CANARY');
  });
});

describe('--app-dir', () => {
  it('node, python (a venv inside), java and Go app directories', async () => {
    expect(await detect(null, join(fx, 'node-v3', 'app'))).toMatchObject({ family: 'js-v3', version: '3.600.0', runtime: 'node' });
    expect(await detect(null, join(fx, 'python-venv'))).toMatchObject({ family: 'python', version: '1.29.27', runtime: 'python' });
    expect(await detect(null, join(fx, 'java-v2', 'app'))).toMatchObject({ family: 'java-v2', version: '2.25.1', runtime: 'java' });
    const go = await detect(null, dirname(goElf));
    expect(go).toMatchObject({ family: 'go-v2', version: '1.27.34', runtime: 'go' });
    expect(show(go)).toContain('ELF section .go.buildinfo at offset 0x4200000');
  });
  it('the app directory wins over what the process shows; the process still names the runtime', async () => {
    const d = await detect(114, join(fx, 'node-pnpm', 'app'));
    expect(d).toMatchObject({ family: 'js-v3', version: '3.734.0', runtime: 'node' });
  });
  it('an app directory of another runtime than the process: the directory is believed, and the evidence says so', async () => {
    const d = await detect(114, join(fx, 'python-venv'));
    expect(d).toMatchObject({ family: 'python', version: '1.29.27', runtime: 'python' });
    expect(show(d)).toMatch(/app-dir: the process runs node, but .*python-venv holds a python SDK/);
  });
  it('an empty or missing app directory: js-v3 assumed', async () => {
    expect((await detect(null, join(fx, 'empty-app'))).note).toMatch(/no AWS SDK in --app-dir .*js-v3 chain is assumed/);
    expect((await detect(null, join(tmp, 'missing'))).note).toMatch(/is not a readable directory.*js-v3 chain is assumed/);
  });
});

describe('pure helpers', () => {
  it.each([
    ['/usr/local/bin/node', ['node', 'server.js'], 'node'],
    ['/usr/bin/nodejs', null, 'node'],
    ['/usr/bin/python3.11', ['python3', 'app.py'], 'python'],
    ['/usr/local/bin/python3.12 (deleted)', null, 'python'],
    ['/usr/lib/jvm/java-17-openjdk-amd64/bin/java', ['java', '-jar', 'a.jar'], 'java'],
    [null, ['/usr/bin/python3', 'x.py'], 'python'],
    ['/app/server', ['/app/server'], 'unknown'],
    ['/sbin/tini', ['tini', '--', 'node', 'x.js'], 'unknown'],
  ] as const)('runtimeOf(%s, %j) → %s', (exe, argv, expected) => {
    expect(runtimeOf(exe, argv)).toBe(expected);
  });
});

// with --sdk auto the CLI has already read the app process (gather/process.ts): detection
// takes that read instead of reading the environment and cwd again
describe('the app process already read', () => {
  it('gives the same detection, evidence included, as reading /proc here', async () => {
    for (const pid of [101, 102, 104, 106, 109, 111, 113]) {
      const app = await readAppProcess(pid, 'pid', w.proc);
      expect(await detectSdk({ pid, appDir: null, procRoot: w.proc, app })).toEqual(await detect(pid));
    }
  });
  it('its environment is what detection uses, for that pid only', async () => {
    const app = await readAppProcess(114, 'pid', w.proc);
    // pid 114 runs node in an empty directory: NODE_PATH, only in the read environment, finds v3
    const env = { ...app.env, NODE_PATH: join(fx, 'node-v3', 'app', 'node_modules') };
    expect(await detectSdk({ pid: 114, appDir: null, procRoot: w.proc, app: { ...app, env } })).toMatchObject({ family: 'js-v3', version: '3.600.0' });
    expect(await detectSdk({ pid: 114, appDir: null, procRoot: w.proc, app: { ...app, env, fact: { ...app.fact, pid: 101 } } })).toMatchObject({ family: null, runtime: 'node' });
  });
});
