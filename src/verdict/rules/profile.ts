/** Rules about the shared files and the profile the SDK uses. */
import { draft, type Draft } from '../../findings/registry.ts';
import { BEFORE_THE_CHAIN } from '../../chains/walk.ts';
import type { SourceResult } from '../../model/report.ts';
import type { RuleInput } from '../input.ts';

/** A config or credentials file that exists but cannot be read. */
export function profileFileUnreadable(i: RuleInput): Draft[] {
  return [i.facts.configFile, i.facts.credentialsFile]
    .filter((f) => f.state !== 'ok' && f.state !== 'missing')
    .map((f) => draft('PROFILE_FILE_UNREADABLE', { path: f.path, origin: f.origin, state: f.state, detail: f.error ?? f.state }, [{ label: 'path', value: f.path }]));
}

const CREDENTIAL_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'role_arn', 'source_profile', 'credential_source', 'credential_process', 'web_identity_token_file'];

/** The named profile is missing (an error where the SDK stops on it), or has settings no step can use. */
export function profileProblems(i: RuleInput): Draft[] {
  const ctx = i.walk.context;
  const before = i.walk.stoppedBy?.sdkName === BEFORE_THE_CHAIN;
  if (ctx.profileNamed && ctx.profiles[ctx.profileName] === undefined) {
    const variable = i.chain.profileOf(i.facts.env).variable ?? 'AWS_PROFILE';
    // the other variable the user may have meant, when the SDK reads another one first
    const other = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'].find((v) => v !== variable && i.facts.env[v] !== undefined);
    const ignored = other ? `${other}=${i.facts.env[other]} is not used; ${i.chain.label} reads ${variable}` : '';
    return [
      draft(
        'PROFILE_NOT_FOUND',
        { variable, profile: ctx.profileName, configFile: i.facts.configFile.path, credentialsFile: i.facts.credentialsFile.path, ignored, sdk: i.chain.label, stops: before ? 'yes' : 'no' },
        [
          { label: 'profile', value: ctx.profileName },
          { label: 'named by', value: variable },
        ],
        before ? 'error' : 'warning',
      ),
    ];
  }
  // botocore has several profile steps (assume-role, shared-credentials-file, config-file...):
  // the profile is unusable only when every one of them skips, not when the first one does
  const rows = i.walk.results.filter((r) => r.source === 'profile');
  const skips = (r: SourceResult): boolean => r.outcome.kind === 'skip';
  if (rows.length === 0 || !rows.every(skips)) return [];
  const p = ctx.profiles[ctx.profileName] ?? {};
  const set = CREDENTIAL_KEYS.filter((k) => p[k] !== undefined);
  // the step that speaks about the settings the profile has, else the first
  const row = rows.find((r) => set.some((k) => r.outcome.reason.includes(k))) ?? rows[0];
  if (!row || set.length === 0) return [];
  return [draft('PROFILE_INVALID', { profile: ctx.profileName, detail: row.outcome.reason }, [{ label: 'profile', value: ctx.profileName }])];
}
