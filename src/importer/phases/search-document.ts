import type { ComicMetadata } from '../../metadata/schema';
import { type ComicsFtsColumn, comicsFtsColumns, spaceUnspacedScripts } from '../../schema';

/** Pure: the comic's comics_fts row, in `comicsFtsColumns` order, from its cleaned metadata (Chinese and Japanese spaced: spaceUnspacedScripts). */
export function searchDocument(m: ComicMetadata): string[] {
  const list = (values: readonly string[]) => values.join(', ');
  const document: Record<ComicsFtsColumn, string> = {
    publisher: m.publisher ?? '',
    imprint: m.imprint ?? '',
    series: m.series ?? '',
    title: m.title ?? '',
    collection_title: m.collectionTitle ?? '',
    characters: list(m.characters),
    credits: list([...new Set(m.credits.map((credit) => credit.person))]),
    genres: list(m.genres),
    locations: list(m.locations),
    story_arcs: list(m.storyArcs.map((arc) => arc.name)),
    tags: list(m.tags),
    teams: list(m.teams),
    universes: list(m.universes.map((universe) => universe.name)),
    series_groups: list(m.seriesGroups),
    stories: list(m.stories),
    summary: m.summary ?? '',
    age_rating: m.ageRating ?? '',
    country: m.country ?? '',
    language: m.language ?? '',
    original_format: m.originalFormat ?? '',
    scan_info: m.scanInfo ?? '',
    tagger: m.tagger ?? '',
    identifier_sources: list([...new Set(m.identifiers.flatMap((identifier) => (identifier.source ? [identifier.source] : [])))]),
  };
  return comicsFtsColumns.map((column) => spaceUnspacedScripts(document[column]));
}
