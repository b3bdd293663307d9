-- Databases imported before comic_pages existed have no page list for their comics, and an
-- import never re-reads an unchanged file. Marking every complete comic stale (mtime -2, the
-- importer's STALE_MTIME) makes the next import read each one again, keeping its id and links,
-- and write its page list. On a new database there is nothing to mark.
UPDATE comics SET mtime = -2 WHERE mtime >= 0;
