-- sync_plans becomes the result of a "plan" job run (its state moved to job_runs). The table held
-- only previews, which are prepared again on demand, so it is recreated empty.
DROP TABLE `sync_plans`;--> statement-breakpoint
CREATE TABLE `sync_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`plan_json` text NOT NULL
);
