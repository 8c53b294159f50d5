/** Runs a child process to its exit and collects what it printed: the one way test harnesses wait for a command. */
import { spawn } from 'node:child_process';

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** wall time from spawn to the streams' close */
  ms: number;
}

export interface RunChildOptions {
  /** the child's whole environment: nothing of this process's is passed on */
  env: Record<string, string>;
  cwd?: string;
  /** then the child is killed (SIGKILL) and the promise rejects with the output so far */
  timeoutMs: number;
  /** names the child in that error; the command by default */
  name?: string;
  /** written to the child's stdin, which is then closed; without it stdin is closed at once (EOF) */
  input?: string;
}

// a timed-out child with a debug log (the AWS CLI's --debug) could print megabytes into one error message
const TAIL_CHARS = 4000;
const tail = (text: string): string => (text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : text);

/** Runs `cmd args` with stdin closed (after `input`); rejects when it cannot start or does not exit within `timeoutMs`. */
export function runChild(cmd: string, args: readonly string[], { env, cwd, timeoutMs, name = cmd, input }: RunChildOptions): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    // a child that exits without reading its input must not fail the run with EPIPE
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    let stdout = '';
    let stderr = '';
    // decoded as a stream, so a character split across two chunks stays whole
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not exit within ${timeoutMs} ms; stdout so far:\n${tail(stdout)}\nstderr:\n${tail(stderr)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}
