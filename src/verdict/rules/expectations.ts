/** Rules for --expect-role, --expect-account and --expect-source. */
import { draft, type Draft } from '../../findings/registry.ts';
import { roleNameOf } from '../../arn.ts';
import type { RuleInput } from '../input.ts';

export function expectations(i: RuleInput): Draft[] {
  const out: Draft[] = [];
  const { o, winner, identity } = i;
  if (o.expectRole) {
    const got = i.roleName;
    // a full ARN must match the winner's role ARN where the winner names one
    const arnMatches = o.expectRole.startsWith('arn:') && winner?.roleArn ? winner.roleArn === o.expectRole : true;
    if (got === null || got !== roleNameOf(o.expectRole) || !arnMatches) {
      const actual = got === null ? '' : (identity?.arn ?? winner?.roleArn ?? got);
      out.push(draft('EXPECTATION_MISMATCH', { what: 'role', expected: o.expectRole, actual, noSts: o.noSts ? 'yes' : 'no' }, [{ label: 'expected role', value: o.expectRole }]));
    }
  }
  if (o.expectAccount) {
    const account = identity?.account ?? '';
    if (account !== o.expectAccount) out.push(draft('EXPECTATION_MISMATCH', { what: 'account', expected: o.expectAccount, actual: account, noSts: o.noSts ? 'yes' : 'no' }, [{ label: 'expected account', value: o.expectAccount }]));
  }
  if (o.expectSource && winner?.source !== o.expectSource) {
    out.push(draft('EXPECTATION_MISMATCH', { what: 'source', expected: o.expectSource, actual: winner?.source ?? '', noSts: o.noSts ? 'yes' : 'no' }, [{ label: 'expected source', value: o.expectSource }]));
  }
  return out;
}
