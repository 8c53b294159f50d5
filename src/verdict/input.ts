/** What every verdict rule reads: the facts, the chain walk, the options, and who won. */
import type { ChainDefinition } from '../model/chain.ts';
import type { Facts, SourceId } from '../model/facts.ts';
import type { Identity, ResolvedCredentials, SourceResult } from '../model/report.ts';
import type { ChainWalk } from '../chains/walk.ts';
import type { Draft } from '../findings/registry.ts';
import { describeIdentity, roleNameOf } from '../arn.ts';

export interface VerdictOptions {
  /** the chain the walk followed: its SDK's wording and rules */
  chain: ChainDefinition;
  expectRole: string | null;
  expectSource?: string | null;
  expectAccount: string | null;
  strict: boolean;
  noSts: boolean;
  /** the time to judge expirations against (injected for tests) */
  now: Date;
}

export type Winner = ResolvedCredentials & { source: SourceId };

export interface RuleInput {
  facts: Facts;
  walk: ChainWalk;
  chain: ChainDefinition;
  o: VerdictOptions;
  /** the selected step, and its credentials */
  step: SourceResult | null;
  winner: Winner | null;
  /** what STS says the winner is */
  identity: Identity | null;
  /** the role the app runs as, from STS or else from the winner's document */
  roleName: string | null;
  /** "role X", "IAM user bob", ... for headlines; "" when nothing is known */
  who: string;
  /** the walk's step for a source (the first, where botocore repeats one) */
  stepOf(source: SourceId): SourceResult | undefined;
}

/** One rule: a small pure function from the walk and the facts to zero or more findings. */
export type Rule = (i: RuleInput) => Draft[];

export function ruleInputOf(facts: Facts, walk: ChainWalk, o: VerdictOptions): RuleInput {
  const step = walk.winner;
  const winner = step?.credentials ? { ...step.credentials, source: step.source } : null;
  const sts = facts.sts;
  const identity = sts?.ok && sts.arn ? describeIdentity(sts.arn, sts.account ?? '', sts.userId ?? '') : null;
  const roleName = identity?.roleName ?? (winner?.roleArn ? roleNameOf(winner.roleArn) : null);
  return { facts, walk, chain: o.chain, o, step, winner, identity, roleName, who: whoOf(identity, roleName), stepOf: (s) => walk.results.find((r) => r.source === s) };
}

function whoOf(identity: Identity | null, roleName: string | null): string {
  if (identity?.type === 'user') return `IAM user ${identity.arn.split('/').pop() ?? identity.arn}`;
  if (identity?.type === 'root') return `the ROOT user of account ${identity.account}`;
  if (roleName) return `role ${roleName}`;
  return identity?.arn ?? '';
}
