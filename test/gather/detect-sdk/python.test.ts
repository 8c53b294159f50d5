// Python: what the command line says about sys.path, and botocore or the AWS CLI in site directories.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBotocore, pythonArgsOf, pythonVersionOf } from '../../../src/gather/detect-sdk/python.ts';
import { copyFixtures, newWorld, removeWorld } from './world.ts';

const w = newWorld();
const { tmp, fx } = w;
beforeAll(() => copyFixtures(w));
afterAll(() => removeWorld(w));

describe('pure helpers', () => {
  it('pythonArgsOf: script, -m, -E/-I/-s', () => {
    expect(pythonArgsOf(['python3', '-u', 'app.py', '-m', 'x'])).toEqual({ script: 'app.py', module: null, ignoreEnv: false, noUserSite: false });
    expect(pythonArgsOf(['python3', '-Is', '-m', 'gunicorn', 'app:app'])).toEqual({ script: null, module: 'gunicorn', ignoreEnv: true, noUserSite: true });
    expect(pythonArgsOf(['python3', '-W', 'ignore', '-c', 'print(1)'])).toEqual({ script: null, module: null, ignoreEnv: false, noUserSite: false });
    expect(pythonVersionOf("import os\n__version__ = '1.29.27'\n")).toBe('1.29.27');
    expect(pythonVersionOf('__version__ = "2.9.19"')).toBe('2.9.19');
    expect(pythonVersionOf('version = 1')).toBeNull();
  });

  it('the find* helpers on their own: findBotocore', async () => {
    const dist = join(fx, 'debian-awscli', 'usr', 'lib', 'python3', 'dist-packages');
    const site = join(fx, 'python-venv', 'venv', 'lib', 'python3.11', 'site-packages');
    // a boto3 app on a machine that also has the Debian CLI: its botocore is what it imports
    expect((await findBotocore([dist, site])).hit).toMatchObject({ family: 'python', version: '1.29.27' });
    expect((await findBotocore([dist, site], { preferCli: true })).hit).toMatchObject({ family: 'aws-cli', version: '2.9.19' });
    expect((await findBotocore([join(tmp, 'none')])).hit).toBeNull();
  });
});
