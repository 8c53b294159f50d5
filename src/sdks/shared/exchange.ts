/** Turns an STS role exchange the SDK makes eagerly into a source outcome. */
import type { ExchangeRequest } from '../../model/chain.ts';
import type { Facts } from '../../model/facts.ts';
import type { SourceOutcome } from '../../model/chain.ts';

/**
 * The JS SDK lets STS errors from these exchanges stop the chain (they carry no tryNextLink):
 * aws/aws-sdk-js-v3 packages/credential-provider-web-identity/src/fromWebToken.ts,
 * packages/credential-provider-ini/src/resolveAssumeRoleCredentials.ts.
 */
export function outcomeOfExchange(facts: Facts, request: ExchangeRequest, feature: string, origin: string, what: string): SourceOutcome {
  const done = facts.exchanges[request.ref];
  if (!done) return { kind: 'needs', reason: `${what}: calls sts:${request.kind === 'web-identity' ? 'AssumeRoleWithWebIdentity' : 'AssumeRole'} for ${request.roleArn}`, request };
  if (!done.ok || done.accessKeyId === null) {
    const err = done.error;
    const why = err ? `${err.code}: ${err.message}` : 'no credentials in the answer';
    return { kind: 'fail', hard: true, reason: `${what}: sts:${request.kind === 'web-identity' ? 'AssumeRoleWithWebIdentity' : 'AssumeRole'} for ${request.roleArn} failed (${why})` };
  }
  return {
    kind: 'provides',
    reason: `${what}: assumed ${done.arn ?? request.roleArn}`,
    credentials: { ref: request.ref, accessKeyId: done.accessKeyId, roleArn: request.roleArn, expiration: done.expiration, origin, feature },
  };
}
