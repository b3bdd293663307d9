import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { readStoredPage } from '../../src/pages/read-page';
import { readComic } from '../../src/read';
import { buildTar, makePng, PAGE_PNG, type TarEntry, type TarSparseFormat } from '../../tools/archive-writers';
import { unreadableReason } from '../../tools/fuzz/readable-reason';
import { useTempDir } from '../support/temp-dir';

/*
 * GNU tar stores a file with holes (`tar --sparse`) as its data segments and a map of where they
 * go, in one of three formats. Our tar writer writes each as GNU tar does; the files it writes were
 * checked once against GNU tar 1.34 (`tar -xf` gives back the real file) and python's tarfile.
 */
const dir = useTempDir();
const write = (name: string, data: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

const FORMATS: TarSparseFormat[] = ['old-gnu', 'pax-0.0', 'pax-0.1', 'pax-1.0'];
const BLOCK = 512;

/**
 * A page with holes as GNU tar finds them: block-aligned data (the PNG, then every other block of
 * a pattern), zeros between, and a hole at the end, which GNU tar maps as an empty last segment.
 * Its 65 segments need old GNU extension blocks and a PAX 1.0 map longer than one block.
 */
function pageWithHoles(): { data: Buffer; segments: Array<[number, number]> } {
  const data = Buffer.alloc(64 * 1024 + 300);
  PAGE_PNG.copy(data);
  const segments: Array<[number, number]> = [[0, BLOCK]];
  for (let at = 2 * BLOCK; at < 64 * 1024; at += 2 * BLOCK) {
    data.fill(at / BLOCK, at, at + BLOCK);
    segments.push([at, BLOCK]);
  }
  segments.push([data.length, 0]);
  return { data, segments };
}

const page2 = pageWithHoles();
const page3 = makePng(3, 4, [9, 9, 9]);
const COMIC_INFO = '<?xml version="1.0"?>\n<ComicInfo><Series>Plastic Man</Series><Number>1</Number></ComicInfo>\n';

/** 01.png, the sparse Series/02.png, and 03.png after it: the walk must land on the next header. */
const comicWithSparsePage = (format: TarSparseFormat): TarEntry[] => [
  { name: '01.png', data: PAGE_PNG },
  { name: 'Series/02.png', data: page2.data, sparse: { format, segments: page2.segments } },
  { name: '03.png', data: page3 },
];

const reason = async (path: string) => {
  const outcome = await readComic(path);
  return outcome.ok ? `read, ${outcome.comic.pageCount} pages` : outcome.reason;
};

/** Rewrites text in a pax record or map (neither is under a checksum), keeping its length. */
function forge(tar: Buffer, from: string, to: string): Buffer {
  expect(to.length).toBe(from.length);
  const at = tar.indexOf(from, 0, 'latin1');
  expect(at).toBeGreaterThan(0);
  tar.write(to, at, 'latin1');
  return tar;
}

/** `block` written over the whole 512-byte block that starts with `from`. */
function overwriteBlock(tar: Buffer, from: string, block: string): Buffer {
  const at = tar.indexOf(from, 0, 'latin1');
  expect(at % BLOCK).toBe(0);
  tar.write(block, at, 'latin1');
  return tar;
}

describe('sparse members (tar --sparse)', () => {
  it.each(FORMATS.flatMap((format) => [[format, 'plain'], [format, 'gzipped']] as const))(
    'lists a sparse page (%s, %s) under its real name and size, and reads it byte for byte with its holes as zeros',
    async (format, compression) => {
      const tar = buildTar(comicWithSparsePage(format));
      const archive = await openArchive(write(`pages-${format}-${compression}.cbt`, compression === 'plain' ? tar : gzipSync(tar)));
      expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual([['01.png', PAGE_PNG.length], ['Series/02.png', page2.data.length], ['03.png', page3.length]]);
      expect(await archive.read('Series/02.png')).toEqual(page2.data);
      expect(await archive.read('03.png')).toEqual(page3);
      await archive.close();
    },
  );

  it.each(FORMATS)('serves a sparse page (%s) through the page reader as the import listed it', async (format) => {
    const path = write(`served-${format}.cbt`, buildTar(comicWithSparsePage(format)));
    const outcome = await readComic(path);
    if (!outcome.ok) throw new Error(outcome.reason);
    // Reading order puts the folder's page first.
    expect(outcome.comic.pages.map((page) => [page.entry, page.size])).toEqual([['Series/02.png', page2.data.length], ['01.png', PAGE_PNG.length], ['03.png', page3.length]]);
    const stat = statSync(path);
    const served = await readStoredPage({ path, size: stat.size, mtime: Math.trunc(stat.mtimeMs) }, outcome.comic.pages[0]!, 0);
    expect(served).toEqual({ ok: true, data: page2.data, mediaType: 'image/png' });
  });

  // XML holds no NUL, so a sparse ComicInfo.xml is one segment: a PAX 0.0 one reads the same without
  // sparse support, and is left out as a case that could not fail.
  it.each(FORMATS.filter((format) => format !== 'pax-0.0'))('lists and reads a ComicInfo.xml stored sparse (%s)', async (format) => {
    const xml = Buffer.from(COMIC_INFO);
    const tar = buildTar([{ name: '01.png', data: PAGE_PNG }, { name: 'ComicInfo.xml', data: xml, sparse: { format, segments: [[0, xml.length]] } }]);
    const path = write(`comic-info-${format}.cbt`, tar);
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual([['01.png', PAGE_PNG.length], ['ComicInfo.xml', xml.length]]);
    await archive.close();
    const outcome = await readComic(path);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.comic.metadata).toMatchObject({ series: 'Plastic Man' });
    expect(outcome.comic.pageCount).toBe(1);
  });

  it('reads a hard link to a sparse page as the real file', async () => {
    const tar = buildTar([...comicWithSparsePage('old-gnu'), { name: '04.png', data: '', hardLinkTo: 'Series/02.png' }]);
    const archive = await openArchive(write('hard-link.cbt', tar));
    expect(await archive.read('04.png')).toEqual(page2.data);
    await archive.close();
  });

  it('refuses a sparse entry whose real size is past the cap before allocating it', async () => {
    const huge = 2 ** 40;
    const tar = buildTar([{ name: '01.png', data: PAGE_PNG, sparse: { format: 'pax-1.0', segments: [[0, BLOCK], [huge - BLOCK, BLOCK]], realSize: huge } }]);
    const archive = await openArchive(write('huge.cbt', tar));
    expect(archive.entries.map((entry) => entry.size)).toEqual([huge]);
    await expect(archive.read('01.png')).rejects.toThrow(`entry too large: 01.png is ${huge} bytes, the limit is 4194304`);
    await archive.close();
  });
});

describe('damaged sparse maps', () => {
  const sparse = (format: TarSparseFormat, segments: Array<[number, number]>, realSize?: number): Buffer =>
    buildTar([{ name: '01.png', data: Buffer.alloc(4 * BLOCK, 1), sparse: { format, segments, realSize } }]);
  const twoSegments = (format: TarSparseFormat) => sparse(format, [[0, BLOCK], [2 * BLOCK, BLOCK]]);

  it.each([
    ['segments out of order', sparse('pax-0.1', [[2 * BLOCK, BLOCK], [0, BLOCK]]), 'damaged tar: the sparse map of 01.png has segments out of order or overlapping'],
    ['overlapping segments', sparse('old-gnu', [[0, 2 * BLOCK], [BLOCK, BLOCK]]), 'damaged tar: the sparse map of 01.png has segments out of order or overlapping'],
    ['a segment past the real size', sparse('pax-1.0', [[0, BLOCK], [2 * BLOCK, BLOCK]], 2 * BLOCK), 'damaged tar: the sparse map of 01.png places data past the end of the file'],
    ['an offset past 2^53', sparse('pax-0.0', [[0, BLOCK], [1e20, BLOCK]]), 'damaged tar: the sparse map of 01.png gives an impossible offset or size'],
    ['a PAX 1.0 map of 9999999999 segments', forge(twoSegments('pax-1.0'), '2\n0\n512\n1024\n512\n', '9999999999\n0\n512\n'), 'damaged tar: the sparse map of 01.png gives an impossible number of segments'],
    ['a PAX 1.0 map line longer than any number', overwriteBlock(twoSegments('pax-1.0'), '2\n0\n512\n1024\n512\n', '1'.repeat(BLOCK)), 'damaged tar: the sparse map of 01.png gives an impossible offset or size'],
    ['a PAX 1.0 map that is not numbers', forge(twoSegments('pax-1.0'), '2\n0\n512\n', '2\n0\nABC\n'), 'damaged tar: the sparse map of 01.png gives an impossible offset or size'],
    ['sizes that do not add up to the data stored', forge(twoSegments('pax-0.1'), 'map=0,512,1024,512', 'map=0,512,1024,511'), 'damaged tar: the sparse map of 01.png does not account for the data stored'],
    ['a segment count unlike the one declared', forge(twoSegments('pax-0.0'), 'numblocks=2', 'numblocks=3'), 'damaged tar: the sparse map of 01.png does not hold as many segments as it declares'],
    ['a real size that is not a number', forge(twoSegments('pax-0.1'), 'GNU.sparse.size=2048', 'GNU.sparse.size=-204'), 'damaged tar: sparse member 01.png gives no possible real size'],
    ['over a megabyte of old GNU extension blocks', sparse('old-gnu', Array.from({ length: 4 + 21 * 2048 + 1 }, (_, i): [number, number] => [i, 0])), 'damaged tar: the sparse map of 01.png is impossibly large'],
    ['old GNU extension blocks cut short', sparse('old-gnu', Array.from({ length: 30 }, (_, i): [number, number] => [i, 0])).subarray(0, 2 * BLOCK), 'truncated tar: the sparse map of 01.png is cut short'],
    ['a sparse format GNU tar never wrote', forge(twoSegments('pax-1.0'), 'GNU.sparse.major=1', 'GNU.sparse.major=2'), 'unsupported tar: sparse member 01.png is in GNU sparse format 2.0; repack without --sparse'],
  ])('fails a CBT whose sparse member has %s, in words', async (what, tar, expected) => {
    const got = await reason(write(`damaged-${what.replaceAll(' ', '-')}.cbt`, tar));
    expect(got).toBe(expected);
    expect(unreadableReason(got)).toBeUndefined();
  });
});
