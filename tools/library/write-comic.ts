import { mkdirSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildComicBookInfoJson } from '../comicbookinfo-json';
import { buildComicInfoXml } from '../comicinfo-xml';
import type { ArchiveEntry } from '../archive-writers/entry';
import { writeCbt } from '../archive-writers/tar';
import { writeCb7 } from '../archive-writers/sevenzip';
import { writePdf } from '../archive-writers/pdf';
import { writeCbz } from '../archive-writers/zip';
import { PAGE_PNGS } from '../archive-writers/page-image';
import type { ComicSpec } from './comic-spec';

/** Creates parent folders once per folder: mkdir per file would double the syscalls. */
export class FolderMaker {
  private readonly made = new Set<string>();
  ensure(dir: string): void {
    if (this.made.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.made.add(dir);
  }
}

/** Write one comic under `root` and give it the spec's mtime. Only CB7 really waits. */
export async function writeComic(root: string, spec: ComicSpec, folders = new FolderMaker()): Promise<void> {
  const file = join(root, spec.path);
  folders.ensure(dirname(file));
  switch (spec.format) {
    case 'CBZ':
      writeCbz(file, archiveEntries(spec), spec.comicBookInfo ? { comment: buildComicBookInfoJson(spec.comicBookInfo) } : {});
      break;
    case 'CBT':
      writeCbt(file, archiveEntries(spec));
      break;
    case 'CB7':
      await writeCb7(file, archiveEntries(spec));
      break;
    case 'PDF':
      writePdf(file, { pages: spec.pages, ...(spec.pdfInfo ? { info: spec.pdfInfo } : {}) });
      break;
  }
  const seconds = spec.mtime / 1000;
  utimesSync(file, seconds, seconds);
}

/** Pages first, then the junk readers must skip, then ComicInfo last, as ComicTagger writes it. */
export function archiveEntries(spec: ComicSpec): ArchiveEntry[] {
  const first = pathHash(spec.path);
  const entries: ArchiveEntry[] = [];
  for (let p = 0; p < spec.pages; p++) {
    // Page colours vary with the path so equal metadata still gives different files.
    entries.push({ name: `${String(p + 1).padStart(3, '0')}.png`, data: PAGE_PNGS[(first + p) % PAGE_PNGS.length]! });
  }
  for (const name of spec.junkEntries ?? []) entries.push({ name, data: 'not a page' });
  if (spec.comicInfo) entries.push({ name: spec.comicInfoEntry ?? 'ComicInfo.xml', data: buildComicInfoXml(spec.comicInfo) });
  return entries;
}

/** FNV-1a of the path, for choosing page images. */
function pathHash(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
