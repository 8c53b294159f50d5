import { describe, expect, it } from 'vitest';
import { describeIdentity, parseArn, regionOfArn, roleNameOf } from '../src/arn.ts';

describe('ARNs', () => {
  it.each([
    ['arn:aws:sts::111122223333:assumed-role/myAppTaskRole/abc123', 'assumed-role', 'myAppTaskRole', 'abc123'],
    ['arn:aws:iam::111122223333:user/dev/deploy', 'user', null, null],
    ['arn:aws:iam::111122223333:root', 'root', null, null],
    ['arn:aws:sts::111122223333:federated-user/bob', 'federated-user', null, 'bob'],
    ['arn:aws:iam::111122223333:role/path/to/R', 'role', 'R', null],
    ['arn:aws-cn:sts::111122223333:assumed-role/R/i-0abc', 'assumed-role', 'R', 'i-0abc'],
    ['not an arn', 'unknown', null, null],
  ])('%s', (arn, type, roleName, sessionName) => {
    expect(describeIdentity(arn, '111122223333', 'AROA')).toMatchObject({ type, roleName, sessionName });
  });
  it('role names and regions', () => {
    expect(roleNameOf('arn:aws:iam::1:role/a/b/Name')).toBe('Name');
    expect(roleNameOf('Name')).toBe('Name');
    expect(regionOfArn('arn:aws:ecs:eu-west-1:1:task/c/abc')).toBe('eu-west-1');
    expect(parseArn('arn::x')).toBeNull();
  });
});
