// --sdk all: every modelled SDK's chain over the same facts, and SDKS_DISAGREE when they differ.
import { describe, expect, it } from 'vitest';
import { scenario, startScenario } from '../scenarios/scenarios.ts';
import { runBundle } from './run-bundle.ts';

interface Row { sdk: string; winner: { source: string; accessKeyId: string } | null }

describe('--sdk all', () => {
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
});
