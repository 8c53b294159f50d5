#!/usr/bin/env node
// `npm run -s pack:paste` (or `node scripts/pack-paste.mjs --out FILE`): a POSIX sh snippet
// that carries dist/ecs-cred-doctor.mjs (brotli at maximum quality, then base 85) for pasting
// into a shell in the container, such as `aws ecs execute-command ... --command /bin/sh`, that
// has `node` but no network, and maybe no base64 binary: node itself decodes it (zlib, Buffer),
// checks the sha256 of the payload and of the file it writes, and writes the tool to
// ${TMPDIR:-/tmp}/ecs-cred-doctor.mjs only when both match. Then it prints how to run it.
// Where there is no `node`, the snippet prints one line pointing to the sidecar runbook and
// fails (status 1), instead of the shell's `node: not found` and 127.
//
// Made for pasting into a terminal: as few lines as possible, each of at most WIDTH bytes.
// A terminal's canonical mode keeps 4,095 bytes of a line (dash reads through it), but busybox
// sh (Alpine's shell) edits lines itself and keeps only 1,022: WIDTH stays under both. There is
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
/** Bytes per line, newline excluded: under busybox sh's 1,022 (and a tty's 4,095) */
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

// Base 85 (4 bytes in 5 characters, as Ascii85 does) rather than base64 (3 in 4): 6% fewer
// bytes and lines. The alphabet is printable ASCII less what a shell or the decoder's quoting
// could touch: ! and ^ (bash history expansion, even inside a here-document), the quotes, $, \
// and the braces. A short last group of r bytes is written as r+1 characters.
const ALPHABET = [...Array(94)]
  .map((_, i) => String.fromCharCode(33 + i))
  .filter((c) => !'!"$\'\\^`{}'.includes(c))
  .join('');
if (ALPHABET.length !== 85) throw new Error(`pack-paste: the alphabet has ${ALPHABET.length} characters, not 85`);
function base85(bytes) {
  let text = '';
  for (let at = 0; at < bytes.length; at += 4) {
    const group = Buffer.alloc(4);
    bytes.copy(group, 0, at, at + 4);
    let v = group.readUInt32BE(0);
    const digits = [];
    for (let d = 0; d < 5; d++, v = Math.floor(v / 85)) digits.unshift(ALPHABET[v % 85]);
    text += digits.slice(0, Math.min(4, bytes.length - at) + 1).join('');
  }
  return text;
}
const payload = base85(packed);

// The decoder, run by `node -e`: ES5 and APIs of any node that has brotli (10.16+), so an old
// node gets as far as the tool's own version check. Its lines are joined by newlines inside
// the single quotes (or none: each ends its statement).
const decoder = [
  'var f=require("fs"),z=require("zlib"),c=require("crypto"),o=process.argv[1],t=o+".part-"+process.pid,d;',
  'function h(b){return c.createHash("sha256").update(b).digest("hex")}',
  'function x(w){try{f.unlinkSync(t)}catch(e){}process.stderr.write("ecs-cred-doctor: "+w+"\\nnothing was written; paste the whole snippet again\\n");process.exit(1)}',
  'try{f.unlinkSync(o)}catch(e){}',
  // base 85 back to bytes: characters outside the alphabet (line ends, a CR) are skipped
  `var A="${ALPHABET}",T={},s=f.readFileSync(0,"latin1"),q=[],n=0,v=0,i,k;for(i=0;i<85;i++)T[A.charAt(i)]=i;`,
  'function g(){q.push(v>>>24&255,v>>>16&255,v>>>8&255,v&255)}',
  'for(i=0;i<s.length;i++){k=T[s.charAt(i)];if(k===undefined)continue;v=v*85+k;if(++n===5){g();n=v=0}}',
  'if(n){for(k=n;k<5;k++)v=v*85+84;g();q.length-=5-n}var b=Buffer.from(q);',
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

const lines = [...code, ...(payload.match(new RegExp(`.{1,${WIDTH}}`, 'g')) ?? []), END, `else echo "${HINT}" >&2; false; fi`, ''];
if (lines.includes(END, code.length) && lines.indexOf(END, code.length) !== lines.length - 3) throw new Error(`pack-paste: a payload line reads ${END}`);
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
