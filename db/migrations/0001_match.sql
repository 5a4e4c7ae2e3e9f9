CREATE TABLE `match_decisions` (
	`halo_client_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`hudu_company_id` integer,
	`halo_client_name` text,
	`hudu_company_name` text,
	`decided_by` text NOT NULL,
	`decided_at` integer NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `match_decisions_hudu_company_unique` ON `match_decisions` (`hudu_company_id`);--> statement-breakpoint
CREATE TABLE `snapshot_halo_clients` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`website` text,
	`phone` text,
	`email_domains_json` text DEFAULT '[]' NOT NULL,
	`site_count` integer DEFAULT 0 NOT NULL,
	`user_count` integer DEFAULT 0 NOT NULL,
	`inactive` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `snapshot_hudu_companies` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`nickname` text,
	`website` text,
	`phone` text,
	`id_number` text,
	`integrations_json` text DEFAULT '[]' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`url` text
);
--> statement-breakpoint
CREATE TABLE `snapshot_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`heartbeat_at` integer NOT NULL,
	`started_by` text NOT NULL,
	`phase` text,
	`halo_clients` integer DEFAULT 0 NOT NULL,
	`halo_clients_total` integer,
	`halo_sites` integer DEFAULT 0 NOT NULL,
	`halo_sites_total` integer,
	`halo_users` integer DEFAULT 0 NOT NULL,
	`halo_users_total` integer,
	`hudu_companies` integer DEFAULT 0 NOT NULL,
	`message` text,
	`warnings_json` text,
	`error` text
);
