/**
 * The AWS CLI v2: its own botocore copy (aws/aws-cli awscli/botocore/credentials.py), so the
 * chain, the profile reading and the sources are botocore's (src/sdks/python/); what differs is
 * the version table (src/sdks/python/rules.ts, CLI column) and the profile/region variables.
 */
import type { ChainDefinition } from '../../model/chain.ts';
import { botoChain } from '../python/index.ts';

/** The AWS CLI v2 at the given CLI version (null: current release); 2.9.19 behaves like botocore 1.29. */
export function awsCliChainFor(version: string | null): ChainDefinition {
  return botoChain('aws-cli', version);
}
