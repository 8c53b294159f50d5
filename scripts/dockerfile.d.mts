// Types for scripts/dockerfile.mjs (plain JS, so scripts/dockerfile-steps.mjs runs without a
// TypeScript loader); test/dockerfile.test.ts needs them.

export interface Instruction {
  /** upper case: FROM, RUN, COPY, ... */
  keyword: string;
  /** everything after the keyword, continuations joined (escape char and newline removed) */
  args: string;
  /** the exec (JSON array) form, or null for the shell form */
  json: string[] | null;
  /** 1-based line where the instruction starts */
  line: number;
}

export interface Stage {
  index: number;
  name: string | null;
  /** the image (or earlier stage) it starts from */
  from: string;
  /** 1-based line of its FROM */
  line: number;
  instructions: Instruction[];
}

/** What this reader cannot make sense of; the message starts with the line where it can. */
export class DockerfileError extends Error {
  code: 'ERR_DOCKERFILE';
}

/** The instructions of a Dockerfile, continuations joined, comments and blank lines dropped. */
export function parseDockerfile(text: string): Instruction[];
/** Splits shell-form arguments into words: quotes group and are removed, backslash escapes. */
export function words(args: string): string[];
/** `--name=value` flags first, then the rest; the exec form has no flags. */
export function flagsAndRest(ins: Instruction): { flags: Map<string, string>; rest: string[] };
/** ENV and LABEL: `k=v k2="v 2"`, or the legacy `ENV k the rest`; ARG: `name[=default]` (null: no default). */
export function keyValues(ins: Instruction): [string, string | null][];
/** The stages in file order, each with its own instructions (ARGs before the first FROM are left out). */
export function stagesOf(instructions: Instruction[]): Stage[];
