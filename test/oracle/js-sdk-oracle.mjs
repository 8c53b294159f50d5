// Runs the real AWS SDK for JavaScript v3 default chain in this process's environment and
// prints what it resolved, as JSON on stdout. Started by js-sdk.test.ts with the network
// guard preloaded and a scenario's environment (loopback fakes only).
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';

const debug = [];
const logger = { debug: (...a) => debug.push(a.join(' ')), info() {}, warn() {}, error() {} };
try {
  const c = await fromNodeProviderChain({ logger })();
  process.stdout.write(JSON.stringify({ ok: true, accessKeyId: c.accessKeyId, features: Object.keys(c.$source ?? {}), debug }));
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, name: e?.name, message: String(e?.message ?? e).slice(0, 300), tryNextLink: e?.tryNextLink ?? null, debug }));
}
