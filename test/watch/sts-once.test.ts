// --watch asks STS once per credentials: the same key reuses the observation, a rotation or a
// failed call asks again.
import { describe, expect, it } from 'vitest';
import { plannerFor } from '../../src/plan.ts';
import { jsV3Chain } from '../../src/sdks/js-v3/index.ts';
import { stsOnce } from '../../src/watch/sts-once.ts';
import type { Facts } from '../../src/model/facts.ts';
import { containerOk, makeFacts, RELATIVE, stsIdentity } from '../helpers/facts.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const ARN = 'arn:aws:sts::111122223333:assumed-role/myAppTaskRole/t';
const facts = (key: string, exp = '2026-06-01T06:00:00Z'): Facts => makeFacts({ env: { ...RELATIVE, AWS_REGION: 'eu-west-1' }, container: containerOk({}, { AccessKeyId: `ASIA************${key}`, Expiration: exp }) });

/** One run as collect.ts makes it: ask identityCall, "call" STS when asked, then reuse. */
function runOnce(once: ReturnType<typeof stsOnce>, f: Facts, answer: 'ok' | 'fail'): boolean {
  const call = once.planner.identityCall(f);
  if (call) f.sts = answer === 'ok' ? stsIdentity(NOW, ARN) : { ...stsIdentity(NOW, ARN), ok: false, arn: null, error: { kind: 'unreachable', code: 'TIMEOUT', message: 't', status: null } };
  once.reuse(f);
  return call !== null;
}

describe('stsOnce', () => {
  it('asks for a new key, not again for the same one, and again after a rotation', () => {
    const once = stsOnce(plannerFor(jsV3Chain));
    expect(runOnce(once, facts('AAAA'), 'ok')).toBe(true);
    const again = facts('AAAA');
    expect(runOnce(once, again, 'ok')).toBe(false);
    // the run that skipped the call carries the observation made for its key
    expect(again.sts?.arn).toBe(ARN);
    expect(runOnce(once, facts('BBBB'), 'ok')).toBe(true);
    // a new expiration with a key alike in its masked form is a new set too
    expect(runOnce(once, facts('BBBB', '2026-06-01T07:00:00Z'), 'ok')).toBe(true);
  });

  it('a failed identity call is asked again next run', () => {
    const once = stsOnce(plannerFor(jsV3Chain));
    expect(runOnce(once, facts('AAAA'), 'fail')).toBe(true);
    expect(runOnce(once, facts('AAAA'), 'ok')).toBe(true);
    expect(runOnce(once, facts('AAAA'), 'ok')).toBe(false);
  });
});
