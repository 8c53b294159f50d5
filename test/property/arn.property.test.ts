// Property tests for ARN parsing and identity classification (src/arn.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeIdentity, parseArn, roleNameOf } from '../../src/arn.ts';
import { anyString, over } from './arbitraries.ts';

const partition = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc');
const account = fc.stringMatching(/^\d{12}$/);
/** IAM names: role, user and session names use [\w+=,.@-]. */
const iamName = (min: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[\\w+=,.@-]{${min},64}$`));
const iamPath = fc.array(fc.stringMatching(/^[\w+=,.@-]{1,10}$/), { maxLength: 3 }).map((segs) => (segs.length === 0 ? '/' : `/${segs.join('/')}/`));
const userId = fc.stringMatching(/^A[A-Z0-9]{15,20}(:[\w+=,.@-]{2,32})?$/);

/** Colon-separated pieces that look like ARNs, often nearly valid. */
const arnish = fc
  .array(fc.oneof(fc.constantFrom('arn', 'aws', 'sts', 'iam', '', '123456789012', 'assumed-role/R/s', 'role/R', 'user/u', 'root', 'federated-user/f', 'assumed-role/', 'role/'), over('ab/:', { maxLength: 6 }), anyString(6)), {
    maxLength: 9,
  })
  .map((p) => p.join(':'));

describe('ARN functions never throw', () => {
  it('parseArn, describeIdentity and roleNameOf return for any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyString(80), arnish), anyString(20), anyString(20), (arn, acct, uid) => {
        const p = parseArn(arn);
        if (p) expect(`arn:${p.partition}:${p.service}:${p.region}:${p.account}:${p.resource}`).toBe(arn);
        const id = describeIdentity(arn, acct, uid);
        expect({ arn: id.arn, account: id.account, userId: id.userId }).toEqual({ arn, account: acct, userId: uid });
        expect(['assumed-role', 'user', 'root', 'federated-user', 'role', 'unknown']).toContain(id.type);
        expect(typeof roleNameOf(arn)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseArn', () => {
  it('gives back the parts an ARN was built from (the resource may hold colons)', () => {
    const part = fc.stringMatching(/^[^:]{1,12}$/);
    fc.assert(
      fc.property(part, part, fc.stringMatching(/^[^:]{0,12}$/), fc.stringMatching(/^[^:]{0,12}$/), anyString(30), (pa, service, region, acct, resource) => {
        expect(parseArn(`arn:${pa}:${service}:${region}:${acct}:${resource}`)).toEqual({ partition: pa, service, region, account: acct, resource });
      }),
      { numRuns: 300 },
    );
  });

  it('rejects strings that do not start with "arn:" or have fewer than six parts', () => {
    fc.assert(
      fc.property(fc.oneof(anyString(40), arnish), (text) => {
        if (!text.startsWith('arn:') || text.split(':').length < 6) expect(parseArn(text)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe('describeIdentity classifies generated ARNs', () => {
  it('assumed-role: role and session names', () => {
    fc.assert(
      fc.property(partition, account, iamName(1), iamName(2), userId, (pa, acct, role, session, uid) => {
        const arn = `arn:${pa}:sts::${acct}:assumed-role/${role}/${session}`;
        expect(describeIdentity(arn, acct, uid)).toEqual({ arn, account: acct, userId: uid, type: 'assumed-role', roleName: role, sessionName: session });
        expect(roleNameOf(arn)).toBe(role);
      }),
      { numRuns: 300 },
    );
  });

  it('user (any path)', () => {
    fc.assert(
      fc.property(partition, account, iamPath, iamName(1), userId, (pa, acct, path, name, uid) => {
        const arn = `arn:${pa}:iam::${acct}:user${path}${name}`;
        expect(describeIdentity(arn, acct, uid)).toEqual({ arn, account: acct, userId: uid, type: 'user', roleName: null, sessionName: null });
      }),
      { numRuns: 300 },
    );
  });

  it('root', () => {
    fc.assert(
      fc.property(partition, account, (pa, acct) => {
        const arn = `arn:${pa}:iam::${acct}:root`;
        expect(describeIdentity(arn, acct, acct)).toEqual({ arn, account: acct, userId: acct, type: 'root', roleName: null, sessionName: null });
      }),
      { numRuns: 100 },
    );
  });

  it('role (any path): the name is the last segment', () => {
    fc.assert(
      fc.property(partition, account, iamPath, iamName(1), (pa, acct, path, name) => {
        const arn = `arn:${pa}:iam::${acct}:role${path}${name}`;
        expect(describeIdentity(arn, acct, '')).toMatchObject({ type: 'role', roleName: name, sessionName: null });
        expect(roleNameOf(arn)).toBe(name);
      }),
      { numRuns: 300 },
    );
  });

  it('federated-user: the session name', () => {
    fc.assert(
      fc.property(partition, account, iamName(2), (pa, acct, name) => {
        const arn = `arn:${pa}:sts::${acct}:federated-user/${name}`;
        expect(describeIdentity(arn, acct, '')).toMatchObject({ type: 'federated-user', roleName: null, sessionName: name });
      }),
      { numRuns: 100 },
    );
  });

  it('anything that is not an ARN is unknown, and roleNameOf returns a bare name as is', () => {
    fc.assert(
      fc.property(fc.oneof(anyString(40), iamName(1)), (text) => {
        fc.pre(parseArn(text) === null);
        expect(describeIdentity(text, '', '')).toMatchObject({ type: 'unknown', roleName: null, sessionName: null });
        expect(roleNameOf(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
