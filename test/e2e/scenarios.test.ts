// End to end: the built bundle against loopback fakes, per scenario. Text output is
// snapshotted with the exit code; the JSON contract is asserted field by field; and no
// output, text or JSON or verbose, contains any secret the scenario handed out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { CANARIES, ALL_SCENARIOS as SCENARIOS, startScenario } from '../scenarios/scenarios.ts';
import { normalise, runBundle } from './run-bundle.ts';

const KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;

// concurrent: each case waits mostly on its three child processes and on fakes that hang or
// time out on purpose; the test's own `expect` keeps each snapshot with its case
describe.concurrent.each(SCENARIOS)('$name', (s) => {
  it('report, exit code and the JSON contract', async ({ expect }) => {
    const sc = await startScenario(s);
    try {
      const [json, text, verbose] = await Promise.all([runBundle([...sc.args, '--json', '--facts-out', join(sc.dir, 'facts.json')], sc.env), runBundle([...sc.args], sc.env), runBundle([...sc.args, '--verbose'], sc.env)]);
      const factsFile = readFileSync(join(sc.dir, 'facts.json'), 'utf8');
      for (const c of CANARIES) expect(factsFile).not.toContain(c);
      expect(factsFile).not.toMatch(KEY_ID);
      for (const out of [json, text, verbose]) {
        for (const c of CANARIES) {
          expect(out.stdout).not.toContain(c);
          expect(out.stderr).not.toContain(c);
        }
        expect(out.stdout).not.toMatch(KEY_ID);
        expect(out.stderr).not.toMatch(/NET_GUARD_BLOCKED/);
        expect(out.stderr).not.toMatch(/\n\s+at /); // never a stack trace
      }
      const r = JSON.parse(json.stdout) as {
        schemaVersion: number;
        sdk: string;
        chain: { source: string; status: string; sdkName: string; reason: string; stopsChain: boolean }[];
        winner: { source: string; accessKeyId: string } | null;
        identity: { type: string; arn: string } | null;
        findings: { code: string; severity: string; message: string; fix: string }[];
        verdict: { ok: boolean; exitCode: number; headline: string; state: string; headlineCode: string | null };
        stoppedBy: { source: string; sdkName: string } | null;
      };
      expect(r.schemaVersion).toBe(1);
      expect(r.sdk).toBe('js-v3');
      expect(r.chain.map((c) => c.source)).toEqual(['env', 'sso', 'profile', 'process', 'web-identity', 'container', 'imds']);
      expect(r.winner?.source ?? null).toBe(s.expect.winner);
      if (r.winner) expect(r.winner.accessKeyId).toMatch(/^(AKIA|ASIA)\*+WXYZ$/);
      expect(r.findings.map((f) => f.code)).toEqual(s.expect.findings);
      // the headline speaks for the first error; a run with no finding but INFO is healthy
      if (r.findings[0]?.severity === 'error') expect(r.verdict.headlineCode).toBe(r.findings[0].code);
      expect(r.verdict.state).toBe(!r.verdict.ok ? 'errors' : r.findings.some((f) => f.severity === 'warning') ? 'warnings' : 'healthy');
      expect(r.stoppedBy === null || r.chain.some((c) => c.sdkName === r.stoppedBy?.sdkName) || r.stoppedBy.sdkName === '(before the chain)').toBe(true);
      if (s.expect.identityType) expect(r.identity?.type).toBe(s.expect.identityType);
      expect(r.verdict.exitCode).toBe(s.expect.exitCode);
      expect(json.code).toBe(s.expect.exitCode);
      expect(text.code).toBe(s.expect.exitCode);
      expect(json.stderr).toBe('');
      expect({ command: ['ecs-cred-doctor', ...sc.args].join(' '), exitCode: text.code, stdout: normalise(text.stdout, sc.dir), stderr: normalise(text.stderr, sc.dir) }).toMatchSnapshot();
    } finally {
      await sc.close();
    }
    // three runs side by side, each bounded by runBundle's patient deadline
  }, 60_000);
});
