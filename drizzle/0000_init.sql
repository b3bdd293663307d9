CREATE TABLE `folders` (
	`id` integer PRIMARY KEY NOT NULL,
	`library_id` integer NOT NULL,
	`parent_id` integer,
	`path` text NOT NULL,
	`name` text NOT NULL,
	`sort_name` text NOT NULL,
	`mtime` integer NOT NULL,
	`size` integer NOT NULL,
	`inode` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `folders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `folders_library_id_path_unique` ON `folders` (`library_id`,`path`);--> statement-breakpoint
CREATE INDEX `folders_parent_id_idx` ON `folders` (`parent_id`);--> statement-breakpoint
CREATE TABLE `libraries` (
	`id` integer PRIMARY KEY NOT NULL,
	`path` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `libraries_path_unique` ON `libraries` (`path`);--> statement-breakpoint
CREATE TABLE `comics` (
	`id` integer PRIMARY KEY NOT NULL,
	`library_id` integer NOT NULL,
	`folder_id` integer NOT NULL,
	`path` text NOT NULL,
	`name` text,
	`sort_name` text,
	`collection_title` text,
	`issue_number` real,
	`issue_suffix` text,
	`alternative_issue_number` real,
	`alternative_issue_suffix` text,
	`publisher_id` integer NOT NULL,
	`imprint_id` integer NOT NULL,
	`series_id` integer NOT NULL,
	`volume_id` integer NOT NULL,
	`age_rating_id` integer,
	`original_format_id` integer,
	`scan_info_id` integer,
	`tagger_id` integer,
	`main_character_id` integer,
	`main_team_id` integer,
	`country_id` integer,
	`language_id` integer,
	`year` integer,
	`month` integer,
	`day` integer,
	`date` text,
	`decade` integer,
	`summary` text,
	`review` text,
	`notes` text,
	`community_rating` real,
	`community_rating_count` integer,
	`page_count` integer DEFAULT 0 NOT NULL,
	`reading_direction` text DEFAULT 'ltr' NOT NULL,
	`monochrome` integer DEFAULT false NOT NULL,
	`file_type` text NOT NULL,
	`size` integer NOT NULL,
	`mtime` integer NOT NULL,
	`inode` integer,
	`metadata_mtime` integer,
	`fingerprint` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`folder_id`) REFERENCES `folders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`publisher_id`) REFERENCES `publishers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imprint_id`) REFERENCES `imprints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`volume_id`) REFERENCES `volumes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`age_rating_id`) REFERENCES `age_ratings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`original_format_id`) REFERENCES `original_formats`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`scan_info_id`) REFERENCES `scan_infos`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`tagger_id`) REFERENCES `taggers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`main_character_id`) REFERENCES `characters`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`main_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`language_id`) REFERENCES `languages`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "comics_reading_direction_check" CHECK("comics"."reading_direction" in ('ltr', 'rtl', 'ttb', 'btt')),
	CONSTRAINT "comics_file_type_check" CHECK("comics"."file_type" in ('CBZ', 'CBR', 'CB7', 'CBT', 'PDF'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comics_library_id_path_unique` ON `comics` (`library_id`,`path`);--> statement-breakpoint
CREATE INDEX `comics_inode_idx` ON `comics` (`inode`);--> statement-breakpoint
CREATE INDEX `comics_size_idx` ON `comics` (`size`);--> statement-breakpoint
CREATE INDEX `comics_folder_id_idx` ON `comics` (`folder_id`);--> statement-breakpoint
CREATE INDEX `comics_publisher_id_idx` ON `comics` (`publisher_id`);--> statement-breakpoint
CREATE INDEX `comics_imprint_id_idx` ON `comics` (`imprint_id`);--> statement-breakpoint
CREATE INDEX `comics_series_id_idx` ON `comics` (`series_id`);--> statement-breakpoint
CREATE INDEX `comics_volume_id_idx` ON `comics` (`volume_id`);--> statement-breakpoint
CREATE INDEX `comics_age_rating_id_idx` ON `comics` (`age_rating_id`);--> statement-breakpoint
CREATE INDEX `comics_original_format_id_idx` ON `comics` (`original_format_id`);--> statement-breakpoint
CREATE INDEX `comics_scan_info_id_idx` ON `comics` (`scan_info_id`);--> statement-breakpoint
CREATE INDEX `comics_tagger_id_idx` ON `comics` (`tagger_id`);--> statement-breakpoint
CREATE INDEX `comics_main_character_id_idx` ON `comics` (`main_character_id`);--> statement-breakpoint
CREATE INDEX `comics_main_team_id_idx` ON `comics` (`main_team_id`);--> statement-breakpoint
CREATE INDEX `comics_country_id_idx` ON `comics` (`country_id`);--> statement-breakpoint
CREATE INDEX `comics_language_id_idx` ON `comics` (`language_id`);--> statement-breakpoint
CREATE TABLE `imprints` (
	`id` integer PRIMARY KEY NOT NULL,
	`publisher_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`publisher_id`) REFERENCES `publishers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `imprints_publisher_id_name_unique` ON `imprints` (`publisher_id`,`name`);--> statement-breakpoint
CREATE TABLE `publishers` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publishers_name_unique` ON `publishers` (`name`);--> statement-breakpoint
CREATE TABLE `series` (
	`id` integer PRIMARY KEY NOT NULL,
	`imprint_id` integer NOT NULL,
	`name` text NOT NULL,
	`volume_count` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`imprint_id`) REFERENCES `imprints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_imprint_id_name_unique` ON `series` (`imprint_id`,`name`);--> statement-breakpoint
CREATE TABLE `volumes` (
	`id` integer PRIMARY KEY NOT NULL,
	`series_id` integer NOT NULL,
	`number` integer,
	`number_to` integer,
	`issue_count` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volumes_series_id_number_number_to_unique` ON `volumes` (`series_id`,(CASE WHEN "number" IS NULL THEN '' ELSE "number" END),(CASE WHEN "number_to" IS NULL THEN '' ELSE "number_to" END));--> statement-breakpoint
CREATE TABLE `age_ratings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `age_ratings_name_unique` ON `age_ratings` (`name`);--> statement-breakpoint
CREATE TABLE `characters` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `characters_name_unique` ON `characters` (`name`);--> statement-breakpoint
CREATE INDEX `characters_identifier_id_idx` ON `characters` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `countries` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `countries_name_unique` ON `countries` (`name`);--> statement-breakpoint
CREATE TABLE `credit_persons` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_persons_name_unique` ON `credit_persons` (`name`);--> statement-breakpoint
CREATE INDEX `credit_persons_identifier_id_idx` ON `credit_persons` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `credit_roles` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_roles_name_unique` ON `credit_roles` (`name`);--> statement-breakpoint
CREATE TABLE `genres` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `genres_name_unique` ON `genres` (`name`);--> statement-breakpoint
CREATE INDEX `genres_identifier_id_idx` ON `genres` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `identifier_sources` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identifier_sources_name_unique` ON `identifier_sources` (`name`);--> statement-breakpoint
CREATE TABLE `languages` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `languages_name_unique` ON `languages` (`name`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `locations_name_unique` ON `locations` (`name`);--> statement-breakpoint
CREATE INDEX `locations_identifier_id_idx` ON `locations` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `original_formats` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `original_formats_name_unique` ON `original_formats` (`name`);--> statement-breakpoint
CREATE TABLE `scan_infos` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scan_infos_name_unique` ON `scan_infos` (`name`);--> statement-breakpoint
CREATE TABLE `series_groups` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_groups_name_unique` ON `series_groups` (`name`);--> statement-breakpoint
CREATE INDEX `series_groups_identifier_id_idx` ON `series_groups` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `stories` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stories_name_unique` ON `stories` (`name`);--> statement-breakpoint
CREATE INDEX `stories_identifier_id_idx` ON `stories` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `story_arcs` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `story_arcs_name_unique` ON `story_arcs` (`name`);--> statement-breakpoint
CREATE INDEX `story_arcs_identifier_id_idx` ON `story_arcs` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `taggers` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `taggers_name_unique` ON `taggers` (`name`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
CREATE INDEX `tags_identifier_id_idx` ON `tags` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
CREATE INDEX `teams_identifier_id_idx` ON `teams` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `universes` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`identifier_id` integer,
	`designation` text,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `universes_name_unique` ON `universes` (`name`);--> statement-breakpoint
CREATE INDEX `universes_identifier_id_idx` ON `universes` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `credits` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` integer NOT NULL,
	`role_id` integer,
	FOREIGN KEY (`person_id`) REFERENCES `credit_persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`role_id`) REFERENCES `credit_roles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credits_person_id_role_id_unique` ON `credits` (`person_id`,(CASE WHEN "role_id" IS NULL THEN '' ELSE "role_id" END));--> statement-breakpoint
CREATE INDEX `credits_role_id_idx` ON `credits` (`role_id`);--> statement-breakpoint
CREATE TABLE `identifiers` (
	`id` integer PRIMARY KEY NOT NULL,
	`source_id` integer,
	`id_type` text,
	`key` text NOT NULL,
	`url` text,
	FOREIGN KEY (`source_id`) REFERENCES `identifier_sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identifiers_source_id_id_type_key_unique` ON `identifiers` ((CASE WHEN "source_id" IS NULL THEN '' ELSE "source_id" END),(CASE WHEN "id_type" IS NULL THEN 0 ELSE "id_type" END),`key`);--> statement-breakpoint
CREATE INDEX `identifiers_source_id_idx` ON `identifiers` (`source_id`);--> statement-breakpoint
CREATE TABLE `reprints` (
	`id` integer PRIMARY KEY NOT NULL,
	`series_name` text NOT NULL,
	`volume_number` integer,
	`issue` text,
	`language` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reprints_series_name_volume_number_issue_language_unique` ON `reprints` (`series_name`,(CASE WHEN "volume_number" IS NULL THEN '' ELSE "volume_number" END),(CASE WHEN "issue" IS NULL THEN 0 ELSE "issue" END),(CASE WHEN "language" IS NULL THEN 0 ELSE "language" END));--> statement-breakpoint
CREATE TABLE `story_arc_numbers` (
	`id` integer PRIMARY KEY NOT NULL,
	`story_arc_id` integer NOT NULL,
	`number` integer,
	FOREIGN KEY (`story_arc_id`) REFERENCES `story_arcs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `story_arc_numbers_story_arc_id_number_unique` ON `story_arc_numbers` (`story_arc_id`,(CASE WHEN "number" IS NULL THEN '' ELSE "number" END));--> statement-breakpoint
CREATE TABLE `comic_characters` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`character_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`character_id`) REFERENCES `characters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_characters_comic_id_character_id_unique` ON `comic_characters` (`comic_id`,`character_id`);--> statement-breakpoint
CREATE INDEX `comic_characters_character_id_idx` ON `comic_characters` (`character_id`);--> statement-breakpoint
CREATE TABLE `comic_credits` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`credit_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`credit_id`) REFERENCES `credits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_credits_comic_id_credit_id_unique` ON `comic_credits` (`comic_id`,`credit_id`);--> statement-breakpoint
CREATE INDEX `comic_credits_credit_id_idx` ON `comic_credits` (`credit_id`);--> statement-breakpoint
CREATE TABLE `comic_folders` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`folder_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`folder_id`) REFERENCES `folders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_folders_comic_id_folder_id_unique` ON `comic_folders` (`comic_id`,`folder_id`);--> statement-breakpoint
CREATE INDEX `comic_folders_folder_id_idx` ON `comic_folders` (`folder_id`);--> statement-breakpoint
CREATE TABLE `comic_genres` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`genre_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`genre_id`) REFERENCES `genres`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_genres_comic_id_genre_id_unique` ON `comic_genres` (`comic_id`,`genre_id`);--> statement-breakpoint
CREATE INDEX `comic_genres_genre_id_idx` ON `comic_genres` (`genre_id`);--> statement-breakpoint
CREATE TABLE `comic_identifiers` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`identifier_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`identifier_id`) REFERENCES `identifiers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_identifiers_comic_id_identifier_id_unique` ON `comic_identifiers` (`comic_id`,`identifier_id`);--> statement-breakpoint
CREATE INDEX `comic_identifiers_identifier_id_idx` ON `comic_identifiers` (`identifier_id`);--> statement-breakpoint
CREATE TABLE `comic_locations` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`location_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_locations_comic_id_location_id_unique` ON `comic_locations` (`comic_id`,`location_id`);--> statement-breakpoint
CREATE INDEX `comic_locations_location_id_idx` ON `comic_locations` (`location_id`);--> statement-breakpoint
CREATE TABLE `comic_reprints` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`reprint_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reprint_id`) REFERENCES `reprints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_reprints_comic_id_reprint_id_unique` ON `comic_reprints` (`comic_id`,`reprint_id`);--> statement-breakpoint
CREATE INDEX `comic_reprints_reprint_id_idx` ON `comic_reprints` (`reprint_id`);--> statement-breakpoint
CREATE TABLE `comic_series_groups` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`series_group_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`series_group_id`) REFERENCES `series_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_series_groups_comic_id_series_group_id_unique` ON `comic_series_groups` (`comic_id`,`series_group_id`);--> statement-breakpoint
CREATE INDEX `comic_series_groups_series_group_id_idx` ON `comic_series_groups` (`series_group_id`);--> statement-breakpoint
CREATE TABLE `comic_stories` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`story_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_stories_comic_id_story_id_unique` ON `comic_stories` (`comic_id`,`story_id`);--> statement-breakpoint
CREATE INDEX `comic_stories_story_id_idx` ON `comic_stories` (`story_id`);--> statement-breakpoint
CREATE TABLE `comic_story_arc_numbers` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`story_arc_number_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`story_arc_number_id`) REFERENCES `story_arc_numbers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_story_arc_numbers_comic_id_story_arc_number_id_unique` ON `comic_story_arc_numbers` (`comic_id`,`story_arc_number_id`);--> statement-breakpoint
CREATE INDEX `comic_story_arc_numbers_story_arc_number_id_idx` ON `comic_story_arc_numbers` (`story_arc_number_id`);--> statement-breakpoint
CREATE TABLE `comic_tags` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_tags_comic_id_tag_id_unique` ON `comic_tags` (`comic_id`,`tag_id`);--> statement-breakpoint
CREATE INDEX `comic_tags_tag_id_idx` ON `comic_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `comic_teams` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_teams_comic_id_team_id_unique` ON `comic_teams` (`comic_id`,`team_id`);--> statement-breakpoint
CREATE INDEX `comic_teams_team_id_idx` ON `comic_teams` (`team_id`);--> statement-breakpoint
CREATE TABLE `comic_universes` (
	`id` integer PRIMARY KEY NOT NULL,
	`comic_id` integer NOT NULL,
	`universe_id` integer NOT NULL,
	FOREIGN KEY (`comic_id`) REFERENCES `comics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`universe_id`) REFERENCES `universes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comic_universes_comic_id_universe_id_unique` ON `comic_universes` (`comic_id`,`universe_id`);--> statement-breakpoint
CREATE INDEX `comic_universes_universe_id_idx` ON `comic_universes` (`universe_id`);--> statement-breakpoint
CREATE TABLE `failed_imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`library_id` integer NOT NULL,
	`path` text NOT NULL,
	`mtime` integer NOT NULL,
	`size` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`library_id`) REFERENCES `libraries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `failed_imports_library_id_path_unique` ON `failed_imports` (`library_id`,`path`);