-- The page rule changed: a tar made with `tar -cf x.cbt -C pages .` names its entries ./01.png,
-- which the rule took for dot-files (no pages at all), and a name an archive holds twice (a tar
-- or zip appended to in place) was listed twice though only its first entry can be read.
-- Marking those comics stale (mtime -2, the importer's STALE_MTIME) makes the next import read
-- each one again, keeping its id and links, and write its page count and page list.
UPDATE comics SET mtime = -2 WHERE mtime >= 0 AND (
  page_count = 0
  -- Counted per comic: one GROUP BY over every page of the library sorted them all at once.
  OR id IN (SELECT comic_id FROM comic_pages WHERE (SELECT count(*) - count(DISTINCT value ->> 'entry') FROM json_each(pages) WHERE value ->> 'entry' IS NOT NULL) > 0)
);
