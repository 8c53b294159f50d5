// Runs the real AWS SDK for JavaScript v3 default chain in this process's environment and
// prints what it resolved, as JSON on stdout. Started by js-sdk.test.ts with the network
// guard preloaded and a scenario's environment (loopback fakes only).
// ORACLE_PKG names an npm alias of an older @aws-sdk/credential-provider-node (its defaultProvider);
// without it, the current @aws-sdk/credential-providers fromNodeProviderChain is used.
const pkg = process.env.ORACLE_PKG;
const fromNodeProviderChain = pkg ? (await import(pkg)).defaultProvider : (await import('@aws-sdk/credential-providers')).fromNodeProviderChain;

const debug = [];
const logger = { debug: (...a) => debug.push(a.join(' ')), info() {}, warn() {}, error() {} };
try {
  const c = await fromNodeProviderChain({ logger })();
  process.stdout.write(JSON.stringify({ ok: true, accessKeyId: c.accessKeyId, features: Object.keys(c.$source ?? {}), debug }));
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, name: e?.name, message: String(e?.message ?? e).slice(0, 300), tryNextLink: e?.tryNextLink ?? null, debug }));
}
