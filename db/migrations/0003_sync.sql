CREATE TABLE `sync_links` (
	`halo_type` text NOT NULL,
	`halo_id` integer NOT NULL,
	`hudu_id` integer NOT NULL,
	`hudu_company_id` integer,
	`content_hash` text,
	`synced_at` integer NOT NULL,
	PRIMARY KEY(`halo_type`, `halo_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`heartbeat_at` integer NOT NULL,
	`started_by` text NOT NULL,
	`message` text,
	`plan_json` text,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `sync_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`settings_json` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
