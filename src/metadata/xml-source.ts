import { type Cleaner, createCleaner } from './clean/cleaner';
import type { MetadataPatch } from './patch';
import { parseXml, type XmlObject } from './xml';

/**
 * Parses one XML metadata source and hands its root to the source's reader. A document that is
 * not well-formed (or not this source) is ignored with a warning: the other sources still apply.
 */
export function readXmlSource(
  xml: Uint8Array | string,
  source: string,
  rootName: string,
  warnings: string[],
  read: (root: XmlObject, clean: Cleaner) => MetadataPatch,
): MetadataPatch | undefined {
  const result = parseXml(xml, rootName);
  if (!result.ok) {
    warnings.push(`${source}: the document ${result.reason}; ignored`);
    return undefined;
  }
  return read(result.root, createCleaner(source, warnings));
}
