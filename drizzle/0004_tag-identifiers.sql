DROP INDEX `reprints_series_name_volume_number_issue_language_unique`;--> statement-breakpoint
ALTER TABLE `reprints` ADD `issue_count` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `reprints_series_name_volume_number_issue_language_issue_count_unique` ON `reprints` (`series_name`,(CASE WHEN "volume_number" IS NULL THEN '' ELSE "volume_number" END),(CASE WHEN "issue" IS NULL THEN 0 ELSE "issue" END),(CASE WHEN "language" IS NULL THEN 0 ELSE "language" END),(CASE WHEN "issue_count" IS NULL THEN '' ELSE "issue_count" END));--> statement-breakpoint
ALTER TABLE `imprints` ADD `identifier_id` integer REFERENCES identifiers(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `imprints_identifier_id_idx` ON `imprints` (`identifier_id`);--> statement-breakpoint
ALTER TABLE `publishers` ADD `identifier_id` integer REFERENCES identifiers(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `publishers_identifier_id_idx` ON `publishers` (`identifier_id`);--> statement-breakpoint
ALTER TABLE `series` ADD `identifier_id` integer REFERENCES identifiers(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `series_identifier_id_idx` ON `series` (`identifier_id`);