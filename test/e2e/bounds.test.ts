// Bounds: a hanging endpoint never hangs the tool, the run's deadline holds, and nothing is
// written to disk (a read-only HOME works). Generous limits: these prove boundedness, the
// benchmark (npm run bench) measures speed.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenario, startScenario } from '../scenarios/scenarios.ts';
import { runBundle } from './run-bundle.ts';

describe('bounds', () => {
  it('a hanging container endpoint costs one per-request timeout', async () => {
    const sc = await startScenario(scenario('endpoint-hangs'));
    try {
      const r = await runBundle(['--json', '--timeout', '400'], sc.env);
      const sinceAsked = performance.now() - (sc.fakes.agent.requests[0]?.at ?? Number.NaN);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toContain('CONTAINER_ENDPOINT_UNREACHABLE');
      // timed from the hanging request, not from node's start-up (slow on a loaded machine)
      expect(sinceAsked).toBeLessThan(400 + 2500);
    } finally {
      await sc.close();
    }
  });

  it('the run deadline ends a hanging STS call and the report still comes out', async () => {
    const sc = await startScenario(scenario('sts-unreachable'));
    try {
      // the per-request timeout (STS: 5 s here) is longer than the deadline, so only the deadline
      // can end the STS call; the deadline leaves the container fake time to answer on a loaded machine
      const r = await runBundle(['--json', '--timeout', '5000', '--deadline', '2500'], sc.env);
      const sinceAsked = performance.now() - (sc.fakes.sts.requests[0]?.at ?? Number.NaN);
      const report = JSON.parse(r.stdout) as { winner: { source: string }; findings: { code: string; message: string }[] };
      expect(report.winner.source).toBe('container');
      expect(report.findings.find((f) => f.code === 'STS_UNREACHABLE')?.message).toMatch(/deadline/);
      expect(sinceAsked).toBeLessThan(2500 + 2000);
    } finally {
      await sc.close();
    }
  });

  it('writes nothing and works with an unwritable HOME', async () => {
    const sc = await startScenario(scenario('healthy-task-role'));
    try {
      const before = readdirSync(sc.dir, { recursive: true }).sort();
      const r = await runBundle([], { ...sc.env, HOME: '/proc/ecs-cred-doctor-no-home' });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(readdirSync(sc.dir, { recursive: true }).sort()).toEqual(before);
    } finally {
      await sc.close();
    }
  });

  it('usage errors: exit 2, the bad value named, JSON when --json, never a stack trace', async () => {
    const text = await runBundle(['--timeout', 'soon'], {});
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('--timeout takes a whole number of milliseconds, got "soon"');
    expect(text.stderr).not.toMatch(/\n\s+at /);
    const json = await runBundle(['--json', '--sdk', 'cobol'], {});
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'USAGE', message: expect.stringContaining('"cobol"') }, verdict: { exitCode: 2 } });
  });

  it('--help and --version', async () => {
    const help = await runBundle(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--expect-role');
    const version = await runBundle(['--version'], {});
    expect(version.stdout).toMatch(/^ecs-cred-doctor \d+\.\d+\.\d+\n$/);
  });
});
