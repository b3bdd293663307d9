import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { pageEntries, type Archive } from '../src/archive';
import { ArchiveFile } from '../src/archive/file';
import { openArchiveFile } from '../src/archive/open-archive';
import { buildMetadata, findMetadataEntries, mergePatches, parseComicInfo, parseFilename } from '../src/metadata';
import { compileCheck } from '../src/metadata/schema-check';
import { comicMetadataSchema } from '../src/metadata/schema';
import { decodeXml } from '../src/metadata/xml';
import { readXmlTree } from '../src/metadata/xml-tree';
import { readComic, type ReadOutcome } from '../src/read';
import { fingerprintOf } from '../src/read/fingerprint';
import { listComics } from './lib/list-comics';
import { middleOf } from './lib/median';

/**
 * node --import tsx bench/read-steps.ts --library DIR [--rounds 3]
 *
 * What each step of reading one CBZ costs, in CPU µs per file: every step runs over the whole
 * library in a loop of its own (after an untimed pass that warms the page cache and the JIT), so
 * a step's figure is its own and not a share of a profile. Steps that need an earlier step's
 * result take it from arrays the earlier loop filled. The sum is close to, not equal to,
 * `readComic` (which also pays for promises and the small objects between steps).
 */
const { values } = parseArgs({ options: { library: { type: 'string' }, rounds: { type: 'string', default: '3' }, limit: { type: 'string' } } });
if (!values.library) throw new Error('usage: bench/read-steps.ts --library DIR');
const paths = listComics(values.library, values.limit === undefined ? Infinity : Number(values.limit)).filter((path) => path.toLowerCase().endsWith('.cbz'));
const rounds = Number(values.rounds);

const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

const isComicMetadata = compileCheck(comicMetadataSchema);
const results = new Map<string, number[]>();

async function step(name: string, run: () => unknown): Promise<void> {
  const started = cpu();
  await run();
  const perFile = (cpu() - started) / paths.length;
  results.set(name, [...(results.get(name) ?? []), perFile]);
}

for (let round = 0; round <= rounds; round++) {
  const files: ArchiveFile[] = [];
  const archives: Archive[] = [];
  const entries: Array<string | undefined> = [];
  const bytes: Array<Buffer | undefined> = [];
  const compressed: Buffer[] = [];
  const texts: string[] = [];
  const warnings: string[] = [];
  await step('stat', () => paths.forEach((path) => statSync(path)));
  await step('open (open + fstat)', () => paths.forEach((path) => files.push(ArchiveFile.open(path))));
  await step('sniff (first 16 KiB read)', () => files.forEach((file) => file.head(1024)));
  await step('central directory (tail read + parse)', async () => {
    for (const file of files) archives.push(await openArchiveFile(file));
  });
  await step('find metadata entries + count pages', () =>
    archives.forEach((archive) => {
      entries.push(findMetadataEntries(archive.entries.filter((entry) => !entry.isDirectory).map((entry) => entry.name)).comicinfo);
      pageEntries(archive.entries);
    }),
  );
  await step('read entry (local header, inflate, CRC)', async () => {
    for (const [i, archive] of archives.entries()) bytes.push(entries[i] === undefined ? undefined : await archive.read(entries[i]!));
  });
  // The entries deflated again at the default level: the shape of the real compressed bytes.
  for (const data of bytes) if (data) compressed.push(deflateRawSync(data));
  await step('  of which inflate (inflateRawSync)', () => compressed.forEach((data) => inflateRawSync(data)));
  await step('  of which CRC-32', () => bytes.forEach((data) => data && crc32(data)));
  await step('fingerprint (SHA-1 of the ends)', () => files.forEach((file) => fingerprintOf(file)));
  await step('close', () => files.forEach((file) => file.close()));
  await step('XML: decode bytes to text', () => bytes.forEach((data) => data && texts.push(decodeXml(data))));
  await step('XML: tree', () => texts.forEach((text) => readXmlTree(text)));
  const comicInfos: unknown[] = [];
  await step('ComicInfo: XML + read + clean', () => bytes.forEach((data) => data && comicInfos.push(parseComicInfo(data, warnings))));
  const names: unknown[] = [];
  await step('file name: parse + clean', () => paths.forEach((path) => names.push(parseFilename(basename(path), warnings))));
  const merged: unknown[] = [];
  await step('merge', () =>
    names.forEach((patch, i) =>
      merged.push(
        mergePatches([
          { kind: 'filename', patch: patch as never },
          ...(comicInfos[i] ? [{ kind: 'comicinfo' as const, patch: comicInfos[i] as never }] : []),
        ]),
      ),
    ),
  );
  await step('schema check (compiled)', () => merged.forEach((record) => isComicMetadata(record)));
  await step('buildMetadata (file name + ComicInfo, all of the above)', () =>
    bytes.forEach((data, i) => buildMetadata([{ kind: 'filename', name: basename(paths[i]!) }, ...(data ? [{ kind: 'comicinfo' as const, xml: data }] : [])])),
  );
  const outcomes: ReadOutcome[] = [];
  await step('readComic (whole)', async () => {
    for (const path of paths) outcomes.push(await readComic(path));
  });
  await step('transfer: structured clone of each outcome (v8.serialize)', () => outcomes.forEach((outcome) => serialize(outcome)));
}

console.log(`${paths.length} CBZs in ${values.library}; CPU µs per file, median of ${rounds} rounds after a warm-up`);
for (const [name, figures] of results) {
  console.log(`${middleOf(figures.slice(1)).toFixed(1).padStart(8)}  ${name}`);
}
