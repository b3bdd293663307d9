DROP INDEX `comics_inode_idx`;--> statement-breakpoint
DROP INDEX `comics_size_idx`;