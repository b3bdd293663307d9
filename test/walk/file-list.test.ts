import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileList } from '../../src/walk/file-list';

const readItem = fc.record({
  file: fc.record({
    // Display paths: any well-formed string, non-ASCII and characters above U+FFFF included.
    path: fc.string({ unit: 'grapheme', maxLength: 80 }),
    size: fc.nat(),
    mtime: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    inode: fc.nat(),
  }),
  comicId: fc.option(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { nil: undefined }),
});

describe('FileList', () => {
  it('gives back every file and comic id as they went in, in order', () => {
    fc.assert(
      fc.property(fc.array(readItem, { maxLength: 300 }), (items) => {
        const list = new FileList();
        for (const { file, comicId } of items) list.push(file, comicId);
        expect(list.length).toBe(items.length);
        expect([...list.items()]).toEqual(items);
        expect([...list]).toEqual(items.map((item) => item.file));
      }),
    );
  });

  it('spans many blocks of paths and of numbers, and gives back files on either side of each edge', () => {
    // 20,000 files of ~420 path bytes: 8+ path blocks of 1 MiB, 3 number blocks of 8,192 files.
    const files = Array.from({ length: 20_000 }, (_, i) => ({ path: `Publisher ${i}/${'Ñ'.repeat(200)} ${i}.cbz`, size: i, mtime: 1_700_000_000_000 + i, inode: i }));
    const list = FileList.of(files);
    const read = [...list];
    for (const i of [0, 2495, 2496, 2497, 8191, 8192, 16383, 16384, 19999]) expect(read[i]).toEqual(files[i]);
    expect(read).toEqual(files);
    expect([...list.items()].every((item) => item.comicId === undefined)).toBe(true);
  });

  it('gives back paths that share leading bytes with the one before, in part or whole, or not at all', () => {
    const files = [
      'Marvel/X-Men (1991)/X-Men 001.cbz',
      'Marvel/X-Men (1991)/X-Men 002.cbz',
      'Marvel/X-Men (1991)/X-Men 002.cbz',
      'Marvel/X-Men (1991)/X-Men 002.cbz.bak.cbz',
      'Marvel/X-Men (1991)/X',
      'Marvel/X-Men (1991)/X-Men Annual 001.cbz',
      'Zenescope/Grimm 001.cbz',
      '',
      'Zenescope/Grimm 001.cbz',
      // Shares the first byte of a two-byte character with the path before it (é is C3 A9, ë C3 AB).
      'café/001.cbz',
      'cafë/001.cbz',
    ].map((path, i) => ({ path, size: i, mtime: i, inode: i }));
    fc.assert(
      fc.property(fc.shuffledSubarray(files), fc.array(fc.constantFrom(...files)), (some, more) => {
        const pushed = [...some, ...more];
        expect([...FileList.of(pushed)]).toEqual(pushed);
      }),
    );
  });

  it("holds a folder's files in little more than what each name adds to the folder's path", () => {
    // 100,000 paths of ~85 bytes: 8.1 MiB as whole paths, beside 13 blocks of numbers.
    const files = Array.from({ length: 100_000 }, (_, i) => ({
      path: `Publisher Name/Series Title Goes Here (${2000 + Math.floor(i / 100)})/Series Title Goes Here ${i % 100} (2019).cbz`,
      size: i,
      mtime: i,
      inode: i,
    }));
    const list = FileList.of(files);
    const numberBytes = Math.ceil(files.length / 8192) * 8192 * 6 * 8;
    // About 14 bytes a path (what differs from the one before): two blocks, where whole paths take 9.
    expect(list.heldBytes).toBeLessThan(numberBytes + 3 * 2 ** 20);
    expect([...list]).toEqual(files);
  });

  it('gives back any paths, each pushed after any other', () => {
    // Few characters, so that neighbours often share leading bytes, within a character too.
    const path = fc.string({ unit: fc.constantFrom('a', 'b', '/', 'é', 'ë', '€', '😀'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(path, { maxLength: 60 }), (paths) => {
        const files = paths.map((p, i) => ({ path: p, size: i, mtime: i, inode: i }));
        expect([...FileList.of(files)]).toEqual(files);
      }),
      { numRuns: 500 },
    );
  });

  it('takes a path longer than a block, and escaped display names, exactly', () => {
    const files = [
      { path: `${'€'.repeat(5000)}.cbz`, size: 1, mtime: 2, inode: 3 },
      { path: `${'€'.repeat(400_000)}.cbz`, size: 10, mtime: 11, inode: 12 },
      { path: 'caf\\xe9 #1.cbz', size: 4, mtime: 5, inode: 6 },
      { path: '', size: 0, mtime: 0, inode: 0 },
      { path: 'Saga 😀/001.cbz', size: 7, mtime: 8, inode: 9 },
    ];
    expect([...FileList.of(files)]).toEqual(files);
  });

  it('appends runs of other lists as they are, and codes what is pushed after them afresh', () => {
    const path = fc.string({ unit: fc.constantFrom('a', 'b', '/', 'é', '😀'), maxLength: 10 });
    const run = fc.array(fc.record({ path, size: fc.nat(), mtime: fc.nat(), inode: fc.nat() }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 6 }), run, run, (runs, before, after) => {
        // The runs are pushed one after another into one list, as a thread walks its tasks into one.
        const source = FileList.of(before);
        const spans = runs.map((files) => {
          source.startRun();
          const from = source.length;
          for (const file of files) source.push(file);
          return [from, source.length] as const;
        });
        const joined = FileList.of(before);
        for (const span of [...spans].reverse()) joined.append(source, ...span);
        for (const file of after) joined.push(file);
        expect([...joined]).toEqual([...before, ...[...runs].reverse().flat(), ...after]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to append from a file coded on the one before it', () => {
    const list = FileList.of([
      { path: 'Series/001.cbz', size: 1, mtime: 1, inode: 1 },
      { path: 'Series/002.cbz', size: 2, mtime: 2, inode: 2 },
    ]);
    expect(() => new FileList().append(list, 1)).toThrow(RangeError);
  });

  it('appends across blocks of paths and of numbers', () => {
    const files = Array.from({ length: 20_000 }, (_, i) => ({ path: `Publisher ${i % 7}/${'Ñ'.repeat(100)} ${i}.cbz`, size: i, mtime: i, inode: i }));
    const source = FileList.of(files.slice(0, 3));
    source.startRun();
    for (const file of files.slice(3)) source.push(file);
    const joined = FileList.of(files.slice(0, 1));
    joined.append(source, 3);
    expect([...joined]).toEqual([files[0], ...files.slice(3)]);
  });

  it('is rebuilt whole from the buffers another thread transferred', () => {
    const files = Array.from({ length: 9000 }, (_, i) => ({ path: `Series ${i % 13}/Issue ${i}.cbz`, size: i, mtime: 2 * i, inode: 3 * i }));
    const parts = FileList.of(files).parts();
    const moved = structuredClone(parts, { transfer: [...parts.pathBlocks, ...parts.numberBlocks] });
    expect(parts.pathBlocks.every((block) => block.byteLength === 0)).toBe(true);
    const rebuilt = FileList.fromParts(moved);
    expect([...rebuilt]).toEqual(files);
    // Pushed after, into the block it ends in: the bytes the other thread used stay as they were.
    const more = [{ path: 'Series 1/Issue 9000.cbz', size: 1, mtime: 2, inode: 3 }];
    rebuilt.push(more[0]!);
    expect([...rebuilt]).toEqual([...files, ...more]);
  });
});
