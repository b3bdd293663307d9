import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireImportLock } from '../../src/importer/import-lock';
import { tempDir } from '../support/library';
import { race } from '../support/race';

const ROUNDS = 100;

describe('the import lock', () => {
  it(`lets exactly one of two racing imports in, ${ROUNDS} times in a row`, async () => {
    const dir = tempDir();
    const rounds = Array.from({ length: ROUNDS }, (_, i) => join(dir, `db-${i}.sqlite`));
    const [a, b] = await race('lock', rounds);
    const winners = rounds.map((_, i) => [a[i], b[i]].filter((outcome) => outcome === 'won').length);
    expect(winners).toEqual(rounds.map(() => 1));
    expect([...a, ...b].filter((outcome) => outcome !== 'won')).toEqual(
      Array.from({ length: ROUNDS }, () => expect.stringMatching(/^BUSY: another import of this database is running/)),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it(`lets exactly one of two imports take over a stale lock, ${ROUNDS} times in a row`, async () => {
    const dir = tempDir();
    const rounds = Array.from({ length: ROUNDS }, (_, i) => join(dir, `db-${i}.sqlite`));
    // Left by a process that died (pid 2**22 + 1 is above Linux's pid range).
    for (const path of rounds) writeFileSync(`${path}-import.lock`, String(2 ** 22 + 1));
    const [a, b] = await race('lock', rounds);
    const winners = rounds.map((_, i) => [a[i], b[i]].filter((outcome) => outcome === 'won').length);
    expect(winners).toEqual(rounds.map(() => 1));
    expect(rounds.filter((path) => existsSync(`${path}-import.lock`))).toEqual([]);
  });

  it('says which lock it could not create and why, in words, when the database folder is missing', () => {
    const database = join(tempDir(), 'missing', 'library.sqlite');
    let thrown: unknown;
    try {
      acquireImportLock(database, 'covers');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: 'BUSY',
      message: `cannot create the covers lock ${database}-covers.lock: the database's folder does not exist`,
    });
  });
});
