/** Masking and redaction: the only ways a credential-shaped value may reach output. */

/** `ASIAEXAMPLEKEYWXYZ` → `ASIA************WXYZ` (prefix tells user vs temporary keys). */
export function maskKeyId(keyId: string): string {
  const id = keyId.trim();
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
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4 && out.includes(s)) out = out.split(s).join('<redacted>');
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
