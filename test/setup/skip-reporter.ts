// A vitest reporter that prints why every skipped test was skipped, after the summary: the
// default reporter shows only a count. A skip gives its reason either as ctx.skip(note) or in its
// describe/it name as "(skipped: REASON)" (the form describe.skipIf tests use here); a skip with
// neither is printed as having no reason, which is a defect to fix in that test.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const NAMED = /\(skipped: (.*?)\)(?: >|$)/;

export function skipReasonOf(fullName: string, note: string | undefined): string {
  return note ?? NAMED.exec(fullName)?.[1] ?? 'NO REASON GIVEN (a defect: say why with ctx.skip(reason) or "(skipped: reason)" in the name)';
}

export default class SkipReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const m of modules) {
      const counts = new Map<string, number>();
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state !== 'skipped') continue;
        const why = skipReasonOf(t.fullName, r.note);
        counts.set(why, (counts.get(why) ?? 0) + 1);
      }
      for (const [why, n] of counts) lines.push(`  ↓ ${relative(process.cwd(), m.moduleId)}: ${n} test${n === 1 ? '' : 's'} skipped: ${why}`);
    }
    if (lines.length > 0) process.stdout.write(`\nSkipped, and why:\n${lines.join('\n')}\n`);
  }
}
