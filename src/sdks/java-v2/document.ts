/**
 * How the Java SDK v2 reads a credentials document from the container endpoint or IMDS:
 * only AccessKeyId and SecretAccessKey are required; Token and Expiration are optional; a
 * trailing "+0000" is rewritten to "Z" and the value parsed as an ISO-8601 instant.
 * mirrors aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/internal/HttpCredentialsLoader.java
 * (loadCredentials, LoadedCredentials.parseExpiration) and utils/.../utils/DateUtils.java (parseIso8601Date:
 * ISO_INSTANT, then yyyy-MM-dd'T'HH:mm:ss'Z').
 */
import type { CredentialsDocument } from '../../model/facts.ts';

/**
 * ISO_INSTANT as the JDK parses it (case-insensitive, optional fraction, `Z`); an offset such as
 * `+01:00` is accepted only by newer JDKs, so it is reported as unknown rather than judged.
 */
export function javaParsesExpiration(value: string): 'ok' | 'error' | 'jdk-dependent' {
  const v = value.replace(/\+0000$/, 'Z');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/i.test(v)) return 'ok';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?[+-]\d{2}:?\d{2}$/i.test(v)) return 'jdk-dependent';
  return 'error';
}

export type JavaDocumentVerdict = { ok: true; note: string } | { ok: false; why: string } | { ok: 'unknown'; why: string };

/** The verdict of HttpCredentialsLoader on a parsed (redacted) body. */
export function judgeJavaDocument(doc: CredentialsDocument | null, parseError: string | null): JavaDocumentVerdict {
  if (parseError) return { ok: false, why: `Failed to load credentials from metadata service (${parseError})` };
  if (!doc) return { ok: false, why: 'Failed to load credentials from metadata service (no body)' };
  const t = doc.fieldTypes;
  if (t['AccessKeyId'] === undefined || t['AccessKeyId'] === 'null') return { ok: false, why: 'Failed to load access key from metadata service.' };
  if (t['SecretAccessKey'] === undefined || t['SecretAccessKey'] === 'null') return { ok: false, why: 'Failed to load secret key from metadata service.' };
  if (t['AccessKeyId'] !== 'string' || t['SecretAccessKey'] !== 'string') {
    return { ok: 'unknown', why: `AccessKeyId is ${t['AccessKeyId']} and SecretAccessKey is ${t['SecretAccessKey']}; the SDK takes their JSON text, which was not modelled for non-strings` };
  }
  if (doc.accessKeyId === '') return { ok: false, why: 'accessKeyId must not be blank.' };
  const exp = t['Expiration'];
  if (exp !== undefined && exp !== 'null') {
    if (exp !== 'string' || doc.expiration === null) return { ok: false, why: `Unable to parse credentials expiration date from metadata service (Expiration is ${exp})` };
    const parsed = javaParsesExpiration(doc.expiration);
    if (parsed === 'error') return { ok: false, why: `Unable to parse credentials expiration date from metadata service (Expiration ${JSON.stringify(doc.expiration)} is not ISO-8601)` };
    if (parsed === 'jdk-dependent') return { ok: 'unknown', why: `Expiration ${JSON.stringify(doc.expiration)} carries an offset, which only newer JDKs parse` };
  }
  const missing = ['Token', 'Expiration'].filter((k) => t[k] === undefined || t[k] === 'null');
  return { ok: true, note: missing.length > 0 ? ` (no ${missing.join(' or ')}: accepted as ${t['Token'] === 'string' ? 'session' : 'basic'} credentials${t['Expiration'] === 'string' ? '' : ' without expiry'})` : '' };
}
