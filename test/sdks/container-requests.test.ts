// Issue 11 item 5: the request each SDK's container steps send (URL, Authorization source), the
// plan's deduplication, and each step judging the answer to its own request (a facts file of
// gathered probes; the e2e test, test/e2e/container-requests.test.ts, runs them against a fake).
import { describe, expect, it } from 'vitest';
import { chainFor } from '../../src/sdks/index.ts';
import { plannerFor } from '../../src/plan.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';
import { containerRequestKey, type ChainDefinition } from '../../src/model/chain.ts';
import type { ContainerProbe, Facts } from '../../src/model/facts.ts';
import { containerOk, FULL, makeFacts, tokenFile } from '../helpers/facts.ts';

const URL_ = 'http://127.0.0.1:9/v2/credentials/x';
const BOTH = { ...FULL(URL_), AWS_CONTAINER_AUTHORIZATION_TOKEN: '<redacted: 20 chars>', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t' };
/** `family@version` → that chain */
const chainOf = (id: string): ChainDefinition => chainFor(id.split('@')[0] as Parameters<typeof chainFor>[0], id.split('@')[1] ?? null);
const req = (id: string, env: Record<string, string>) =>
  chainOf(id)
    .containerRequestsOf(env)
    .map((r) => r.auth);

describe('the requests each container step sends', () => {
  it.each([
    ['js-v3', ['token-file', 'token-env']], // fromHttp: the file wins; fromContainerMetadata: the variable only
    ['js-v3@3.600.0', ['token-env', 'token-env']], // before the 3.972 line the variable wins in fromHttp too
    ['js-v3@3.458.0', ['token-env']], // fromContainerMetadata alone
    ['python', ['token-file']],
    ['python@1.29.27', ['token-env']], // no token file support before 1.32.0
    ['aws-cli@2.9.19', ['token-env']],
    ['java-v2', ['token-env']], // the variable beats the file in Java
    ['java-v2@2.20.0', ['token-env']],
    ['go-v2', ['token-file']],
    ['go-v2@1.17.10', ['token-env']], // no token file support before 1.25.0
  ])('%s with both token sources: %j', (id, auths) => {
    expect(req(id, BOTH)).toEqual(auths);
  });

  it('a URL the step refuses sends nothing', () => {
    for (const id of ['js-v3', 'python', 'go-v2', 'java-v2']) expect(req(id, { ...FULL('http://10.0.0.5/creds') }), id).toEqual([]);
  });

  it('the plan probes each distinct request once, after the first (the current fromHttp), and never a host fromHttp refuses', () => {
    const all = ['js-v3', 'python', 'aws-cli', 'java-v2', 'go-v2'].map((id) => chainFor(id as 'js-v3', null));
    const plan = plannerFor(chainFor('js-v3', '3.458.0'), all).probePlan(BOTH, true);
    expect(plan.container?.url).toBe(URL_);
    // the first carries the file's token; the only other distinct request carries the variable
    expect(plan.containerRequests?.map((r) => containerRequestKey(r))).toEqual([`GET ${URL_} with token from AWS_CONTAINER_AUTHORIZATION_TOKEN`]);
    expect(plannerFor(chainFor('python', null)).probePlan(BOTH, true).containerRequests).toBeUndefined();
    // Go 1.17.10 allows https to a loopback host only, Java resolves names: nothing outside fromHttp's allow-list is sent
    expect(plannerFor(chainFor('java-v2', null)).probePlan({ ...FULL('http://localhost.example:9/x'), AWS_CONTAINER_AUTHORIZATION_TOKEN: 't' }, true).containerRequests).toBeUndefined();
  });
});

/** The facts gathering records: the file's token refused (401), the variable's answered. */
function factsOf(fileAnswer: ContainerProbe, envAnswer: ContainerProbe): Facts {
  return makeFacts({ env: BOTH, containerTokenFile: { ...tokenFile(), path: '/t', size: 20 }, container: fileAnswer, containerProbes: { [containerRequestKey({ url: URL_, auth: 'token-env' })]: envAnswer } });
}
const denied = (auth: ContainerProbe['authorization']): ContainerProbe => ({
  ...containerOk({ sdkUrl: URL_, probedUrl: URL_, authorization: auth }),
  http: { ok: true, status: 401, headers: {}, ms: 1, bodyBytes: 0 },
  document: null,
  agentError: { code: null, message: 'Unauthorized' },
});
const granted = (auth: ContainerProbe['authorization']): ContainerProbe => ({ ...containerOk({ sdkUrl: URL_, probedUrl: URL_, authorization: auth }), credentialsRef: 'container#1' });
const winnerOf = (chain: ChainDefinition, f: Facts) => walkChain(chain, chainContextOf(f, chain)).winner;

describe('each step judges the answer to its own request', () => {
  const envRight = factsOf(denied('token-file'), granted('token-env'));
  const fileRight = factsOf(granted('token-file'), denied('token-env'));

  it.each([
    ['js-v3', true, true],
    ['js-v3@3.600.0', true, false],
    ['js-v3@3.458.0', true, false],
    ['python', false, true],
    ['python@1.29.27', true, false],
    ['java-v2', true, false],
    ['go-v2', false, true],
    ['go-v2@1.17.10', true, false],
  ])('%s: a right variable beside a stale file works: %s; a right file beside a stale variable: %s', (id, withEnvRight, withFileRight) => {
    const chain = chainOf(id);
    const a = winnerOf(chain, envRight);
    expect(a?.source === 'container' && !a.reason.includes('not proven'), `${id} env right: ${JSON.stringify(a)}`).toBe(withEnvRight);
    // the winner's credentials are those of the answer it judged (the vault ref of that probe)
    if (withEnvRight) expect(a?.credentials?.ref).toBe('container#1');
    const b = winnerOf(chain, fileRight);
    expect(b?.source === 'container' && !b.reason.includes('not proven'), `${id} file right: ${JSON.stringify(b)}`).toBe(withFileRight);
  });

  it('a facts file from before (no other probes): the JS fallback says it was not observed', () => {
    const w = walkChain(chainFor('js-v3', null), chainContextOf(makeFacts({ env: BOTH, container: denied('token-file') }), chainFor('js-v3', null)));
    expect(w.winner).toBeNull();
    expect(w.results.find((r) => r.source === 'container')?.reason).toMatch(/fromContainerMetadata: Error response received \(401\)/);
  });
});

describe('ECS Exec: a token file the app user cannot read', () => {
  it('leaves every request that carries it unsent in the app view, and the others as answered', async () => {
    const { appViewOf } = await import('../../src/chains/app-view.ts');
    const f = { ...factsOf(granted('token-file'), granted('token-env')), appFileAccess: [{ path: '/t', what: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', readable: false, why: 'mode 0600, owner 0' }] };
    const view = appViewOf(f);
    expect(view.container?.notSent?.code).toBe('TOKEN_FILE_UNREADABLE');
    expect(Object.values(view.containerProbes ?? {}).map((p) => p.notSent)).toEqual([null]);
    // JS: the fs error escapes fromHttp and stops the chain; Java sends the variable's token and still wins
    expect(winnerOf(chainOf('js-v3'), view)).toBeNull();
    expect(winnerOf(chainOf('java-v2'), view)?.credentials?.ref).toBe('container#1');
  });
});
