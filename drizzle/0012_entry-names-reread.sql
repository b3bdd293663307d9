-- The readers changed how they name entries: a tar's hard links are pages now and a GNU header's
-- times are no longer read as a name prefix; a zip name a Unix zipper wrote in UTF-8 without the
-- flag is read as UTF-8, not CP437. Stored page lists may name entries the readers no longer
-- list. Marking every CBT, and every CBZ whose page list holds a name outside printable ASCII,
-- stale (mtime -2, the importer's STALE_MTIME) makes the next import read each one again,
-- keeping its id and links, and write its page list.
UPDATE comics SET mtime = -2 WHERE mtime >= 0 AND (
  file_type = 'CBT'
  OR (file_type = 'CBZ' AND id IN (SELECT comic_id FROM comic_pages WHERE pages GLOB '*[^ -~]*'))
);
