/** Rules about the chain as a whole: why nothing wins, what the winner hides. */
import { draft, type Draft } from '../../findings/registry.ts';
import { roleNameOf } from '../../arn.ts';
import { ecsEvidence } from '../../ecs.ts';
import type { RuleInput } from '../input.ts';

/** NO_CREDENTIALS, with why: the stop, a failed source, or nothing configured. */
export function noCredentials(i: RuleInput): Draft[] {
  if (i.winner) return [];
  const stop = i.walk.stoppedBy;
  const evidence = i.walk.results.filter((r) => r.status === 'failed' || r.status === 'skipped').map((r) => ({ label: r.source, value: r.outcome.reason }));
  if (stop) return [draft('NO_CREDENTIALS', { why: 'stopped', step: stop.sdkName, source: stop.source, reason: stop.outcome.reason }, evidence)];
  const failed = i.walk.results.find((r) => r.status === 'failed');
  if (failed) return [draft('NO_CREDENTIALS', { why: 'failed', step: failed.sdkName, source: failed.source, reason: failed.outcome.reason }, evidence)];
  return [draft('NO_CREDENTIALS', { why: 'empty', step: '', source: '', reason: '' }, evidence)];
}

/** An earlier source wins over the container endpoint: the app does not run as its task role. */
export function containerShadowed(i: RuleInput): Draft[] {
  const c = i.stepOf('container');
  if (!i.step || !i.winner || c?.status !== 'shadowed') return [];
  const role = c.credentials?.roleArn ?? null;
  const out = [
    draft('CONTAINER_CREDENTIALS_SHADOWED', { step: i.step.sdkName, source: i.step.source, role: role ? roleNameOf(role) : '', who: i.who }, [
      { label: 'winner', value: `${i.step.source}: ${i.step.outcome.reason}` },
      { label: 'shadowed', value: `container${role ? `: ${role}` : ''}` },
    ]),
  ];
  // the same key as the endpoint's: the entrypoint exported the task role's credentials
  const containerKey = c.credentials?.accessKeyId;
  if (i.winner.source === 'env' && containerKey && i.winner.accessKeyId === containerKey) {
    out.push(draft('ENV_FROZEN_TASK_CREDENTIALS', { accessKeyId: containerKey, expiration: c.credentials?.expiration ?? '' }));
  }
  return out;
}

/** An earlier source wins over the web identity token file. */
export function webIdentityShadowed(i: RuleInput): Draft[] {
  const web = i.stepOf('web-identity');
  const env = i.facts.env;
  if (!i.step || !web || !(web.status === 'shadowed' || (web.status === 'not-reached' && web.outcome.kind !== 'skip'))) return [];
  if (i.walk.results.indexOf(i.step) > i.walk.results.indexOf(web) || !env['AWS_WEB_IDENTITY_TOKEN_FILE'] || !env['AWS_ROLE_ARN']) return [];
  const note = i.step.source === 'profile' ? 'the Python, Go and Java SDKs use web identity before the shared files' : '';
  return [draft('WEB_IDENTITY_SHADOWED', { step: i.step.sdkName, source: i.step.source, role: env['AWS_ROLE_ARN'], note, who: i.who }, [{ label: 'winner', value: `${i.step.source}: ${i.step.outcome.reason}` }])];
}

/** AWS_PROFILE makes the SDK skip env keys that it also finds (the env step says so). */
export function profileSkipsEnvKeys(i: RuleInput): Draft[] {
  const envStep = i.stepOf('env');
  const env = i.facts.env;
  if (envStep?.outcome.kind !== 'skip' || !i.walk.context.profileNamed) return [];
  if (!env['AWS_ACCESS_KEY_ID'] || !env['AWS_SECRET_ACCESS_KEY']) return [];
  return [draft('PROFILE_SKIPS_ENV_KEYS', { profile: i.walk.context.profileName, sdk: i.chain.label })];
}

/** On ECS without a container credentials URI: no task role. */
export function ecsNoTaskRole(i: RuleInput): Draft[] {
  const evidence = ecsEvidence(i.facts.env);
  // ECS sets the relative URI for a task with a task role; a full URI is another platform's
  if (evidence.length === 0 || i.facts.env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] || i.facts.env['AWS_CONTAINER_CREDENTIALS_FULL_URI']) return [];
  return [draft('ECS_NO_TASK_ROLE', { evidence: evidence.join(', ') }, [{ label: 'ECS evidence', value: evidence.join(', ') }], i.winner ? 'warning' : 'error')];
}

/** A source that threw while judged: the rest of the report stands. */
export function internalErrors(i: RuleInput): Draft[] {
  return i.walk.results.filter((r) => r.outcome.internalError).map((r) => draft('INTERNAL_ERROR', { what: r.source, detail: r.outcome.reason }));
}
