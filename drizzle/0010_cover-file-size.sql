ALTER TABLE `cover_failures` ADD `size` integer;--> statement-breakpoint
ALTER TABLE `covers` ADD `size` integer;