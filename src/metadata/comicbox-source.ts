import { createRequire } from 'node:module';
import { createCleaner } from './clean/cleaner';
import { COMICBOX_ROOT, readComicbox } from './comicbox';
import type { MetadataPatch } from './patch';

/**
 * Parses comicbox.json, comicbox.yaml / .yml and the comicbox JSON of an archive comment. The
 * `yaml` package is loaded on the first YAML entry only: most libraries have none, and start-up
 * (every reader worker) should not pay for it.
 */
export type ComicboxFormat = 'json' | 'yaml';

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
const loadYaml = (): YamlModule => (yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule);

/** The parsed document, or a reason it is not one. Never throws. */
export function parseDocument(text: string, format: ComicboxFormat): { ok: true; document: unknown } | { ok: false; reason: string } {
  try {
    const clean = text.replace(/^\uFEFF/, '');
    // Aliases are capped (the "billion laughs" of YAML); a comicbox file has none.
    const document = format === 'json' ? JSON.parse(clean) : loadYaml().parse(clean, { maxAliasCount: 100 });
    return { ok: true, document };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

export const isComicboxDocument = (document: unknown): document is Record<string, unknown> =>
  typeof document === 'object' && document !== null && !Array.isArray(document) && COMICBOX_ROOT in document;

export function parseComicbox(text: string, format: ComicboxFormat, warnings: string[]): MetadataPatch | undefined {
  const parsed = parseDocument(text, format);
  if (!parsed.ok) {
    warnings.push(`comicbox: the ${format.toUpperCase()} could not be parsed (${parsed.reason}); ignored`);
    return undefined;
  }
  if (!isComicboxDocument(parsed.document)) {
    warnings.push(`comicbox: the ${format.toUpperCase()} has no "${COMICBOX_ROOT}" object; ignored`);
    return undefined;
  }
  return comicboxOf(parsed.document, warnings);
}

/** An already parsed document (an archive comment is parsed once, then told apart from ComicBookInfo). */
export const comicboxOf = (document: Record<string, unknown>, warnings: string[]): MetadataPatch =>
  readComicbox(document, createCleaner('comicbox', warnings));
