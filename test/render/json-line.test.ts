// --format json-line: one line, valid JSON, the same content as --json plus the envelope.
import { describe, expect, it } from 'vitest';
import { evaluateFacts } from '../../src/evaluate.ts';
import { renderJson, renderJsonError } from '../../src/render/json.ts';
import { jsV3Chain } from '../../src/sdks/js-v3/index.ts';
import { containerOk, makeFacts, RELATIVE, stsIdentity } from '../helpers/facts.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const facts = () =>
  makeFacts({
    collectedAt: NOW,
    // a value of outside origin with a line break and a line separator: still one line
    env: { ...RELATIVE, AWS_REGION: 'eu-west-1', AWS_PROFILE: 'a\nb\u2028c' },
    container: containerOk(),
    sts: stsIdentity(new Date(NOW), 'arn:aws:sts::111122223333:assumed-role/myAppTaskRole/t'),
    taskMetadata: { ok: true, task: { cluster: 'prod', taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/prod/t', family: 'my-app', revision: '7', launchType: 'FARGATE', availabilityZone: null, networkMode: null, container: 'app' } },
  });
const report = () => evaluateFacts(facts(), jsV3Chain, { expectRole: null, expectAccount: null, strict: false, noSts: false });

describe('renderJson line', () => {
  it('one line of JSON, equal to --json but for the envelope, which comes first', () => {
    const r = report();
    const line = renderJson(r, { line: true, replay: true });
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(line).not.toMatch(/[\u2028\u2029]/);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed).slice(0, 6)).toEqual(['schemaVersion', 'collectedAt', 'replay', 'task', 'findingCodes', 'verdict']);
    expect(parsed).toMatchObject({ collectedAt: NOW, replay: true, task: { definition: 'my-app:7', container: 'app', cluster: 'prod' }, findingCodes: r.findings.map((f) => f.code).join(' ') });
    const { collectedAt, replay, task, findingCodes, ...rest } = parsed;
    expect(rest).toEqual(JSON.parse(renderJson(r)));
  });

  it('a watch event leads the line', () => {
    const line = renderJson(report(), { line: true, watch: { event: 'change', iteration: 3, changed: ['credentials'] } });
    expect(Object.keys(JSON.parse(line) as object)[0]).toBe('watch');
  });

  it('errors on one line too', () => {
    const e = renderJsonError('USAGE', 'bad\nflag', '1.0.0', true);
    expect(e.indexOf('\n')).toBe(e.length - 1);
    expect(JSON.parse(e)).toMatchObject({ error: { code: 'USAGE', message: 'bad\nflag' } });
  });
});
