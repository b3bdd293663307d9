/**
 * Longest name a metadata field keeps, in characters. Apart from the zod schemas in schema.ts, so
 * the cleaners (which the importer uses to compare file names) load without building them.
 */
export const NAME_MAX = 128;
