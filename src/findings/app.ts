/** Findings about the app process beside the shell (ECS Exec) and the files its user can read. */
import type { AppView, Facts } from '../model/facts.ts';
import { spec } from './types.ts';

/** What to do about each way the app's view can fail (AppView['failure'] kinds). */
const VIEW_FIXES: Record<NonNullable<AppView['failure']>['kind'], string> = {
  'no-metadata': 'Run the tool in a container of the same ECS task (a doctor sidecar), where ECS_CONTAINER_METADATA_URI_V4 is set, or name the app process with --pid.',
  'unknown-container': "Name one of the task's containers (containerDefinitions[].name) with --container.",
  'not-shared': 'Set "pidMode": "task" in the task definition (Fargate platform 1.4.0+, or EC2) so the sidecar sees the app\'s processes, or run the tool in the app\'s own container (ECS Exec into it).',
  unreadable: "Run the tool as root or as the app's user; when the users differ, add SYS_PTRACE to the sidecar's linuxParameters.capabilities.add; or name a process this user can read with --pid.",
};

/** Whose view the report is, in one line (text header and JSON `view`); null when it is simply this process's. */
export function describeView(f: Facts): string | null {
  const v = f.view;
  const a = f.app;
  const where = v?.container ? `the app in container \`${v.container}\`` : 'the app';
  if (v?.failure || (a && !a.readable)) {
    const pid = v?.failure?.pid ?? a?.pid;
    return `this shell's view: ${where}${pid ? ` (pid ${pid})` : ''} could not be read (${v?.failure?.error ?? a?.error ?? 'unknown error'})`;
  }
  if (!a) return null;
  const how = v?.container ? `chosen as ${v.why}, read through the shared process namespace` : a.how === 'pid1' ? 'PID 1, as this tool is not PID 1' : 'named with --pid';
  return `${where}, pid ${a.pid}, uid ${a.uid ?? '?'} (${how}${a.root ? `; its files through ${a.root}` : ''})`;
}

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
  APP_VIEW_UNAVAILABLE: spec<{ kind: string; pid: string; container: string; error: string }>({
    severity: 'warning',
    title: "The app's view could not be read; the report is this shell's",
    rank: 2,
    describe: (a) => ({
      message: `The app${a.container ? ` in container ${a.container}` : ''}${a.pid ? ` (pid ${a.pid})` : ''} could not be read: ${a.error}. The report judges this shell's environment and files instead, which may not be what the app gets.`,
      fix: VIEW_FIXES[a.kind as keyof typeof VIEW_FIXES] ?? VIEW_FIXES.unreadable,
      headline: `The app${a.container ? ` in container ${a.container}` : ''} could not be read; this is this shell's view.`,
    }),
  }),
  APP_CONTAINER_NOT_CHOSEN: spec<{ containers: string; judged: string; first: string }>({
    severity: 'info',
    title: "The task's other containers are visible: name the app's with --container",
    rank: 50,
    describe: (a) => ({
      message: `This task shares its process namespace: this tool sees the processes of ${a.containers}. The report judges ${a.judged}, which may not be the app.`,
      fix: `Name the app's container: ecs-cred-doctor --container ${a.first}`,
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
