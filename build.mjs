#!/usr/bin/env node
// Bundles src/cli.ts into one ESM file that runs with a bare `node`: every dependency inlined.
//   node build.mjs [--quiet] [--analyze] [--sea]
// --analyze also lists the largest inputs of the bundle (from esbuild's metafile).
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import { stubsPlugin } from './scripts/stubs.mjs';

/** The undici-debuglog trim: undici's diagnostics channels, read from diagnostics.js itself (the build fails if their shape changes). */
function undiciChannelsOnly(path) {
  const text = readFileSync(path, 'utf8');
  const channels = [...text.matchAll(/^ {2}(\w+): diagnosticsChannel\.channel\('(undici:[^']+)'\),?$/gm)].map((m) => `${m[1]}: diagnosticsChannel.channel(${JSON.stringify(m[2])})`);
  if (channels.length === 0 || !/module\.exports = \{\s*channels\s*\}/.test(text)) throw new Error(`undici-debuglog: ${path} no longer exports its channels as before`);
  return ["'use strict'", "const diagnosticsChannel = require('node:diagnostics_channel')", `module.exports = { channels: { ${channels.join(', ')} } }`].join('\n');
}

/**
 * The undici-error-classes trim: undici's error classes whose constructor only sets name, message
 * and code (16 of them, each written out with its own Symbol.for brand and hasInstance), built by
 * one factory with the same class names, brands, names, default messages and codes; the others
 * stay as written. The build fails if fewer such classes are found than before.
 */
function undiciErrorClasses(path) {
  const text = readFileSync(path, 'utf8');
  const simple =
    /const (k\w+) = Symbol\.for\('([^']+)'\)\nclass (\w+) extends (\w+) \{\n {2}constructor \(message\) \{\n {4}super\(message\)\n {4}this\.name = '([^']+)'\n {4}this\.message = message \|\| '([^']+)'\n {4}this\.code = '([^']+)'\n {2}\}\n\n {2}static \[Symbol\.hasInstance\] \(instance\) \{\n {4}return instance && instance\[\1\] === true\n {2}\}\n\n {2}\[\1\] = true\n\}\n/g;
  let n = 0;
  const out = text.replace(simple, (_, _k, brand, cls, base, name, message, code) => {
    n++;
    return `const ${cls} = makeError(${base}, ${JSON.stringify(cls)}, ${JSON.stringify(brand)}, ${JSON.stringify(name)}, ${JSON.stringify(message)}, ${JSON.stringify(code)})\n`;
  });
  if (n < 16) throw new Error(`undici-error-classes: read ${n} simple error classes of ${path}, expected 16 or more; the file's shape changed`);
  const factory = [
    'function makeError (Base, cls, brand, name, message, code) {',
    '  const k = Symbol.for(brand)',
    '  const C = class extends Base { constructor (m) { super(m); this.name = name; this.message = m || message; this.code = code } static [Symbol.hasInstance] (i) { return i && i[k] === true } }',
    '  C.prototype[k] = true',
    "  Object.defineProperty(C, 'name', { value: cls })",
    '  return C',
    '}',
  ].join('\n');
  return out.replace("'use strict'\n", `'use strict'\n${factory}\n`);
}

/**
 * The sts-custom-endpoint trim: STS's endpoint resolver (its rules as a binary decision diagram,
 * the rules engine and the AWS partition functions, about 6 KB) for the only case the tool
 * sends: an explicit endpoint. The stand-in answers as the rules do; before it is used, the real
 * resolver (the package's CommonJS build) and the stand-in are compared over every combination
 * of the parameters STS's rules read, and the build fails on any difference.
 */
const STS_CUSTOM_ENDPOINT = [
  'import { EndpointError } from "@smithy/core/endpoints";',
  'export const defaultEndpointResolver = (p) => {',
  '  if (typeof p.Endpoint !== "string") throw new EndpointError("ecs-cred-doctor always gives STS an explicit endpoint; the STS endpoint rules are not bundled");',
  '  if (p.UseFIPS === true) throw new EndpointError("Invalid Configuration: FIPS and custom endpoint are not supported");',
  '  if (p.UseDualStack === true) throw new EndpointError("Invalid Configuration: Dualstack and custom endpoint are not supported");',
  '  return { url: new URL(p.Endpoint), headers: {}, properties: {} };',
  '};',
].join('\n');
function stsCustomEndpoint(path) {
  const text = readFileSync(path, 'utf8');
  if (!/decideEndpoint\(bdd,/.test(text)) throw new Error(`sts-custom-endpoint: ${path} no longer resolves with decideEndpoint(bdd, ...)`);
  const req = createRequire(import.meta.url);
  // the client warns about Node versions on construction: noise in a build's output
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  let real;
  try {
    real = new (req('@aws-sdk/client-sts').STSClient)({ region: 'eu-west-1' }).config.endpointProvider;
  } finally {
    process.emitWarning = emitWarning;
  }
  const { EndpointError } = req('@smithy/core/endpoints');
  const ours = new Function('EndpointError', `${STS_CUSTOM_ENDPOINT.replace(/^import .*$/m, '').replace('export const', 'const')}\nreturn defaultEndpointResolver;`)(EndpointError);
  const outcome = (f, p) => {
    try {
      const r = f(p);
      return JSON.stringify({ url: r.url.href, headers: r.headers ?? {}, properties: r.properties ?? {} });
    } catch (e) {
      return `${e?.name}: ${e?.message}`;
    }
  };
  for (const Endpoint of ['http://127.0.0.1:8080/', 'https://sts.eu-west-1.amazonaws.com', 'http://[::1]:9/sts'])
    for (const Region of ['eu-west-1', 'us-east-1', 'aws-global', 'cn-north-1'])
      for (const UseFIPS of [false, true])
        for (const UseDualStack of [false, true])
          for (const UseGlobalEndpoint of [false, true]) {
            const p = { Endpoint, Region, UseFIPS, UseDualStack, UseGlobalEndpoint };
            const a = outcome(real, p);
            const b = outcome(ours, p);
            if (a !== b) throw new Error(`sts-custom-endpoint: for ${JSON.stringify(p)} STS's rules say ${a}, the stand-in ${b}`);
          }
  return STS_CUSTOM_ENDPOINT;
}

/** The client-sts-error-classes trim: every `export class X extends __BaseException` of errors.js, from one factory. */
function stsErrorClasses(path) {
  const text = readFileSync(path, 'utf8');
  const declared = [...text.matchAll(/export class (\w+) /g)].map((m) => m[1]);
  const read = [
    ...text.matchAll(
      /export class (\w+) extends __BaseException \{\s*static shapeId = "([^"]+)";\s*name = "\1";\s*\$fault = "(client|server)";\s*(\$retryable = \{\};)?\s*constructor\(opts\) \{\s*super\(\{\s*name: "\1",\s*\$fault: "\3",\s*\.\.\.opts,\s*\}\);\s*Object\.setPrototypeOf\(this, \1\.prototype\);\s*\}\s*\}/g,
    ),
  ];
  if (read.length === 0 || read.length !== declared.length) throw new Error(`client-sts-error-classes: read ${read.length} of the ${declared.length} classes of ${path}; the file's shape changed`);
  const imports = text.match(/^import \{ STSServiceException as __BaseException \} from "\.\/STSServiceException";$/m);
  if (!imports) throw new Error(`client-sts-error-classes: ${path} no longer imports STSServiceException as before`);
  return [
    imports[0],
    'const make = (name, shapeId, fault, retryable) => {',
    '  const C = class extends __BaseException { static shapeId = shapeId; name = name; $fault = fault; constructor(opts) { super({ name, $fault: fault, ...opts }); if (retryable) this.$retryable = {}; Object.setPrototypeOf(this, C.prototype); } };',
    '  Object.defineProperty(C, "name", { value: name });',
    '  return C;',
    '};',
    ...read.map((m) => `export const ${m[1]} = make(${JSON.stringify(m[1])}, ${JSON.stringify(m[2])}, ${JSON.stringify(m[3])}, ${m[4] ? 'true' : 'false'});`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Every module or import the bundle replaces, in one table (the machinery: scripts/stubs.mjs).
// A 'stub' stands in for code that never runs in this tool (`why` says why) and throws if it
// ever does; a 'trim' stands in for code that runs, behaving the same with fewer bytes. The
// build FAILS when an entry matches nothing, so a dependency upgrade that moves the code cannot
// silently put it back. The same table serves the ESM bundle and the CJS build of --sea.
// The tool drives @aws-sdk/client-sts only through src/gather/sts.ts (GetCallerIdentity,
// AssumeRole, AssumeRoleWithWebIdentity), always with: an explicit region string, an explicit
// endpoint, explicit credentials, defaultsMode 'standard', retryMode 'standard', maxAttempts 1,
// and its own undici-based requestHandler (src/gather/http.ts).
// ---------------------------------------------------------------------------------------------
const STUBS = [
  {
    name: 'sdk-node-version-warning',
    kind: 'stub',
    file: /emitWarningIfUnsupportedVersion\.js$/,
    why: "the SDK's Node-version warning speaks of the SDK's future releases, not of this pinned bundle, and a preflight tool must keep stderr clean: replaced by a no-op that reports the warning as already emitted",
    contents: 'export const state = { warningEmitted: true }; export const emitWarningIfUnsupportedVersion = () => {};',
  },
  {
    name: 'credential-provider-node',
    kind: 'stub',
    specifier: /^@aws-sdk\/credential-provider-node$/,
    why: "the SDK's default credential chain: every STS client of sts.ts gets explicit credentials (a placeholder pair for the unsigned web-identity call), so the chain is never asked; the SigV4 signer stays",
    contents: 'export const defaultProvider = () => async () => { throw new Error("ecs-cred-doctor passes explicit credentials to STS; the default chain is not bundled"); };',
  },
  {
    name: 'client-sts-used-names',
    kind: 'trim',
    specifier: /^@aws-sdk\/client-sts$/,
    importer: /[\\/]src[\\/]gather[\\/]sts-client\.ts$/,
    why: 'src/gather/sts-client.ts re-exports the four client-sts names the tool uses. From the package index the bundle would carry everything the index re-exports (the graph sits behind a dynamic import, so esbuild keeps each re-exported module): the aggregated STS class, eight other commands and their schemas, the default role assumers. This resolves that one import to the dist-es files that define those names (commands/<Name>.js, else <Name>.js), the very modules the index re-exports (client-sts has no exports map); a name with no such file fails the build',
    contents: stsClientUsedNames,
  },
  {
    name: 'undici-error-classes',
    kind: 'trim',
    file: /undici[\\/]lib[\\/]core[\\/]errors\.js$/,
    why: "undici's error classes (7.2 KB), each written out in full: the ones whose constructor only sets name, message and code are built by one factory from the same file (same class names, Symbol.for brands, instanceof, names, default messages, codes); the brand is a prototype property instead of an instance field, which instanceof and every read of it see the same way",
    contents: undiciErrorClasses,
  },
  {
    name: 'smithy-config-loader',
    kind: 'stub',
    file: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]config[\\/]node-config-provider[\\/]configLoader\.js$/,
    why: "the SDK's setting loader (environment, then ~/.aws/config and credentials, then a default): src/gather/sts.ts gives every STS client each setting the loader would be asked for (region, defaultsMode, maxAttempts, retryMode, the endpoint flags, auth scheme preference, SigV4a region set, app id), because the loader read the shared files itself, uncapped and outside the deadline (test/e2e/sts-reads-no-file.test.ts). Its provider now rejects if ever asked, and the shared-file reader behind it is not bundled",
    contents: 'export const loadConfig = () => () => Promise.reject(new Error("ecs-cred-doctor gives every STS client setting explicitly; the SDK\'s own setting loader is not bundled"));',
  },
  {
    name: 'sigv4a-signer',
    kind: 'stub',
    file: /@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]httpAuthSchemes[\\/]aws_sdk[\\/]AwsSdkSigV4ASigner\.js$/,
    why: "the SigV4a auth scheme's signer: the auth scheme resolver skips sigv4a when no SigV4a implementation is loaded (sigv4-multi-region above says 'none', true of this bundle) and STS lists sigv4 beside it, so this signer is built but never asked to sign",
    contents: 'export class AwsSdkSigV4ASigner { async sign() { throw new Error("SigV4a is not bundled"); } }',
  },
  {
    name: 'smithy-single-attempt-retry',
    kind: 'trim',
    file: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]retry[\\/]util-retry[\\/]StandardRetryStrategy\.js$/,
    why: "every STS client of the tool makes one attempt (maxAttempts: 1 in src/gather/sts.ts, so each probe stays within its own timeout and the deadline): the standard strategy then never grants a retry token, and its backoff, capacity and token classes (2.5 KB) never run. The stand-in grants the first attempt and refuses every retry with the standard strategy's own error; it throws at construction if ever asked for more than one attempt",
    contents:
      'import { RETRY_MODES } from "./config"; const first = { getRetryCount: () => 0, getRetryDelay: () => 0, getRetryCost: () => undefined, isLongPoll: () => false, $retryLog: {} }; export class StandardRetryStrategy { mode = RETRY_MODES.STANDARD; constructor(o) { if (!o || typeof o !== "object" || o.maxAttempts !== 1) throw new Error("ecs-cred-doctor bundles a single-attempt retry strategy only"); } async acquireInitialRetryToken() { return first; } async refreshRetryTokenForRetry() { throw new Error("No retry token available"); } recordSuccess() {} async getMaxAttempts() { return 1; } }',
  },
  {
    name: 'sts-custom-endpoint',
    kind: 'trim',
    file: /@aws-sdk[\\/]client-sts[\\/]dist-es[\\/]endpoint[\\/]endpointResolver\.js$/,
    why: "every STS client of the tool gets an explicit endpoint (src/gather/sts.ts: the one the app's SDK would use, from its chain's rules, or the tool's own override): STS's rules then return that URL as it is, or refuse FIPS and dual-stack with it. The stand-in does exactly that; the build compares it with the real resolver over the parameters STS's rules read and fails on any difference",
    contents: stsCustomEndpoint,
  },
  {
    name: 'sdk-logger-middleware',
    kind: 'stub',
    file: /@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]client[\\/]middleware-logger[\\/]loggerMiddleware\.js$/,
    why: "the SDK's request logger writes only to a client's logger, and the tool's STS clients have none (a NoOpLogger): it would log nothing; the stand-in keeps the middleware's name and step and passes the call through",
    contents:
      'export const loggerMiddlewareOptions = { name: "loggerMiddleware", tags: ["LOGGER"], step: "initialize", override: true }; export const loggerMiddleware = () => (next) => (args) => next(args); export const getLoggerPlugin = () => ({ applyToStack: (s) => { s.add(loggerMiddleware(), loggerMiddlewareOptions); } });',
  },
  {
    name: 'sdk-recursion-detection',
    kind: 'stub',
    file: /@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]client[\\/]middleware-recursion-detection[\\/]recursionDetectionMiddleware\.js$/,
    why: "it copies Lambda's _X_AMZN_TRACE_ID into an X-Amzn-Trace-Id header; the tool runs in containers, and its own STS calls carry no trace of the app's: the SDK's own browser variant of this file, a pass-through, stands in",
    contents: 'export const recursionDetectionMiddleware = () => (next) => async (args) => next(args);',
  },
  {
    name: 'sdk-user-agent',
    kind: 'trim',
    file: /@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]client[\\/]middleware-user-agent[\\/]user-agent-middleware\.js$/,
    why: "the SDK's user agent (its version, OS, Node, feature ids) on the tool's own STS calls: it says nothing about the app, and a CloudTrail reader is better served by the tool's own name. The stand-in sends `User-Agent: ecs-cred-doctor/<version>` from the same middleware step",
    contents: () =>
      `import { HttpRequest } from "@smithy/core/protocols"; export const getUserAgentMiddlewareOptions = { name: "getUserAgentMiddleware", step: "build", priority: "low", tags: ["SET_USER_AGENT", "USER_AGENT"], override: true }; export const userAgentMiddleware = () => (next) => async (args) => { if (HttpRequest.isInstance(args.request)) args.request.headers["user-agent"] = ${JSON.stringify(`ecs-cred-doctor/${pkg.version}`)}; return next(args); }; export const getUserAgentPlugin = (config) => ({ applyToStack: (s) => { s.add(userAgentMiddleware(config), getUserAgentMiddlewareOptions); } });`,
  },
  {
    name: 'smithy-single-attempt-middleware',
    kind: 'trim',
    file: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]retry[\\/]middleware-retry[\\/]retryMiddleware\.js$/,
    why: "the retry middleware's loop, error classification and Retry-After parsing (4.8 KB) decide between attempts, and every STS client of the tool makes one (maxAttempts: 1). The stand-in does what the loop does for a single attempt: the invocation id and `amz-sdk-request: attempt=1; max=1` headers, $metadata.attempts and totalRetryDelay on the output or the error (wrapped as the SDK wraps it); it throws if a client ever asks for more attempts",
    contents: [
      'import { HttpRequest } from "@smithy/core/protocols";',
      'import { v4 } from "@smithy/core/serde";',
      'import { INVOCATION_ID_HEADER, REQUEST_HEADER } from "../util-retry/constants";',
      'import { asSdkError } from "./util";',
      'export const retryMiddlewareOptions = { name: "retryMiddleware", tags: ["RETRY"], step: "finalizeRequest", priority: "high", override: true };',
      'export function bindRetryMiddleware() {',
      '  return (options) => (next) => async (args) => {',
      '    if ((await options.maxAttempts()) !== 1) throw new Error("ecs-cred-doctor bundles a single-attempt retry middleware only");',
      '    const { request } = args;',
      '    if (HttpRequest.isInstance(request)) { request.headers[INVOCATION_ID_HEADER] = v4(); request.headers[REQUEST_HEADER] = "attempt=1; max=1"; }',
      '    try { const { response, output } = await next(args); output.$metadata.attempts = 1; output.$metadata.totalRetryDelay = 0; return { response, output }; }',
      '    catch (e) { const error = asSdkError(e); if (!error.$metadata) error.$metadata = {}; error.$metadata.attempts = 1; error.$metadata.totalRetryDelay = 0; throw error; }',
      '  };',
      '}',
      'export function bindGetRetryPlugin(isStreamingPayload) { const middleware = bindRetryMiddleware(isStreamingPayload); return (options) => ({ applyToStack: (stack) => { stack.add(middleware(options), retryMiddlewareOptions); } }); }',
    ].join('\n'),
  },
  {
    name: 'sigv4-multi-region',
    kind: 'trim',
    specifier: /^@aws-sdk\/signature-v4-multi-region$/,
    why: "STS is signed with plain regional SigV4 (no SigV4a scheme, no S3 Express session signing): the multi-region signer's SigV4a and CRT branches (3.4 KB) never run here. The stand-in is the same SigV4 signer; sigv4aDependency() says 'none', which is true of this bundle (neither the CRT nor @aws-sdk/signature-v4a is in it), so the auth scheme resolver picks sigv4 exactly as before; a '*' signing region throws",
    contents:
      'import { SignatureV4 } from "@smithy/signature-v4"; export class SignatureV4MultiRegion extends SignatureV4 { static sigv4aDependency() { return "none"; } sign(r, o = {}) { if (o.signingRegion === "*") throw new Error("SigV4a is not bundled"); return super.sign(r, o); } }',
  },
  {
    name: 'client-sts-package-json',
    kind: 'trim',
    file: /@aws-sdk[\\/]client-sts[\\/]package\.json$/,
    loader: 'json',
    why: 'runtimeConfig.js reads only `version` of it (for the User-Agent): the rest (2 KB of export maps and scripts) is dropped, the version is the real one',
    contents: (path) => JSON.stringify({ version: JSON.parse(readFileSync(path, 'utf8')).version }),
  },
  {
    name: 'smithy-node-http-handler',
    kind: 'stub',
    file: /@smithy[\\/]node-http-handler[\\/]dist-es[\\/]index\.js$/,
    why: "the SDK's Node request handler: runtimeConfig.js only calls NodeHttpHandler.create(h), which hands back any `h` that has a handle() function, and sts.ts always passes one (the class is built only when no handler is given). streamCollector, the one other import from the package, is a re-export of @smithy/core/serde's and stays the real one",
    contents: [
      'export { streamCollector } from "@smithy/core/serde";',
      'export const NodeHttpHandler = { create(h) { if (typeof h?.handle === "function") return h; throw new Error("the SDK\'s Node HTTP handler is not bundled: pass a requestHandler"); } };',
    ].join('\n'),
  },
  {
    name: 'smithy-event-streams',
    kind: 'stub',
    file: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]event-streams[\\/]index\.js$/,
    why: 'event-stream serde (with the CRC32 it uses): HttpProtocol imports it only when an operation input or output has an event-stream member, and no STS operation has one',
    contents: ['const none = () => { throw new Error("event streams are not bundled: no STS operation has one"); };', 'export const eventStreamSerdeProvider = none;', 'export class EventStreamSerde { constructor() { none(); } }'].join(
      '\n',
    ),
  },
  {
    name: 'smithy-sha256-js',
    kind: 'stub',
    file: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]checksum[\\/]sha256[\\/]Sha256Js\.js$/,
    why: "the pure-JS SHA-256 (3.4 KB): Sha256Node (the client's `sha256`, imported by runtimeConfig.shared.js as Sha256) falls back to it only when node:crypto's createHash('sha256') throws. The bundle imports node:crypto statically (a node built without it cannot load the bundle at all), and every OpenSSL node links, FIPS mode included, has SHA-256",
    contents: 'export class Sha256Js { constructor() { throw new Error("the pure-JS SHA-256 is not bundled: node:crypto has no sha256 here"); } }',
  },
  {
    name: 'smithy-adaptive-retry',
    kind: 'stub',
    file: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]retry[\\/]util-retry[\\/]AdaptiveRetryStrategy\.js$/,
    why: "the adaptive retry strategy and its client-side rate limiter (3.4 KB): resolveRetryConfig builds it only when retryMode resolves to 'adaptive', and sts.ts passes retryMode 'standard' to every client (so AWS_RETRY_MODE and retry_mode are never read for it)",
    contents: 'export class AdaptiveRetryStrategy { constructor() { throw new Error("the adaptive retry strategy is not bundled: ecs-cred-doctor sets retryMode standard"); } }',
  },
  {
    name: 'smithy-imds-region',
    kind: 'stub',
    file: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]config[\\/]config-resolver[\\/]regionConfig[\\/]getInstanceMetadataRegion\.js$/,
    why: "the SDK's own IMDS region lookup over node:http (outside our handler, its timeouts and its guard): called only as the default of an unset region (sts.ts always passes one, and resolveRegionConfig rejects an empty one before any lookup) and by defaultsMode 'auto' (sts.ts fixes 'standard'). Throwing here also keeps a future regression from reaching 169.254.169.254",
    contents: 'export const getInstanceMetadataRegion = async () => { throw new Error("the SDK\'s IMDS region lookup is not bundled: ecs-cred-doctor always passes a region"); };',
  },
  {
    name: 'smithy-s3-endpoint-params',
    kind: 'stub',
    file: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]endpoints[\\/]middleware-endpoint[\\/]service-customizations[\\/]index\.js$/,
    why: 'S3 bucket-name endpoint parameters: getEndpointFromInstructions calls resolveParamsForS3 only when the serviceId is "s3", and the only client here is STS (an import of another name from this module fails the build: the stand-in exports only this one)',
    contents: 'export const resolveParamsForS3 = async () => { throw new Error("S3 endpoint parameters are not bundled"); };',
  },
  {
    name: 'aws-partitions-table',
    kind: 'stub',
    file: /@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]client[\\/]util-endpoints[\\/]lib[\\/]aws[\\/]partitions\.js$/,
    why: "the table of every AWS partition and region (4.7 KB), read only by the endpoint rules' aws.partition(Region), which STS's rules reach only when no Endpoint is given; sts.ts always passes an explicit endpoint (the chain's own STS endpoint, src/sdks/*/region.ts). A getter that throws: every STS call of the e2e and node-matrix tests would fail if the rules ever read it",
    contents: 'export const partitionsInfo = { get partitions() { throw new Error("the AWS partitions table is not bundled: ecs-cred-doctor always passes an STS endpoint"); } };',
  },
  {
    name: 'sigv4-event-header-formatter',
    kind: 'stub',
    file: /@smithy[\\/]signature-v4[\\/]dist-es[\\/]HeaderFormatter\.js$/,
    why: 'the binary header encoder of event-stream messages (2.3 KB): SignatureV4 builds one in its constructor but calls it only in signMessage, for event streams, which no STS operation has. The stand-in constructs and throws if it is ever asked to format',
    contents: 'export class HeaderFormatter { format() { throw new Error("event-stream message signing is not bundled: no STS operation has an event stream"); } }',
  },
  {
    name: 'client-sts-error-classes',
    kind: 'trim',
    file: /@aws-sdk[\\/]client-sts[\\/]dist-es[\\/]models[\\/]errors\.js$/,
    why: "the 15 STS exception classes, each written out in full (4.1 KB): built here by one factory from the same file, with the same names, shapeIds, faults, prototype chain and class name, so instanceof, err.name and the schema registry see what they saw. The build fails if the file's shape changes (a class it cannot read)",
    contents: stsErrorClasses,
  },
  {
    name: 'undici-debuglog',
    kind: 'trim',
    file: /undici[\\/]lib[\\/]core[\\/]diagnostics\.js$/,
    why: "undici's diagnostics channels stay the same named channels (anything subscribed through node:diagnostics_channel still sees every event); what goes is its NODE_DEBUG=undici/fetch/websocket tracing, which would print each request's origin and path (the credentials id of the relative URI) on stderr, outside the tool's scrubbing. The tool's stderr carries only its own lines",
    contents: undiciChannelsOnly,
  },
  {
    name: 'undici-llhttp-simd',
    kind: 'stub',
    file: /undici[\\/]lib[\\/]llhttp[\\/]llhttp_simd-wasm\.js$/,
    why: 'undici carries its HTTP parser twice (SIMD and plain WebAssembly, 63 KB each) and falls back to the plain one when the SIMD one fails to compile (client-h1.js lazyllhttp): an empty module never compiles, so the plain one is always used',
    contents: 'module.exports = Buffer.alloc(0);',
  },
  {
    name: 'undici-llhttp-wasm-brotli',
    kind: 'trim',
    file: /undici[\\/]lib[\\/]llhttp[\\/]llhttp-wasm\.js$/,
    why: "the plain llhttp WebAssembly (48 KB, 65 KB as base64) compresses to 14 KB with brotli: the stand-in exports the very same bytes (checked at build time), decompressed with node:zlib when undici's client-h1.js first loads (well under a millisecond)",
    contents: llhttpWasmBrotli,
  },
  {
    name: 'undici-llhttp-constants',
    kind: 'trim',
    file: /undici[\\/]lib[\\/]llhttp[\\/]constants\.js$/,
    why: "llhttp's constants (5.8 KB of character maps, method tables and flags): its only user in undici/lib is dispatcher/client-h1.js, which reads only constants.ERROR and constants.TYPE; the stand-in holds the real values of exactly the keys client-h1.js names (checked at build time: another user, or a use other than constants.KEY, fails the build)",
    contents: llhttpConstantsUsed,
  },
  {
    name: 'undici-fetch-body',
    kind: 'stub',
    file: /undici[\\/]lib[\\/]web[\\/]fetch[\\/]body\.js$/,
    why: 'FormData request bodies: client-h1.js requires fetch/body.js (and with it most of fetch) only for a FormData body, and the tool sends only strings and bytes',
    contents: 'module.exports = { extractBody() { throw new Error("FormData bodies are not bundled"); } };',
  },
  {
    name: 'undici-client-h2',
    kind: 'stub',
    file: /undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/,
    why: 'HTTP/2: client.js connects with it only when ALPN picks h2, which needs allowH2, and the Client of src/gather/http.ts never sets it',
    contents: 'module.exports = async function connectH2() { throw new Error("HTTP/2 is not bundled"); };',
  },
  {
    name: 'undici-redirect-handler',
    kind: 'stub',
    file: /undici[\\/]lib[\\/]handler[\\/]redirect-handler\.js$/,
    why: "undici's RedirectHandler: the redirect interceptor every Client installs builds one only for a request with a non-zero maxRedirections, and the tool sets it nowhere (undici's default is 0), so a 3xx is handed back as it is",
    contents: 'module.exports = class RedirectHandler { constructor() { throw new Error("following redirects is not bundled"); } };',
  },
];

/** client-sts-used-names: the single `export { ... } from '@aws-sdk/client-sts'` of sts-client.ts, to the defining files. */
function stsClientUsedNames(importer) {
  const names = /^export \{([^}]*)\} from '@aws-sdk\/client-sts';$/m
    .exec(readFileSync(importer, 'utf8'))?.[1]
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (!names?.length) throw new Error(`${importer}: expected one \`export { ... } from '@aws-sdk/client-sts'\``);
  const fileOf = (name) => (name.endsWith('Command') ? `commands/${name}` : name);
  return names.map((n) => `export { ${n} } from '@aws-sdk/client-sts/dist-es/${fileOf(n)}.js';`).join('\n');
}

/** undici-llhttp-wasm-brotli: undici's own module evaluated here, its bytes brotli-compressed and checked to come back whole. */
function llhttpWasmBrotli(path) {
  const wasm = createRequire(import.meta.url)(path);
  if (!Buffer.isBuffer(wasm) || wasm.length === 0) throw new Error(`${path}: expected a module that exports the WebAssembly bytes as a Buffer`);
  const packed = brotliCompressSync(wasm, {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: wasm.length },
  });
  if (!brotliDecompressSync(packed).equals(wasm)) throw new Error(`${path}: the brotli round trip changed the bytes`);
  return `'use strict'; module.exports = require('node:zlib').brotliDecompressSync(Buffer.from('${packed.toString('base64')}', 'base64'));`;
}

/** undici-llhttp-constants: the real values of the keys client-h1.js reads, once it is known to be the only reader. */
function llhttpConstantsUsed(path) {
  const lib = join(dirname(path), '..');
  const rel = (f) => relative(lib, f).split('\\').join('/');
  const jsFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
  const users = jsFiles(lib)
    .filter((f) => !rel(f).startsWith('llhttp/') && readFileSync(f, 'utf8').includes('llhttp/constants'))
    .map(rel);
  if (users.join() !== 'dispatcher/client-h1.js') throw new Error(`${path}: expected dispatcher/client-h1.js to be its only user in undici/lib, found ${JSON.stringify(users)}`);
  const declaration = /^const constants = require\('\.\.\/llhttp\/constants\.js'\)$/m;
  const source = readFileSync(join(lib, 'dispatcher', 'client-h1.js'), 'utf8').replace(/\/\/.*$/gm, '');
  if (!declaration.test(source)) throw new Error(`${path}: client-h1.js no longer has \`${declaration.source}\``);
  const uses = [...source.replace(declaration, '').matchAll(/\bconstants\b(?:\s*\.\s*([A-Za-z_$][\w$]*))?/g)];
  const bare = uses.filter((m) => !m[1]).length;
  if (bare > 0) throw new Error(`${path}: client-h1.js uses \`constants\` other than as constants.KEY in ${bare} place(s): keep the whole module`);
  const keys = [...new Set(uses.map((m) => m[1]))].sort();
  const real = createRequire(import.meta.url)(path);
  const missing = keys.filter((k) => !(k in real));
  if (keys.length === 0 || missing.length > 0) throw new Error(`${path}: client-h1.js reads ${JSON.stringify(keys)}, of which the module lacks ${JSON.stringify(missing)}`);
  return `'use strict'; module.exports = ${JSON.stringify(Object.fromEntries(keys.map((k) => [k, real[k]])))};`;
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const outfile = 'dist/ecs-cred-doctor.mjs';
const stubs = stubsPlugin(STUBS);

// a failed build removes the bundle of an earlier one, so no later step can pick up a bundle
// that does not match the sources
const fail = (e) => {
  rmSync(outfile, { force: true });
  // esbuild prints the errors that have a source location (logLevel); not those of onEnd
  // callbacks (a stub that matched nothing), nor a failure outside the build proper
  const unprinted = Array.isArray(e?.errors) ? e.errors.filter((m) => !m.location).map((m) => m.text) : [String(e?.stack ?? e)];
  for (const text of unprinted) console.error(`build: ${text}`);
  process.exit(1);
};

// ---------------------------------------------------------------------------------------------
// The bundle is a small ESM loader that carries the tool as CommonJS text in one string.
// Why: a static ES module is linked whole before its first statement runs, so on an old Node
// the bundle died before any check could speak (Node 16: "SyntaxError: The requested module
// 'node:crypto' does not provide an export named 'getRandomValues'", with a screenful of
// minified source). Here the only statements V8 parses up front are the loader's, written in
// ES5 but for two static imports that exist on every Node that runs ES modules (12.17+):
//   1. below engines.node it prints one line and exits 2;
//   2. else it compiles the string with vm.runInThisContext under the file's own name (so stack
//      traces name this file) and calls it with a `require` for the built-in modules.
// The string is the same code the SEA runs (CommonJS: its built-ins are `require` calls, which
// never fail at link time), strict throughout as the ES module was, with esbuild turning the
// import() of built-ins into require (a vm script has no dynamic-import loader). Cost: about
// 1 KB of escapes, and V8 scans the text twice (once as a string): see README, Runtimes.
// ---------------------------------------------------------------------------------------------
const [minMajor, minMinor] = /^>=(\d+)\.(\d+)$/.exec(pkg.engines.node)?.slice(1).map(Number) ?? fail(new Error(`engines.node ${pkg.engines.node} is not ">=MAJOR.MINOR"`));

/** The tool as CommonJS text: one esbuild build serves the bundle's string and the SEA. */
const toolBuild = await build({
  entryPoints: ['src/cli.ts'],
  write: false,
  outfile: 'ecs-cred-doctor.cjs',
  metafile: process.argv.includes('--analyze'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  supported: { 'dynamic-import': false },
  minify: true,
  legalComments: 'none',
  // the SDK ships ESM builds; preferring them lets esbuild drop unused code
  mainFields: ['module', 'main'],
  // tsconfig.json as it is, but without alwaysStrict (implied by strict), which makes esbuild
  // put a "use strict" directive into every TypeScript module's lazy-init function (80 of them,
  // ~0.9 KB): the loader makes the whole text strict with one directive.
  tsconfigRaw: { compilerOptions: { ...JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8')).compilerOptions, alwaysStrict: false } },
  define: { __ECS_CRED_DOCTOR_VERSION__: JSON.stringify(pkg.version) },
  plugins: [stubs],
  logLevel: 'warning',
}).catch(fail);
const toolCode = `"use strict";${toolBuild.outputFiles[0].text}`;

/** `text` as one single-quoted JS string literal (quotes, backslashes and line ends escaped), checked by reading it back. */
function stringLiteral(text) {
  const escaped = text.replace(/[\\'\n\r\u2028\u2029]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' })[c]);
  const literal = `'${escaped}'`;
  if (new Function(`return ${literal}`)() !== text) fail(new Error('the tool text does not read back from its string literal'));
  return literal;
}

// ES5 on purpose (var, function, string concatenation): Node 12 to 16 must parse it. The code
// sees `require` as the parameter of its wrapper, as a CommonJS module does.
const loader = [
  '#!/usr/bin/env node',
  "import{createRequire}from'module';import{fileURLToPath}from'url';",
  `var v=process.versions.node.split('.');if(+v[0]<${minMajor}||+v[0]==${minMajor}&&+v[1]<${minMinor}){process.stderr.write('ecs-cred-doctor needs Node >= ${minMajor}.${minMinor} (this is '+process.version+')\\n');process.exitCode=2}`,
  `else{var require=createRequire(import.meta.url);require('vm').runInThisContext('(function(require){'+${stringLiteral(toolCode)}+'\\n})',{filename:fileURLToPath(import.meta.url)})(require)}`,
  '',
].join('\n');
mkdirSync('dist', { recursive: true });
writeFileSync(outfile, loader);
if (!process.argv.includes('--quiet')) console.log(`built ${outfile}: ${statSync(outfile).size} bytes`);
if (toolBuild.metafile) analyze(toolBuild.metafile);

/** --analyze: the bundle's bytes by package, then its 40 largest input files. */
function analyze(metafile) {
  const inputs = Object.entries(Object.values(metafile.outputs)[0]?.inputs ?? {}).map(([path, v]) => ({ path, bytes: v.bytesInOutput }));
  const packageOf = (p) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p)?.[1] ?? (p.startsWith('src/') ? 'src/' : p.replace(/:.*/, ''));
  const byPackage = new Map();
  for (const i of inputs) byPackage.set(packageOf(i.path), (byPackage.get(packageOf(i.path)) ?? 0) + i.bytes);
  const row = (bytes, name) => `${String(bytes).padStart(9)}  ${name}`;
  console.log(`\nbytes in the bundle: ${statSync(outfile).size} (the loader and string escapes: ${statSync(outfile).size - toolCode.length})`);
  console.log('\nbytes of the tool, by package:');
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(row(bytes, name));
  console.log('\nthe 40 largest inputs:');
  for (const i of inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 40)) console.log(row(i.bytes, i.path));
}

// ---------------------------------------------------------------------------------------------
// `node build.mjs --sea`: Node single executable applications (SEA) for images with no `node`:
// dist/ecs-cred-doctor-linux-x64 and dist/ecs-cred-doctor-linux-arm64, each the official
// Linux build of Node SEA_NODE_VERSION for that CPU, from the npm registry's node-linux-<arch>
// package (scripts/registry-node.mjs), with the tool injected. Such a node is dynamically
// linked against glibc (see README, Runtimes), so the executables need a glibc image.
// - The main script is the CommonJS text of the bundle's string (a SEA runs a CommonJS main
//   script, and its `require` loads only built-in modules: everything else is inlined).
// - The blob is made once by the node of the build machine's CPU (`--experimental-sea-config`,
//   no code cache, no snapshot: such a blob is the same for every CPU of one Node version) and
//   postject (a devDependency) injects it into a copy of each node, flipping the SEA fuse.
// - The executable of the build machine's CPU is run (--version) before it is kept; the other
//   is checked by its ELF header: 64-bit, little-endian, e_machine of that CPU.
// - Linux only: macOS and Windows also need the binary's signature removed and redone.
// ---------------------------------------------------------------------------------------------
if (process.argv.includes('--sea')) {
  const path = await import('node:path');
  const os = await import('node:os');
  const { spawnSync } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const { registryNode, SEA_ARCHES, SEA_NODE_VERSION } = await import('./scripts/registry-node.mjs');
  const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
  /** ELF e_machine of each CPU: EM_X86_64 and EM_AARCH64 */
  const E_MACHINE = { x64: 62, arm64: 183 };
  // thrown rather than exiting, so the temporary directory and a half-made executable go first
  class SeaError extends Error {}
  const seaFail = (message) => {
    throw new SeaError(message);
  };

  /** Why the file is not a 64-bit little-endian ELF executable for `arch`, or null. */
  const elfProblem = (bytes, arch) => {
    if (bytes.subarray(0, 4).toString('latin1') !== '\x7fELF') return 'not an ELF file';
    if (bytes[4] !== 2 || bytes[5] !== 1) return `ELF class ${bytes[4]}, data ${bytes[5]}: not 64-bit little-endian`;
    const machine = bytes.readUInt16LE(18);
    return machine === E_MACHINE[arch] ? null : `ELF machine ${machine}, expected ${E_MACHINE[arch]} for ${arch}`;
  };

  const buildSea = async (work) => {
    if (process.platform !== 'linux') seaFail(`only Linux is supported (this is ${process.platform}): other platforms need code signing handled`);
    if (!(process.arch in E_MACHINE)) seaFail(`the blob is made by the node of this machine's CPU, and ${process.arch} is not one of ${SEA_ARCHES.join(', ')}`);
    let postject;
    try {
      postject = createRequire(import.meta.url)('postject');
    } catch {
      seaFail('postject is not installed: run `npm ci` (it is a devDependency)');
    }
    const nodes = {};
    for (const arch of SEA_ARCHES) {
      try {
        nodes[arch] = registryNode(arch, SEA_NODE_VERSION);
      } catch (e) {
        seaFail(`${e.message} (run \`node scripts/registry-node.mjs --sea\` where the npm registry is reachable)`);
      }
    }
    const main = path.join(work, 'ecs-cred-doctor.cjs');
    const blob = path.join(work, 'sea-prep.blob');
    writeFileSync(main, toolCode);
    const config = path.join(work, 'sea-config.json');
    writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false, useSnapshot: false }));
    const prep = spawnSync(nodes[process.arch], ['--experimental-sea-config', config], { encoding: 'utf8' });
    if (prep.status !== 0) seaFail(`node ${SEA_NODE_VERSION} --experimental-sea-config failed (${prep.status ?? prep.signal}): ${prep.stderr || prep.stdout}`);

    const built = [];
    for (const arch of SEA_ARCHES) {
      const nodeBinary = readFileSync(nodes[arch]);
      const problem = elfProblem(nodeBinary, arch);
      if (problem) seaFail(`${nodes[arch]}: ${problem}`);
      if (!nodeBinary.includes(`${FUSE}:0`)) seaFail(`${nodes[arch]} has no unflipped SEA fuse`);
      const seaOut = `dist/ecs-cred-doctor-linux-${arch}`;
      // inject into a copy next to the output, then rename: a reader never sees half a binary
      const exe = path.join(path.dirname(seaOut), `.${path.basename(seaOut)}.${process.pid}`);
      writeFileSync(exe, nodeBinary, { mode: 0o755 });
      try {
        // LIEF (inside postject) prints "Can't find string offset for section name '.note...'"
        // for some node builds' notes: harmless, the executable is checked right below.
        await postject.inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: FUSE });
        const made = readFileSync(exe);
        const madeProblem = elfProblem(made, arch) ?? (made.includes(`${FUSE}:1`) ? null : 'the SEA fuse is not flipped');
        if (madeProblem) seaFail(`${seaOut}: ${madeProblem}`);
        if (arch === process.arch) {
          const check = spawnSync(path.resolve(exe), ['--version'], { encoding: 'utf8', env: { PATH: work } });
          if (check.status !== 0 || check.stdout !== `ecs-cred-doctor ${pkg.version}\n`) {
            seaFail(`the executable does not run: exit ${check.status ?? check.signal}, stdout ${JSON.stringify(check.stdout)}, stderr ${JSON.stringify(check.stderr)}`);
          }
        }
        renameSync(exe, seaOut);
      } finally {
        rmSync(exe, { force: true });
      }
      built.push(`${seaOut}: ${statSync(seaOut).size} bytes${arch === process.arch ? ' (ran --version)' : ` (ELF ${arch} checked; cannot run on this ${process.arch} machine)`}`);
    }
    return built;
  };

  const work = mkdtempSync(path.join(os.tmpdir(), 'ecd-sea-'));
  try {
    const built = await buildSea(work);
    if (!process.argv.includes('--quiet')) console.log(`node ${SEA_NODE_VERSION} + ${toolCode.length} bytes of CommonJS:\n  ${built.join('\n  ')}`);
  } catch (e) {
    if (!(e instanceof SeaError)) throw e;
    console.error(`build --sea: ${e.message}`);
    process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
