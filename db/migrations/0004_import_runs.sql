CREATE TABLE `import_items` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`action` text NOT NULL,
	`halo_id` integer NOT NULL,
	`halo_client_id` integer,
	`name` text NOT NULL,
	`company_name` text NOT NULL,
	`item_json` text NOT NULL,
	`state` text NOT NULL,
	`outcome` text,
	`hudu_id` integer,
	`hudu_company_id` integer,
	`message` text,
	`finished_at` integer,
	PRIMARY KEY(`run_id`, `key`),
	FOREIGN KEY (`run_id`) REFERENCES `job_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_items_run_seq` ON `import_items` (`run_id`,`seq`);--> statement-breakpoint
CREATE INDEX `import_items_run_outcome` ON `import_items` (`run_id`,`outcome`);--> statement-breakpoint
CREATE TABLE `import_schedule` (
	`id` integer PRIMARY KEY NOT NULL,
	`every_hours` integer,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`heartbeat_at` integer NOT NULL,
	`started_by` text NOT NULL,
	`owner` text,
	`request` text,
	`progress_json` text DEFAULT '{}' NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_kind_id` ON `job_runs` (`kind`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_one_active_per_kind` ON `job_runs` (`kind`) WHERE status in ('running', 'paused');--> statement-breakpoint
CREATE TABLE `match_decision_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`halo_client_id` integer NOT NULL,
	`halo_client_name` text,
	`from_kind` text,
	`from_hudu_company_id` integer,
	`from_hudu_company_name` text,
	`to_kind` text,
	`to_hudu_company_id` integer,
	`to_hudu_company_name` text,
	`changed_by` text NOT NULL,
	`changed_at` integer NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `match_decision_changes_client` ON `match_decision_changes` (`halo_client_id`,`id`);--> statement-breakpoint
CREATE INDEX `match_decision_changes_at` ON `match_decision_changes` (`changed_at`);