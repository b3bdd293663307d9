import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe } from 'vitest';
import { buildTar, PAGE_PNG } from '../../tools/archive-writers';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { archiveContract, type ArchiveExpectation } from './archive-contract';

// Values read with python zipfile/tarfile, unar, 7zz and xxd (see archive-contract.ts).
const KOMGA_PNG = '505e306ac5f3a0956b709d680fcff5c0';
const PAGES = [
  ['Captain Science 001/CaptainScience#1_01.jpg', 4542],
  ['Captain Science 001/CaptainScience#1_02.jpg', 4065],
  ['Captain Science 001/CaptainScience#1_03.jpg', 4081],
  ['Captain Science 001/CaptainScience#1_04.jpg', 4157],
  ['Captain Science 001/CaptainScience#1_05.jpg', 4108],
] as const;
const THREE_PNGS = [['komga-1.png', 3108], ['komga-2.png', 3108], ['komga-3.png', 3108]] as const;

/** The cases are listed when the file loads, so generated archives are written then too. */
const generatedDir = mkdtempSync(join(tmpdir(), 'longbox-contract-'));
afterAll(() => rmSync(generatedDir, { recursive: true, force: true }));
function generated(name: string, bytes: Buffer): string {
  const path = join(generatedDir, name);
  writeFileSync(path, bytes);
  return path;
}

const cases: Array<[string, ArchiveExpectation]> = [
  ['komga zip', { path: corpusPath('komga/zip.zip'), format: 'zip', files: [['komga.png', 3108]], sample: { name: 'komga.png', md5: KOMGA_PNG } }],
  ['komga rar4', { path: corpusPath('komga/rar4.rar'), format: 'rar', files: THREE_PNGS, sample: { name: 'komga-2.png', md5: KOMGA_PNG } }],
  ['komga rar4 solid', { path: corpusPath('komga/rar4-solid.rar'), format: 'rar', files: THREE_PNGS, sample: { name: 'komga-3.png', md5: KOMGA_PNG } }],
  ['komga rar5', { path: corpusPath('komga/rar5.rar'), format: 'rar', files: [['komga.png', 3108]], sample: { name: 'komga.png', md5: KOMGA_PNG } }],
  ['komga rar5 solid', { path: corpusPath('komga/rar5-solid.rar'), format: 'rar', files: THREE_PNGS, sample: { name: 'komga-3.png', md5: KOMGA_PNG } }],
  ['komga 7z', { path: corpusPath('komga/7zip.7z'), format: '7z', files: [['komga.png', 3108]], sample: { name: 'komga.png', md5: KOMGA_PNG } }],
  [
    'comicbox CBZ',
    {
      path: corpusPath('comicbox/Captain Science #001.cbz'),
      format: 'zip',
      files: [...PAGES, ['Captain Science 001/comicinfo.xml', 1347], ['Captain Science 001/metroninfo.xml', 1709], ['comicinfo.xml', 1448]],
      sample: { name: 'comicinfo.xml', md5: '008d553196775e3470e8ac0dcc881125' },
    },
  ],
  [
    'comicbox CBZ with a zip comment',
    {
      path: corpusPath('comicbox/Captain Science #001 (1950) The Beginning - multi.cbz'),
      format: 'zip',
      files: [['comet.xml', 984], ['comicbox.yaml', 216], ['comicbox.json', 433], ['comicinfo.xml', 965]],
      sample: { name: 'comicinfo.xml', md5: '2c277817001e4e7598b6f8bfef5dcc9f' },
      comment: { length: 620, md5: 'c0c79cfa43b9bcf31bd12e85d53abafd' },
    },
  ],
  ['comicbox empty CBZ', { path: corpusPath('comicbox/empty.cbz'), format: 'zip', files: [] }],
  [
    'comicbox CBZ with macOS resource forks',
    {
      path: corpusPath('comicbox/macos_resource_fork.cbz'),
      format: 'zip',
      files: [['CaptainScience#1_01.jpg', 4542], ['CaptainScience#1_02.jpg', 4065], ['__MACOSX/._CaptainScience#1_01.jpg', 0], ['__MACOSX/._CaptainScience#1_02.jpg', 0]],
      directories: ['__MACOSX/'],
      sample: { name: 'CaptainScience#1_02.jpg', md5: 'f013ca1b2cfc26ceaa8b7753902b237c' },
    },
  ],
  [
    'comicbox CBR (RAR5) with a ComicBookInfo comment',
    {
      path: corpusPath('comicbox/Captain Science #001-cix-cbi.cbr'),
      format: 'rar',
      files: [...PAGES, ['comicinfo.xml', 1448]],
      sample: { name: 'comicinfo.xml', md5: '008d553196775e3470e8ac0dcc881125' },
      comment: { length: 765, md5: 'ca40ac05da14ae2dd4f2a6b50e6fc847' },
    },
  ],
  [
    'comicbox CB7',
    {
      path: corpusPath('comicbox/Captain Science #001.cb7'),
      format: '7z',
      files: [...PAGES, ['Captain Science 001/comicinfo.xml', 1347], ['Captain Science 001/metroninfo.xml', 1709]],
      sample: { name: 'Captain Science 001/comicinfo.xml', md5: '6b06d34ee3e28d7ad5481d44e33a0c34' },
    },
  ],
  [
    'comicbox CBT (xz-compressed tar with pax headers)',
    {
      path: corpusPath('comicbox/Captain Science #001-cix.cbt'),
      format: 'tar',
      files: [...PAGES, ['Captain Science 001/metroninfo.xml', 1709], ['Captain Science 001/comicinfo.xml', 1347]],
      sample: { name: 'Captain Science 001/comicinfo.xml', md5: '6b06d34ee3e28d7ad5481d44e33a0c34' },
    },
  ],
  [
    'comicbox PDF with an embedded ComicInfo.xml',
    {
      path: corpusPath('comicbox/test_cix.pdf'),
      format: 'pdf',
      files: [['ComicInfo.xml', 638]],
      sample: { name: 'ComicInfo.xml', md5: '4003f5fa04e7ba240f6039465e19be54' },
    },
  ],
  ['komga PDF', { path: corpusPath('komga/komga.pdf'), format: 'pdf', files: [] }],
];

const generatedCases: Array<[string, ArchiveExpectation]> = [
  [
    'generated gzipped CBT',
    {
      path: generated('gzipped.cbt', gzipSync(buildTar([{ name: '01.png', data: PAGE_PNG }, { name: 'ComicInfo.xml', data: '<ComicInfo/>' }]))),
      format: 'tar',
      files: [['01.png', PAGE_PNG.length], ['ComicInfo.xml', 12]],
      sample: { name: 'ComicInfo.xml', md5: '9328178dfcb3f81b5cff4b98aa698404' },
    },
  ],
];

describe.each(cases)('%s', { tags: CORPUS_TAG }, (_label, expected) => archiveContract(expected));
describe.each(generatedCases)('%s', (_label, expected) => archiveContract(expected));
