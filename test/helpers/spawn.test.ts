import { describe, expect, it } from 'vitest';
import { runChild } from './spawn.ts';

const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };

describe('runChild', () => {
  it('collects stdout, stderr and the exit code, with only the given environment', async () => {
    const r = await runChild(process.execPath, ['-e', 'process.stdout.write("out " + Object.keys(process.env).join(",")); process.stderr.write("err"); process.exitCode = 3'], { env, timeoutMs: 10_000 });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 3, stdout: 'out PATH', stderr: 'err' });
  });

  it('kills a child that does not exit in time and rejects with what it printed so far', async () => {
    // sh prints with builtins within milliseconds of the spawn (node's own start-up can take
    // longer than the timeout on a loaded machine), then waits in sleep
    const hang = 'printf started; printf waiting >&2; exec sleep 600';
    await expect(runChild('/bin/sh', ['-c', hang], { env, timeoutMs: 1500, name: 'the hanging child' })).rejects.toThrow(/^the hanging child did not exit within 1500 ms; stdout so far:\nstarted\nstderr:\nwaiting$/);
  });

  it('writes `input` to stdin and closes it', async () => {
    const r = await runChild(process.execPath, ['-e', 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(s.toUpperCase()))'], { env, timeoutMs: 10_000, input: 'batch of scenarios' });
    expect(r.stdout).toBe('BATCH OF SCENARIOS');
  });

  it('rejects when the command cannot start', async () => {
    await expect(runChild('/nonexistent/ecd-no-such-command', [], { env, timeoutMs: 5_000 })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
