import { describe, expect, it } from 'vitest';
import { parseOptions } from '../src/options.ts';

describe('options', () => {
  it('defaults', () => {
    expect(parseOptions([], {})).toMatchObject({ json: false, sdk: { family: 'js-v3', version: null }, timeoutMs: 1000, strict: false, containerEndpoint: null });
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
  ])('%j is a usage error that names the value', (argv, msg) => {
    expect(() => parseOptions(argv, {})).toThrow(msg);
  });
});

describe('--sdk versions', () => {
  it('parses a family with a version', () => {
    expect(parseOptions(['--sdk', 'js-v3@3.600.0'], {}).sdk).toEqual({ family: 'js-v3', version: '3.600.0' });
  });
});
