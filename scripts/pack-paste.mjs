#!/usr/bin/env node
// `npm run pack:paste`: prints a POSIX sh snippet that carries dist/ecs-cred-doctor.mjs
// (gzip + base64) for pasting into an `aws ecs execute-command ... --command /bin/sh` shell
// that has `node` but no network, and maybe no base64 binary: node itself decodes it (zlib,
// Buffer), checks the sha256 of the payload and of the file it writes, and writes the tool to
// ${TMPDIR:-/tmp}/ecs-cred-doctor.mjs only when both match. Then it prints how to run it.
//
// Made for line-based pasting: every line is short (terminals cap a line near 4 KiB), there
// is no tab (shells complete on it), no `!` (bash history expansion) and no single quote in
// the decoder (it sits in one). A failed or damaged paste leaves no runnable file behind, not
// even one from an earlier paste. The snippet's size goes to stderr.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bundlePath = `${repo}dist/ecs-cred-doctor.mjs`;
const WIDTH = 76;
const END = 'ECD_PAYLOAD_END';

if (!existsSync(bundlePath)) {
  console.error(`pack-paste: ${bundlePath} is missing: run \`npm run build\` first (or \`npm run pack:paste\`)`);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(`${repo}package.json`, 'utf8'));
const bundle = readFileSync(bundlePath);
const gz = gzipSync(bundle, { level: 9 });
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const fileSha = sha256(bundle);
const gzSha = sha256(gz);
const b64 = gz.toString('base64');

// The decoder: plain old JavaScript (any node that has Buffer.from), run by `node -e`.
const decoder = `
var fs = require("fs"), zlib = require("zlib"), crypto = require("crypto");
var out = process.argv[1], tmp = out + ".part-" + process.pid;
var sha = function (b) {
  return crypto.createHash("sha256").update(b).digest("hex");
};
var fail = function (why) {
  try { fs.unlinkSync(tmp); } catch (e) {}
  process.stderr.write("ecs-cred-doctor: " + why + "\\n");
  process.stderr.write("nothing was written; paste the whole snippet again\\n");
  process.exit(1);
};
try { fs.unlinkSync(out); } catch (e) {}
var text = fs.readFileSync(0, "latin1").replace(/[^A-Za-z0-9+\\/=]/g, "");
var gz = Buffer.from(text, "base64");
sha(gz) === "${gzSha}" ||
  fail("checksum mismatch: the pasted payload is damaged or cut short");
var file;
try { file = zlib.gunzipSync(gz); } catch (e) { fail("cannot unpack: " + e.message); }
try { fs.writeFileSync(tmp, file, { mode: 493 }); } catch (e) {
  fail("cannot write " + tmp + " (" + e.code + "): set TMPDIR to a writable directory");
}
sha(fs.readFileSync(tmp)) === "${fileSha}" ||
  fail("checksum mismatch: " + tmp + " is not ecs-cred-doctor ${version}");
fs.renameSync(tmp, out);
console.log("ecs-cred-doctor ${version} written to " + out);
console.log("  sha256 ${fileSha} (checked)");
console.log("run it:");
console.log("  node " + out);
console.log("  node " + out + " --json > " + out.replace(/[.]mjs$/, "") + "-report.json");
console.log("  node " + out + " --help");
`;

const lines = [
  `# ecs-cred-doctor ${version}, packed for pasting into a shell in the container (needs node).`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion in the snippet's comment, not a template
  '# Writes ${TMPDIR:-/tmp}/ecs-cred-doctor.mjs once its sha256 checks out.',
  `node -e '${decoder}' "\${TMPDIR:-/tmp}/ecs-cred-doctor.mjs" <<'${END}'`,
  ...(b64.match(new RegExp(`.{1,${WIDTH}}`, 'g')) ?? []),
  END,
  '',
];
const snippet = lines.join('\n');

// the promises of the header comment
for (const [i, line] of snippet.split('\n').entries()) {
  if (line.length > 120 || /[\t!]/.test(line)) throw new Error(`pack-paste: line ${i + 1} would not paste well: ${line.slice(0, 60)}`);
}
if (decoder.includes("'")) throw new Error('pack-paste: the decoder must not hold a single quote');

process.stdout.write(snippet);
const size = Buffer.byteLength(snippet);
console.error(`pack-paste: snippet ${size} bytes, ${lines.length - 1} lines (bundle ${bundle.length} bytes, gzip ${gz.length} bytes, sha256 ${fileSha}); paste it into the container shell`);
