-- Chinese and Japanese characters are now indexed as words of their own (src/schema/search.ts,
-- spaceUnspacedScripts), so that a part of a title finds it. Marking stale (mtime -2, the
-- importer's STALE_MTIME) every comic whose search text holds a kana or a CJK ideograph makes the
-- next import read it again, keeping its id and links, and rewrite its comics_fts row. The ranges:
-- ideographic marks and numerals (々 〆 〇 〡...), hiragana and katakana, kanbun, katakana phonetic
-- extensions, parenthesized and circled ideographs, CJK extension A, unified ideographs,
-- compatibility ideographs, halfwidth katakana, the kana supplement, and the supplementary
-- ideographic planes up to extension H.
UPDATE comics SET mtime = -2 WHERE mtime >= 0 AND id IN (
  SELECT rowid FROM comics_fts
  WHERE (coalesce(publisher, '') || coalesce(imprint, '') || coalesce(series, '') || coalesce(title, '') || coalesce(collection_title, '') || coalesce(characters, '') || coalesce(credits, '') || coalesce(genres, '') || coalesce(locations, '') || coalesce(story_arcs, '') || coalesce(tags, '') || coalesce(teams, '') || coalesce(universes, '') || coalesce(series_groups, '') || coalesce(stories, '') || coalesce(summary, '') || coalesce(age_rating, '') || coalesce(country, '') || coalesce(language, '') || coalesce(original_format, '') || coalesce(scan_info, '') || coalesce(tagger, '') || coalesce(identifier_sources, '')) GLOB '*[々-〼぀-ヿ㆒-㆕ㇰ-ㇿ㈠-㈩㊀-㊉㐀-䶿一-鿿豈-﫿ｦ-ﾟ𛀀-𛅿𠀀-𳑿]*'
);
