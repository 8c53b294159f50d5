#!/usr/bin/env node
// What an app using the real AWS SDK for JavaScript v3 (unbundled, from node_modules) does to
// learn who it is: the default Node credential chain, then sts:GetCallerIdentity with those
// credentials. The row "(d)" of `npm run bench`, which starts it with a loopback scenario's
// environment (a full container URI on 127.0.0.1, STS at AWS_ENDPOINT_URL_STS on loopback)
// and the network guard preloaded. Prints the caller's ARN; exit 1 on any error.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const endpoint = process.env.AWS_ENDPOINT_URL_STS;
// This script must only ever talk to a fake: refuse any STS that is not on loopback.
let host = '';
try {
  host = new URL(endpoint ?? '').hostname;
} catch {
  // handled below
}
if (!/^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(host)) {
  process.stderr.write(`bench-sdk-chain: AWS_ENDPOINT_URL_STS must be a loopback URL, got ${JSON.stringify(endpoint)}\n`);
  process.exit(2);
}

try {
  const sts = new STSClient({ credentials: fromNodeProviderChain(), endpoint });
  const who = await sts.send(new GetCallerIdentityCommand({}));
  process.stdout.write(`${who.Arn}\n`);
} catch (e) {
  process.stderr.write(`bench-sdk-chain: ${e?.name ?? 'Error'}: ${e?.message ?? e}\n`);
  process.exit(1);
}
