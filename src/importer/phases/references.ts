import type { Database } from 'better-sqlite3';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { ComicMetadata, IdentifiedTagKind, Identifier } from '../../metadata/schema';
import { nameKey } from '../../metadata/clean/lists';
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
import { type AttributeValue, type ResolverLoading, RowResolver } from '../queries/row-resolver';

/** A tag's identifier_id is fill-only: the first comic that states one sets it. */
const FILL = [true];

const tagKey = (kind: IdentifiedTagKind, name: string): string => `${kind}\u0000${nameKey(name)}`;

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
  const identified = (table: SQLiteTable & { id: SQLiteColumn; name: SQLiteColumn; identifierId: SQLiteColumn }) =>
    new RowResolver(client, table, table.id, [table.name], { attributes: [table.identifierId], fillOnly: FILL, loading });
  const r = {
    publishers: identified(publishers),
    imprints: new RowResolver(client, imprints, imprints.id, [imprints.publisherId, imprints.name], { attributes: [imprints.identifierId], fillOnly: FILL, loading }),
    series: new RowResolver(client, series, series.id, [series.imprintId, series.name], { attributes: [series.identifierId], fillOnly: FILL, loading }),
    volumes: new RowResolver(client, volumes, volumes.id, [volumes.seriesId, volumes.number, volumes.numberTo], { loading }),
    ageRatings: named(ageRatings),
    originalFormats: named(originalFormats),
    scanInfos: named(scanInfos),
    taggers: named(taggers),
    countries: named(countries),
    languages: named(languages),
    characters: identified(characters),
    teams: identified(teams),
    genres: identified(genres),
    locations: identified(locations),
    stories: identified(stories),
    tags: identified(tags),
    seriesGroups: named(seriesGroups),
    universes: new RowResolver(client, universes, universes.id, [universes.name], { attributes: [universes.designation, universes.identifierId], fillOnly: [false, true], loading }),
    storyArcs: identified(storyArcs),
    storyArcNumbers: new RowResolver(client, storyArcNumbers, storyArcNumbers.id, [storyArcNumbers.storyArcId, storyArcNumbers.number], { loading }),
    creditPersons: identified(creditPersons),
    creditRoles: named(creditRoles),
    credits: new RowResolver(client, credits, credits.id, [credits.personId, credits.roleId], { loading }),
    identifierSources: named(identifierSources),
    // Mostly one per comic: not remembered (see RowResolver).
    identifiers: new RowResolver(client, identifiers, identifiers.id, [identifiers.sourceId, identifiers.idType, identifiers.key], { attributes: [identifiers.url], loading: 'none' }),
    reprints: new RowResolver(client, reprints, reprints.id, [reprints.seriesName, reprints.volumeNumber, reprints.issue, reprints.language, reprints.issueCount], { loading: 'none' }),
  };
  const optional = (resolver: RowResolver, name: string | undefined) => (name === undefined ? null : resolver.resolve([name]));
  const optionalSource = (source: string | undefined) => optional(r.identifierSources, source);
  const identifierRow = (identifier: Identifier) =>
    r.identifiers.resolve([optionalSource(identifier.source), identifier.idType ?? null, identifier.key], [identifier.url]);

  return {
    /** Rows created so far by this import, over all reference tables. */
    createdCount: () => Object.values(r).reduce((sum, resolver) => sum + resolver.created, 0),

    resolve(metadata: ComicMetadata): { references: ComicReferences; links: Omit<ComicLinks, 'folders'> } {
      // Most comics number no tag: then every lookup is a miss on an empty map.
      const tagIdentifiers = new Map(metadata.tagIdentifiers.map((tag) => [tagKey(tag.kind, tag.name), tag.identifier]));
      // A tag row's attributes: its identifier when this comic numbers it (else the stored one
      // stays), made lazily so that no identifier row is created that the tag row will not take.
      const idOf = (kind: IdentifiedTagKind, name: string | undefined): [AttributeValue] => {
        const identifier = name === undefined || tagIdentifiers.size === 0 ? undefined : tagIdentifiers.get(tagKey(kind, name));
        return [identifier === undefined ? undefined : () => identifierRow(identifier)];
      };
      const each = (resolver: RowResolver, kind: IdentifiedTagKind, names: readonly string[]) =>
        names.map((name) => resolver.resolve([name], idOf(kind, name)));

      const publisherId = r.publishers.resolve([metadata.publisher ?? ''], idOf('publisher', metadata.publisher));
      const imprintId = r.imprints.resolve([publisherId, metadata.imprint ?? ''], idOf('imprint', metadata.imprint));
      const seriesId = r.series.resolve([imprintId, metadata.series ?? ''], idOf('series', metadata.series));
      const volumeId = r.volumes.resolve([seriesId, metadata.volume ?? null, metadata.volumeTo ?? null]);
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
          characters: each(r.characters, 'character', metadata.characters),
          teams: each(r.teams, 'team', metadata.teams),
          genres: each(r.genres, 'genre', metadata.genres),
          locations: each(r.locations, 'location', metadata.locations),
          stories: each(r.stories, 'story', metadata.stories),
          tags: each(r.tags, 'tag', metadata.tags),
          seriesGroups: metadata.seriesGroups.map((name) => r.seriesGroups.resolve([name])),
          universes: metadata.universes.map((u) => r.universes.resolve([u.name], [u.designation, ...idOf('universe', u.name)])),
          storyArcNumbers: metadata.storyArcs.map((arc) =>
            r.storyArcNumbers.resolve([r.storyArcs.resolve([arc.name], idOf('arc', arc.name)), arc.number ?? null]),
          ),
          credits: metadata.credits.map((credit) =>
            r.credits.resolve([
              r.creditPersons.resolve([credit.person], idOf('creator', credit.person)),
              credit.role === undefined ? null : r.creditRoles.resolve([credit.role]),
            ]),
          ),
          identifiers: metadata.identifiers.map(identifierRow),
          reprints: metadata.reprints.map((reprint) =>
            r.reprints.resolve([
              reprint.seriesName,
              reprint.volumeNumber ?? null,
              reprint.issue ?? null,
              reprint.language ?? null,
              reprint.issueCount ?? null,
            ]),
          ),
        },
      };
    },
  };
}

export type ReferenceResolvers = ReturnType<typeof createReferenceResolvers>;
