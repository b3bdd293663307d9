import { parseComet } from './comet';
import { comicboxOf, isComicboxDocument, parseComicbox, parseDocument, type ComicboxFormat } from './comicbox-source';
import { comicBookInfoOf, parseComicBookInfo } from './comicbookinfo';
import { parseComicInfo } from './comicinfo';
import { parseFilename } from './filename';
import { withKnownUrl } from './clean/identifiers';
import { storiesAndTitle } from './clean/stories';
import { mergePatches } from './merge';
import { parseMetronInfo } from './metroninfo';
import type { SourcePatch } from './patch';
import { parsePdf } from './pdf';
import { comicMetadataSchema, type ComicMetadata } from './schema';
import { compileCheck } from './schema-check';

/** Metadata as the archive reader finds it; each kind is parsed by its own reader. */
export type MetadataSource =
  | { kind: 'filename'; name: string }
  | { kind: 'comicinfo'; xml: Buffer }
  | { kind: 'metroninfo'; xml: Buffer }
  | { kind: 'comet'; xml: Buffer }
  | { kind: 'comicbookinfo'; json: string }
  /** The archive comment when it is JSON: ComicBookInfo or comicbox, told apart by their root key. */
  | { kind: 'comment'; json: string }
  | { kind: 'comicbox'; text: string; format: ComicboxFormat }
  | { kind: 'pdf'; info: Record<string, unknown>; xmp?: string };

/** One source to its patches: a PDF may also carry a ComicInfo document in its Keywords. */
function readSource(source: MetadataSource, warnings: string[]): SourcePatch[] {
  switch (source.kind) {
    case 'filename':
      return [{ kind: 'filename', patch: parseFilename(source.name, warnings) }];
    case 'comicinfo':
      return optional('comicinfo', parseComicInfo(source.xml, warnings));
    case 'metroninfo':
      return optional('metroninfo', parseMetronInfo(source.xml, warnings));
    case 'comet':
      return optional('comet', parseComet(source.xml, warnings));
    case 'comicbookinfo':
      return optional('comicbookinfo', parseComicBookInfo(source.json, warnings));
    case 'comment':
      return readComment(source.json, warnings);
    case 'comicbox':
      return optional('comicbox', parseComicbox(source.text, source.format, warnings));
    case 'pdf': {
      const { patch, comicInfo } = parsePdf(source.info, source.xmp, warnings);
      const embedded = comicInfo === undefined ? [] : optional('comicinfo', parseComicInfo(comicInfo, warnings));
      return [{ kind: 'pdf', patch }, ...embedded];
    }
  }
}

function readComment(json: string, warnings: string[]): SourcePatch[] {
  const parsed = parseDocument(json, 'json');
  if (!parsed.ok) {
    warnings.push(`comment: the JSON could not be parsed (${parsed.reason}); ignored`);
    return [];
  }
  if (isComicboxDocument(parsed.document)) return [{ kind: 'comicbox', patch: comicboxOf(parsed.document, warnings) }];
  return optional('comicbookinfo', comicBookInfoOf(parsed.document, warnings));
}

const optional = (kind: SourcePatch['kind'], patch: SourcePatch['patch'] | undefined): SourcePatch[] =>
  patch === undefined ? [] : [{ kind, patch }];

const isComicMetadata = compileCheck(comicMetadataSchema);

/**
 * Parse, clean and merge every source into one record. Never throws for bad input: a bad field
 * or a broken source becomes a warning. The schema check at the end is a safety net for the
 * contract: a field the cleaners let through wrongly is dropped with a warning, not passed on.
 * A record the compiled check passes is exactly what zod would return; only the others pay for
 * zod's parse and its issues.
 */
export function buildMetadata(sources: MetadataSource[]): { metadata: ComicMetadata; warnings: string[] } {
  const warnings: string[] = [];
  const patches = sources.flatMap((source) => readSource(source, warnings));
  // Changed in place: copying a record of some sixty fields twice per comic showed in profiles.
  const record = mergePatches(patches);
  const titleIsFileName = !patches.some(({ kind, patch }) => kind !== 'filename' && patch.title !== undefined);
  const { title, stories } = storiesAndTitle(record.title, record.stories, titleIsFileName);
  if (title === undefined) delete record.title;
  else record.title = title;
  record.stories = stories;
  record.identifiers = record.identifiers.map(withKnownUrl);
  if (isComicMetadata(record)) return { metadata: record, warnings };
  // Fields the check refuses are dropped by name.
  const merged: Record<string, unknown> = record;
  const checked = comicMetadataSchema.safeParse(merged);
  if (checked.success) return { metadata: checked.data, warnings };
  // zod reports every issue at once, so one pass of drops leaves a valid record.
  for (const issue of checked.error.issues) {
    const field = String(issue.path[0]);
    warnings.push(`metadata: ${field} failed the schema (${issue.message}); dropped`);
    delete merged[field];
  }
  const rechecked = comicMetadataSchema.safeParse(merged);
  return { metadata: rechecked.success ? rechecked.data : comicMetadataSchema.parse({}), warnings };
}
