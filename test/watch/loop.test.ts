// --watch driven with no clock and no network: each run's facts are handed in, the loop decides
// what to print. Rotations, a rotation that stops, an expiry, heartbeats and the last line.
import { describe, expect, it } from 'vitest';
import { evaluateFacts } from '../../src/evaluate.ts';
import { jsV3Chain } from '../../src/sdks/js-v3/index.ts';
import type { Facts } from '../../src/model/facts.ts';
import type { Report } from '../../src/model/report.ts';
import { runWatch, type WatchDeps, type WatchEvent } from '../../src/watch/loop.ts';
import { containerOk, makeFacts, RELATIVE, stsIdentity } from '../helpers/facts.ts';

const T0 = Date.parse('2026-06-01T00:00:00Z');
const MIN = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
const ARN = 'arn:aws:sts::111122223333:assumed-role/myAppTaskRole/0123456789abcdef0123456789abcdef';

/** One run's facts at `at`: the endpoint hands key `key` expiring at `exp`. */
function run(at: number, key: string, exp: number): Facts {
  return makeFacts({
    collectedAt: new Date(at).toISOString(),
    env: { ...RELATIVE, AWS_REGION: 'eu-west-1' },
    container: containerOk({}, { AccessKeyId: `ASIA************${key}`, Expiration: iso(exp) }),
    sts: stsIdentity(new Date(at), ARN),
  });
}

interface Printed {
  e: WatchEvent;
  r: Report;
}

/** Runs the loop over `runs` (one per iteration, `stepMs` apart on the injected clock). */
async function watch(runs: Facts[], o: { heartbeatMs?: number; stepMs?: number; stopAfter?: number } = {}): Promise<Printed[]> {
  const printed: Printed[] = [];
  const stop = new AbortController();
  let i = 0;
  let clock = T0;
  const deps: WatchDeps = {
    gather: async () => {
      const f = runs[i++];
      if (!f) throw new Error('more runs than facts');
      if (o.stopAfter !== undefined && i > o.stopAfter) stop.abort();
      return f;
    },
    evaluate: (f) => evaluateFacts(f, jsV3Chain, { expectRole: null, expectAccount: null, strict: false, noSts: false }),
    emit: async (e, r) => {
      printed.push({ e, r });
      return true;
    },
    sleep: async () => {
      clock += o.stepMs ?? MIN;
    },
    now: () => clock,
    stop: stop.signal,
    stopReason: () => 'SIGTERM',
    intervalMs: MIN,
    heartbeatMs: o.heartbeatMs ?? 60 * MIN,
    maxIterations: o.stopAfter === undefined ? runs.length : null,
  };
  await runWatch(deps);
  return printed;
}

const events = (p: Printed[]): string[] => p.map(({ e }) => (e.changed.length > 0 ? `${e.event}:${e.changed.join('+')}` : e.event));
const codes = (p: Printed | undefined): string[] => p?.r.findings.map((f) => f.code) ?? [];

describe('runWatch', () => {
  it('a quiet healthy task: a start line, nothing while nothing changes, then the last line', async () => {
    const p = await watch([0, 1, 2, 3].map((n) => run(T0 + n * MIN, 'AAAA', T0 + 6 * 60 * MIN)));
    expect(events(p)).toEqual(['start', 'stop']);
    expect(p.at(-1)?.e).toMatchObject({ event: 'stop', reason: 'iterations', iteration: 4 });
  });

  it('a rotation is a change of credentials (a new key and a new expiration), not of identity', async () => {
    const p = await watch([run(T0, 'AAAA', T0 + 60 * MIN), run(T0 + MIN, 'AAAA', T0 + 60 * MIN), run(T0 + 2 * MIN, 'BBBB', T0 + 120 * MIN)]);
    expect(events(p)).toEqual(['start', 'change:credentials', 'stop']);
    expect(p[1]?.r.winner?.accessKeyId).toBe('ASIA************BBBB');
    expect(codes(p[1])).toEqual([]);
  });

  it('a rotation that stops: the same credentials seen again inside the refresh window is CREDENTIALS_NOT_REFRESHED', async () => {
    const exp = T0 + 20 * MIN;
    const p = await watch([run(T0, 'AAAA', exp), run(T0 + 4 * MIN, 'AAAA', exp), run(T0 + 8 * MIN, 'AAAA', exp)]);
    // 20 min left: nothing to say; 16 min: still outside the window; 12 min: the same set, not renewed
    expect(events(p)).toEqual(['start', 'change:findings+verdict', 'stop']);
    expect(codes(p[1])).toEqual(['CREDENTIALS_NOT_REFRESHED']);
    expect(p[1]?.r.facts.sameCredentialsSince).toBe(new Date(T0).toISOString());
    expect(p[1]?.r.verdict).toMatchObject({ ok: false, headlineCode: 'CREDENTIALS_NOT_REFRESHED' });
  });

  it('a set first seen inside the window is only expiring soon; renewed, the finding goes', async () => {
    const p = await watch([run(T0, 'AAAA', T0 + 10 * MIN), run(T0 + MIN, 'BBBB', T0 + 70 * MIN)]);
    expect(codes(p[0])).toEqual(['CREDENTIALS_EXPIRING_SOON']);
    expect(events(p)).toEqual(['start', 'change:credentials+findings+verdict', 'stop']);
    expect(codes(p[1])).toEqual([]);
  });

  it('an expiry: the same credentials past their expiration are CREDENTIALS_EXPIRED', async () => {
    const exp = T0 + 2 * MIN;
    const p = await watch([run(T0, 'AAAA', exp), run(T0 + MIN, 'AAAA', exp), run(T0 + 3 * MIN, 'AAAA', exp)]);
    expect(codes(p[1])).toEqual(['CREDENTIALS_NOT_REFRESHED']);
    expect(codes(p[2])).toEqual(['CREDENTIALS_EXPIRED']);
    expect(events(p)).toEqual(['start', 'change:findings+verdict', 'change:findings', 'stop']);
  });

  it('a heartbeat when nothing changed for --heartbeat', async () => {
    const runs = Array.from({ length: 7 }, (_, n) => run(T0 + n * MIN, 'AAAA', T0 + 6 * 60 * MIN));
    const p = await watch(runs, { heartbeatMs: 3 * MIN });
    expect(events(p)).toEqual(['start', 'heartbeat', 'heartbeat', 'stop']);
    expect(p.map(({ e }) => e.iteration)).toEqual([1, 4, 7, 7]);
  });

  it('a signal during a run: the last line carries the last whole report and the signal', async () => {
    const p = await watch([run(T0, 'AAAA', T0 + 60 * MIN), run(T0 + MIN, 'AAAA', T0 + 60 * MIN), run(T0 + 2 * MIN, 'BBBB', T0 + 60 * MIN)], { stopAfter: 2 });
    expect(events(p)).toEqual(['start', 'stop']);
    expect(p[1]?.e.reason).toBe('SIGTERM');
    // the run the signal cut short is not reported
    expect(p[1]?.r.winner?.accessKeyId).toBe('ASIA************AAAA');
  });

  it('a reader that went away ends the watch', async () => {
    let emitted = 0;
    const f = run(T0, 'AAAA', T0 + 60 * MIN);
    const r = await runWatch({
      gather: async () => f,
      evaluate: (x) => evaluateFacts(x, jsV3Chain, { expectRole: null, expectAccount: null, strict: false, noSts: false }),
      emit: async () => {
        emitted++;
        return false;
      },
      sleep: async () => undefined,
      now: () => T0,
      stop: new AbortController().signal,
      stopReason: () => '',
      intervalMs: 1,
      heartbeatMs: 1,
      maxIterations: null,
    });
    expect(emitted).toBe(1);
    expect(r?.verdict.ok).toBe(true);
  });
});
