/**
 * THE parser of Java `-Daws.*` system properties, as the JVM sees them: in JAVA_TOOL_OPTIONS,
 * JDK_JAVA_OPTIONS, the java command line and _JAVA_OPTIONS. Pure and tiny, and here (not in
 * src/sdks/java-v2/) because gathering needs it too (redaction, the credential vault) and gather
 * does not import the SDK folders; src/sdks/java-v2/system-properties.ts reads settings through it,
 * so the report and the STS calls see the same properties.
 * mirrors aws/aws-sdk-java-v2 core/sdk-core/src/main/java/software/amazon/awssdk/core/SdkSystemSetting.java
 * (AWS_ACCESS_KEY_ID → aws.accessKeyId, AWS_SECRET_ACCESS_KEY → aws.secretAccessKey,
 * AWS_SESSION_TOKEN → aws.sessionToken) and SystemPropertyCredentialsProvider (aws.secretKey is
 * the legacy alternative name of the secret).
 */
import { maskKeyId } from './redact.ts';

/** The properties that carry credentials; the secret ones are never shown. */
const CREDENTIAL_PROPS = ['aws.accessKeyId', 'aws.secretAccessKey', 'aws.secretKey', 'aws.sessionToken'];
const SECRET_PROPS = ['aws.secretAccessKey', 'aws.secretKey', 'aws.sessionToken'];

/**
 * `-Daws.x=value`, quoted or not; a value redacted by redactJavaOptions arrives as
 * `<redacted: N chars>` and is kept whole, so that N=0 still reads as empty.
 */
const PROP = /-D(aws\.[A-Za-z0-9_.]+)=(<redacted: \d+ chars>(?=\s|$)|"[^"]*"|'[^']*'|\S*)/g;

const unquote = (v: string): string => (/^(["']).*\1$/.test(v) ? v.slice(1, -1) : v);

/**
 * Where the JVM takes options from, in the order it applies them: JAVA_TOOL_OPTIONS, then
 * JDK_JAVA_OPTIONS (java launcher, JDK 9+), then the command line, then _JAVA_OPTIONS; a later
 * definition of the same property wins. null stands for the command line.
 */
export const JVM_OPTION_ORDER = ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', null, '_JAVA_OPTIONS'] as const;

/** Every `-Daws.*` property the JVM would see, with JVM_OPTION_ORDER's precedence. */
export function jvmSystemProperties(env: Readonly<Record<string, string | undefined>>, commandLine: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of JVM_OPTION_ORDER) {
    const text = source === null ? commandLine : env[source];
    if (!text) continue;
    for (const m of text.matchAll(PROP)) if (m[1] !== undefined && m[2] !== undefined) out[m[1]] = unquote(m[2]);
  }
  return out;
}

/** The credential properties among `props` (what gathering keeps in the vault). */
export function credentialProperties(props: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(props).filter(([name]) => CREDENTIAL_PROPS.includes(name)));
}

/** The aws.* credential properties set in one options string or command line; the last one wins. */
export function parseJavaCredentialProperties(text: string): Record<string, string> {
  return credentialProperties(jvmSystemProperties({}, text));
}

/** The same text with secret property values replaced and key ids masked. */
export function redactJavaOptions(text: string): string {
  return text.replace(PROP, (all, name: string, value: string) => {
    if (!CREDENTIAL_PROPS.includes(name)) return all;
    const v = unquote(value);
    if (SECRET_PROPS.includes(name)) return `-D${name}=<redacted: ${v.length} chars>`;
    return `-D${name}=${maskKeyId(v)}`;
  });
}
