// A small Dockerfile reader, for when there is no Docker engine: test/dockerfile.test.ts checks
// Dockerfile.debug with it and scripts/dockerfile-steps.mjs replays its steps. It reads only
// what those two need and fails loudly on the rest (heredocs, unknown escape characters), so a
// Dockerfile it cannot read is never checked half-way. Plain JS so the script runs without a
// TypeScript loader; types in dockerfile.d.mts.

/** What this reader cannot make sense of; the message starts with the line where it can. */
export class DockerfileError extends Error {
  code = 'ERR_DOCKERFILE';
}

/** Parser directives (`# syntax=...`, `# escape=...`) are only read before the first instruction. */
function escapeCharOf(lines) {
  for (const raw of lines) {
    const m = /^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(raw);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape') {
      if (m[2] !== '\\' && m[2] !== '`') throw new DockerfileError(`unsupported escape directive ${m[2]}`);
      return m[2];
    }
  }
  return '\\';
}

function execForm(args) {
  if (!args.startsWith('[')) return null;
  try {
    const v = JSON.parse(args);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null; // Docker treats an invalid JSON array as the shell form too
  }
}

function toInstruction(text, line) {
  const m = /^([A-Za-z]+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!m) throw new DockerfileError(`line ${line}: not an instruction: ${text}`);
  const keyword = m[1].toUpperCase();
  const args = (m[2] ?? '').trim();
  if (/<<-?['"]?[A-Za-z_]/.test(args) && (keyword === 'RUN' || keyword === 'COPY')) throw new DockerfileError(`line ${line}: heredocs are not supported by this parser`);
  return { keyword, args, json: execForm(args), line };
}

/** The instructions of a Dockerfile, continuations joined, comments and blank lines dropped. */
export function parseDockerfile(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const escapeChar = escapeCharOf(lines);
  const out = [];
  let pending = null;
  for (const [i, raw] of lines.entries()) {
    const trimmed = raw.trim();
    // comment lines are dropped, also in the middle of a continued instruction; so are empty
    // lines (inside a continuation: deprecated by Docker, still accepted)
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const body = raw.replace(/\s+$/, '');
    const continued = body.endsWith(escapeChar);
    const part = continued ? body.slice(0, -1) : body;
    pending = pending === null ? { text: part.trimStart(), line: i + 1 } : { text: pending.text + part, line: pending.line };
    if (continued) continue;
    out.push(toInstruction(pending.text, pending.line));
    pending = null;
  }
  if (pending !== null) throw new DockerfileError(`line ${pending.line}: the file ends inside a continued instruction`);
  return out;
}

/** Splits shell-form arguments into words: quotes group and are removed, backslash escapes. */
export function words(args) {
  const out = [];
  let cur = '';
  let inWord = false;
  let quote = null;
  for (let i = 0; i < args.length; i++) {
    const c = args.charAt(i);
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < args.length) cur += args.charAt(++i);
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < args.length) {
      cur += args.charAt(++i);
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote !== null) throw new DockerfileError(`unterminated ${quote} in: ${args}`);
  if (inWord) out.push(cur);
  return out;
}

/** `--name=value` flags first, then the rest; the exec form has no flags. */
export function flagsAndRest(ins) {
  if (ins.json) return { flags: new Map(), rest: ins.json };
  const all = words(ins.args);
  const flags = new Map();
  while (all[0]?.startsWith('--')) {
    const f = all.shift() ?? '';
    const eq = f.indexOf('=');
    flags.set(eq < 0 ? f.slice(2) : f.slice(2, eq), eq < 0 ? '' : f.slice(eq + 1));
  }
  return { flags, rest: all };
}

/** ENV and LABEL: `k=v k2="v 2"`, or the legacy `ENV k the rest`; ARG: `name[=default]` (null: no default). */
export function keyValues(ins) {
  const ws = words(ins.args);
  if (ins.keyword === 'ARG') {
    return ws.map((w) => {
      const eq = w.indexOf('=');
      return eq < 0 ? [w, null] : [w.slice(0, eq), w.slice(eq + 1)];
    });
  }
  if (ws.length > 0 && !ws[0].includes('=')) return [[ws[0], ws.slice(1).join(' ')]];
  return ws.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new DockerfileError(`line ${ins.line}: ${ins.keyword} word without =: ${w}`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** The stages in file order, each with its own instructions (ARGs before the first FROM are left out). */
export function stagesOf(instructions) {
  const stages = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const { rest } = flagsAndRest(ins);
      const [from = '', as, name] = rest;
      if (!from || (as !== undefined && (as.toLowerCase() !== 'as' || !name)) || rest.length > 3) throw new DockerfileError(`line ${ins.line}: bad FROM ${ins.args}`);
      stages.push({ index: stages.length, name: name ?? null, from, line: ins.line, instructions: [] });
    } else if (stages.length > 0) stages[stages.length - 1].instructions.push(ins);
    else if (ins.keyword !== 'ARG') throw new DockerfileError(`line ${ins.line}: ${ins.keyword} before any FROM`);
  }
  if (stages.length === 0) throw new DockerfileError('no FROM');
  return stages;
}
