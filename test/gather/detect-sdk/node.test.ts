// Node: the script from node's command line, and the JS SDK found as require() finds it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNodeSdk, nodeScriptOf, pnpmEntryVersion } from '../../../src/gather/detect-sdk/node.ts';
import { copyFixtures, newWorld, removeWorld } from './world.ts';

const w = newWorld();
const { fx } = w;
beforeAll(() => copyFixtures(w));
afterAll(() => removeWorld(w));

describe('pure helpers', () => {
  it('nodeScriptOf skips options and their values', () => {
    expect(nodeScriptOf(['node', '--enable-source-maps', '-r', 'dotenv/config', '--max-old-space-size=512', 'dist/main.js', '--port', '1'])).toBe('dist/main.js');
    expect(nodeScriptOf(['node', '--import', 'tsx', 'src/app.ts'])).toBe('src/app.ts');
    expect(nodeScriptOf(['node', '-e', 'require("x")'])).toBeNull();
    expect(nodeScriptOf(['node'])).toBeNull();
  });

  it('pnpmEntryVersion: pnpm 7/8 and 9 peer suffixes', () => {
    expect(pnpmEntryVersion('@aws-sdk+credential-provider-node@3.600.0', '@aws-sdk/credential-provider-node')).toBe('3.600.0');
    expect(pnpmEntryVersion('@aws-sdk+credential-provider-node@3.734.0_@aws-sdk+client-sts@3.734.0', '@aws-sdk/credential-provider-node')).toBe('3.734.0');
    expect(pnpmEntryVersion('@aws-sdk+credential-provider-node@3.734.0(@aws-sdk/client-sts@3.734.0)', '@aws-sdk/credential-provider-node')).toBe('3.734.0');
    expect(pnpmEntryVersion('aws-sdk@2.1500.0', 'aws-sdk')).toBe('2.1500.0');
    expect(pnpmEntryVersion('@aws-sdk+credential-provider-ini@3.600.0', '@aws-sdk/credential-provider-node')).toBeNull();
  });

  it('the find* helpers on their own: findNodeSdk', async () => {
    expect((await findNodeSdk(join(fx, 'node-v2', 'app'))).hit).toMatchObject({ family: 'js-v2', version: '2.1500.0' });
    expect((await findNodeSdk(join(fx, 'empty-app'), { nodePath: [join(fx, 'node-v3', 'app', 'node_modules')] })).hit).toMatchObject({ family: 'js-v3', version: '3.600.0' });
  });
});
