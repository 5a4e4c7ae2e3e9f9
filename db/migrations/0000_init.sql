CREATE TABLE `connection_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`halo_auth_url` text,
	`halo_resource_url` text,
	`halo_tenant` text,
	`halo_client_id` text,
	`halo_client_secret_enc` text,
	`hudu_url` text,
	`hudu_api_key_enc` text,
	`updated_at` integer,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `connection_tests` (
	`service` text PRIMARY KEY NOT NULL,
	`ok` integer NOT NULL,
	`checks_json` text NOT NULL,
	`tested_at` integer NOT NULL,
	`tested_by` text
);
--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer NOT NULL,
	`blocked_until` integer
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);