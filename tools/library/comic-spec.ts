import type { ComicInfoFields } from '../comicinfo-xml';
import type { ComicBookInfo } from '../comicbookinfo-json';
import type { PdfInfo } from '../archive-writers/pdf';

export const PROFILES = ['codex', 'realistic', 'sample'] as const;
export type Profile = (typeof PROFILES)[number];

/** RAR cannot be written here (no rar tool), so generated libraries hold no CBR. */
export const GENERATED_FORMATS = ['CBZ', 'CB7', 'CBT', 'PDF'] as const;
export type GeneratedFormat = (typeof GENERATED_FORMATS)[number];

export const FORMAT_EXTENSIONS: Record<GeneratedFormat, string> = {
  CBZ: '.cbz',
  CB7: '.cb7',
  CBT: '.cbt',
  PDF: '.pdf',
};

/**
 * Everything one generated comic file holds: the manifest lists these, the writer turns one into
 * a file. Metadata is what was written, wrong types included, not what a reader should make of it.
 */
export interface ComicSpec {
  /** Relative to the library root, '/'-separated. */
  path: string;
  format: GeneratedFormat;
  /** Page images in the archive (PDF: pages). */
  pages: number;
  /** File modification time, ms since the epoch (whole seconds). */
  mtime: number;
  comicInfo?: ComicInfoFields;
  /** Where ComicInfo sits in the archive; default 'ComicInfo.xml'. */
  comicInfoEntry?: string;
  /** Written as the zip comment (CBZ only). */
  comicBookInfo?: ComicBookInfo;
  /** The PDF Info dictionary (PDF only). */
  pdfInfo?: PdfInfo;
  /** Entries readers must skip when counting pages (dot-files, __MACOSX). */
  junkEntries?: string[];
}

export interface LibraryManifest {
  profile: Profile;
  seed: number;
  comics: ComicSpec[];
}
