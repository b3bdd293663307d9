import type { Database } from 'better-sqlite3';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ComicMetadata } from '../../metadata/schema';
import {
  ageRatings,
  characters,
  countries,
  creditPersons,
  creditRoles,
  credits,
  genres,
  identifiers,
  identifierSources,
  imprints,
  languages,
  locations,
  originalFormats,
  publishers,
  reprints,
  scanInfos,
  series,
  seriesGroups,
  stories,
  storyArcNumbers,
  storyArcs,
  taggers,
  tags,
  teams,
  universes,
  volumes,
} from '../../schema';
import type { ComicLinks } from '../queries/link-tables';
import { type ResolverLoading, RowResolver } from '../queries/row-resolver';

/** The comic columns that point at reference rows. */
export interface ComicReferences {
  publisherId: number;
  imprintId: number;
  seriesId: number;
  volumeId: number;
  ageRatingId: number | null;
  originalFormatId: number | null;
  scanInfoId: number | null;
  taggerId: number | null;
  mainCharacterId: number | null;
  mainTeamId: number | null;
  countryId: number | null;
  languageId: number | null;
}

/**
 * Turns a comic's metadata into the ids of its reference rows, creating the rows it needs
 * (parents before children: publisher > imprint > series > volume, person > credit ...).
 * Synchronous and inside the caller's transaction.
 */
export function createReferenceResolvers(client: Database, loading: ResolverLoading) {
  const named = (table: SQLiteTable & { id: SQLiteColumn; name: SQLiteColumn }) =>
    new RowResolver(client, table, table.id, [table.name], { loading });
  const r = {
    publishers: named(publishers),
    imprints: new RowResolver(client, imprints, imprints.id, [imprints.publisherId, imprints.name], { loading }),
    series: new RowResolver(client, series, series.id, [series.imprintId, series.name], { loading }),
    volumes: new RowResolver(client, volumes, volumes.id, [volumes.seriesId, volumes.number, volumes.numberTo], { loading }),
    ageRatings: named(ageRatings),
    originalFormats: named(originalFormats),
    scanInfos: named(scanInfos),
    taggers: named(taggers),
    countries: named(countries),
    languages: named(languages),
    characters: named(characters),
    teams: named(teams),
    genres: named(genres),
    locations: named(locations),
    stories: named(stories),
    tags: named(tags),
    seriesGroups: named(seriesGroups),
    universes: new RowResolver(client, universes, universes.id, [universes.name], { attributes: [universes.designation], loading }),
    storyArcs: named(storyArcs),
    storyArcNumbers: new RowResolver(client, storyArcNumbers, storyArcNumbers.id, [storyArcNumbers.storyArcId, storyArcNumbers.number], { loading }),
    creditPersons: named(creditPersons),
    creditRoles: named(creditRoles),
    credits: new RowResolver(client, credits, credits.id, [credits.personId, credits.roleId], { loading }),
    identifierSources: named(identifierSources),
    // Mostly one per comic: not remembered (see RowResolver).
    identifiers: new RowResolver(client, identifiers, identifiers.id, [identifiers.sourceId, identifiers.idType, identifiers.key], { attributes: [identifiers.url], remember: false, loading }),
    reprints: new RowResolver(client, reprints, reprints.id, [reprints.seriesName, reprints.volumeNumber, reprints.issue, reprints.language], { remember: false, loading }),
  };
  const optional = (resolver: RowResolver, name: string | undefined) => (name === undefined ? null : resolver.resolve([name]));
  const each = (resolver: RowResolver, names: readonly string[]) => names.map((name) => resolver.resolve([name]));

  return {
    /** Rows created so far by this import, over all reference tables. */
    createdCount: () => Object.values(r).reduce((sum, resolver) => sum + resolver.created, 0),

    resolve(metadata: ComicMetadata): { references: ComicReferences; links: Omit<ComicLinks, 'folders'> } {
      const publisherId = r.publishers.resolve([metadata.publisher ?? '']);
      const imprintId = r.imprints.resolve([publisherId, metadata.imprint ?? '']);
      const seriesId = r.series.resolve([imprintId, metadata.series ?? '']);
      const volumeId = r.volumes.resolve([seriesId, metadata.volume ?? null, metadata.volumeTo ?? null]);
      const optionalSource = (source: string | undefined) => optional(r.identifierSources, source);
      return {
        references: {
          publisherId,
          imprintId,
          seriesId,
          volumeId,
          ageRatingId: optional(r.ageRatings, metadata.ageRating),
          originalFormatId: optional(r.originalFormats, metadata.originalFormat),
          scanInfoId: optional(r.scanInfos, metadata.scanInfo),
          taggerId: optional(r.taggers, metadata.tagger),
          mainCharacterId: optional(r.characters, metadata.mainCharacter),
          mainTeamId: optional(r.teams, metadata.mainTeam),
          countryId: optional(r.countries, metadata.country),
          languageId: optional(r.languages, metadata.language),
        },
        links: {
          characters: each(r.characters, metadata.characters),
          teams: each(r.teams, metadata.teams),
          genres: each(r.genres, metadata.genres),
          locations: each(r.locations, metadata.locations),
          stories: each(r.stories, metadata.stories),
          tags: each(r.tags, metadata.tags),
          seriesGroups: each(r.seriesGroups, metadata.seriesGroups),
          universes: metadata.universes.map((u) => r.universes.resolve([u.name], [u.designation])),
          storyArcNumbers: metadata.storyArcs.map((arc) =>
            r.storyArcNumbers.resolve([r.storyArcs.resolve([arc.name]), arc.number ?? null]),
          ),
          credits: metadata.credits.map((credit) =>
            r.credits.resolve([
              r.creditPersons.resolve([credit.person]),
              credit.role === undefined ? null : r.creditRoles.resolve([credit.role]),
            ]),
          ),
          identifiers: metadata.identifiers.map((identifier) =>
            r.identifiers.resolve(
              [optionalSource(identifier.source), identifier.idType ?? null, identifier.key],
              [identifier.url],
            ),
          ),
          reprints: metadata.reprints.map((reprint) =>
            r.reprints.resolve([reprint.seriesName, reprint.volumeNumber ?? null, reprint.issue ?? null, reprint.language ?? null]),
          ),
        },
      };
    },
  };
}

export type ReferenceResolvers = ReturnType<typeof createReferenceResolvers>;
