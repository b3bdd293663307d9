export { toFtsQuery } from './fts-query';
export { type ComicMatch, searchComics, type SearchOptions, type SearchResult } from './search-comics';
