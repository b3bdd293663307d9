import type { Reporter, SerializedError, TestModule } from 'vitest/node';
import { CORPUS_DIR, corpusAvailable } from './corpus';

/**
 * Ends the run with the plain "N passed, N failed" line that CI systems read to tell a run that
 * tested something from one that tested nothing (vitest's own summary has another shape), after
 * one line that says how many corpus tests were skipped and why, when they were. A test file
 * that failed outside its tests (a syntax error, a throwing import or hook) and an error outside
 * any file count as one failure each: they hold no failed test, and "0 failed" would hide them.
 */
export default class ClosingLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const count = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    let corpusSkipped = 0;
    let brokenFiles = 0;
    for (const module of testModules) {
      const failedBefore = count.failed;
      for (const test of module.children.allTests()) {
        const { state } = test.result();
        count[state]++;
        if (state === 'skipped' && test.tags.includes('corpus')) corpusSkipped++;
      }
      if ((module.state() === 'failed' || module.errors().length > 0) && count.failed === failedBefore) brokenFiles++;
    }
    if (!corpusAvailable && corpusSkipped > 0) {
      process.stdout.write(`\n${corpusSkipped} corpus tests skipped: no corpus at ${CORPUS_DIR} (put ../shared/corpus beside the repository or set LONGBOX_CORPUS)\n`);
    }
    const outside = brokenFiles + unhandledErrors.length;
    const skipped = count.skipped + count.pending;
    const reasons: string[] = [];
    if (brokenFiles > 0) reasons.push(`${brokenFiles} ${brokenFiles === 1 ? 'test file' : 'test files'} failed outside a test`);
    if (unhandledErrors.length > 0) reasons.push(`${unhandledErrors.length} ${unhandledErrors.length === 1 ? 'error' : 'errors'} outside any test`);
    const failures = outside > 0 ? ` (${reasons.join(', ')})` : '';
    process.stdout.write(`\n${count.passed} passed, ${count.failed + outside} failed${failures}${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
