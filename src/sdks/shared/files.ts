/**
 * Each SDK reads its own shared files (issue 11 item 2): gathering read every distinct path some
 * modelled SDK looks at (Facts.sharedConfigFiles / sharedCredentialsFiles); a chain's view of the
 * facts puts the files IT finds (ChainDefinition.sharedFilePaths) in configFile / credentialsFile,
 * so every reader of those fields in the SDK's folder reads its own files. Pure.
 */
import type { ChainContext, ChainDefinition, SharedFileChoice, SharedFilePaths, SourceOutcome } from '../../model/chain.ts';
import { sharedFilesRefSuffix } from '../../model/chain.ts';
import type { Facts, IniFileFact } from '../../model/facts.ts';
import type { IniRead, IniReader } from '../../ini.ts';
import { maskKeyId } from '../../redact.ts';

const noFile = (c: SharedFileChoice): IniFileFact => ({ path: '', origin: c.origin, state: 'missing', size: null, error: `${c.origin}: no file is read`, profiles: {}, ssoSessions: {} });
const notRead = (path: string, origin: string): IniFileFact => ({ path, origin, state: 'unreadable', size: null, error: 'not read by the tool (over its bound of distinct shared-file paths)', profiles: {}, ssoSessions: {} });

function pick(c: SharedFileChoice, js: IniFileFact, all: Record<string, IniFileFact>): IniFileFact {
  if (c.path === null) return noFile(c);
  if (c.path === js.path) return js.origin === c.origin ? js : { ...js, origin: c.origin };
  const got = all[c.path];
  return got ? { ...got, origin: c.origin } : notRead(c.path, c.origin);
}

/** Each file's reading per dialect, once: every step of a chain takes the same view of the same facts. */
const readings = new WeakMap<IniFileFact, Map<IniReader, IniFileFact>>();

/**
 * The file as this SDK's own parser reads it (issue 11 item 1): its profiles and sso-sessions
 * from the file's text, or the parser's error; a file without text (not read, over the text
 * cap, an older facts file) keeps the JS SDK's reading.
 */
export function readAs(file: IniFileFact, reader: IniReader, kind: 'config' | 'credentials'): IniFileFact {
  if (file.text === undefined) return file;
  const cached = readings.get(file)?.get(reader);
  if (cached) return cached;
  const r: IniRead = reader(file.text, kind);
  // the text keeps a key id's edges (src/gather/files.ts redactIniText): masked here as Facts mask it
  if (r.ok) for (const values of Object.values(r.profiles)) for (const k of Object.keys(values)) if (/(^|\.)aws_access_key_id$/i.test(k)) values[k] = maskKeyId(values[k] ?? '');
  const out: IniFileFact = r.ok ? { ...file, state: 'ok', error: null, profiles: r.profiles, ssoSessions: r.ssoSessions } : { ...file, state: 'unreadable', error: `${PARSER_REJECTS}${r.error}`, profiles: {}, ssoSessions: {} };
  const byReader = readings.get(file) ?? new Map<IniReader, IniFileFact>();
  readings.set(file, byReader);
  byReader.set(reader, out);
  return out;
}

/** How a file the SDK's own parser rejects is told apart from one it could not open (IniFileFact.error). */
export const PARSER_REJECTS = "the SDK's parser rejects it: ";

/** The facts with this SDK's shared files in configFile / credentialsFile, each read in its dialect when `reader` is given. */
export function filesViewOf(facts: Facts, paths: SharedFilePaths, reader?: IniReader): Facts {
  const located = facts.sharedConfigFiles && facts.sharedCredentialsFiles;
  let configFile = located ? pick(paths.config, facts.configFile, facts.sharedConfigFiles ?? {}) : facts.configFile;
  let credentialsFile = located ? pick(paths.credentials, facts.credentialsFile, facts.sharedCredentialsFiles ?? {}) : facts.credentialsFile;
  if (reader) {
    configFile = readAs(configFile, reader, 'config');
    credentialsFile = readAs(credentialsFile, reader, 'credentials');
  }
  if (configFile === facts.configFile && credentialsFile === facts.credentialsFile) return facts;
  return { ...facts, configFile, credentialsFile };
}

/** The JS SDK's pair, as gathering located configFile / credentialsFile. */
const jsPairOf = (facts: Facts): SharedFilePaths => ({
  config: { path: facts.configFile.path, origin: facts.configFile.origin },
  credentials: { path: facts.credentialsFile.path, origin: facts.credentialsFile.origin },
});

/** `profile:<name>` refs of an outcome, moved to the vault entries of this SDK's own files. */
function refsOf(out: SourceOutcome, suffix: string): SourceOutcome {
  if (!suffix) return out;
  const move = (ref: string): string => (ref.startsWith('profile:') && !ref.includes('@') ? `${ref}${suffix}` : ref);
  if (out.kind === 'provides') return { ...out, credentials: { ...out.credentials, ref: move(out.credentials.ref) } };
  if (out.kind === 'needs' && out.request.kind === 'assume-role') return { ...out, request: { ...out.request, sourceRef: move(out.request.sourceRef) } };
  return out;
}

/**
 * The chain, reading its own shared files (where they are, and in its own dialect when `reader`
 * is given): every judgement that takes facts sees the SDK's view
 * (the profiles merged again from it, credentials-file keys winning as walk.ts merges them).
 */
export function withOwnFiles(chain: ChainDefinition, reader?: IniReader): ChainDefinition {
  const view = (f: Facts): Facts => filesViewOf(f, chain.sharedFilePaths(f.env, f.home), reader);
  const ctxView = (ctx: ChainContext): { ctx: ChainContext; suffix: string } => {
    const paths = chain.sharedFilePaths(ctx.facts.env, ctx.facts.home);
    const facts = filesViewOf(ctx.facts, paths, reader);
    if (facts === ctx.facts) return { ctx, suffix: '' };
    const profiles: Record<string, Record<string, string>> = {};
    for (const [n, values] of Object.entries(facts.configFile.profiles)) profiles[n] = { ...values };
    for (const [n, values] of Object.entries(facts.credentialsFile.profiles)) profiles[n] = { ...(profiles[n] ?? {}), ...values };
    return { ctx: { ...ctx, facts, profiles }, suffix: sharedFilesRefSuffix(paths, jsPairOf(ctx.facts)) };
  };
  const precondition = chain.precondition;
  return {
    ...chain,
    appRegionOf: (f) => chain.appRegionOf(view(f)),
    stsRegionOf: (f) => chain.stsRegionOf(view(f)),
    stsEndpointOf: (f, region) => chain.stsEndpointOf(view(f), region),
    proxyFor: (f, target) => chain.proxyFor(view(f), target),
    ...(precondition
      ? {
          precondition: (ctx: ChainContext) => {
            const v = ctxView(ctx);
            const out = precondition(v.ctx);
            return out && refsOf(out, v.suffix);
          },
        }
      : {}),
    steps: chain.steps.map((s) => ({
      ...s,
      evaluate: (ctx: ChainContext) => {
        const v = ctxView(ctx);
        return refsOf(s.evaluate(v.ctx), v.suffix);
      },
    })),
  };
}
