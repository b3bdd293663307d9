-- Covers and cover failures now record the comic file's size beside its mtime, as the import
-- compares both. A row made from the comic's current mtime takes the comic's size (it was made
-- from that file); any other row was stale already, keeps NULL, and is made again.
UPDATE covers SET size = (SELECT c.size FROM comics c WHERE c.id = covers.comic_id AND c.mtime = covers.mtime);
--> statement-breakpoint
UPDATE cover_failures SET size = (SELECT c.size FROM comics c WHERE c.id = cover_failures.comic_id AND c.mtime = cover_failures.mtime);
