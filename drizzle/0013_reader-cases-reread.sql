-- The readers gained two cases. A zip with bytes before it (a self-extractor's stub, prepended
-- data) is read: such a file failed as "not a comic archive: unknown file signature", and a
-- failure is not retried while the file is unchanged; forgetting those failures makes the next
-- import try each of those files again. A tar's sparse members are read as their real files (an
-- old GNU one was skipped, a PAX 1.0 one read with its map in front): marking every CBT stale
-- (mtime -2, the importer's STALE_MTIME) makes the next import read each one again, keeping its
-- id and links, and write its page list.
DELETE FROM failed_imports WHERE reason = 'not a comic archive: unknown file signature';
--> statement-breakpoint
UPDATE comics SET mtime = -2 WHERE mtime >= 0 AND file_type = 'CBT';
