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
import { type AttributeValue, type PendingRow, RowResolver } from '../queries/row-resolver';

/** A tag's identifier_id is fill-only: the first comic that states one sets it. */
const FILL = [true];

/** A tag's attributes when this comic does not number it. */
const KEEP_STORED: readonly [AttributeValue] = [undefined];

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

export interface ResolvedReferences {
  references: ComicReferences;
  links: Omit<ComicLinks, 'folders'>;
}

/**
 * Turns comics' metadata into the ids of their reference rows, creating the rows they need
 * (parents before children: publisher > imprint > series > volume, person > credit ...).
 * Synchronous and inside the caller's transaction.
 */
export function createReferenceResolvers(client: Database) {
  const named = (table: SQLiteTable & { id: SQLiteColumn; name: SQLiteColumn }) =>
    new RowResolver(client, table, table.id, [table.name]);
  const identified = (table: SQLiteTable & { id: SQLiteColumn; name: SQLiteColumn; identifierId: SQLiteColumn }) =>
    new RowResolver(client, table, table.id, [table.name], { attributes: [table.identifierId], fillOnly: FILL });
  const r = {
    publishers: identified(publishers),
    imprints: new RowResolver(client, imprints, imprints.id, [imprints.publisherId, imprints.name], { attributes: [imprints.identifierId], fillOnly: FILL }),
    series: new RowResolver(client, series, series.id, [series.imprintId, series.name], { attributes: [series.identifierId], fillOnly: FILL }),
    volumes: new RowResolver(client, volumes, volumes.id, [volumes.seriesId, volumes.number, volumes.numberTo]),
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
    universes: new RowResolver(client, universes, universes.id, [universes.name], { attributes: [universes.designation, universes.identifierId], fillOnly: [false, true] }),
    storyArcs: identified(storyArcs),
    storyArcNumbers: new RowResolver(client, storyArcNumbers, storyArcNumbers.id, [storyArcNumbers.storyArcId, storyArcNumbers.number]),
    creditPersons: identified(creditPersons),
    creditRoles: named(creditRoles),
    credits: new RowResolver(client, credits, credits.id, [credits.personId, credits.roleId]),
    identifierSources: named(identifierSources),
    // Mostly one per comic: not remembered (see RowResolver).
    identifiers: new RowResolver(client, identifiers, identifiers.id, [identifiers.sourceId, identifiers.idType, identifiers.key], { attributes: [identifiers.url], remembered: false }),
    reprints: new RowResolver(client, reprints, reprints.id, [reprints.seriesName, reprints.volumeNumber, reprints.issue, reprints.language, reprints.issueCount], { remembered: false }),
  };
  const optionalSource = (source: string | undefined) => (source === undefined ? null : r.identifierSources.resolve([source]));
  const identifierRow = (identifier: Identifier) =>
    r.identifiers.resolve([optionalSource(identifier.source), identifier.idType ?? null, identifier.key], [identifier.url]);
  const optional = (resolver: RowResolver, name: string | undefined) => (name === undefined ? undefined : resolver.request([name]));
  const flush = (...resolvers: RowResolver[]) => {
    for (const resolver of resolvers) resolver.flush();
  };

  /** A comic's tag attributes: the identifier of a tag row when this comic numbers the tag. */
  const identifiersOf = (metadata: ComicMetadata) => {
    // Most comics number no tag: then every lookup is a miss on an empty map.
    const tagIdentifiers = new Map(metadata.tagIdentifiers.map((tag) => [tagKey(tag.kind, tag.name), tag.identifier]));
    // Else the stored one stays; made lazily so that no identifier row is created that the tag
    // row will not take.
    return (kind: IdentifiedTagKind, name: string | undefined): readonly [AttributeValue] => {
      const identifier = name === undefined || tagIdentifiers.size === 0 ? undefined : tagIdentifiers.get(tagKey(kind, name));
      return identifier === undefined ? KEEP_STORED : [() => identifierRow(identifier)];
    };
  };

  /** Level 1: the rows whose key holds no other row's id. */
  const requestRoots = (metadata: ComicMetadata) => {
    const idOf = identifiersOf(metadata);
    const each = (resolver: RowResolver, kind: IdentifiedTagKind, names: readonly string[]) =>
      names.map((name) => resolver.request([name], idOf(kind, name)));
    return {
      idOf,
      publisher: r.publishers.request([metadata.publisher ?? ''], idOf('publisher', metadata.publisher)),
      single: {
        ageRatingId: optional(r.ageRatings, metadata.ageRating),
        originalFormatId: optional(r.originalFormats, metadata.originalFormat),
        scanInfoId: optional(r.scanInfos, metadata.scanInfo),
        taggerId: optional(r.taggers, metadata.tagger),
        mainCharacterId: optional(r.characters, metadata.mainCharacter),
        mainTeamId: optional(r.teams, metadata.mainTeam),
        countryId: optional(r.countries, metadata.country),
        languageId: optional(r.languages, metadata.language),
      },
      characters: each(r.characters, 'character', metadata.characters),
      teams: each(r.teams, 'team', metadata.teams),
      genres: each(r.genres, 'genre', metadata.genres),
      locations: each(r.locations, 'location', metadata.locations),
      stories: each(r.stories, 'story', metadata.stories),
      tags: each(r.tags, 'tag', metadata.tags),
      seriesGroups: metadata.seriesGroups.map((name) => r.seriesGroups.request([name])),
      universes: metadata.universes.map((u) => r.universes.request([u.name], [u.designation, ...idOf('universe', u.name)])),
      storyArcs: metadata.storyArcs.map((arc) => r.storyArcs.request([arc.name], idOf('arc', arc.name))),
      persons: metadata.credits.map((credit) => r.creditPersons.request([credit.person], idOf('creator', credit.person))),
      roles: metadata.credits.map((credit) => (credit.role === undefined ? undefined : r.creditRoles.request([credit.role]))),
    };
  };
  const roots = [
    r.publishers, r.ageRatings, r.originalFormats, r.scanInfos, r.taggers, r.countries, r.languages, r.characters, r.teams,
    r.genres, r.locations, r.stories, r.tags, r.seriesGroups, r.universes, r.storyArcs, r.creditPersons, r.creditRoles,
  ];
  const ids = (rows: readonly PendingRow[]) => rows.map((row) => row.id);
  const idOrNull = (row: PendingRow | undefined) => row?.id ?? null;

  return {
    /** Rows created so far by this import, over all reference tables. */
    createdCount: () => Object.values(r).reduce((sum, resolver) => sum + resolver.created, 0),

    /**
     * The reference ids and link targets of each comic, in order. Each table's keys are resolved
     * for the whole list at once (see RowResolver.flush), parents before children.
     */
    resolveAll(list: readonly ComicMetadata[]): ResolvedReferences[] {
      const level1 = list.map(requestRoots);
      flush(...roots);
      const level2 = list.map((metadata, i) => {
        const { idOf, publisher, storyArcs, persons, roles } = level1[i]!;
        return {
          imprint: r.imprints.request([publisher.id, metadata.imprint ?? ''], idOf('imprint', metadata.imprint)),
          storyArcNumbers: metadata.storyArcs.map((arc, j) => r.storyArcNumbers.request([storyArcs[j]!.id, arc.number ?? null])),
          credits: persons.map((person, j) => r.credits.request([person.id, roles[j]?.id ?? null])),
        };
      });
      flush(r.imprints, r.storyArcNumbers, r.credits);
      const seriesRows = list.map((metadata, i) => r.series.request([level2[i]!.imprint.id, metadata.series ?? ''], level1[i]!.idOf('series', metadata.series)));
      r.series.flush();
      const volumeRows = list.map((metadata, i) => r.volumes.request([seriesRows[i]!.id, metadata.volume ?? null, metadata.volumeTo ?? null]));
      r.volumes.flush();

      return list.map((metadata, i) => {
        const first = level1[i]!;
        const { single } = first;
        return {
          references: {
            publisherId: first.publisher.id,
            imprintId: level2[i]!.imprint.id,
            seriesId: seriesRows[i]!.id,
            volumeId: volumeRows[i]!.id,
            ageRatingId: idOrNull(single.ageRatingId),
            originalFormatId: idOrNull(single.originalFormatId),
            scanInfoId: idOrNull(single.scanInfoId),
            taggerId: idOrNull(single.taggerId),
            mainCharacterId: idOrNull(single.mainCharacterId),
            mainTeamId: idOrNull(single.mainTeamId),
            countryId: idOrNull(single.countryId),
            languageId: idOrNull(single.languageId),
          },
          links: {
            characters: ids(first.characters),
            teams: ids(first.teams),
            genres: ids(first.genres),
            locations: ids(first.locations),
            stories: ids(first.stories),
            tags: ids(first.tags),
            seriesGroups: ids(first.seriesGroups),
            universes: ids(first.universes),
            storyArcNumbers: ids(level2[i]!.storyArcNumbers),
            credits: ids(level2[i]!.credits),
            // Mostly one per comic (not remembered): resolved one by one.
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
      });
    },
  };
}

export type ReferenceResolvers = ReturnType<typeof createReferenceResolvers>;
