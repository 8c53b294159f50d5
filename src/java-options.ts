/**
 * Java system properties that carry AWS credentials (`-Daws.accessKeyId=...`), as found in
 * JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS or a java command line.
 * mirrors aws/aws-sdk-java-v2 core/sdk-core/src/main/java/software/amazon/awssdk/core/SdkSystemSetting.java
 * (AWS_ACCESS_KEY_ID → aws.accessKeyId, AWS_SECRET_ACCESS_KEY → aws.secretAccessKey,
 * AWS_SESSION_TOKEN → aws.sessionToken) and SystemPropertyCredentialsProvider (aws.secretKey is
 * the legacy alternative name of the secret).
 */
import { maskKeyId } from './redact.ts';

const SECRET_PROPS = ['aws.secretAccessKey', 'aws.secretKey', 'aws.sessionToken'];
const PROP = /-D(aws\.(?:accessKeyId|secretAccessKey|secretKey|sessionToken))=("[^"]*"|'[^']*'|\S*)/g;

const unquote = (v: string): string => (/^(["']).*\1$/.test(v) ? v.slice(1, -1) : v);

/** The aws.* credential properties set in an options string or command line; last one wins, as in the JVM. */
export function parseJavaCredentialProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(PROP)) if (m[1] !== undefined && m[2] !== undefined) out[m[1]] = unquote(m[2]);
  return out;
}

/** The same text with secret property values replaced and key ids masked. */
export function redactJavaOptions(text: string): string {
  return text.replace(PROP, (_all, name: string, value: string) => {
    const v = unquote(value);
    if (SECRET_PROPS.includes(name)) return `-D${name}=<redacted: ${v.length} chars>`;
    return `-D${name}=${maskKeyId(v)}`;
  });
}
