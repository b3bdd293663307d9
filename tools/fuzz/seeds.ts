import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildPdf, buildSevenZip, buildTar, buildZip, PAGE_PNGS, type TarEntry } from '../archive-writers';
import { buildAttachmentPdf, flate } from '../archive-writers/attachment-pdf';
import type { ArchiveEntry } from '../archive-writers/entry';

/** One archive the fuzzer mutates. */
export interface Seed {
  name: string;
  /** Which structure-aware mutations apply; a compressed tar gets only the generic ones. */
  format: 'zip' | 'tar' | 'compressed-tar' | '7z' | 'rar' | 'pdf';
  bytes: Buffer;
}

const COMIC_INFO = '<?xml version="1.0"?>\n<ComicInfo><Series>Fuzz</Series><Number>1</Number><PageCount>3</PageCount></ComicInfo>\n';
const ENTRIES: ArchiveEntry[] = [
  { name: 'ComicInfo.xml', data: COMIC_INFO },
  { name: 'pages/01.png', data: PAGE_PNGS[0]! },
  { name: 'pages/02.png', data: PAGE_PNGS[1]! },
  { name: 'pages/03.png', data: PAGE_PNGS[2]! },
];

/** A page with holes, as GNU tar stores it: data segments and a map (six pairs: old GNU needs an extension block). */
function sparsePage(page: Buffer, format: 'old-gnu' | 'pax-1.0'): Pick<TarEntry, 'data' | 'sparse'> {
  const data = Buffer.alloc(4096);
  page.copy(data);
  data.fill(0x5a, 2048, 3072);
  return { data, sparse: { format, segments: [[0, 512], [1024, 512], [2048, 512], [2560, 512], [3584, 512], [4096, 0]] } };
}

const SPARSE_ENTRIES: TarEntry[] = [ENTRIES[0]!, ENTRIES[1]!, { name: 'pages/02.png', ...sparsePage(PAGE_PNGS[1]!, 'old-gnu') }, { name: 'pages/03.png', ...sparsePage(PAGE_PNGS[2]!, 'pax-1.0') }];

/** Our own writers' archives: the fuzzer needs nothing outside the repository. */
export async function generatedSeeds(): Promise<Seed[]> {
  return [
    { name: 'deflate.cbz', format: 'zip', bytes: buildZip(ENTRIES, { comment: '{"ComicBookInfo/1.0":{"series":"Fuzz"}}' }) },
    { name: 'stored.cbz', format: 'zip', bytes: buildZip(ENTRIES, { store: true }) },
    { name: 'plain.cbt', format: 'tar', bytes: buildTar(ENTRIES) },
    { name: 'gzipped.cbt', format: 'compressed-tar', bytes: gzipSync(buildTar(ENTRIES)) },
    { name: 'sparse.cbt', format: 'tar', bytes: buildTar(SPARSE_ENTRIES) },
    { name: 'lzma2.cb7', format: '7z', bytes: await buildSevenZip(ENTRIES) },
    { name: 'three-pages.pdf', format: 'pdf', bytes: buildPdf({ pages: 3, info: { Title: 'Fuzz', Keywords: 'a,b' } }) },
    // Object and xref streams, a name tree and a compressed ComicInfo.xml: what our attachment reader walks.
    { name: 'attached.pdf', format: 'pdf', bytes: buildAttachmentPdf({ compact: true, kids: true, attachments: [{ name: 'ComicInfo.xml', ...flate(COMIC_INFO), declaredSize: COMIC_INFO.length }] }) },
  ];
}

/** Corpus archives small enough to mutate quickly, one or more per format and per writer. */
const CORPUS_SEEDS: ReadonlyArray<readonly [string, Seed['format']]> = [
  ['komga/zip.zip', 'zip'],
  ['komga/rar4.rar', 'rar'],
  ['komga/rar5.rar', 'rar'],
  ['komga/rar5-solid.rar', 'rar'],
  ['peers/kavita/ArchiveService/ComicInfos/ComicInfo_duplicateInfos.rar', 'rar'],
  ['peers/sharpcompress/Rar5.multi.part01.rar', 'rar'],
  ['peers/rarfile/rar5-psw.rar', 'rar'],
  ['peers/libarchive/test_read_format_rar5_unicode.rar', 'rar'],
  ['komga/rar4-solid.rar', 'rar'],
  ['komga/7zip.7z', '7z'],
  ['komga/komga.pdf', 'pdf'],
  ['comicbox/Captain Science #001-cix.cbt', 'tar'],
  ['comicbox/Captain Science #001-cix-cbi.cbr', 'rar'],
  ['comicbox/Captain Science #001.cb7', '7z'],
  ['comicbox/test_cix.pdf', 'pdf'],
  ['peers/sharpcompress/Zip.zip64.zip', 'zip'],
  ['peers/sharpcompress/Tar.PaxGlobalHeader.tar', 'tar'],
  ['peers/sharpcompress/Rar2.rar', 'rar'],
  ['peers/rarfile/rar15-comment.rar', 'rar'],
  ['peers/lanraragi/doc.pdf', 'pdf'],
  ['peers/stump/tall.pdf', 'pdf'],
  ['peers/cbconvert/test.cbt', 'tar'],
];

/** The corpus seeds that exist (none when the shared corpus is absent); `resolve` maps a corpus path to a file. */
export function corpusSeeds(resolve: (relative: string) => string): Seed[] {
  return CORPUS_SEEDS.flatMap(([relative, format]) => {
    const path = resolve(relative);
    if (!existsSync(path)) return [];
    const bytes = readFileSync(path);
    // An xz-compressed CBT has no tar fields to aim at until it is decompressed.
    const actual = bytes[0] === 0xfd && bytes[1] === 0x37 ? 'compressed-tar' : format;
    return [{ name: relative.split('/').pop()!, format: actual, bytes }];
  });
}
