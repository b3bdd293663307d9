import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { openArchive } from '../../src/archive';
import { LongboxError } from '../../src/errors';

/**
 * Cuts `file` at several points (which hits every header and record boundary a reader walks),
 * writes each cut into `dir`, and checks that opening and reading it either works or fails with a
 * readable archive error: never a crash, a Node error or a bare number.
 */
export async function expectEveryCutReadable(dir: string, file: string): Promise<void> {
  const whole = readFileSync(file);
  for (const fraction of [0.05, 0.3, 0.6, 0.9, 0.99]) {
    const path = join(dir, `cut-${fraction}-${basename(file)}`);
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length * fraction)));
    try {
      const archive = await openArchive(path);
      for (const entry of archive.entries) if (!entry.isDirectory) await archive.read(entry.name).catch(expectReadable);
      await archive.close();
    } catch (error) {
      expectReadable(error);
    }
  }
}

function expectReadable(error: unknown): void {
  expect(error).toBeInstanceOf(LongboxError);
  expect((error as LongboxError).code).toBe('ARCHIVE');
  expect((error as Error).message).toMatch(/^(truncated|damaged|not a comic archive|entry)[ :]/);
}
