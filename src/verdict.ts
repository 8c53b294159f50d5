/** Winner, identity, findings, headline and exit code: a pure function of the facts and the chain walk. */
import type { Evidence, Facts, SourceId } from './model/facts.ts';
import type { Finding, Identity, ResolvedCredentials, SourceResult } from './model/report.ts';
import type { ChainWalk } from './chains/walk.ts';
import { AGENT_ERROR_ADVICE, adviceForStatus, EXCHANGE_ERROR_CAUSES, finding, STS_ERROR_CAUSES } from './findings.ts';
import { describeIdentity, regionOfArn, roleNameOf } from './arn.ts';
import { containerUrlOf } from './sdks/js-v3/container-url.ts';
import type { ChainDefinition } from './model/chain.ts';
import { regionFixOf, sdkFindings } from './sdk-findings.ts';

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

export interface Verdict {
  winner: (ResolvedCredentials & { source: SourceId }) | null;
  identity: Identity | null;
  findings: Finding[];
  headline: string;
  ok: boolean;
  exitCode: number;
}

const SOURCE_LABEL: Record<SourceId, string> = {
  env: 'environment variables',
  'system-properties': 'Java system properties (-Daws.accessKeyId)',
  sso: 'SSO',
  profile: 'the shared config/credentials files',
  process: 'credential_process',
  'web-identity': 'the web identity token file',
  container: 'the ECS container credentials endpoint',
  imds: 'the EC2 instance metadata service',
};

export function ecsEvident(env: Record<string, string>): boolean {
  return !!env['ECS_CONTAINER_METADATA_URI_V4'] || !!env['ECS_CONTAINER_METADATA_URI'] || (env['AWS_EXECUTION_ENV'] ?? '').startsWith('AWS_ECS');
}

const looksLikeExecutionRole = (name: string): boolean => /execution/i.test(name);

export function decideVerdict(facts: Facts, walk: ChainWalk, o: VerdictOptions): Verdict {
  const findings: Finding[] = [];
  const env = facts.env;
  const w = walk.winner;
  const winner = w?.credentials ? { ...w.credentials, source: w.source } : null;
  const sts = facts.sts;
  const identity = sts?.ok && sts.arn ? describeIdentity(sts.arn, sts.account ?? '', sts.userId ?? '') : null;
  const containerResult = walk.results.find((r) => r.source === 'container');

  // --- which source won, and what it hid
  if (!w) {
    const stop = walk.stoppedBy;
    findings.push(
      finding(
        'NO_CREDENTIALS',
        stop
          ? `The chain stops at ${stop.sdkName} (${stop.source}): ${stop.reason}`
          : 'Every source was skipped or failed; the app sees "Could not load credentials from any providers".',
        stop ? `Fix the ${stop.source} source named above; later sources are never tried while it fails.` : 'Give the task a task role (taskRoleArn), or provide credentials another way the SDK reads.',
        walk.results.filter((r) => r.status === 'failed' || r.status === 'skipped').map((r) => ({ label: r.source, value: r.reason })),
      ),
    );
  }
  if (w && containerResult?.status === 'shadowed') {
    const role = facts.container?.document?.roleArn;
    findings.push(
      finding(
        'CONTAINER_CREDENTIALS_SHADOWED',
        `${w.sdkName} (${SOURCE_LABEL[w.source]}) wins before the container endpoint, which would give ${role ? `the task role ${roleNameOf(role)}` : 'task-role credentials'}; the app does not run as its task role.`,
        shadowFix(w.source),
        [
          { label: 'winner', value: `${w.source}: ${w.reason}` },
          { label: 'shadowed', value: `container${role ? `: ${role}` : ''}` },
        ],
      ),
    );
    const envKey = env['AWS_ACCESS_KEY_ID'];
    const containerKey = facts.container?.document?.accessKeyId;
    if (w.source === 'env' && envKey && containerKey && envKey === containerKey) {
      findings.push(
        finding(
          'ENV_FROZEN_TASK_CREDENTIALS',
          `AWS_ACCESS_KEY_ID (${envKey}) holds the key the container endpoint hands out now: task-role credentials were exported into the environment, where they are never refreshed and expire${facts.container?.document?.expiration ? ` at ${facts.container.document.expiration}` : ''}.`,
          'Do not export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN from the endpoint in the entrypoint; let the SDK read the endpoint itself.',
        ),
      );
    }
  }
  const webResult = walk.results.find((r) => r.source === 'web-identity');
  if (w && webResult?.status === 'not-reached' && walk.results.indexOf(w) < walk.results.indexOf(webResult) && env['AWS_WEB_IDENTITY_TOKEN_FILE'] && env['AWS_ROLE_ARN']) {
    findings.push(
      finding(
        'WEB_IDENTITY_SHADOWED',
        `${w.sdkName} (${SOURCE_LABEL[w.source]}) wins before the web identity token file, so the app never assumes ${env['AWS_ROLE_ARN']}${w.source === 'profile' ? ' (Python, Go and Java SDKs would use web identity before the shared files)' : ''}.`,
        shadowFix(w.source),
        [{ label: 'winner', value: `${w.source}: ${w.reason}` }],
      ),
    );
  }
  if (o.chain.profileSkipsEnvKeys && env['AWS_PROFILE'] && env['AWS_ACCESS_KEY_ID'] && env['AWS_SECRET_ACCESS_KEY']) {
    findings.push(
      finding(
        'PROFILE_SKIPS_ENV_KEYS',
        `AWS_PROFILE=${env['AWS_PROFILE']} is set, so the JS SDK skips the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY it also finds (Python, Go and Java would use those keys).`,
        'Set only one of them: unset AWS_PROFILE to use the env keys, or remove the keys to use the profile.',
      ),
    );
  }
  if (ecsEvident(env) && !containerUrlOf(env)) {
    findings.push(
      finding(
        'ECS_NO_TASK_ROLE',
        'This runs on ECS, but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set: the task has no task role. The execution role is for the ECS agent (image pull, logs, secrets) and is never visible to the app.',
        'Set taskRoleArn in the task definition (a role that trusts ecs-tasks.amazonaws.com) and give that role the app\'s permissions.',
        [{ label: 'ECS evidence', value: ['ECS_CONTAINER_METADATA_URI_V4', 'ECS_CONTAINER_METADATA_URI', 'AWS_EXECUTION_ENV'].filter((k) => env[k]).join(', ') }],
        w ? 'warning' : 'error',
      ),
    );
  }

  for (const r of walk.results) {
    if (r.reason.includes('internal error while evaluating')) {
      findings.push(finding('INTERNAL_ERROR', `ecs-cred-doctor failed while judging ${r.source}: ${r.reason}. The rest of the report stands; this source's status may be wrong.`, 'Please report it with the --facts-out file (it holds no secrets).'));
    }
  }
  findings.push(...profileFindings(facts, walk, o.chain));
  findings.push(...sdkFindings(facts, walk, o.chain));
  findings.push(...containerFindings(facts, o.chain));
  findings.push(...exchangeFindings(facts, o.chain));

  // --- the winner's own health
  if (winner?.expiration) {
    const exp = new Date(winner.expiration);
    if (!Number.isNaN(exp.getTime())) {
      const left = exp.getTime() - o.now.getTime();
      if (left <= 0) {
        findings.push(finding('CREDENTIALS_EXPIRED', `The ${winner.source} credentials expired at ${winner.expiration} (${humanDuration(-left)} ago); ${o.chain.label} still signs with them and every call fails.`, expiryFix(winner.source)));
      } else if (left < 15 * 60_000) {
        findings.push(finding('CREDENTIALS_EXPIRING_SOON', `The ${winner.source} credentials expire at ${winner.expiration}, in ${humanDuration(left)}.`, expiryFix(winner.source)));
      }
    }
  }

  // --- STS
  if (sts && !sts.ok && sts.error) {
    const e = sts.error;
    if (e.kind === 'unavailable') {
      findings.push(finding('STS_UNREACHABLE', `sts:GetCallerIdentity at ${sts.endpoint} (${sts.region}) answered ${e.status ?? ''} ${e.code}: ${e.message} (a service-side failure or throttling; it says nothing about the credentials)`, 'Retry in a moment; if it persists, check the AWS Health Dashboard for STS in this region.', [{ label: 'STS error code', value: e.code }]));
    } else if (e.kind === 'unreachable') {
      findings.push(finding('STS_UNREACHABLE', `sts:GetCallerIdentity at ${sts.endpoint} (${sts.region}) failed: ${e.message}`, 'From private subnets, reach STS through an interface VPC endpoint for sts in this region (regional endpoint), or a NAT gateway; check security groups and proxies.'));
    } else if (e.kind === 'invalid-response') {
      findings.push(finding('STS_RESPONSE_INVALID', `sts:GetCallerIdentity at ${sts.endpoint} answered something that is not an STS response (${e.code}: ${e.message})`, 'Check AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and any proxy between the task and STS.'));
    } else {
      const cause = STS_ERROR_CAUSES[e.code] ?? 'see the STS error code';
      findings.push(
        finding('STS_REJECTED', `STS rejects the ${winner?.source ?? 'winning'} credentials: ${e.code}: ${e.message}`, `Cause: ${cause}.`, [
          { label: 'STS error code', value: e.code },
          { label: 'endpoint', value: sts.endpoint },
        ]),
      );
    }
  }
  if (sts?.serverDate) {
    const server = Date.parse(sts.serverDate);
    const local = Date.parse(sts.localDate);
    if (!Number.isNaN(server) && !Number.isNaN(local)) {
      const skew = local - server;
      const abs = Math.abs(skew);
      if (abs > 60_000) {
        findings.push(
          finding(
            'CLOCK_SKEW',
            `The local clock is ${humanDuration(abs)} ${skew > 0 ? 'ahead of' : 'behind'} STS (Date: ${sts.serverDate}); SigV4 rejects requests more than 5 minutes off ("Signature expired").`,
            'Sync the clock (chrony/NTP on the host; containers share the host clock).',
            [{ label: 'skew', value: `${Math.round(skew / 1000)} s` }],
            abs > 300_000 ? 'error' : 'warning',
          ),
        );
      }
    }
  }

  // --- who the app is
  const roleName = identity?.roleName ?? (winner?.roleArn ? roleNameOf(winner.roleArn) : null);
  if (roleName && looksLikeExecutionRole(roleName)) {
    findings.push(
      finding(
        'EXECUTION_ROLE_IN_USE',
        `The app runs as ${roleName}, which looks like a task execution role. The execution role is meant for the ECS agent (pulling images, writing logs, reading secrets); giving it to the app mixes both sets of permissions.`,
        'Create a separate task role for the app (taskRoleArn) with only the app\'s permissions; keep executionRoleArn for the agent.',
      ),
    );
  }
  const instanceSession = identity?.sessionName && /^i-[0-9a-f]{8,17}$/.test(identity.sessionName);
  if (winner?.source === 'imds' || instanceSession) {
    findings.push(
      finding(
        'INSTANCE_ROLE_IN_USE',
        `The app runs as the EC2 instance role${roleName ? ` ${roleName}` : ''}${identity?.sessionName ? ` (session ${identity.sessionName})` : ''}: every container on the host shares these permissions.`,
        'Give the task its own task role, and block IMDS for tasks (ECS_AWSVPC_BLOCK_IMDS=true for awsvpc, an iptables rule for bridge mode).',
      ),
    );
  }
  const imds = facts.imds;
  if (imds && imds.token.outcome === 'timeout' && imds.roleList?.ok && (imds.roleList.status === 401 || imds.roleList.status === 200)) {
    findings.push(
      finding(
        'IMDS_HOP_LIMIT',
        `The IMDSv2 token request timed out after ${imds.token.ms} ms while plain GETs are answered (${imds.roleList.status}): the PUT response is dropped on its way back, the hop-limit-1 signature of a bridge-networked container.${imds.roleList.status === 401 ? ' IMDS requires tokens, so the SDK gets nothing.' : ' The SDK falls back to IMDSv1 after a 1 s wait.'}`,
        'Prefer a task role and keep IMDS blocked for tasks; if this container really should use IMDS, raise the instance\'s metadata hop limit to 2 (aws ec2 modify-instance-metadata-options --http-put-response-hop-limit 2).',
        [{ label: 'token request', value: `${imds.token.outcome} after ${imds.token.ms} ms` }],
        w ? 'warning' : 'error',
      ),
    );
  }
  if (ecsEvident(env) && facts.imds?.document?.accessKeyId) {
    findings.push(
      finding(
        'IMDS_REACHABLE_FROM_TASK',
        `Inside this ECS task, IMDS at ${facts.imds.endpoint} hands out the instance role${facts.imds.roleName ? ` ${facts.imds.roleName}` : ''}${facts.imds.usedV1 ? ' (even without an IMDSv2 token)' : ''}.`,
        'Block IMDS from tasks: ECS_AWSVPC_BLOCK_IMDS=true (awsvpc) or an iptables DROP rule for 169.254.169.254 from the docker bridge; require IMDSv2 with hop limit 1.',
      ),
    );
  }

  // --- what the user expected
  if (o.expectRole) {
    const want = roleNameOf(o.expectRole);
    const got = roleName;
    const gotArnMatches = o.expectRole.startsWith('arn:') && winner?.roleArn ? winner.roleArn === o.expectRole : null;
    const matches = got !== null && got === want && (gotArnMatches !== false);
    if (!matches) {
      findings.push(
        finding('EXPECTATION_MISMATCH', got ? `Expected role ${o.expectRole}, but the app runs as ${identity?.arn ?? winner?.roleArn ?? got}.` : `Expected role ${o.expectRole}, but no role identity could be established.`, 'Fix the source that wins (see the chain), or the expectation.', [{ label: 'expected role', value: o.expectRole }]),
      );
    }
  }
  if (o.expectAccount) {
    const account = identity?.account ?? null;
    if (account !== o.expectAccount) {
      findings.push(finding('EXPECTATION_MISMATCH', account ? `Expected account ${o.expectAccount}, but the credentials belong to ${account}.` : `Expected account ${o.expectAccount}, but the account could not be established${o.noSts ? ' (--no-sts)' : ''}.`, 'Check which source wins and whose keys it holds.', [{ label: 'expected account', value: o.expectAccount }]));
    }
  }

  if (o.expectSource && winner?.source !== o.expectSource) {
    findings.push(finding('EXPECTATION_MISMATCH', `Expected the credentials to come from ${o.expectSource}, but ${winner ? `${winner.source} wins` : 'no source gives any'}.`, 'Fix the source that wins (see the chain), or the expectation.', [{ label: 'expected source', value: o.expectSource }]));
  }

  findings.push(...appFindings(facts, w));

  const task = facts.taskMetadata?.ok ? facts.taskMetadata.task : null;
  const taskId = task?.taskArn?.split('/').pop() ?? null;
  if (taskId && identity?.sessionName === taskId) {
    findings.push(finding('TASK_ROLE_CONFIRMED', `STS names the session ${taskId}, this task's id: the app runs as this task's own task role${identity.roleName ? ` ${identity.roleName}` : ''}.`, 'Nothing to do.', [{ label: 'task', value: task?.taskArn ?? taskId }]));
  }

  const region = o.chain.appRegionOf(facts);
  const taskRegion = task?.taskArn ? regionOfArn(task.taskArn) : null;
  if (taskRegion && region.region && taskRegion !== region.region) {
    findings.push(finding('REGION_MISMATCH', `The app's SDK uses region ${region.region} (from ${region.from}), but the task runs in ${taskRegion}: its calls go to another region's endpoints (and STS VPC endpoints of this region are not used).`, 'Set AWS_REGION to the task\'s region, or remove the image ENV / profile region that overrides it.', [{ label: 'task region', value: taskRegion }, { label: 'SDK region', value: `${region.region} (${region.from})` }]));
  }
  if (!region.region) {
    findings.push(finding('REGION_MISSING', `${o.chain.label.charAt(0).toUpperCase()}${o.chain.label.slice(1)} finds no region (${region.from === 'none' ? 'neither AWS_REGION nor a profile region is set' : region.from}); the app's clients fail with a missing-region error unless the code sets one (newer SDKs ask IMDS, which a task should not reach).`, `${regionFixOf(o.chain)} in the task definition, or a region in the profile.`));
  }

  if (w && !o.noSts && !sts) {
    findings.push(finding('IDENTITY_UNVERIFIED', `The winner (${w.source}) could not be checked with STS: ${w.reason}`, 'Run the app\'s own call, or check the source by hand.'));
  }

  const headline = headlineOf(w, winner, identity, walk, facts, o);
  const hasError = findings.some((f) => f.severity === 'error');
  const hasWarning = findings.some((f) => f.severity === 'warning');
  const confirmed = o.noSts ? winner !== null : identity !== null;
  const ok = winner !== null && confirmed && !hasError;
  return { winner, identity, findings, headline, ok, exitCode: exitCodeOf(ok, hasWarning, o.strict) };
}

/** 0 healthy; 1 problems (with --strict, warnings too). Usage and internal errors (2) are the CLI's. */
export function exitCodeOf(ok: boolean, hasWarning: boolean, strict: boolean): number {
  if (!ok) return 1;
  return strict && hasWarning ? 1 : 0;
}

function shadowFix(source: SourceId): string {
  switch (source) {
    case 'env':
      return 'Remove AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from the task definition environment, the image ENV and the entrypoint.';
    case 'profile':
      return 'Remove the baked ~/.aws/credentials or ~/.aws/config (or the AWS_PROFILE that selects it) from the image.';
    case 'web-identity':
      return 'Unset AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN if this task should use its ECS task role.';
    default:
      return 'Remove the earlier source so the SDK reaches the container endpoint.';
  }
}

function expiryFix(source: SourceId): string {
  if (source === 'env' || source === 'profile') return 'Static copies of temporary credentials never refresh: remove them and let the SDK read the task role from the container endpoint.';
  return 'The SDK refreshes these 5 minutes before expiry; if the endpoint keeps returning old credentials, restart the ECS agent or the task.';
}

function containerFindings(facts: Facts, chain: ChainDefinition): Finding[] {
  const p = facts.container;
  if (!p) return [];
  const out: Finding[] = [];
  const ev: Evidence[] = [{ label: 'url', value: p.sdkUrl }];
  if (p.probedUrl && p.probedUrl !== p.sdkUrl) ev.push({ label: 'probed at', value: p.probedUrl });
  if (p.notSent) {
    switch (p.notSent.code) {
      case 'HOST_NOT_ALLOWED': {
        const relative = facts.env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
        if (relative) {
          out.push(finding('CONTAINER_URI_HOST_NOT_ALLOWED', `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=${relative} does not start with "/", so the SDK glues it to the host: ${p.sdkUrl}; ${p.notSent.message}.`, 'The relative URI must start with "/" (ECS sets /v2/credentials/<id>); do not set it by hand.', ev));
        } else {
          out.push(finding('CONTAINER_URI_HOST_NOT_ALLOWED', `AWS_CONTAINER_CREDENTIALS_FULL_URI=${p.sdkUrl}: ${p.notSent.message}.`, 'Use https, a loopback address, 169.254.170.2, or the EKS Pod Identity hosts 169.254.170.23 / [fd00:ec2::23].', ev));
        }
        break;
      }
      case 'INVALID_URL':
        out.push(finding('CONTAINER_URI_INVALID', `${p.notSent.message}; ${chain.family === 'js-v3' ? 'the JS SDK throws "TypeError: Invalid URL" and stops the chain' : `${chain.label} fails on it`}.`, 'Fix the variable: the relative URI starts with "/", the full URI is an absolute http(s) URL.', ev));
        break;
      default:
        out.push(finding('CONTAINER_TOKEN_INVALID', `${p.notSent.message}.`, 'Write the token without a trailing newline (printf, not echo), make the file readable by the app user, or fix AWS_CONTAINER_AUTHORIZATION_TOKEN.', ev));
    }
    return out;
  }
  const http = p.http;
  if (!http) return out;
  if (!http.ok) {
    if (http.error.code === 'BODY_TOO_LARGE') {
      out.push(finding('CONTAINER_RESPONSE_INVALID', `The endpoint's answer is too large: ${http.error.message}.`, 'Something other than the ECS agent answers on this address; check the URI and any proxy or sidecar.', ev));
      return out;
    }
    const which = http.error.code === 'ECONNREFUSED' ? 'refused' : http.error.code === 'TIMEOUT' ? 'timed out' : http.error.code === 'ECONNRESET' ? 'reset' : http.error.code;
    out.push(
      finding('CONTAINER_ENDPOINT_UNREACHABLE', `The container credentials endpoint ${which} after ${http.ms} ms: ${http.error.message}.${chain.family === 'js-v3' ? ' The JS SDK tries 4 times, 1 s apart, then fails.' : ''}`, 'On ECS the agent serves 169.254.170.2: check that the task runs on a healthy agent (awsvpc or bridge with the ECS iptables rules); with a full URI, check the agent or sidecar that serves it.', [...ev, { label: 'error', value: http.error.code }, { label: 'after', value: `${http.ms} ms` }]),
    );
    return out;
  }
  if (http.status !== 200) {
    const a = p.agentError;
    const advice = (a?.code ? AGENT_ERROR_ADVICE[a.code] : undefined) ?? adviceForStatus(http.status);
    const agentSays = a?.code || a?.message ? `: ${[a.code, a.message?.replace(/\.+$/, '')].filter(Boolean).join(': ')}` : '';
    const location = http.headers['location'] ? ` (Location: ${http.headers['location']})` : '';
    out.push(
      finding('CONTAINER_ENDPOINT_ERROR', `The container credentials endpoint answered ${http.status}${agentSays}${location}.${chain.family === 'js-v3' ? ` (The JS SDK only reports "Server responded with status: ${http.status}".)` : ''}`, advice, [...ev, { label: 'status', value: String(http.status) }, ...(a?.code ? [{ label: 'agent code', value: a.code }] : [])]),
    );
    return out;
  }
  if (p.introspection) {
    out.push(finding('CONTAINER_RESPONSE_INVALID', 'The answer is the ECS agent introspection API ({"AvailableCommands":[...]}), not credentials: the request reached the agent on the wrong port or path.', 'On custom AMIs make sure the 169.254.170.2 → agent port 51679 redirect is in place (ecs-init sets it up); check the URI.', ev));
    return out;
  }
  if (p.parseError) {
    out.push(finding('CONTAINER_RESPONSE_INVALID', `The endpoint answered 200 but ${p.parseError}; ${chain.family === 'js-v3' ? "the JS SDK's JSON.parse error stops the chain" : `${chain.label} fails on it`}.`, 'Something other than the ECS agent answers on this address; check the URI and any proxy or sidecar.', ev));
    return out;
  }
  const doc = p.document;
  const missing = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'].filter((k) => doc?.fieldTypes[k] !== 'string');
  if (missing.length > 0) {
    out.push(finding('CONTAINER_RESPONSE_INVALID', `The credentials JSON lacks string fields the SDK requires: ${missing.map((k) => `${k} (${doc?.fieldTypes[k] ?? 'missing'})`).join(', ')}.`, 'The endpoint must return AccessKeyId, SecretAccessKey, Token and an RFC 3339 Expiration, all strings.', ev));
    return out;
  }
  const result = facts.container?.document?.expiration;
  if (result && !/^\d{4}-\d{2}-\d{2}[tT]\d{2}:\d{2}:\d{2}(\.\d+)?[zZ]$/.test(result)) {
    out.push(finding('CONTAINER_RESPONSE_INVALID', `Expiration ${JSON.stringify(result)} is not the RFC 3339 UTC form ${chain.label} accepts (e.g. 2026-01-01T00:00:00Z)${chain.family === 'js-v3' ? '; it throws "Invalid RFC-3339 date-time value" and stops the chain' : ''}.`, 'Make the endpoint return Expiration as YYYY-MM-DDThh:mm:ssZ.', ev));
  }
  return out;
}

function appFindings(facts: Facts, w: SourceResult | null): Finding[] {
  const out: Finding[] = [];
  const app = facts.app;
  for (const a of facts.appFileAccess ?? []) {
    if (a.readable) continue;
    out.push(finding('TOKEN_FILE_UNREADABLE_BY_APP', `${a.what} ${a.path} is not readable by the app's user (uid ${app?.uid ?? '?'}): ${a.why}. This shell may read it (root), the app cannot.`, 'Make the file readable by the app user (for EKS, set fsGroup in the pod securityContext; otherwise chmod/chown it in the image), or run the app as a user that can read it.', [{ label: 'path', value: a.path }]));
  }
  const shell = facts.shell;
  if (shell) {
    const appWinner = w?.credentials ? `${w.source} (${w.credentials.accessKeyId})` : 'no credentials';
    const shellWinner = shell.winner ? `${shell.winner.source} (${shell.winner.accessKeyId})` : 'no credentials';
    if (appWinner !== shellWinner) {
      out.push(
        finding('EXEC_SHELL_DIFFERS_FROM_APP', `This shell would get ${shellWinner}, but the app (pid ${app?.pid ?? '?'}) gets ${appWinner}; the report above is the app's view. Differences: ${shell.envDiff.length ? shell.envDiff.join(', ') : 'none in the environment'}${shell.home !== app?.home ? `; HOME ${shell.home ?? '(unset)'} vs the app's ${app?.home ?? '(unset)'}` : ''}${shell.uid !== app?.uid ? `; uid ${shell.uid ?? '?'} vs the app's ${app?.uid ?? '?'}` : ''}.`, 'Test as the app runs: the entrypoint may export or unset variables; check the app\'s /proc/<pid>/environ, not the shell\'s env.', shell.envDiff.map((n) => ({ label: 'differs', value: n }))),
      );
    }
  }
  return out;
}

const CREDENTIAL_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'role_arn', 'source_profile', 'credential_source', 'credential_process', 'web_identity_token_file'];

function profileFindings(facts: Facts, walk: ChainWalk, chain: ChainDefinition): Finding[] {
  const out: Finding[] = [];
  for (const f of [facts.configFile, facts.credentialsFile]) {
    if (f.state !== 'ok' && f.state !== 'missing') {
      out.push(finding('PROFILE_FILE_UNREADABLE', `${f.path} (from ${f.origin}) ${f.state === 'not-a-file' ? 'is not a regular file' : f.state === 'too-large' ? 'is too large to read' : 'cannot be read'}: ${f.error ?? f.state}. ${chain.family === 'js-v3' ? 'The JS SDK swallows this and treats the file as empty.' : ''}`, 'Fix the file (or the variable that points at it) so the app user can read it.', [{ label: 'path', value: f.path }]));
    }
  }
  const ctx = walk.context;
  // botocore has several profile steps (assume-role, shared-credentials-file, config-file...):
  // the profile is unusable only when every one of them skips, not when the first one does
  const rows = walk.results.filter((r) => r.source === 'profile');
  const skips = (r: SourceResult): boolean => r.status === 'skipped' || (r.status === 'not-reached' && !r.wouldProvide && /would skip/.test(r.reason));
  if (ctx.profileNamed && ctx.profiles[ctx.profileName] === undefined) {
    // name the variable the SDK took the name from: botocore reads AWS_DEFAULT_PROFILE first
    const variable = chain.profileOf(facts.env).variable ?? 'AWS_PROFILE';
    const other = variable === 'AWS_DEFAULT_PROFILE' ? 'AWS_PROFILE' : variable === 'AWS_PROFILE' && (chain.family === 'python' || chain.family === 'aws-cli') ? 'AWS_DEFAULT_PROFILE' : null;
    const ignored = other !== null && facts.env[other] !== undefined ? ` (${other}=${facts.env[other]} is not used: ${chain.label} reads ${variable} first)` : '';
    out.push(finding('PROFILE_NOT_FOUND', `${variable}=${ctx.profileName} names a profile that is in neither ${facts.configFile.path} nor ${facts.credentialsFile.path}${ignored}${chain.family === 'js-v3' ? '; the JS SDK moves on silently (Python and Go SDKs fail outright)' : walk.stoppedBy?.sdkName === '(before the chain)' ? `; ${chain.label} fails before trying any source` : ''}.`, `Fix ${variable}, or add the profile to the image's config, or unset ${variable}.`, [{ label: 'profile', value: ctx.profileName }, { label: 'named by', value: variable }], walk.stoppedBy?.sdkName === '(before the chain)' ? 'error' : 'warning'));
  } else if (rows.length > 0 && rows.every(skips)) {
    const p = ctx.profiles[ctx.profileName] ?? {};
    const set = CREDENTIAL_KEYS.filter((k) => p[k] !== undefined);
    // the step that speaks about the settings the profile has, else the first
    const result = rows.find((r) => set.some((k) => r.reason.includes(k))) ?? rows[0];
    if (result && set.length > 0) {
      out.push(finding('PROFILE_INVALID', `Profile ${ctx.profileName} has credential settings, but the SDK cannot use them: ${result.reason.replace(/^not reached \([^)]*\); would skip: /, '')}`, 'Complete or remove the profile\'s credential settings.', [{ label: 'profile', value: ctx.profileName }]));
    }
  }
  return out;
}

function exchangeFindings(facts: Facts, chain: ChainDefinition): Finding[] {
  const out: Finding[] = [];
  for (const [ref, x] of Object.entries(facts.exchanges)) {
    if (x.ok || !x.error) continue;
    const file = ref === 'web-identity:env' ? facts.webIdentityTokenFile : null;
    const shape = file?.containsCrLf ? ' The token file ends in CR LF, which the SDK sends as part of the token.' : file?.endsWithNewline ? ' The token file ends in a newline, which the SDK sends as part of the token.' : '';
    const cause = [EXCHANGE_ERROR_CAUSES[x.error.code] ?? STS_ERROR_CAUSES[x.error.code], shape.trim()].filter(Boolean).join('. ').replace(/\.\./g, '.');
    out.push(
      finding('WEB_IDENTITY_FAILED', `sts:${x.kind === 'web-identity' ? 'AssumeRoleWithWebIdentity' : 'AssumeRole'} for ${x.roleArn} failed: ${x.error.code}: ${x.error.message.replace(/\s+/g, ' ')}. ${cap(chain.label)} stops the chain on this error.${shape}`, cause ? `Cause: ${cause.replace(/\.$/, '')}. Check the role's trust policy (its sub/aud conditions) and the OIDC provider.` : 'Check the role\'s trust policy and the OIDC provider.', [{ label: 'exchange', value: ref }]),
    );
  }
  return out;
}

function headlineOf(w: SourceResult | null, winner: Verdict['winner'], identity: Identity | null, walk: ChainWalk, facts: Facts, o: VerdictOptions): string {
  if (!w || !winner) {
    const stop = walk.stoppedBy;
    return stop ? `The app gets no credentials: the chain stops at ${stop.sdkName} (${stop.source}).` : 'The app gets no credentials: no source in the chain gives any.';
  }
  const from = SOURCE_LABEL[winner.source];
  const kindOf = (name: string): string => {
    if (looksLikeExecutionRole(name)) return 'an execution role, by mistake?';
    if (winner.source === 'container') return 'task role';
    if (winner.source === 'imds') return 'EC2 instance role';
    if (winner.source === 'web-identity') return 'IRSA role';
    return 'assumed role';
  };
  if (identity) {
    if (identity.type === 'assumed-role' && identity.roleName) return `The app runs as role ${identity.roleName} (${kindOf(identity.roleName)}, from ${from}).`;
    if (identity.type === 'user') return `The app runs as IAM user ${identity.arn.split('/').pop() ?? identity.arn} (long-term keys from ${from}).`;
    if (identity.type === 'root') return `The app runs as the ROOT user of account ${identity.account} (keys from ${from}).`;
    return `The app runs as ${identity.arn} (from ${from}).`;
  }
  const sts = facts.sts;
  if (sts && !sts.ok && sts.error) return `The app picks credentials from ${from}, but STS ${sts.error.kind === 'rejected' ? `rejects them (${sts.error.code})` : 'cannot confirm them'}.`;
  const role = winner.roleArn ? ` for role ${roleNameOf(winner.roleArn)}` : '';
  return `The app picks credentials from ${from}${role}; the identity is not checked${o.noSts ? ' (--no-sts)' : ''}.`;
}

export function humanDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return d < 730 ? `${d} days` : `${Math.floor(d / 365)} years`;
}

const cap = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
