/** Rules about the app process beside the shell (ECS Exec). */
import { draft, type Draft } from '../../findings/registry.ts';
import type { RuleInput } from '../input.ts';

/** A file the chain needs that the app's user cannot read. */
export function appFileAccess(i: RuleInput): Draft[] {
  const uid = String(i.facts.app?.uid ?? '?');
  return (i.facts.appFileAccess ?? []).filter((a) => !a.readable).map((a) => draft('TOKEN_FILE_UNREADABLE_BY_APP', { what: a.what, path: a.path, uid, why: a.why }, [{ label: 'path', value: a.path }]));
}

/** The shell that runs the tool would get other credentials than the app. */
export function shellDiffers(i: RuleInput): Draft[] {
  const shell = i.facts.shell;
  const app = i.facts.app;
  if (!shell) return [];
  const appWinner = i.winner ? `${i.winner.source} (${i.winner.accessKeyId})` : 'no credentials';
  const shellWinner = shell.winner ? `${shell.winner.source} (${shell.winner.accessKeyId})` : 'no credentials';
  if (appWinner === shellWinner) return [];
  const diffs = [shell.envDiff.length ? shell.envDiff.join(', ') : 'none in the environment'];
  if (shell.home !== app?.home) diffs.push(`HOME ${shell.home ?? '(unset)'} vs the app's ${app?.home ?? '(unset)'}`);
  if (shell.uid !== app?.uid) diffs.push(`uid ${shell.uid ?? '?'} vs the app's ${app?.uid ?? '?'}`);
  return [
    draft(
      'EXEC_SHELL_DIFFERS_FROM_APP',
      { shell: shellWinner, app: appWinner, pid: String(app?.pid ?? '?'), differences: diffs.join('; ') },
      shell.envDiff.map((n) => ({ label: 'differs', value: n })),
    ),
  ];
}

/** The app's view was asked for (or PID 1's assumed) and could not be read: said, never silent. */
export function appViewUnavailable(i: RuleInput): Draft[] {
  const v = i.facts.view;
  const a = i.facts.app;
  const failure = v?.failure ?? (a && !a.readable ? { kind: 'unreadable', pid: a.pid, error: a.error ?? 'unknown error' } : null);
  if (!failure) return [];
  const container = v?.container ?? '';
  // asked for by name, the app's view is the answer the run owes: without it the run fails
  return [draft('APP_VIEW_UNAVAILABLE', { kind: failure.kind, pid: String(failure.pid ?? ''), container, error: failure.error }, [{ label: 'failed', value: failure.error }], container ? 'error' : 'warning')];
}

/** From a sidecar of a task with a shared process namespace, without --container: how to pick one. */
export function appContainerNotChosen(i: RuleInput): Draft[] {
  const v = i.facts.view;
  if (!v || v.container !== null) return [];
  const others = v.containers.filter((c) => !c.self && c.pids.length > 0);
  const first = others[0];
  if (!first) return [];
  const containers = others.map((c) => `${c.name} (pid${c.pids.length === 1 ? '' : 's'} ${c.pids.slice(0, 5).join(', ')}${c.pids.length > 5 ? ', …' : ''})`).join(', ');
  const judged = i.facts.app ? `pid ${i.facts.app.pid}` : 'this process';
  return [
    draft(
      'APP_CONTAINER_NOT_CHOSEN',
      { containers, judged, first: first.name },
      others.map((c) => ({ label: c.name, value: c.dockerId })),
    ),
  ];
}
