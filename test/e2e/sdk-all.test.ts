// --sdk all: every modelled SDK's chain over the same facts, and SDKS_DISAGREE when they differ.
import { describe, expect, it } from 'vitest';
import { scenario, startScenario } from '../scenarios/scenarios.ts';
import { runBundle } from './run-bundle.ts';

interface Row {
  sdk: string;
  winner: { source: string; accessKeyId: string } | null;
}

// concurrent: each case starts its own fakes and waits mostly on child processes
describe.concurrent('--sdk all', () => {
  it('agreeing SDKs: one row each, no SDKS_DISAGREE', async () => {
    const sc = await startScenario(scenario('static-keys-shadow-task-role'));
    try {
      const r = await runBundle(['--json', '--sdk', 'all'], sc.env);
      const report = JSON.parse(r.stdout) as { sdks: Row[]; findings: { code: string }[] };
      expect(report.sdks.map((s) => s.sdk)[0]).toBe('js-v3');
      expect(report.sdks.every((s) => s.winner?.source === 'env')).toBe(true);
      expect(report.findings.map((f) => f.code)).not.toContain('SDKS_DISAGREE');
      const text = await runBundle(['--sdk', 'all'], sc.env);
      expect(text.stdout).toContain('SDKs compared');
    } finally {
      await sc.close();
    }
  });

  it('disagreeing SDKs (env keys + AWS_PROFILE with keys, SDK-CHAINS.md §8 scenario 2): JS takes the profile, the others the env keys', async () => {
    const sc = await startScenario(scenario('profile-beats-env-keys'));
    try {
      const r = await runBundle(['--json', '--sdk', 'all'], sc.env);
      const report = JSON.parse(r.stdout) as { sdks: Row[]; findings: { code: string; severity: string; message: string; evidence: { label: string; value: string }[] }[] };
      const winners = Object.fromEntries(report.sdks.map((s) => [s.sdk, s.winner?.source ?? null]));
      expect(winners).toEqual({ 'js-v3': 'profile', python: 'env', 'aws-cli': 'env', 'java-v2': 'env', 'go-v2': 'env' });
      const f = report.findings.find((x) => x.code === 'SDKS_DISAGREE');
      expect(f?.severity).toBe('warning');
      expect(f?.message).toMatch(/js-v3: profile \(AKIA\*{12}\w{4}\); python, aws-cli, java-v2, go-v2: env \(AKIA\*{12}\w{4}\)/);
      expect(f?.evidence.map((e) => e.label)).toEqual(['js-v3', 'python, aws-cli, java-v2, go-v2']);
      // a warning: exit 0, and 1 with --strict
      expect(r.code).toBe(0);
      expect((await runBundle(['--sdk', 'all', '--strict'], sc.env)).code).toBe(1);
      const text = await runBundle(['--sdk', 'all'], sc.env);
      expect(text.stdout).toMatch(/SDKs compared[\s\S]*js-v3\s+profile[\s\S]*go-v2\s+env/);
    } finally {
      await sc.close();
    }
  });

  it('IRSA with a baked [default] credentials file (§8 scenario 7): JS takes the file, the others IRSA, each exchange made once', async () => {
    const sc = await startScenario(scenario('baked-credentials-before-irsa'));
    try {
      const r = await runBundle(['--json', '--sdk', 'all'], sc.env);
      const report = JSON.parse(r.stdout) as { sdks: Row[]; findings: { code: string; message: string }[]; facts: { exchanges: Record<string, { ok: boolean }> } };
      const winners = Object.fromEntries(report.sdks.map((s) => [s.sdk, s.winner?.source ?? null]));
      expect(winners).toEqual({ 'js-v3': 'profile', python: 'web-identity', 'aws-cli': 'web-identity', 'java-v2': 'web-identity', 'go-v2': 'web-identity' });
      expect(report.findings.find((x) => x.code === 'SDKS_DISAGREE')?.message).toMatch(/js-v3: profile .*; python, aws-cli, java-v2, go-v2: web-identity \(ASIA/);
      expect(Object.values(report.facts.exchanges).every((e) => e.ok)).toBe(true);
    } finally {
      await sc.close();
    }
  });
});
