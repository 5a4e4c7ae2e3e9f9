-- Snapshot refreshes now run on lib/jobs: keep their history (the newest succeeded one says when
-- the saved snapshot was taken) as job_runs of kind "snapshot". A refresh left running is over.
INSERT INTO `job_runs` (`kind`, `status`, `started_at`, `finished_at`, `heartbeat_at`, `started_by`, `progress_json`, `error`)
SELECT 'snapshot',
	CASE WHEN `status` = 'running' THEN 'failed' ELSE `status` END,
	`started_at`,
	COALESCE(`finished_at`, `heartbeat_at`),
	`heartbeat_at`,
	`started_by`,
	json_object(
		'phase', `phase`,
		'haloClients', `halo_clients`, 'haloClientsTotal', `halo_clients_total`,
		'haloSites', `halo_sites`, 'haloSitesTotal', `halo_sites_total`,
		'haloUsers', `halo_users`, 'haloUsersTotal', `halo_users_total`,
		'huduCompanies', `hudu_companies`,
		'message', `message`,
		'warnings', json(COALESCE(`warnings_json`, '[]'))
	),
	CASE WHEN `status` = 'running' THEN 'The refresh stopped without finishing (the server was restarted).' ELSE `error` END
FROM `snapshot_runs` ORDER BY `id`;
--> statement-breakpoint
DROP TABLE `snapshot_runs`;
