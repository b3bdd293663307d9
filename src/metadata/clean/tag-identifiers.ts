import { NAME_MAX } from '../limits';
import type { IdentifiedTagKind, TagIdentifier } from '../schema';
import { cutToLength } from './names';

/**
 * Metron's web pages are /<kind>/<id> for every kind it numbers, so a Metron tag id gives its
 * URL, as comicbox builds it. Other databases' tag pages need more than the id (Comic Vine's
 * "4005-" prefixes), so they get none.
 */
const urlOf = (source: string | undefined, kind: IdentifiedTagKind, key: string): string | undefined =>
  source === 'Metron' ? `https://metron.cloud/${kind}/${encodeURIComponent(key)}` : undefined;

/** The identifier of the tag of `kind` called `name`: `key` in `source`, its type the tag kind. */
export function tagIdentifier(kind: IdentifiedTagKind, name: string, source: string | undefined, rawKey: string): TagIdentifier | undefined {
  const key = cutToLength(rawKey.trim(), NAME_MAX);
  if (key === '') return undefined;
  const url = urlOf(source, kind, key);
  return {
    kind,
    name,
    identifier: { ...(source !== undefined && { source }), idType: kind, key, ...(url !== undefined && { url }) },
  };
}
