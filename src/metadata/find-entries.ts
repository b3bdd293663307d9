/**
 * Which archive entries hold metadata. Names are matched case-insensitively ("comicinfo.xml" in
 * the corpus is lower case) at any depth, since archives nest their pages, and the metadata
 * beside them, several folders down (Stump's book-complex-tree has it seven deep). The shallowest
 * entry wins, then the first by name, so every reader picks the same entry. macOS resource forks
 * and dot-files are never metadata.
 */
export interface MetadataEntries {
  comicinfo?: string;
  metroninfo?: string;
  comet?: string;
  comicbookinfo?: string;
  comicboxJson?: string;
  comicboxYaml?: string;
}

const FILE_NAMES: Record<string, keyof MetadataEntries> = {
  'comicinfo.xml': 'comicinfo',
  'metroninfo.xml': 'metroninfo',
  'comet.xml': 'comet',
  'comic-book-info.json': 'comicbookinfo',
  'comicbookinfo.json': 'comicbookinfo',
  'comicbox.json': 'comicboxJson',
  'comicbox.yaml': 'comicboxYaml',
  'comicbox.yml': 'comicboxYaml',
};

export function findMetadataEntries(names: string[]): MetadataEntries {
  const candidates: Array<{ kind: keyof MetadataEntries; depth: number; name: string }> = [];
  for (const name of names) {
    // Most entries are pages: their base name alone rules them out, before any splitting.
    if (!Object.hasOwn(FILE_NAMES, name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).toLowerCase())) continue;
    const parts = name.replace(/\\/g, '/').replace(/^\.\//, '').split('/');
    const base = parts.at(-1)?.toLowerCase() ?? '';
    const kind = FILE_NAMES[base];
    if (kind === undefined || parts.some((part) => part === '__MACOSX' || part.startsWith('.'))) continue;
    candidates.push({ kind, depth: parts.length, name });
  }
  candidates.sort((a, b) => a.depth - b.depth || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: MetadataEntries = {};
  for (const { kind, name } of candidates) found[kind] ??= name;
  return found;
}
