// The wildcard matcher of src/iam/wildcard.ts: a table of IAM's documented cases, then the
// matcher against two brute-force references over generated patterns and values.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${...}; these strings are policy text, not templates
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionMatches, compilePattern, matchTokens } from '../../src/iam/wildcard.ts';
import { referenceGlob, regexGlob } from './reference.ts';

const resourceMatches = (pattern: string, arn: string, variables = true): boolean | 'variable' => {
  const c = compilePattern(pattern, variables, false);
  return 'variable' in c ? 'variable' : matchTokens(c.tokens, arn, false);
};

describe('actions', () => {
  it.each([
    ['*', 'secretsmanager:GetSecretValue', true],
    ['secretsmanager:*', 'secretsmanager:GetSecretValue', true],
    ['SecretsManager:getsecretvalue', 'secretsmanager:GetSecretValue', true],
    ['secretsmanager:Get*', 'secretsmanager:GetSecretValue', true],
    ['secretsmanager:Get*', 'secretsmanager:ListSecrets', false],
    ['ssm:GetParameter', 'ssm:GetParameters', false],
    ['ssm:GetParameter?', 'ssm:GetParameters', true],
    ['ssm:GetParameter?', 'ssm:GetParameter', false],
    ['ssmmessages:*Channel', 'ssmmessages:OpenDataChannel', true],
    ['ssm:*', 'ssmmessages:OpenDataChannel', false],
    ['ssm*', 'ssmmessages:OpenDataChannel', true],
    ['logs:CreateLogStream', 'logs:CreateLogStreams', false],
    ['', 'logs:CreateLogStream', false],
  ])('%s against %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('resources', () => {
  it.each([
    ['*', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf', true],
    ['arn:aws:secretsmanager:*:*:secret:db-*', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf', true],
    ['arn:aws:secretsmanager:*:*:secret:db-??????', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf', true],
    ['arn:aws:secretsmanager:*:*:secret:db-?????', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf', false],
    // ARNs compare case-sensitively
    ['arn:aws:secretsmanager:*:*:secret:DB-*', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf', false],
    // the documented S3 example: one * spans slashes
    ['arn:aws:s3:::amzn-s3-demo-bucket/*/test/*', 'arn:aws:s3:::amzn-s3-demo-bucket/1/2/test/3/object.jpg', true],
    ['arn:aws:s3:::amzn-s3-demo-bucket/*/test/*', 'arn:aws:s3:::amzn-s3-demo-bucket/1-test/object.jpg', false],
    // a * last in a segment spans colons (logs:*:*:* covers log-group:x:log-stream:y)
    ['arn:aws:logs:*:*:*', 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:log-stream:ecs/app/abc', true],
    ['arn:aws:logs:*:*:log-group:/ecs/app:*', 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:log-stream:ecs/app/abc', true],
    ['arn:aws:logs:*:*:log-group:/ecs/other:*', 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:log-stream:x', false],
    ['arn:aws:ssm:us-east-1:111122223333:parameter/app/*', 'arn:aws:ssm:us-east-1:111122223333:parameter/app/db/password', true],
  ])('%s against %s: %s', (pattern, arn, expected) => {
    expect(resourceMatches(pattern, arn)).toBe(expected);
  });

  it('reads ${...} as a policy variable only in a 2012-10-17 document, and ${*} ${?} ${$} as the characters', () => {
    expect(resourceMatches('arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/u/k')).toBe('variable');
    expect(resourceMatches('arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${aws:username}/k', false)).toBe(true);
    expect(resourceMatches('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/*')).toBe(true);
    expect(resourceMatches('arn:aws:s3:::b/${*}', 'arn:aws:s3:::b/x')).toBe(false);
    expect(resourceMatches('arn:aws:s3:::b/${?}${$}', 'arn:aws:s3:::b/?$')).toBe(true);
    // an unclosed ${ is literal text
    expect(resourceMatches('arn:aws:s3:::b/${x', 'arn:aws:s3:::b/${x')).toBe(true);
  });

  it('stays linear on a pattern that makes a backtracking matcher exponential', () => {
    const value = 'a'.repeat(5000);
    const pattern = `${'*a'.repeat(60)}b`;
    const c = compilePattern(pattern, false, false);
    expect('tokens' in c && matchTokens(c.tokens, value, false)).toBe(false);
  });
});

// patterns and values from a small alphabet, so wildcards, separators and case all collide often
const alphabet = ['a', 'b', 'A', ':', '/', '-'];
const value = fc.array(fc.constantFrom(...alphabet), { maxLength: 10 }).map((c) => c.join(''));
const pattern = fc.array(fc.constantFrom(...alphabet, '*', '?'), { maxLength: 8 }).map((c) => c.join(''));

describe('the matcher agrees with brute force', () => {
  it('on resources (case-sensitive): recursion and RegExp', () => {
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        const ours = resourceMatches(p, v, false);
        expect(ours).toBe(referenceGlob(p, v, false));
        expect(ours).toBe(regexGlob(p, v, false));
      }),
      { numRuns: 3000 },
    );
  });

  it('on actions (case-insensitive)', () => {
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        expect(actionMatches(p, v)).toBe(referenceGlob(p, v, true));
        expect(actionMatches(p, v)).toBe(regexGlob(p, v, true));
      }),
      { numRuns: 3000 },
    );
  });

  it('on any text without wildcards: a pattern matches exactly itself', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }).filter((s) => !/[*?]/.test(s)),
        fc.string({ maxLength: 20 }),
        (p, v) => {
          expect(resourceMatches(p, v, false)).toBe(p === v);
          expect(resourceMatches(p, p, false)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a value always matches itself with any of its characters replaced by ? or runs replaced by *', () => {
    fc.assert(
      fc.property(value, fc.array(fc.nat(), { maxLength: 4 }), fc.boolean(), (v, holes, star) => {
        const chars = Array.from(v);
        for (const h of holes) if (chars.length > 0) chars[h % chars.length] = star ? '*' : '?';
        const p = chars.join('');
        // only a hole is a wildcard if v itself had none: the generated alphabet has none
        expect(resourceMatches(p, v, false)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
