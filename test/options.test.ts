import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/options.ts';

describe('options', () => {
  it('defaults', () => {
    expect(parseOptions([], {})).toMatchObject({ json: false, sdk: null, allSdks: false, appDir: null, timeoutMs: 1000, strict: false, containerEndpoint: null });
  });
  it('reads the container endpoint override from the environment', () => {
    expect(parseOptions([], { ECS_CRED_DOCTOR_CONTAINER_ENDPOINT: 'http://127.0.0.1:9' }).containerEndpoint).toBe('http://127.0.0.1:9');
  });
  it.each([
    [['--timeout', 'abc'], /--timeout takes a whole number.*"abc"/],
    [['--timeout', '0'], /between 1 and/],
    [['--sdk', 'ruby'], /--sdk "ruby" is not supported/],
    [['--sdk', 'js-v3@x.y'], /--sdk "js-v3@x.y" is not supported/],
    [['--expect-account', '12'], /12-digit.*"12"/],
    [['--expect-role', 'arn:aws:s3:::bucket'], /role name or a role ARN/],
    [['--container-endpoint', 'ftp://x'], /http\(s\) URL.*"ftp:\/\/x"/],
    [['--nope'], /Unknown option '--nope'/],
    [['positional'], /positional/],
    [['--app-dir', '/app', '--sdk', 'python'], /--app-dir is for detecting the SDK; it does not combine with --sdk python/],
    [['--app-dir', ' '], /--app-dir takes a file path/],
    [['--replay', 'f.json', '--app-dir', '/app'], /does not combine with --wait, --facts-out or --app-dir/],
  ])('%j is a usage error that names the value', (argv, msg) => {
    expect(() => parseOptions(argv, {})).toThrow(msg);
  });
});

describe('--sdk versions', () => {
  it('parses a family with a version', () => {
    expect(parseOptions(['--sdk', 'js-v3@3.600.0'], {}).sdk).toEqual({ family: 'js-v3', version: '3.600.0' });
  });
});

describe('--sdk auto, all and --app-dir', () => {
  it('auto is the default and means detection: no SDK is fixed', () => {
    expect(parseOptions(['--sdk', 'auto'], {})).toMatchObject({ sdk: null, allSdks: false });
    expect(parseOptions([], {}).sdk).toBeNull();
  });
  it('all compares every SDK, the detected one first', () => {
    expect(parseOptions(['--sdk', 'all'], {})).toMatchObject({ sdk: null, allSdks: true });
  });
  it('ECS_CRED_DOCTOR_SDK sets the default; the flag wins over it', () => {
    expect(parseOptions([], { ECS_CRED_DOCTOR_SDK: 'go-v2@1.27.34' }).sdk).toEqual({ family: 'go-v2', version: '1.27.34' });
    expect(parseOptions(['--sdk', 'python'], { ECS_CRED_DOCTOR_SDK: 'go-v2' }).sdk).toEqual({ family: 'python', version: null });
    expect(() => parseOptions([], { ECS_CRED_DOCTOR_SDK: 'cobol' })).toThrow(/ECS_CRED_DOCTOR_SDK="cobol" is not supported/);
  });
  it('--app-dir is kept for auto and all', () => {
    expect(parseOptions(['--app-dir', '/app'], {})).toMatchObject({ sdk: null, appDir: '/app' });
    expect(parseOptions(['--sdk', 'all', '--app-dir', '/app'], {})).toMatchObject({ allSdks: true, appDir: '/app' });
  });
});

describe('--container', () => {
  it('names the app container; ECS_CRED_DOCTOR_APP_PID (a default) gives way', () => {
    expect(parseOptions(['--container', 'web'], { ECS_CRED_DOCTOR_APP_PID: 'self' })).toMatchObject({ container: 'web', pid: null });
    expect(parseOptions([], {})).toMatchObject({ container: null });
  });
  it.each([
    [['--container', ''], '--container takes a container name'],
    [['--container', 'web', '--pid', '7'], 'does not combine with --pid'],
    [['--container', 'web', '--replay', 'f.json'], 'does not combine with --replay'],
  ])('%j is a usage error', (argv, said) => {
    expect(() => parseOptions(argv, {})).toThrow(said);
  });
});

describe('--format, --emf, --watch, --heartbeat (issue 14)', () => {
  it('--json stays; --format json-line is JSON on one line; text is the default', () => {
    expect(parseOptions([], {})).toMatchObject({ format: 'text', json: false, emf: false, watchMs: null });
    expect(parseOptions(['--json'], {})).toMatchObject({ format: 'json', json: true });
    expect(parseOptions(['--format', 'json-line', '--emf'], {})).toMatchObject({ format: 'json-line', json: true, emf: true });
  });
  it('--watch takes a duration; the heartbeat defaults to 15m, or once a run for a slower watch', () => {
    expect(parseOptions(['--watch', '60s'], {})).toMatchObject({ watchMs: 60_000, heartbeatMs: 900_000 });
    expect(parseOptions(['--watch', '30m'], {})).toMatchObject({ watchMs: 1_800_000, heartbeatMs: 1_800_000 });
    expect(parseOptions(['--watch', '1m', '--heartbeat', '5m'], {})).toMatchObject({ heartbeatMs: 300_000 });
  });
  it.each([
    [['--format', 'yaml'], /--format takes one of text, json, json-line, got "yaml"/],
    [['--json', '--format', 'text'], /contradict/],
    [['--watch', 'soon'], /--watch takes a duration.*"soon"/],
    [['--heartbeat', '5m'], /--heartbeat is for --watch/],
    [['--watch', '5m', '--heartbeat', '1m'], /must not be shorter than --watch/],
    [['--watch', '1m', '--replay', 'f.json'], /--watch runs live/],
    [['--watch', '1m', '--wait', '10s'], /--watch runs live/],
  ])('%j is a usage error', (argv, msg) => {
    expect(() => parseOptions(argv, {})).toThrow(msg);
  });
});
