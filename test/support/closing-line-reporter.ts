import type { Reporter, TestModule } from 'vitest/node';
import { CORPUS_DIR, corpusAvailable } from './corpus';

/**
 * Ends the run with the plain "N passed, N failed" line that CI systems read to tell a run that
 * tested something from one that tested nothing (vitest's own summary has another shape), after
 * one line that says how many corpus tests were skipped and why, when they were.
 */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    let corpusSkipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const { state } = test.result();
        count[state]++;
        if (state === 'skipped' && test.tags.includes('corpus')) corpusSkipped++;
      }
    }
    if (!corpusAvailable && corpusSkipped > 0) {
      process.stdout.write(`\n${corpusSkipped} corpus tests skipped: no corpus at ${CORPUS_DIR} (put ../shared/corpus beside the repository or set LONGBOX_CORPUS)\n`);
    }
    const skipped = count.skipped + count.pending;
    process.stdout.write(`\n${count.passed} passed, ${count.failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
