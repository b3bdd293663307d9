/**
 * comicbox and ComicTagger sign the Notes they write, in ComicInfo and MetronInfo alike:
 * "Tagged with ComicTagger 1.5.5 on 2023-01-01 ..." or "... using info from Comic Vine".
 */
export function taggerInNotes(notes: string): string | undefined {
  const tagger = /\bTagged with (.{1,128}?) (?:on|using) /i.exec(notes)?.[1]?.trim();
  return tagger === '' ? undefined : tagger;
}
