/** Findings about the shared config and credentials files and the profile the SDK uses. */
import { spec } from './types.ts';

export const PROFILE = {
  PROFILE_NOT_FOUND: spec<{ variable: string; profile: string; configFile: string; credentialsFile: string; ignored: string; sdk: string; stops: string }>({
    severity: 'warning',
    title: 'The profile named by AWS_PROFILE (or AWS_DEFAULT_PROFILE) is in neither file',
    rank: 5,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `${a.variable}=${a.profile} names a profile that is in neither ${a.configFile} nor ${a.credentialsFile}${a.ignored ? ` (${a.ignored})` : ''}; ${a.stops === 'yes' ? `${a.sdk} fails before trying any source` : `${a.sdk} moves on without it`}.`,
      fix: `Fix ${a.variable}, or add the profile to the image's config, or unset ${a.variable}.`,
      // only where the SDK stops on it; otherwise the identity it ends with is the news
      ...(a.stops === 'yes' ? { headline: `${a.variable}=${a.profile} names a profile that does not exist: ${a.sdk} fails before trying any source.` } : {}),
    }),
  }),
  PROFILE_INVALID: spec<{ profile: string; detail: string }>({
    severity: 'warning',
    title: 'The profile has credential settings the SDK cannot use',
    rank: 20,
    describe: (a) => ({
      message: `Profile ${a.profile} has credential settings, but the SDK cannot use them: ${a.detail}`,
      fix: "Complete or remove the profile's credential settings.",
    }),
  }),
  PROFILE_FILE_UNREADABLE: spec<{ path: string; origin: string; state: string; detail: string }>({
    severity: 'warning',
    title: 'A shared config or credentials file cannot be read',
    rank: 20,
    describe: (a) => ({
      message: `${a.path} (from ${a.origin}) ${a.state === 'not-a-file' ? 'is not a regular file' : a.state === 'too-large' ? 'is too large to read' : 'cannot be read'}: ${a.detail}.`,
      fix: 'Fix the file (or the variable that points at it) so the app user can read it.',
    }),
  }),
};
