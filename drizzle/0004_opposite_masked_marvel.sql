ALTER TABLE `imprints` ADD `identifier_id` integer REFERENCES identifiers(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `imprints_identifier_id_idx` ON `imprints` (`identifier_id`);--> statement-breakpoint
ALTER TABLE `publishers` ADD `identifier_id` integer REFERENCES identifiers(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `publishers_identifier_id_idx` ON `publishers` (`identifier_id`);--> statement-breakpoint
ALTER TABLE `series` ADD `identifier_id` integer REFERENCES identifiers(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `series_identifier_id_idx` ON `series` (`identifier_id`);--> statement-breakpoint
ALTER TABLE `reprints` ADD `issue_count` integer;