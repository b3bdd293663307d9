DROP INDEX `comics_series_id_idx`;--> statement-breakpoint
DROP INDEX `comics_volume_id_idx`;--> statement-breakpoint
ALTER TABLE `comics` ADD `series_volume_count` integer;--> statement-breakpoint
ALTER TABLE `comics` ADD `volume_issue_count` integer;--> statement-breakpoint
CREATE INDEX `comics_series_id_idx` ON `comics` (`series_id`,`series_volume_count`);--> statement-breakpoint
CREATE INDEX `comics_volume_id_idx` ON `comics` (`volume_id`,`volume_issue_count`);