#!/usr/bin/env node
// `npm run -s pack:paste` (or `node scripts/pack-paste.mjs --out FILE`): a POSIX sh snippet
// that carries dist/ecs-cred-doctor.mjs (brotli at maximum quality, then base64) for pasting
// into a shell in the container, such as `aws ecs execute-command ... --command /bin/sh`, that
// has `node` but no network, and maybe no base64 binary: node itself decodes it (zlib, Buffer),
// checks the sha256 of the payload and of the file it writes, and writes the tool to
// ${TMPDIR:-/tmp}/ecs-cred-doctor.mjs only when both match. Then it prints how to run it.
// Where there is no `node`, the snippet prints one line pointing to the sidecar runbook and
// fails (status 1), instead of the shell's `node: not found` and 127.
//
// Made for pasting into a terminal: as few lines as possible, each of at most WIDTH bytes.
// A terminal's canonical mode keeps 4,095 bytes of a line (dash reads through it), but busybox
// sh (Alpine's shell) edits lines itself and keeps only 1,023: WIDTH stays under both. There is
// no tab (shells complete on it), no `!` (bash history expansion) and no single quote in the
// decoder (it sits in one). A failed or damaged paste leaves no runnable file behind, not even
// one from an earlier paste. The snippet's size goes to stderr; stdout carries only the
// snippet (with `npm run -s`, npm prints no banner into it).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bundlePath = `${repo}dist/ecs-cred-doctor.mjs`;
/** Bytes per line, newline excluded: under busybox sh's 1,023 (and a tty's 4,095) */
const WIDTH = 1000;
const END = 'ECD_PAYLOAD_END';
const HINT = 'ecs-cred-doctor: no node on PATH in this container: run the tool from a doctor sidecar instead (README, Runbooks)';

const argv = process.argv.slice(2);
const out = argv[0] === '--out' && argv.length === 2 ? argv[1] : null;
if (argv.length > 0 && out === null) {
  console.error('usage: node scripts/pack-paste.mjs [--out FILE]');
  process.exit(2);
}
if (!existsSync(bundlePath)) {
  console.error(`pack-paste: ${bundlePath} is missing: run \`npm run build\` first (or \`npm run -s pack:paste\`)`);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(`${repo}package.json`, 'utf8'));
const bundle = readFileSync(bundlePath);
const packed = brotliCompressSync(bundle, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bundle.length } });
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const b64 = packed.toString('base64');

// The decoder, run by `node -e`: ES5 and APIs of any node that has brotli (10.16+), so an old
// node gets as far as the tool's own version check. Its lines are joined by newlines inside
// the single quotes (or none: each ends its statement).
const decoder = [
  'var f=require("fs"),z=require("zlib"),c=require("crypto"),o=process.argv[1],t=o+".part-"+process.pid,d;',
  'function h(b){return c.createHash("sha256").update(b).digest("hex")}',
  'function x(w){try{f.unlinkSync(t)}catch(e){}process.stderr.write("ecs-cred-doctor: "+w+"\\nnothing was written; paste the whole snippet again\\n");process.exit(1)}',
  'try{f.unlinkSync(o)}catch(e){}',
  'var b=Buffer.from(f.readFileSync(0,"latin1").replace(/[^A-Za-z0-9+\\/=]/g,""),"base64");',
  `h(b)==="${sha256(packed)}"||x("checksum mismatch: the pasted payload is damaged or cut short");`,
  'try{d=z.brotliDecompressSync(b)}catch(e){x("cannot unpack: "+e.message)}',
  'try{f.writeFileSync(t,d,{mode:493})}catch(e){x("cannot write "+t+" ("+e.code+"): set TMPDIR to a writable directory")}',
  `h(f.readFileSync(t))==="${sha256(bundle)}"||x("checksum mismatch: "+t+" is not ecs-cred-doctor ${version}");`,
  `f.renameSync(t,o);console.log("ecs-cred-doctor ${version} written to "+o+" (sha256 checked)\\nrun it: node "+o+"  (or with --json, --help)")`,
];

// the decoder's statements, packed greedily into as few lines as fit between the shell words
const head = "if command -v node >/dev/null 2>&1; then node -e '";
const tail = `' "\${TMPDIR:-/tmp}/ecs-cred-doctor.mjs" <<'${END}'`;
const code = [head];
for (const statement of decoder) {
  const last = code.length - 1;
  if (Buffer.byteLength(code[last] + statement) <= WIDTH) code[last] += statement;
  else code.push(statement);
}
if (Buffer.byteLength(code[code.length - 1] + tail) <= WIDTH) code[code.length - 1] += tail;
else code.push(tail);

const lines = [...code, ...(b64.match(new RegExp(`.{1,${WIDTH}}`, 'g')) ?? []), END, `else echo "${HINT}" >&2; false; fi`, ''];
const snippet = lines.join('\n');

// the promises of the header comment
for (const [i, line] of snippet.split('\n').entries()) {
  if (Buffer.byteLength(line) > WIDTH || /[\t!]/.test(line)) throw new Error(`pack-paste: line ${i + 1} would not paste well: ${line.slice(0, 60)}`);
}
if (decoder.join('').includes("'")) throw new Error('pack-paste: the decoder must not hold a single quote');

if (out === null) process.stdout.write(snippet);
else writeFileSync(out, snippet);
const size = Buffer.byteLength(snippet);
console.error(
  `pack-paste: snippet ${size} bytes, ${lines.length - 1} lines of at most ${Math.max(...lines.map((l) => Buffer.byteLength(l)))} bytes (bundle ${bundle.length} bytes, brotli ${packed.length} bytes, sha256 ${sha256(bundle)})${out === null ? '' : `, written to ${out}`}; paste it into the container shell`,
);
