/** Findings about the app process beside the shell (ECS Exec) and the files its user can read. */
import { spec } from './types.ts';

export const APP = {
  TOKEN_FILE_UNREADABLE_BY_APP: spec<{ what: string; path: string; uid: string; why: string }>({
    severity: 'error',
    title: "A file the app needs is not readable by the app's user",
    rank: 3,
    explainsNoCredentials: true,
    describe: (a) => ({
      message: `${a.what} ${a.path} is not readable by the app's user (uid ${a.uid}): ${a.why}. This shell may read it (root), the app cannot.`,
      fix: 'Make the file readable by the app user (for EKS, set fsGroup in the pod securityContext; otherwise chmod/chown it in the image), or run the app as a user that can read it.',
      headline: `The app's user (uid ${a.uid}) cannot read ${a.path} (${a.what}).`,
    }),
  }),
  EXEC_SHELL_DIFFERS_FROM_APP: spec<{ shell: string; app: string; pid: string; differences: string }>({
    severity: 'warning',
    title: 'This shell would get other credentials than the app',
    rank: 40,
    describe: (a) => ({
      message: `This shell would get ${a.shell}, but the app (pid ${a.pid}) gets ${a.app}; the report above is the app's view. Differences: ${a.differences}.`,
      fix: "Test as the app runs: the entrypoint may export or unset variables; check the app's /proc/<pid>/environ, not the shell's env.",
    }),
  }),
};
