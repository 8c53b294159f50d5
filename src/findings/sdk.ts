/** Findings about traps of one SDK or one of its releases; the facts come from that SDK's folder. */
import { spec } from './types.ts';

export const SDK = {
  SDK_TOO_OLD_FOR_POD_IDENTITY: spec<{ sdk: string; minimum: string; host: string; tokenFile: string }>({
    severity: 'error',
    title: 'This SDK version predates EKS Pod Identity',
    rank: 3,
    explainsNoCredentials: true,
    describe: (a) => {
      const what = [a.host ? `refuses the full URI host ${a.host}` : '', a.tokenFile === 'yes' ? 'ignores AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE' : ''].filter(Boolean).join(' and ');
      return {
        message: `${a.sdk} predates EKS Pod Identity support (${a.minimum}): it ${what}.`,
        fix: `Upgrade the SDK to ${a.minimum} or newer (see the EKS Pod Identity "supported SDK versions" list).`,
        headline: `The app's SDK (${a.sdk}) is too old for EKS Pod Identity (needs ${a.minimum}).`,
      };
    },
  }),
  PARTIAL_ENV_KEYS: spec<{ present: string; missing: string; sdk: string; stops: string }>({
    severity: 'warning',
    title: 'Only half of the env key pair is set',
    rank: 5,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `${a.present} is set without ${a.missing}: ${a.stops === 'yes' ? `${a.sdk} raises an error and no later source is tried` : `${a.sdk} ignores the half pair and moves on`}.`,
      fix: 'Set both variables or neither.',
      ...(a.stops === 'yes' ? { headline: `${a.present} is set without ${a.missing}: ${a.sdk} stops there.` } : {}),
    }),
  }),
  PROXY_INTERCEPTS_METADATA: spec<{ proxy: string; from: string; targets: string; hosts: string; sdk: string }>({
    severity: 'warning',
    title: 'A proxy would catch credential requests to link-local addresses',
    rank: 5,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `A proxy is configured (${a.proxy}, from ${a.from}) and NO_PROXY does not exempt ${a.hosts}: ${a.sdk} sends ${a.targets} requests to the proxy, which cannot reach link-local addresses.`,
      fix: `Add ${a.hosts} to NO_PROXY (and no_proxy).`,
      headline: `${a.sdk} sends ${a.targets} requests through the proxy ${a.proxy}, which cannot reach them.`,
    }),
  }),
  JAVA_SYSTEM_PROPERTIES_SHADOW: spec<{ shadowed: string }>({
    severity: 'warning',
    title: 'Java system properties shadow later sources',
    rank: 10,
    describe: (a) => ({
      message: `-Daws.accessKeyId/-Daws.secretAccessKey system properties (JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS or the java command line) win before ${a.shadowed}.`,
      fix: 'Remove the -Daws.* credential properties from the JVM options.',
    }),
  }),
  INSTANCE_ROLE_FALLBACK: spec<{ failed: string; sdk: string }>({
    severity: 'warning',
    title: 'A failing source falls through to the EC2 instance role',
    rank: 5,
    describe: (a) => ({
      message: `${a.failed} failed, and ${a.sdk} fell through to the EC2 instance role: the app runs with the instance's permissions instead of its own role.`,
      fix: 'Fix the failing source (see the chain); block IMDS for tasks so a failure is an error instead of a silent fallback.',
      headline: `${a.failed} fails, so the app falls through to the EC2 instance role.`,
    }),
  }),
};
