// What later layers ask each SDK (ChainDefinition's judgement fields), per SDK, and the
// regressions of issue 9: one NO_PROXY matcher per SDK, one -Daws.* parser with one precedence.
import { describe, expect, it } from 'vitest';
import { chainFor } from '../../src/sdks/index.ts';
import { SDK_IDS } from '../../src/model/facts.ts';
import { botoProxyForUrl } from '../../src/sdks/python/proxy.ts';
import { javaSystemProperties } from '../../src/sdks/java-v2/system-properties.ts';
import { credentialProperties, jvmSystemProperties } from '../../src/java-options.ts';
import { chainContextOf, walkChain } from '../../src/chains/walk.ts';
import { decideVerdict } from '../../src/verdict/decide.ts';
import { makeFacts } from '../helpers/facts.ts';

const IMDS = new URL('http://169.254.169.254/latest/api/token');

describe('botocore proxy matching (urllib proxy_bypass_environment)', () => {
  it('matches NO_PROXY entries as host or DNS suffix, never as CIDR', () => {
    expect(botoProxyForUrl({ HTTP_PROXY: 'http://p:3128', NO_PROXY: '169.254.0.0/16' }, IMDS)).toEqual({ proxy: 'http://p:3128', from: 'HTTP_PROXY', host: '169.254.169.254' });
    expect(botoProxyForUrl({ HTTP_PROXY: 'http://p:3128', NO_PROXY: 'example.com, 169.254.169.254' }, IMDS)).toBeNull();
    expect(botoProxyForUrl({ HTTP_PROXY: 'http://p:3128', NO_PROXY: '.169.254' }, IMDS)).toBeNull();
    expect(botoProxyForUrl({ HTTP_PROXY: 'http://p:3128', NO_PROXY: '*' }, IMDS)).toBeNull();
    // "*" is special only as the whole value
    expect(botoProxyForUrl({ HTTP_PROXY: 'http://p:3128', NO_PROXY: 'a.com,*' }, IMDS)).not.toBeNull();
  });
  it('takes the http proxy for http URLs; lower case wins; REQUEST_METHOD drops upper-case HTTP_PROXY', () => {
    expect(botoProxyForUrl({ HTTPS_PROXY: 'http://p:3128' }, IMDS)).toBeNull();
    expect(botoProxyForUrl({ HTTP_PROXY: 'http://upper', http_proxy: 'http://lower' }, IMDS)?.proxy).toBe('http://lower');
    expect(botoProxyForUrl({ HTTP_PROXY: 'http://upper', REQUEST_METHOD: 'GET' }, IMDS)).toBeNull();
    expect(botoProxyForUrl({ HTTP_PROXY: 'http://upper', http_proxy: '' }, IMDS)).toBeNull();
  });
});

describe('ChainDefinition.proxyFor, per SDK', () => {
  const env = { HTTP_PROXY: 'http://p:3128', NO_PROXY: '169.254.0.0/16', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' };
  it('Go matches the CIDR (direct); botocore does not (IMDS proxied, container direct); JS and Java ignore proxies', () => {
    const f = makeFacts({ env });
    expect(chainFor('go-v2', null).proxyFor(f, 'container')).toBeNull();
    expect(chainFor('go-v2', null).proxyFor(f, 'imds')).toBeNull();
    expect(chainFor('python', null).proxyFor(f, 'imds')?.from).toBe('HTTP_PROXY');
    expect(chainFor('python', null).proxyFor(f, 'container')).toBeNull();
    for (const id of ['js-v3', 'java-v2'] as const) expect(chainFor(id, null).proxyFor(f, 'imds')).toBeNull();
  });
  it('no PROXY_INTERCEPTS_METADATA for Go with NO_PROXY=169.254.0.0/16 (issue 9)', () => {
    const f = makeFacts({ env });
    const chain = chainFor('go-v2', null);
    const v = decideVerdict(f, walkChain(chain, chainContextOf(f, chain)), { chain, expectRole: null, expectAccount: null, strict: false, noSts: true, now: new Date(f.collectedAt) });
    const codes = v.findings.map((x) => x.code);
    expect(codes).not.toContain('PROXY_INTERCEPTS_METADATA');
  });
  it('Go without NO_PROXY: the container step carries the proxy in its outcome', () => {
    const f = makeFacts({ env: { HTTP_PROXY: 'http://p:3128', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' } });
    const chain = chainFor('go-v2', null);
    const step = chain.steps.find((s) => s.source === 'container');
    const out = step?.evaluate(chainContextOf(f, chain));
    expect(out && out.kind !== 'needs' ? out.proxy : undefined).toEqual({ proxy: 'http://p:3128', from: 'HTTP_PROXY', host: '169.254.170.2' });
  });
});

describe('ChainDefinition.partialEnvKeys and regionVariables, per SDK', () => {
  it('botocore stops only on a key id without secret; Go also reads AWS_ACCESS_KEY', () => {
    expect(chainFor('python', null).partialEnvKeys({ AWS_ACCESS_KEY_ID: 'AKIA' })?.stops).toBe(true);
    expect(chainFor('aws-cli', null).partialEnvKeys({ AWS_SECRET_ACCESS_KEY: 's' })?.stops).toBe(false);
    expect(chainFor('go-v2', null).partialEnvKeys({ AWS_ACCESS_KEY: 'AKIA' })).toEqual({ present: 'AWS_ACCESS_KEY', missing: 'AWS_SECRET_ACCESS_KEY', stops: false });
    expect(chainFor('go-v2', null).partialEnvKeys({ AWS_ACCESS_KEY: 'AKIA', AWS_SECRET_KEY: 's' })).toBeNull();
    expect(chainFor('js-v3', null).partialEnvKeys({ AWS_ACCESS_KEY: 'AKIA' })).toBeNull();
  });
  it('each SDK names the variables it reads for the region', () => {
    expect(Object.fromEntries(SDK_IDS.map((id) => [id, chainFor(id, null).regionVariables]))).toEqual({
      'js-v3': ['AWS_REGION'],
      python: ['AWS_DEFAULT_REGION'],
      'aws-cli': ['AWS_REGION', 'AWS_DEFAULT_REGION'],
      'java-v2': ['AWS_REGION'],
      'go-v2': ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    });
  });
});

describe('one -Daws.* parser, the JVM precedence (issue 9)', () => {
  it('JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS set the same key: JDK_JAVA_OPTIONS wins for gathering and for the chain', () => {
    const env = { JAVA_TOOL_OPTIONS: '-Daws.accessKeyId=AKIATOOL -Daws.region=eu-west-1', JDK_JAVA_OPTIONS: '-Daws.accessKeyId=AKIAJDK', _JAVA_OPTIONS: '-Daws.region=us-west-2' };
    const gathered = credentialProperties(jvmSystemProperties(env, '-Daws.accessKeyId=AKIACMD'));
    const chain = javaSystemProperties(makeFacts({ env, app: { pid: 7, how: 'pid', readable: true, error: null, uid: null, gids: [], home: null, cwd: null, command: '-Daws.accessKeyId=AKIACMD' } }));
    expect(gathered['aws.accessKeyId']).toBe('AKIACMD');
    expect(chain['aws.accessKeyId']).toBe('AKIACMD');
    expect(credentialProperties(jvmSystemProperties(env, null))['aws.accessKeyId']).toBe('AKIAJDK');
    expect(chain['aws.region']).toBe('us-west-2');
    // gathering keeps only the credential properties in the vault
    expect(gathered['aws.region']).toBeUndefined();
  });
});
