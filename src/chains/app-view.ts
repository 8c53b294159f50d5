/**
 * The facts as the app sees them. Gathering runs as root (ECS Exec) and records what it read
 * beside what the app's user can read (facts.appFileAccess); the chain is judged with the app's
 * eyes: a token file the app cannot read is unreadable to its SDK, and a container request that
 * needs it is never sent. The observed facts stay as they were observed (the report shows both).
 */
import type { ContainerProbe, Facts } from '../model/facts.ts';

export function appViewOf(facts: Facts): Facts {
  const denied = (facts.appFileAccess ?? []).filter((a) => !a.readable);
  if (denied.length === 0) return facts;
  const uid = facts.app?.uid ?? '?';
  const view: Facts = { ...facts };
  for (const a of denied) {
    const error = `not readable by the app's uid ${uid} (${a.why})`;
    if (view.webIdentityTokenFile?.path === a.path) view.webIdentityTokenFile = { ...view.webIdentityTokenFile, state: 'unreadable', error };
    if (view.containerTokenFile?.path === a.path && view.container) {
      view.containerTokenFile = { ...view.containerTokenFile, state: 'unreadable', error };
      const unsent = (p: ContainerProbe): ContainerProbe => ({
        ...p,
        http: null,
        document: null,
        notSent: { code: 'TOKEN_FILE_UNREADABLE', message: `the token file ${a.path} is not readable by the app's uid ${uid} (${a.why}), so the SDK fails before sending` },
      });
      view.container = unsent(view.container);
      // every other request that carries the file's token is not sent either (issue 11 item 5)
      if (view.containerProbes) view.containerProbes = Object.fromEntries(Object.entries(view.containerProbes).map(([k, p]) => [k, p.authorization === 'token-file' ? unsent(p) : p]));
    }
  }
  return view;
}
