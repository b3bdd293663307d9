import { uniqueCredits } from './clean/credits';
import { uniqueIdentifiers } from './clean/identifiers';
import { nameKey, uniqueBy } from './clean/lists';
import { sourceKinds, type MetadataPatch, type SourcePatch } from './patch';
import { comicMetadataSchema, type ComicMetadata, type Reprint, type TagIdentifier } from './schema';

/**
 * Merge what each source says into one record (DESIGN section 4):
 * - single values: the highest-precedence source that says anything wins; fields that only mean
 *   something together move together, so a ComicInfo "1" never pairs with a file name's "AU"
 *   suffix, nor its year with another source's month;
 * - lists: the union over all sources, de-duplicated case-insensitively, highest precedence
 *   first so its spelling and order are kept; credits are unique per (person, role), identifiers
 *   per (source, kind, key), arcs and universes per name; an arc, universe or identifier missing
 *   its number, designation or URL takes it from a lower source that has it; a tag keeps the
 *   identifier of the highest source that numbers it.
 */

type ListKey = { [K in keyof ComicMetadata]-?: NonNullable<ComicMetadata[K]> extends unknown[] ? K : never }[keyof ComicMetadata];
type SingleKey = Exclude<keyof ComicMetadata, ListKey>;

const byName = (names: string[]): string[] => uniqueBy(names, nameKey);

/** How each list is de-duplicated. Typed over every list field, so a new one cannot be missed. */
const LIST_MERGERS: { [K in ListKey]: (items: ComicMetadata[K]) => ComicMetadata[K] } = {
  characters: byName,
  teams: byName,
  genres: byName,
  locations: byName,
  stories: byName,
  tags: byName,
  seriesGroups: byName,
  universes: (items) => fillFirst(items, (universe) => nameKey(universe.name), 'designation'),
  storyArcs: (items) => fillFirst(items, (arc) => nameKey(arc.name), 'number'),
  credits: uniqueCredits,
  identifiers: uniqueIdentifiers,
  reprints: (items) => uniqueBy(items, reprintKey),
  tagIdentifiers: (items) => uniqueBy(items, tagIdentifierKey),
};

/** Fields merged as one value. Every other single-valued field is a group of its own. */
const LINKED: ReadonlyArray<ReadonlyArray<SingleKey>> = [
  ['issueNumber', 'issueSuffix'],
  ['alternativeIssueNumber', 'alternativeIssueSuffix'],
  ['volume', 'volumeTo'],
  ['year', 'month', 'day'],
  ['communityRating', 'communityRatingCount'],
];

const SINGLE_KEYS = Object.keys(comicMetadataSchema.shape).filter((key): key is SingleKey => !(key in LIST_MERGERS));

const GROUPS: ReadonlyArray<ReadonlyArray<SingleKey>> = [
  ...LINKED,
  ...SINGLE_KEYS.filter((key) => !LINKED.some((group) => group.includes(key))).map((key) => [key]),
];

const LIST_KEYS = Object.keys(LIST_MERGERS) as ListKey[];

const precedence = (source: SourcePatch): number => sourceKinds.indexOf(source.kind);

// Plain loops below: this runs once per comic over every field, and the closures of find/some
// per group were a visible share of reading a comic.
export function mergePatches(sources: SourcePatch[]): ComicMetadata {
  const ordered = byPrecedence(sources);
  const merged: Record<string, unknown> = {};
  for (const group of GROUPS) {
    const winner = firstSaying(ordered, group);
    if (winner === undefined) continue;
    for (const key of group) {
      const value = winner[key];
      if (value !== undefined) merged[key] = value;
    }
  }
  for (const key of LIST_KEYS) merged[key] = mergeList(ordered, key);
  return merged as ComicMetadata;
}

/** Highest precedence first; among sources of one kind, the later one wins. */
function byPrecedence(sources: SourcePatch[]): MetadataPatch[] {
  if (sources.length === 1) return [sources[0]!.patch];
  return sources
    .map((source, index) => ({ source, index }))
    .sort((a, b) => precedence(b.source) - precedence(a.source) || b.index - a.index)
    .map(({ source }) => source.patch);
}

function firstSaying(ordered: MetadataPatch[], group: ReadonlyArray<SingleKey>): MetadataPatch | undefined {
  for (const patch of ordered) for (const key of group) if (patch[key] !== undefined) return patch;
  return undefined;
}

function mergeList<K extends ListKey>(ordered: MetadataPatch[], key: K): ComicMetadata[K] {
  const items: unknown[] = [];
  for (const patch of ordered) {
    const list = patch[key];
    if (list !== undefined) for (const item of list) items.push(item);
  }
  return items.length === 0 ? [] : LIST_MERGERS[key](items as ComicMetadata[K]);
}

/** Keep the first item per key; if it lacks `field`, take it from the first later item that has it. */
function fillFirst<T extends object, F extends keyof T>(items: T[], key: (item: T) => string, field: F): T[] {
  const kept: T[] = [];
  const at = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    const index = at.get(k);
    if (index === undefined) {
      at.set(k, kept.length);
      kept.push(item);
    } else if (kept[index]![field] === undefined && item[field] !== undefined) {
      kept[index] = { ...kept[index]!, [field]: item[field] };
    }
  }
  return kept;
}

const reprintKey = (reprint: Reprint): string =>
  [reprint.seriesName, reprint.volumeNumber ?? '', reprint.issue ?? '', reprint.language ?? '', reprint.issueCount ?? '']
    .map((part) => nameKey(String(part)))
    .join('\u0000');

const tagIdentifierKey = (item: TagIdentifier): string => `${item.kind}\u0000${nameKey(item.name)}`;
