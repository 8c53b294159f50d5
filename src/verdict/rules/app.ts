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
