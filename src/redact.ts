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

/**
 * Removes every known secret from a text that may echo one (an error message, a body).
 * Values shorter than 4 characters are not searched for: they would redact ordinary words.
 */
export function scrub(text: string, secrets: Iterable<string>): string {
  // every occurrence of every secret in the original text, merged, replaced once: replacing
  // one secret at a time could cut another (overlapping or containing) secret in pieces
  const spans: [number, number][] = [];
  for (const s of secrets) {
    if (s.length < 4) continue;
    for (let i = text.indexOf(s); i !== -1; i = text.indexOf(s, i + 1)) spans.push([i, i + s.length]);
  }
  let out = text;
  if (spans.length > 0) {
    spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [a, b] of spans) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    out = '';
    let at = 0;
    for (const [a, b] of merged) {
      out += `${text.slice(at, a)}<redacted>`;
      at = b;
    }
    out += text.slice(at);
  }
  // Authorization-looking and AWS key-id-looking tokens that slipped through are masked too.
  out = out.replace(/\b(A(?:KIA|SIA|ROA|IDA|GPA|NPA|NVA|PKA|3T)[A-Z0-9]{12,})\b/g, (m) => maskKeyId(m));
  return out;
}

/** A place where the process keeps secrets it needs for its own calls; never serialised. */
export class Vault {
  readonly #creds = new Map<string, { accessKeyId: string; secretAccessKey: string; sessionToken?: string }>();
  readonly #tokens = new Map<string, string>();

  putCredentials(ref: string, c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): void {
    this.#creds.set(ref, c);
  }
  credentials(ref: string): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
    return this.#creds.get(ref);
  }
  putToken(ref: string, token: string): void {
    this.#tokens.set(ref, token);
  }
  token(ref: string): string | undefined {
    return this.#tokens.get(ref);
  }
  /** Every secret value held, for scrubbing text before it is stored or printed. */
  *secrets(): Generator<string> {
    for (const c of this.#creds.values()) {
      yield c.secretAccessKey;
      if (c.sessionToken) yield c.sessionToken;
    }
    yield* this.#tokens.values();
  }
  /** JSON.stringify must never see the contents. */
  toJSON(): string {
    return '[vault]';
  }
}
