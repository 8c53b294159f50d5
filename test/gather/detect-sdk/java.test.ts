// Java: the classpath the launcher builds, jar names, and the SDK found on a classpath.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyJarName, findJavaSdk, javaClasspathOf, splitArgFile } from '../../../src/gather/detect-sdk/java.ts';
import { copyFixtures, newWorld, removeWorld } from './world.ts';

const w = newWorld();
const { fx } = w;
beforeAll(() => copyFixtures(w));
afterAll(() => removeWorld(w));

describe('pure helpers', () => {
  it('javaClasspathOf: -cp, --class-path=, -jar, CLASSPATH, the default', () => {
    expect(javaClasspathOf(['java', '-cp', 'a.jar:lib/*', 'Main', '-cp', 'x'], {})).toEqual({ entries: ['a.jar', 'lib/*'], origin: '-cp', jar: null });
    expect(javaClasspathOf(['java', '--add-opens', 'java.base/java.lang=ALL-UNNAMED', '--class-path=/app/*', 'Main'], {})).toMatchObject({ entries: ['/app/*'], origin: '--class-path' });
    expect(javaClasspathOf(['java', '-cp', 'ignored', '-jar', '/app/app.jar', '-cp', 'arg'], { CLASSPATH: 'x' })).toEqual({ entries: ['/app/app.jar'], origin: '-jar', jar: '/app/app.jar' });
    expect(javaClasspathOf(['java', 'Main'], { CLASSPATH: '/opt/lib/*:/opt/classes' })).toMatchObject({ entries: ['/opt/lib/*', '/opt/classes'], origin: 'CLASSPATH' });
    expect(javaClasspathOf(['java', 'Main'], {})).toMatchObject({ entries: ['.'], origin: 'default (.)' });
    expect(splitArgFile('# jib\n/app/resources:/app/classes:/app/libs/*\n')).toEqual(['/app/resources:/app/classes:/app/libs/*']);
    expect(splitArgFile('-cp "a b.jar" Main')).toEqual(['-cp', 'a b.jar', 'Main']);
  });

  it('classifyJarName', () => {
    expect(classifyJarName('/app/libs/aws-core-2.25.1.jar')).toEqual({ major: 2, artifact: 'aws-core', version: '2.25.1', strong: true });
    expect(classifyJarName('/app/libs/auth-2.25.1.jar')).toMatchObject({ artifact: 'auth', strong: false });
    expect(classifyJarName('/root/.m2/repository/software/amazon/awssdk/auth/2.25.1/auth-2.25.1.jar')).toMatchObject({ artifact: 'auth', strong: true });
    expect(classifyJarName('aws-java-sdk-core-1.12.700.jar')).toEqual({ major: 1, artifact: 'core', version: '1.12.700', strong: true });
    expect(classifyJarName('slf4j-api-2.0.9.jar')).toBeNull();
    expect(classifyJarName('aws-java-sdk-s3-1.12.700.jar')).toBeNull();
  });

  it('the find* helpers on their own: findJavaSdk', async () => {
    expect((await findJavaSdk(['libs/*'], { cwd: join(fx, 'java-v2', 'app') })).hit).toMatchObject({ family: 'java-v2', version: '2.25.1' });
    expect((await findJavaSdk([join(fx, 'java-v1', 'lib', '*')])).hit).toMatchObject({ family: 'java-v1', version: '1.12.700' });
    expect((await findJavaSdk([join(fx, 'java-v2', 'app', 'libs', 'sts-2.25.1.jar')])).hit).toBeNull();
  });
});
