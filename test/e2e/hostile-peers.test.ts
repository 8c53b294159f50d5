// Hostile peers (issue 10, items 1 and 2): loopback servers that play the container endpoint,
// IMDS and STS and misbehave on purpose, with canary secrets in every source (env, files with
// upper-case keys, token files with a trailing newline, endpoint bodies at 401/403/201/206/500,
// Location headers, a RoleArn holding the token, credential_process arguments, URI userinfo)
// and escape sequences in every outside value. Each run of the built bundle is checked for:
// no canary (nor its trimmed form nor any JWT part) in stdout, stderr, --json or the facts
// file; no raw control, C1 or bidi character of outside origin in the text (NO_COLOR=1) nor
// in the JSON; no fake line made from an outside newline.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { send, startLoopbackServer, type RunningFake } from '../fakes/loopback-server.ts';
import { runBundle } from './run-bundle.ts';

const dir = mkdtempSync(join(tmpdir(), 'ecd-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every canary handed out; each must never be printed in any form. */
const CANARIES: string[] = [];
let n = 0;
function canary(label: string): string {
  const s = `hostile${label}${String(n++).padStart(3, '0')}Zq7Wp3Kx9Vb2Nm5Rt8`;
  CANARIES.push(s);
  return s;
}
const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A JWT whose three parts are each a canary: header, payload, signature. */
function jwtCanary(): { token: string; parts: string[] } {
  const parts = [b64({ alg: 'RS256', kid: canary('Kid') }), b64({ iss: 'https://oidc.example/x', aud: 'sts.amazonaws.com', sub: 'system:serviceaccount:a:b', exp: 4102444800, n: canary('Nonce') }), `${canary('Sig')}AbCdEfGhIjKlMnOpQrStUv`];
  CANARIES.push(...parts);
  return { token: parts.join('.'), parts };
}

/** Outside values that would rewrite a terminal: OSC title, clear screen, C1 CSI, DEL, bidi, a fake line. */
const ESC_TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
const C1 = '\u009b31m\u0085';
const BIDI = '\u202eevil\u2066\u200f';
const FAKE_LINE = '\n✔ all good';
const HOSTILE = `${ESC_TITLE}${CLEAR}${C1}\u007f${BIDI}${FAKE_LINE}`;
/** XML character references the SDK's parser decodes into the same characters. */
const HOSTILE_XML = '&#x1b;]0;pwned&#x7;&#x1b;[2J&#x9b;31m&#x85;&#x7f;&#x202e;evil&#x2066;&#x200f;&#xa;✔ all good';

/** Characters that must never appear raw in text output (the tool's own newlines aside). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const RAW_UNSAFE_TEXT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** In JSON, even a newline may only appear between tokens, never inside a string: checked by line shape below. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const RAW_UNSAFE_JSON = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

type Handler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void;
const servers: RunningFake[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function serve(h: Handler): Promise<RunningFake> {
  const s = await startLoopbackServer(h);
  servers.push(s);
  return s;
}

/** STS that answers without checking signatures: identities and errors full of hostile text. */
function hostileSts(o: { webIdentityError?: string; assumeRoleSecret?: string }): Handler {
  return (_req, body, res) => {
    const action = new URLSearchParams(body.toString('utf8')).get('Action');
    const xml = (status: number, text: string): void => send(res, status, text, { 'Content-Type': 'text/xml' });
    if (action === 'GetCallerIdentity') {
      xml(
        200,
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::111122223333:assumed-role/R${HOSTILE_XML}/s</Arn><UserId>AROAEXAMPLEROLEID:s${HOSTILE_XML}</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    } else if (action === 'AssumeRoleWithWebIdentity' && o.webIdentityError) {
      xml(
        400,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>${o.webIdentityError}${HOSTILE_XML}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
      );
    } else if (action === 'AssumeRole' && o.assumeRoleSecret) {
      xml(
        200,
        `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser><AssumedRoleId>AROAEXAMPLEROLEID:s</AssumedRoleId><Arn>arn:aws:sts::111122223333:assumed-role/X${HOSTILE_XML}/s ${o.assumeRoleSecret}</Arn></AssumedRoleUser><Credentials><AccessKeyId>ASIAHOSTILESTS00WXYZ</AccessKeyId><SecretAccessKey>${o.assumeRoleSecret}</SecretAccessKey><SessionToken>${canary('StsTok')}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`,
      );
    } else {
      xml(403, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no ${HOSTILE_XML}</Message></Error></ErrorResponse>`);
    }
  };
}

/** A credentials document whose secrets are canaries and whose RoleArn is hostile (and holds the token). */
function document(): { body: string; secret: string; token: string } {
  const secret = canary('DocSecret');
  const token = canary('DocToken');
  return {
    secret,
    token,
    body: JSON.stringify({ RoleArn: `arn:aws:iam::111122223333:role/${HOSTILE} ${token}`, AccessKeyId: 'ASIAHOSTILEDOC00WXYZ', SecretAccessKey: secret, Token: token, Expiration: '2099-01-01T00:00:00Z', Code: `Success${HOSTILE}` }),
  };
}

interface Case {
  name: string;
  args?: string[];
  setup(): Promise<{ env: Record<string, string>; files?: Record<string, string> }>;
}

const base = async (): Promise<Record<string, string>> => {
  const sts = await serve(hostileSts({}));
  return { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_STS: sts.url, ECS_CRED_DOCTOR_LOOPBACK_ONLY: '1', HOME: join(dir, 'nohome'), AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
};

/** A full-URI container endpoint that answers `status` with whatever the builder makes of the request. */
function containerCase(name: string, answer: (auth: string, doc: ReturnType<typeof document>) => { status: number; body: string; headers?: Record<string, string> }): Case {
  return {
    name,
    async setup() {
      const auth = canary('Auth');
      const doc = document();
      const agent = await serve((req, _b, res) => {
        const a = answer(String(req.headers.authorization ?? ''), doc);
        send(res, a.status, a.body, { 'Content-Type': 'application/json', ...a.headers });
      });
      const password = canary('UriPassword');
      return { env: { ...(await base()), AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://user:${password}@127.0.0.1:${agent.port}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: auth } };
    },
  };
}

const CASES: Case[] = [
  containerCase('401 repeating the Authorization header', (auth) => ({ status: 401, body: JSON.stringify({ code: 'Unauthorized', message: `bad Authorization: ${auth}${HOSTILE}` }) })),
  containerCase('403 text body repeating the token', (auth) => ({ status: 403, body: `forbidden for token ${auth}\n${HOSTILE}`, headers: { 'Content-Type': 'text/plain' } })),
  containerCase('302 with the token and a secret of its own in Location', (auth) => ({ status: 302, body: '', headers: { Location: `http://u:${canary('LocPass')}@127.0.0.1:1/next?token=${auth}&x=${encodeURIComponent(HOSTILE)}` } })),
  containerCase('201 with a full document', (_a, d) => ({ status: 201, body: d.body })),
  containerCase('206 with a full document', (_a, d) => ({ status: 206, body: d.body })),
  containerCase('203 with a full document', (_a, d) => ({ status: 203, body: d.body })),
  containerCase('500 embedding the last document (JSON)', (_a, d) => ({ status: 500, body: JSON.stringify({ message: `failed${HOSTILE}`, last: JSON.parse(d.body) as unknown }) })),
  containerCase('500 embedding the last document (text)', (_a, d) => ({ status: 500, body: `internal error, last answer was ${d.body}`, headers: { 'Content-Type': 'text/plain' } })),
  containerCase('200 whose RoleArn holds the token', (_a, d) => ({ status: 200, body: d.body })),
  {
    name: 'IMDS: hostile role name, 206 and 500 documents',
    async setup() {
      const doc = document();
      const session = canary('ImdsSession');
      const imds = await serve((req, _b, res) => {
        const path = req.url ?? '';
        if (path === '/latest/api/token') send(res, 200, session);
        else if (path === '/latest/meta-data/iam/security-credentials/') send(res, 200, `role${ESC_TITLE}x`);
        else if (path.startsWith('/latest/meta-data/iam/security-credentials/')) send(res, 206, doc.body);
        else send(res, 500, JSON.stringify({ message: `echo ${session} ${doc.body}` }));
      });
      return { env: { ...(await base()), AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } };
    },
  },
  {
    name: 'web identity: token file with a trailing newline; STS repeats it trimmed and its signature',
    async setup() {
      const jwt = jwtCanary();
      const sts = await serve(hostileSts({ webIdentityError: `Token ${jwt.token} is invalid; signature ${jwt.parts[2] ?? ''}; header ${jwt.parts[0] ?? ''}` }));
      writeFileSync(join(dir, 'web-token'), `${jwt.token}\n`);
      return { env: { ...(await base()), AWS_ENDPOINT_URL_STS: sts.url, AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'web-token'), AWS_ROLE_ARN: `arn:aws:iam::111122223333:role/${HOSTILE}` } };
    },
  },
  {
    name: 'shared files with upper- and mixed-case secret keys, credential_process arguments, a bidi role_arn',
    args: ['--sdk', 'all'],
    async setup() {
      const sts = await serve(hostileSts({ assumeRoleSecret: canary('AssumedSecret') }));
      const config = [
        '[default]',
        `AWS_ACCESS_KEY_ID = AKIAUPPERCASE000WXYZ`,
        `AWS_SECRET_ACCESS_KEY = ${canary('UpperSecret')}`,
        `Aws_Session_Token = ${canary('MixedToken')}`,
        `aws_secret_access_key: ${canary('ColonSecret')}`,
        '[profile proc]',
        `credential_process = /usr/local/bin/helper --secret ${canary('ProcArg')} --token=${canary('ProcArg2')}`,
        '[profile chained]',
        `role_arn = arn:aws:iam::111122223333:role/\u202eevil\u2066`,
        'source_profile = keys',
        '[profile keys]',
        'aws_access_key_id = AKIALOWERCASE000WXYZ',
        `aws_secret_access_key = ${canary('LowerSecret')}`,
        '',
      ].join('\n');
      const credentials = ['[default]', `AWS_SECRET_ACCESS_KEY=${canary('CredUpper')}`, `aws_access_key_id = AKIACREDFILE0000WXYZ`, `Aws_Secret_Access_Key = ${canary('CredMixed')}`, ''].join('\n');
      writeFileSync(join(dir, 'config'), config);
      writeFileSync(join(dir, 'credentials'), credentials);
      return { env: { ...(await base()), AWS_ENDPOINT_URL_STS: sts.url, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_PROFILE: 'chained' } };
    },
  },
  {
    name: 'env keys; AWS_PROFILE with a clear-screen sequence; STS Arn with XML character references',
    async setup() {
      return { env: { ...(await base()), AWS_ACCESS_KEY_ID: 'AKIAENVKEY000000WXYZ', AWS_SECRET_ACCESS_KEY: canary('EnvSecret'), AWS_SESSION_TOKEN: `${canary('EnvToken')}\n`, AWS_PROFILE: `p${CLEAR}${FAKE_LINE}` } };
    },
  },
];

/** Every form of a canary that must stay hidden: as given and trimmed (a JWT's parts are canaries themselves). */
function leaks(text: string): string[] {
  return CANARIES.filter((c) => text.includes(c) || text.includes(c.trim()));
}

function expectClean(what: string, text: string, json: boolean): void {
  expect(leaks(text), `${what} leaks`).toEqual([]);
  expect(text.match(json ? RAW_UNSAFE_JSON : RAW_UNSAFE_TEXT)?.[0], `${what} has a raw control character`).toBeUndefined();
  // an outside newline must not start a line of its own
  expect(
    text.split('\n').some((l) => l.trimStart().startsWith('✔ all good')),
    `${what} has a fake line`,
  ).toBe(false);
  if (json) {
    // inside JSON a raw newline can only sit between tokens: every line must be valid JSON layout
    for (const line of text.split('\n')) expect(line, `${what} line`).toMatch(/^\s*(?:"(?:[^"\\]|\\.)*"\s*:\s*)?(?:\[\]|\{\}|[[{\]}]|"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)?,?\s*$/);
  }
}

// concurrent: each case has its own fakes and files and waits mostly on its child processes
describe.concurrent('hostile peers: no canary, no raw escape sequence of outside origin', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { env } = await c.setup();
      const factsOut = join(dir, `facts-${CASES.indexOf(c)}.json`);
      const args = c.args ?? ['--sdk', 'js-v3'];
      const text = await runBundle([...args, '--verbose', '--timeout', '1500'], { ...env, NO_COLOR: '1' });
      const json = await runBundle([...args, '--json', '--timeout', '1500', '--facts-out', factsOut], env);
      expect(text.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
      expect(json.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
      expectClean('text stdout', text.stdout, false);
      expectClean('text stderr', text.stderr, false);
      expectClean('json stdout', json.stdout, true);
      expectClean('json stderr', json.stderr, false);
      const facts = readFileSync(factsOut, 'utf8');
      expectClean('facts file', facts, true);
      // the hostile values were seen and shown, escaped: the test would pass vacuously otherwise
      expect(text.stdout + json.stdout).toMatch(/\\x1b|\\u001b|\\u202e|<redacted/);

      // the same facts, replayed: still clean, and values planted in the facts file are escaped
      const doc = JSON.parse(facts) as { facts: { env: Record<string, string>; configFile: { path: string } } };
      doc.facts.env['AWS_PROFILE'] = `x${HOSTILE}`;
      doc.facts.env['AWS_ROLE_ARN'] = `arn:aws:iam::1:role/${HOSTILE}`;
      doc.facts.configFile.path = `/etc/${HOSTILE}`;
      const replayPath = join(dir, `replay-${CASES.indexOf(c)}.json`);
      writeFileSync(replayPath, JSON.stringify(doc));
      const rText = await runBundle(['--replay', replayPath, '--verbose'], { NO_COLOR: '1' });
      const rJson = await runBundle(['--replay', replayPath, '--json'], {});
      expectClean('replay text', rText.stdout + rText.stderr, false);
      expectClean('replay json', rJson.stdout, true);
      expect(rText.stdout).toContain('\\x1b]0;pwned\\x07');
      expect(rJson.stdout).toContain('\\u202e');
    });
  }
});
