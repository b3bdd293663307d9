import { archiveError, entryInflatesPastCap, entryTooLarge } from './errors';
import { intOf, isUnfollowable, PdfFile, PdfStructureError, TooLarge, UnsupportedFilter, type PdfDict, type PdfStream, type PdfValue } from './pdf-objects';
import { pdfText } from './pdf-text';
import type { ArchiveEntry } from './types';

/**
 * A PDF's embedded files (where taggers attach ComicInfo.xml), listed with the size each declares
 * and decoded only when read, under the caller's cap. pdf.js's getAttachments() would inflate
 * every one of them first. Names follow pdf.js: the file spec's /UF, /F, /Unix, /Mac or /DOS
 * string, without its folders; the first of a name wins.
 */

interface PdfAttachment {
  entry: ArchiveEntry;
  stream: PdfStream;
}

export interface PdfAttachments {
  entries: ArchiveEntry[];
  /** The entry's decoded bytes; `entry` is one of `entries`. */
  read(entry: ArchiveEntry, maxBytes: number): Buffer;
  close(): void;
}

/** Name tree nodes and leaves visited, and how deep: a real tree has a handful. */
const MAX_TREE_NODES = 10_000;
const MAX_TREE_DEPTH = 32;

const NONE: PdfAttachments = { entries: [], read: () => Buffer.alloc(0), close: () => undefined };

/**
 * Lists the embedded files. When the cross-reference sections cannot be followed, the objects are
 * found by scanning the file, as pdf.js does. A structure that defeats both, or an encrypted file
 * (its streams and strings would need the key), lists none: the pages and the Info dictionary
 * read apart (pdf-structure.ts or pdf.js) still make the comic.
 */
export function pdfAttachments(path: string): PdfAttachments {
  try {
    return listed(path, false);
  } catch (error) {
    if (!isUnfollowable(error)) throw error;
  }
  try {
    return listed(path, true);
  } catch (error) {
    if (!isUnfollowable(error)) throw error;
    return NONE;
  }
}


function listed(path: string, rebuild: boolean): PdfAttachments {
  const file = PdfFile.open(path, { rebuild });
  try {
    if (file.trailer.has('Encrypt')) {
      file.close();
      return NONE;
    }
    const attachments = listAttachments(file);
    const streams = new Map(attachments.map(({ entry, stream }) => [entry, stream]));
    return {
      entries: attachments.map(({ entry }) => entry),
      read: (entry, maxBytes) => readAttachment(file, entry, streams.get(entry)!, maxBytes),
      close: () => file.close(),
    };
  } catch (error) {
    file.close();
    throw error;
  }
}

function listAttachments(file: PdfFile): PdfAttachment[] {
  const catalog = file.dict(file.trailer.get('Root'));
  const names = file.dict(catalog?.get('Names'));
  const tree = names?.get('EmbeddedFiles');
  if (tree === undefined) return [];
  const entries: PdfAttachment[] = [];
  const seen = new Set<string>();
  for (const spec of nameTreeValues(file, tree)) {
    const attachment = toAttachment(file, spec);
    if (!attachment || seen.has(attachment.entry.name)) continue;
    seen.add(attachment.entry.name);
    entries.push(attachment);
  }
  return entries;
}

/** The values of a name tree, in key order (ISO 32000-1 §7.9.6), each node visited once. */
function nameTreeValues(file: PdfFile, root: PdfValue): PdfValue[] {
  const values: PdfValue[] = [];
  const visited = new Set<PdfDict>();
  let nodes = 0;
  const walk = (node: PdfValue | undefined, depth: number) => {
    const dict = file.dict(node);
    if (!dict || visited.has(dict) || depth > MAX_TREE_DEPTH || ++nodes > MAX_TREE_NODES) return;
    visited.add(dict);
    const pairs = file.resolve(dict.get('Names'));
    if (Array.isArray(pairs)) for (let i = 1; i < pairs.length; i += 2) values.push(pairs[i]!);
    const kids = file.resolve(dict.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) walk(kid, depth + 1);
  };
  walk(root, 0);
  return values;
}

function toAttachment(file: PdfFile, value: PdfValue): PdfAttachment | undefined {
  const spec = file.dict(value);
  if (!spec) return undefined;
  const platformItem = (dict: PdfDict | undefined) => ['UF', 'F', 'Unix', 'Mac', 'DOS'].map((key) => dict?.get(key)).find((item) => item !== undefined);
  const stream = file.stream(platformItem(file.dict(spec.get('EF'))));
  if (!stream) return undefined;
  const rawName = file.resolve(platformItem(spec));
  const path = rawName instanceof Uint8Array ? pdfText(rawName).replaceAll('\\\\', '\\').replaceAll('\\/', '/').replaceAll('\\', '/') : '';
  const name = path.slice(path.lastIndexOf('/') + 1) || 'unnamed';
  return { entry: { name, size: declaredSize(file, stream), isDirectory: false }, stream };
}

/**
 * What the stream says it will decode to: /Params /Size, else /DL, else its raw /Length (exact
 * when it is not compressed; for a compressed one the decode enforces the cap anyway).
 */
function declaredSize(file: PdfFile, stream: PdfStream): number {
  const params = file.dict(stream.dict.get('Params'));
  return intOf(file.resolve(params?.get('Size'))) ?? intOf(file.resolve(stream.dict.get('DL'))) ?? intOf(file.resolve(stream.dict.get('Length'))) ?? 0;
}

function readAttachment(file: PdfFile, entry: ArchiveEntry, stream: PdfStream, maxBytes: number): Buffer {
  if (entry.size > maxBytes) throw entryTooLarge(entry.name, entry.size, maxBytes);
  try {
    return file.decode(stream, maxBytes);
  } catch (error) {
    if (error instanceof TooLarge) throw error.bytes === undefined ? entryInflatesPastCap(entry.name, maxBytes) : entryTooLarge(entry.name, error.bytes, maxBytes);
    if (error instanceof UnsupportedFilter) throw archiveError(`unsupported PDF attachment: ${entry.name} is encoded with ${error.filters}, which longbox does not decode`, error);
    if (error instanceof PdfStructureError) throw archiveError(`damaged PDF: the attachment ${entry.name} cannot be decoded`, error);
    throw error;
  }
}

