/** Masking and redaction: the only ways a credential-shaped value may reach output. */

/** `ASIAEXAMPLEKEYWXYZ` → `ASIA************WXYZ` (prefix tells user vs temporary keys). */
export function maskKeyId(keyId: string): string {
  // no trim: the SDK uses the value as it is, so " " is a (broken) key id, not an absent one
  const id = keyId;
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(Math.max(4, id.length - 8))}${id.slice(-4)}`;
}

/** The marker stored in Facts instead of a secret value. */
export function secretMarker(value: string): string {
  return value === '' ? '' : `<redacted: ${value.length} chars>`;
}

/** Shorter values are not searched for: they would redact ordinary words. */
const MIN_SECRET = 4;

/** Key ids of every IAM kind; `accessKeysOnly` keeps role and user ids (AROA…, AIDA…: not credentials) readable. */
const ANY_KEY_ID = /\b(A(?:KIA|SIA|ROA|IDA|GPA|NPA|NVA|PKA|3T)[A-Z0-9]{12,})\b/g;
const ACCESS_KEY_ID = /\b(A(?:KIA|SIA|3T)[A-Z0-9]{12,})\b/g;

/**
 * Removes every known secret from a text that may echo one (an error message, a body).
 * Values shorter than 4 characters are not searched for: they would redact ordinary words.
 */
export function scrub(text: string, secrets: Iterable<string>, o: { accessKeysOnly?: boolean } = {}): string {
  return maskKeyIds(
    replaceSpans(
      text,
      spansOf(
        text,
        [...secrets].filter((s) => s.length >= MIN_SECRET),
      ),
    ),
    o.accessKeysOnly === true,
  );
}

function maskKeyIds(text: string, accessKeysOnly: boolean): string {
  // Authorization-looking and AWS key-id-looking tokens that slipped through are masked too.
  return text.replace(accessKeysOnly ? ACCESS_KEY_ID : ANY_KEY_ID, (m) => maskKeyId(m));
}

/** Every occurrence of every secret, by native search: fast while the secrets are few. */
function spansOf(text: string, secrets: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const s of secrets) for (let i = text.indexOf(s); i !== -1; i = text.indexOf(s, i + 1)) spans.push([i, i + s.length]);
  return spans;
}

/**
 * Every occurrence of every secret when there are many (a config file with thousands of
 * profiles): secrets are indexed by their first 4 characters, then by length, so each text
 * position costs one lookup per distinct length in its bucket, however many secrets share a
 * prefix (thousands of `AKIA…` ids would otherwise make it quadratic).
 */
type PrefixIndex = { byPrefix: Map<string, Map<number, Set<string>>>; firstTwo: Set<number> };
const twoAt = (s: string, i: number): number => (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
function spansByPrefix(text: string, index: PrefixIndex): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i + MIN_SECRET <= text.length; i++) {
    // a numeric pre-check: most positions start no secret, and need no substring
    if (!index.firstTwo.has(twoAt(text, i))) continue;
    const byLength = index.byPrefix.get(text.slice(i, i + MIN_SECRET));
    if (!byLength) continue;
    for (const [len, set] of byLength) if (i + len <= text.length && set.has(text.slice(i, i + len))) spans.push([i, i + len]);
  }
  return spans;
}

/** Merged spans replaced once: replacing one secret at a time could cut another (overlapping or containing) secret in pieces. */
function replaceSpans(text: string, spans: [number, number][]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  let out = '';
  let at = 0;
  for (const [a, b] of merged) {
    out += `${text.slice(at, a)}<redacted>`;
    at = b;
  }
  return out + text.slice(at);
}

const JWT_PART = /^[A-Za-z0-9_-]*$/;

/**
 * The forms in which a secret may come back: as read, trimmed (a token file's trailing
 * newline is not sent, so an echo lacks it), without an auth scheme, percent- or
 * JSON-encoded, and, for a JWT (JWS: 3 parts, JWE: 5), each part alone: an STS error that
 * quotes only the signature must not print it.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const t = secret.trim();
  forms.add(t);
  const scheme = /^(?:bearer|basic|token)\s+(\S+)$/i.exec(t);
  if (scheme?.[1]) forms.add(scheme[1]);
  for (const f of [...forms]) {
    // most secrets are plain base62/64: their encoded forms are themselves (cheap to skip)
    if (!/^[A-Za-z0-9._~-]*$/.test(f)) {
      forms.add(encodeURIComponent(f));
      const json = JSON.stringify(f).slice(1, -1);
      forms.add(json);
      forms.add(json.replaceAll('/', '\\/'));
    }
    const parts = f.split('.');
    if ((parts.length === 3 || parts.length === 5) && parts.every((p) => JWT_PART.test(p))) for (const p of parts) forms.add(p);
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET);
}

/**
 * Names under which a value is a secret, in a body, a header or a file, in any case:
 * `SecretAccessKey`, `Token`, `aws_session_token`, `AWS_SECRET_ACCESS_KEY`, `Authorization`,
 * `x-aws-ec2-metadata-token`, `password`. Names that point at a secret (a file, a TTL) are not.
 */
export function isSecretName(name: string): boolean {
  return /secret|token|passw|authoriz|private[-_ ]?key|api[-_ ]?key|signature/i.test(name) && !/(file|path|ttl|seconds|expir\w*|type|url|uri|endpoint|name)$/i.test(name);
}

/**
 * Secret-shaped values in any text (a JSON or XML body of any status, a form, an INI file):
 * the value of every field whose name is a secret name. Over-matching only redacts more.
 */
export function harvestSecrets(text: string): string[] {
  const out: string[] = [];
  const json = /"((?:[^"\\]|\\.){1,100})"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  for (const m of text.matchAll(json)) {
    if (!isSecretName(m[1] ?? '')) continue;
    out.push(m[2] ?? '');
    try {
      out.push(JSON.parse(`"${m[2] ?? ''}"`) as string);
    } catch {
      // not valid JSON escapes: the raw form is kept
    }
  }
  for (const m of text.matchAll(/<([A-Za-z][\w:.-]{0,100})\b[^>]*>([^<]*)<\/\1\s*>/g)) if (isSecretName(m[1] ?? '')) out.push(m[2] ?? '', decodeXmlText(m[2] ?? ''));
  // key=value and key: value, as in INI lines, query strings and form bodies
  for (const m of text.matchAll(/(?:^|[\s&?;,{(])["']?([A-Za-z_][\w.-]{0,100})["']?[ \t]*[=:][ \t]*([^\r\n&]*)/gm)) {
    if (!isSecretName(m[1] ?? '')) continue;
    const v = m[2] ?? '';
    out.push(v, v.replace(/\s[;#].*$/, ''), v.replace(/^["']|["',;]*\s*$/g, ''));
    try {
      out.push(decodeURIComponent(v.replace(/\+/g, ' ')));
    } catch {
      // not percent-encoded
    }
  }
  return out.map((v) => v.trim()).filter((v) => v.length >= MIN_SECRET);
}

function decodeXmlText(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => safeCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => safeCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function safeCodePoint(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

/**
 * Every string in a JSON-shaped value (object keys included) passed through `f`; a new value,
 * the input untouched. Used on Facts as they leave gather.
 */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return f(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
      const out: Record<string, unknown> = {};
      // defineProperty: a "__proto__" key must stay a key, not set the prototype
      for (const [k, x] of Object.entries(v)) Object.defineProperty(out, f(k), { value: walk(x), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** A place where the process keeps secrets it needs for its own calls; never serialised. */
export class Vault {
  readonly #creds = new Map<string, Creds>();
  readonly #tokens = new Map<string, string>();
  /** secret-shaped values seen anywhere (bodies, headers, files) that no call needs */
  readonly #seen = new Set<string>();
  #compiled: { forms: string[]; index: PrefixIndex | null } | null = null;

  putCredentials(ref: string, c: Creds): void {
    this.#creds.set(ref, c);
    this.#compiled = null;
  }
  credentials(ref: string): Creds | undefined {
    return this.#creds.get(ref);
  }
  putToken(ref: string, token: string): void {
    this.#tokens.set(ref, token);
    this.#compiled = null;
  }
  token(ref: string): string | undefined {
    return this.#tokens.get(ref);
  }
  /** Keeps a secret-shaped value only so that it is scrubbed wherever it comes back. */
  putSecret(value: string): void {
    if (value.trim().length < MIN_SECRET || this.#seen.has(value)) return;
    this.#seen.add(value);
    this.#compiled = null;
  }
  /** Puts every secret-shaped value of a text (a body of any status, a header, a file) in the vault. */
  harvest(text: string): void {
    for (const v of harvestSecrets(text)) this.putSecret(v);
  }
  /** Every secret value held, in every form it may come back in, for scrubbing. */
  *secrets(): Generator<string> {
    yield* this.#compile().forms;
  }
  /** The text with every held secret (all its forms) replaced and access key ids masked. */
  scrub(text: string, o: { accessKeysOnly?: boolean } = {}): string {
    const { forms, index } = this.#compile();
    const spans = index ? spansByPrefix(text, index) : spansOf(text, forms);
    return maskKeyIds(replaceSpans(text, spans), o.accessKeysOnly === true);
  }
  #compile(): { forms: string[]; index: PrefixIndex | null } {
    if (this.#compiled) return this.#compiled;
    const raw = new Set<string>();
    for (const c of this.#creds.values()) {
      raw.add(c.secretAccessKey);
      if (c.sessionToken) raw.add(c.sessionToken);
    }
    for (const t of this.#tokens.values()) raw.add(t);
    for (const s of this.#seen) raw.add(s);
    const forms = [...new Set([...raw].flatMap(secretForms))];
    let index: PrefixIndex | null = null;
    if (forms.length > 32) {
      index = { byPrefix: new Map(), firstTwo: new Set() };
      for (const f of forms) {
        const k = f.slice(0, MIN_SECRET);
        index.firstTwo.add(twoAt(f, 0));
        const byLength = index.byPrefix.get(k) ?? new Map<number, Set<string>>();
        index.byPrefix.set(k, byLength);
        const set = byLength.get(f.length) ?? new Set<string>();
        byLength.set(f.length, set);
        set.add(f);
      }
    }
    this.#compiled = { forms, index };
    return this.#compiled;
  }
  /** JSON.stringify must never see the contents. */
  toJSON(): string {
    return '[vault]';
  }
}
