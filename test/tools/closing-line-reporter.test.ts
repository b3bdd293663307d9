import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/library';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const REPORTER = join(REPO, 'test/support/closing-line-reporter.ts');

/** Runs vitest on `files` in a folder of their own with the closing-line reporter; its last line. */
function closingLine(files: Record<string, string>): { line: string; status: number | null } {
  const dir = tempDir('longbox-reporter-');
  writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: { globals: true, include: ['*.test.mjs'], reporters: [${JSON.stringify(REPORTER)}] } };`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = spawnSync(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir], { cwd: REPO, encoding: 'utf8', env: { ...process.env, CI: '' } });
  const lines = result.stdout.trim().split('\n');
  return { line: lines[lines.length - 1]!, status: result.status };
}

describe('the closing line of a test run', () => {
  it('counts the passed and failed tests', () => {
    const run = closingLine({ 'a.test.mjs': "it('holds', () => {}); it('breaks', () => { throw new Error('no'); });" });
    expect(run.line).toBe('1 passed, 1 failed');
    expect(run.status).toBe(1);
  });

  it('counts a test file that fails before any test runs as a failure, not as nothing', () => {
    const run = closingLine({ 'a.test.mjs': "it('holds', () => {});", 'broken.test.mjs': "it('never parsed', () => { ' });" });
    expect(run.line).toBe('1 passed, 1 failed (1 test file failed outside a test)');
    expect(run.status).toBe(1);
  });
});
