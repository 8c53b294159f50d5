// Property tests for the container credentials document and agent error parsing
// (src/gather/container.ts documentOf, agentErrorOf). Pure: no request is made.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentErrorOf, documentOf } from '../../src/gather/container.ts';
import { maskKeyId } from '../../src/redact.ts';
import { anyString } from './arbitraries.ts';

const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

const keyId = fc.tuple(fc.constantFrom('ASIA', 'AKIA'), fc.stringMatching(/^[A-Z2-7]{16}$/)).map(([p, r]) => p + r);
const secretText = fc.oneof(fc.base64String({ minLength: 4, maxLength: 120 }), fc.string({ unit: 'binary', minLength: 4, maxLength: 40 }));

/** A credentials document as the ECS agent, EKS Pod Identity or a broken server might send it. */
const documentArb = fc
  .record(
    {
      AccessKeyId: fc.oneof(keyId, fc.jsonValue()),
      SecretAccessKey: fc.oneof(secretText, fc.jsonValue()),
      Token: fc.oneof(secretText, fc.jsonValue()),
      Expiration: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.jsonValue(),
      ),
      RoleArn: fc.oneof(fc.constant('arn:aws:iam::123456789012:role/app'), fc.jsonValue()),
      AccountId: fc.oneof(fc.stringMatching(/^\d{12}$/), fc.jsonValue()),
      Code: fc.oneof(fc.constantFrom('Success', 'AccessDenied'), fc.jsonValue()),
    },
    { requiredKeys: [] },
  )
  .chain((doc) => fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((extra) => ({ ...extra, ...doc })));

const SECRET_FIELDS = ['SecretAccessKey', 'Token'] as const;

describe('documentOf', () => {
  it('never throws on any JSON value or any JS value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), anyValue, documentArb), (v) => {
        const doc = documentOf(v);
        expect(typeof doc.fieldTypes).toBe('object');
        JSON.stringify(doc);
      }),
      { numRuns: 400 },
    );
  });

  it('the output does not depend on the SecretAccessKey and Token values (only on their types)', () => {
    fc.assert(
      fc.property(documentArb, secretText, secretText, (doc, a, b) => {
        const withA: Record<string, unknown> = { ...doc };
        const withB: Record<string, unknown> = { ...doc };
        for (const f of SECRET_FIELDS) {
          if (typeof doc[f] !== 'string') continue;
          withA[f] = a;
          withB[f] = b;
        }
        expect(documentOf(withA)).toEqual(documentOf(withB));
      }),
      { numRuns: 300 },
    );
  });

  it('JSON.stringify(documentOf(doc)) never holds the SecretAccessKey or Token value', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const text = JSON.stringify(documentOf(doc));
        // The same text elsewhere in the document (another field, a key) or in the fixed vocabulary
        // of the output ("string", "accessKeyId", ...) is no leak: compare with the secrets blanked.
        const blanked: Record<string, unknown> = { ...doc };
        for (const f of SECRET_FIELDS) if (typeof doc[f] === 'string') blanked[f] = '';
        const elsewhere = JSON.stringify([blanked, Object.keys(doc)]) + JSON.stringify(documentOf(blanked));
        for (const f of SECRET_FIELDS) {
          const s = doc[f];
          if (typeof s !== 'string' || s.length < 4) continue;
          const needle = JSON.stringify(s).slice(1, -1); // as it would appear inside JSON text
          if (elsewhere.includes(needle)) continue;
          expect(text.includes(needle), `${f} ${JSON.stringify(s)} in ${text}`).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('masks the access key id', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const out = documentOf(doc);
        const k = doc['AccessKeyId'];
        expect(out.accessKeyId).toBe(typeof k === 'string' ? maskKeyId(k) : null);
        if (typeof k === 'string' && /^A[A-Z]{3}[A-Z2-7]{16}$/.test(k)) expect(out.accessKeyId).toBe(`${k.slice(0, 4)}${'*'.repeat(12)}${k.slice(-4)}`);
      }),
      { numRuns: 300 },
    );
  });

  // fieldTypes is a plain object: `fieldTypes["__proto__"] = "number"` sets no property, so a
  // document field named __proto__ (JSON.parse makes it an own property) is left out.
  it('names the JSON type of every field of the document', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 6 }).map((d) => JSON.parse(JSON.stringify(d)) as Record<string, unknown>),
        (doc) => {
          const out = documentOf(doc);
          for (const [f, v] of Object.entries(doc)) {
            const type = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
            expect(Object.hasOwn(out.fieldTypes, f) ? out.fieldTypes[f] : `(missing ${f})`, f).toBe(type);
          }
        },
      ),
      { numRuns: 300, examples: [[JSON.parse('{"__proto__":1}') as Record<string, unknown>]] },
    );
  });
});

describe('agentErrorOf', () => {
  it('never throws on any string; a message is capped at 500 characters', () => {
    const body = fc.oneof(
      anyString(700),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ code: fc.jsonValue(), message: fc.jsonValue(), Code: fc.jsonValue(), Message: fc.jsonValue() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(body, (text) => {
        const r = agentErrorOf(text);
        expect(r.code === null || typeof r.code === 'string').toBe(true);
        expect(r.message === null || (typeof r.message === 'string' && r.message.length <= 500)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reads {"code","message"} (either case) and keeps text bodies, trimmed', () => {
    const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(word, word, fc.boolean(), fc.string({ unit: 'grapheme', maxLength: 600 }), (code, message, upper, text) => {
        const json = JSON.stringify(upper ? { Code: code, Message: message } : { code, message });
        expect(agentErrorOf(json)).toEqual({ code, message: message.slice(0, 500) });
        let parsesAsObject = false;
        try {
          const p: unknown = JSON.parse(text);
          parsesAsObject = typeof p === 'object' && p !== null && !Array.isArray(p);
        } catch {
          // a text body
        }
        if (!parsesAsObject) {
          const t = text.trim().slice(0, 500);
          expect(agentErrorOf(text)).toEqual({ code: null, message: t === '' ? null : t });
        }
      }),
      { numRuns: 300 },
    );
  });
});
