// Preload for sts-reads-no-file.test.ts: writes one line to stderr per open of a file under .aws/
import fs from 'node:fs';
const note = (p) => {
  if (String(p).includes('/.aws/')) process.stderr.write(`AWS_FILE_OPEN ${p}\n`);
};
for (const name of ['readFile', 'open']) {
  const orig = fs.promises[name];
  fs.promises[name] = function (p, ...rest) {
    note(p);
    return orig.call(this, p, ...rest);
  };
}
const origReadFile = fs.readFile;
fs.readFile = function (p, ...rest) {
  note(p);
  return origReadFile.call(this, p, ...rest);
};
