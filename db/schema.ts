import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * One schema file; each table's types beside it. Timestamps are stored as integer
 * milliseconds (`mode: "timestamp_ms"`) so they sort and compare without parsing.
 */
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["admin", "viewer"] }).notNull(),
    createdAt: createdAt(),
    // ---- Sessions (security work): a session token carries the version it was issued at;
    // raising this number (sign-out, role change, password reset) ends every session of the
    // user at once, although sessions are JWTs that the server does not store.
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = User["role"];

/**
 * Failed sign-ins per key ("email:…" or "ip:…"), so repeated failures for an account or an
 * address are slowed down, across restarts and across server processes.
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
  blockedUntil: integer("blocked_until", { mode: "timestamp_ms" }),
});
export type SignInThrottle = typeof signInThrottle.$inferSelect;

/**
 * The Halo and Hudu connection, one row (id = 1). Secrets are AES-256-GCM ciphertext
 * (lib/crypto.ts); the plain values never leave the server.
 */
export const connectionSettings = sqliteTable("connection_settings", {
  id: integer("id").primaryKey(),
  haloAuthUrl: text("halo_auth_url"),
  haloResourceUrl: text("halo_resource_url"),
  haloTenant: text("halo_tenant"),
  haloClientId: text("halo_client_id"),
  haloClientSecretEnc: text("halo_client_secret_enc"),
  huduUrl: text("hudu_url"),
  huduApiKeyEnc: text("hudu_api_key_enc"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  updatedBy: text("updated_by"),
});
export type ConnectionSettingsRow = typeof connectionSettings.$inferSelect;

/** The last connection test per service, shown on the Connections page. */
export const connectionTests = sqliteTable("connection_tests", {
  service: text("service", { enum: ["halo", "hudu"] }).primaryKey(),
  ok: integer("ok", { mode: "boolean" }).notNull(),
  /** JSON array of { id, ok, message } checks, already free of secrets. */
  checksJson: text("checks_json").notNull(),
  testedAt: integer("tested_at", { mode: "timestamp_ms" }).notNull(),
  testedBy: text("tested_by"),
});
export type ConnectionTestRow = typeof connectionTests.$inferSelect;

// ---------------------------------------------------------------- Match: snapshot and decisions

/** Halo clients as of the last successful snapshot (replaced as a whole by each refresh). */
export const snapshotHaloClients = sqliteTable("snapshot_halo_clients", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  website: text("website"),
  phone: text("phone"),
  /** JSON array of e-mail domains (Halo's own plus those of the client's users), most used first. */
  emailDomainsJson: text("email_domains_json").notNull().default("[]"),
  siteCount: integer("site_count").notNull().default(0),
  userCount: integer("user_count").notNull().default(0),
  inactive: integer("inactive", { mode: "boolean" }).notNull().default(false),
});
export type SnapshotHaloClient = typeof snapshotHaloClients.$inferSelect;

/** Hudu companies (archived included) as of the last successful snapshot. */
export const snapshotHuduCompanies = sqliteTable("snapshot_hudu_companies", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  nickname: text("nickname"),
  website: text("website"),
  phone: text("phone"),
  idNumber: text("id_number"),
  /** JSON array of { integratorName, syncId } (Hudu's own PSA links). */
  integrationsJson: text("integrations_json").notNull().default("[]"),
  archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  /** Hudu's page for the company, for a link from the board. */
  url: text("url"),
});
export type SnapshotHuduCompany = typeof snapshotHuduCompanies.$inferSelect;

/**
 * What the admin decided per Halo client: match it to a Hudu company, create it new in Hudu,
 * or ignore it. Decisions are kept across snapshot refreshes; one whose client or company is
 * no longer in the snapshot is stale. A `match` decision is also the company link the importer
 * uses (no separate company-links table): the unique index makes a Hudu company belong to at
 * most one Halo client (SQLite lets many rows have a NULL company). The names are copied when
 * deciding so a stale decision can still be shown by name.
 */
export const matchDecisions = sqliteTable(
  "match_decisions",
  {
    haloClientId: integer("halo_client_id").primaryKey(),
    kind: text("kind", { enum: ["match", "create", "ignore"] }).notNull(),
    huduCompanyId: integer("hudu_company_id"),
    haloClientName: text("halo_client_name"),
    huduCompanyName: text("hudu_company_name"),
    decidedBy: text("decided_by").notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
    /** `import`: the importer created the company for a `create` decision and recorded the match. */
    source: text("source", { enum: ["manual", "auto-accept", "bulk", "cli", "import"] }).notNull(),
  },
  (t) => [uniqueIndex("match_decisions_hudu_company_unique").on(t.huduCompanyId)],
);
export type MatchDecision = typeof matchDecisions.$inferSelect;
export type NewMatchDecision = typeof matchDecisions.$inferInsert;
export type DecisionKind = MatchDecision["kind"];
export type DecisionSource = MatchDecision["source"];

// ---------------------------------------------------------------- Sync: settings, links, plans (stage two, issue 10)

/**
 * Layouts, field mapping and options of the import, one row (id = 1) holding a JSON document
 * validated by lib/sync/settings.ts (zod) every time it is read or saved.
 */
export const syncSettings = sqliteTable("sync_settings", {
  id: integer("id").primaryKey(),
  settingsJson: text("settings_json").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: text("updated_by"),
});
export type SyncSettingsRow = typeof syncSettings.$inferSelect;

/**
 * Which Hudu asset each Halo site, contact (user) and contract became, and a hash of what we
 * wrote. Companies are linked by their match decision instead (see matchDecisions). The Halo id
 * is also written into each asset's "Halo ID" field, so these rows can be rebuilt from Hudu.
 */
export const syncLinks = sqliteTable(
  "sync_links",
  {
    haloType: text("halo_type", { enum: ["site", "contact", "contract"] }).notNull(),
    haloId: integer("halo_id").notNull(),
    huduId: integer("hudu_id").notNull(),
    huduCompanyId: integer("hudu_company_id"),
    contentHash: text("content_hash"),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.haloType, t.haloId] })],
);
export type SyncLink = typeof syncLinks.$inferSelect;

/**
 * Plans prepared for the preview (reading both sides takes a while on a large MSP): the result of
 * a "plan" job run (job_runs holds its state and progress). /import shows the newest; older rows
 * are deleted when a new plan is saved.
 */
export const syncPlans = sqliteTable("sync_plans", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** The job run (kind "plan") that prepared it. */
  runId: integer("run_id").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  /** The Plan (lib/sync/types.ts) as JSON. */
  planJson: text("plan_json").notNull(),
});
export type SyncPlanRow = typeof syncPlans.$inferSelect;

// ---------------------------------------------------------------- Jobs, import runs, decision history (stage two, issue 11)

export const jobStatuses = ["running", "paused", "succeeded", "failed", "cancelled"] as const;

/**
 * Durable runs of any kind (lib/jobs): a snapshot refresh, an import. One run per kind is
 * active (running or paused) at a time, enforced by the partial unique index. `owner` names the
 * process doing the work ("host/pid/start"), so a run whose process died (a crash, kill -9) is
 * told apart from one another process (the CLI, the server) is still doing. `heartbeatAt` moves
 * every few seconds while it works. A user's pause or cancel is a `request` the owner acts on.
 * `progressJson` is the kind's own progress document (lib/jobs/kinds.ts says whose).
 */
export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["snapshot", "import", "plan"] }).notNull(),
    status: text("status", { enum: jobStatuses }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }).notNull(),
    /** The user's e-mail, "schedule" or "cli". */
    startedBy: text("started_by").notNull(),
    owner: text("owner"),
    request: text("request", { enum: ["pause", "cancel"] }),
    progressJson: text("progress_json").notNull().default("{}"),
    /** Plain-words reason of a failure (a SyncError.userMessage, never a raw error). */
    error: text("error"),
  },
  (t) => [
    index("job_runs_kind_id").on(t.kind, t.id),
    uniqueIndex("job_runs_one_active_per_kind").on(t.kind).where(sql`status in ('running', 'paused')`),
  ],
);
export type JobRun = typeof jobRuns.$inferSelect;
export type JobKindName = JobRun["kind"];
export type JobStatus = JobRun["status"];

export const importItemStates = ["pending", "sending", "done", "failed"] as const;
export const importOutcomes = ["created", "updated", "unchanged", "archived", "skipped", "failed"] as const;

/**
 * An import run's plan, item by item, saved when the run starts, each with its outcome as it
 * completes: what makes a run resumable. `sending` marks a create that may have reached Hudu
 * (written before the request goes out), so after a crash it is looked up by its Halo id
 * before anything is created again.
 */
export const importItems = sqliteTable(
  "import_items",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => jobRuns.id, { onDelete: "cascade" }),
    /** Plan order: companies, then sites, then contacts and contracts. */
    seq: integer("seq").notNull(),
    key: text("key").notNull(),
    type: text("type", { enum: ["company", "site", "contact", "contract"] }).notNull(),
    action: text("action", { enum: ["create", "update", "unchanged", "archive", "skip"] }).notNull(),
    haloId: integer("halo_id").notNull(),
    haloClientId: integer("halo_client_id"),
    name: text("name").notNull(),
    companyName: text("company_name").notNull(),
    /** The whole PlanItem (lib/sync/types.ts) as JSON. */
    itemJson: text("item_json").notNull(),
    state: text("state", { enum: importItemStates }).notNull(),
    outcome: text("outcome", { enum: importOutcomes }),
    /** The Hudu record the item ended up as (created, updated, archived or found). */
    huduId: integer("hudu_id"),
    huduCompanyId: integer("hudu_company_id"),
    /** Hudu's message for a failure; a note for a success that needed one ("found by its Halo id"). */
    message: text("message"),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] }), index("import_items_run_seq").on(t.runId, t.seq), index("import_items_run_outcome").on(t.runId, t.outcome)],
);
export type ImportItemRow = typeof importItems.$inferSelect;
export type ImportItemState = ImportItemRow["state"];
export type ImportOutcome = NonNullable<ImportItemRow["outcome"]>;

/**
 * Every change of a match decision (set, changed, moved away, removed), who made it and when:
 * the board's client dialog and /history show it. `from*` is empty for a first decision, `to*`
 * for a removal.
 */
export const matchDecisionChanges = sqliteTable(
  "match_decision_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    haloClientId: integer("halo_client_id").notNull(),
    haloClientName: text("halo_client_name"),
    fromKind: text("from_kind", { enum: ["match", "create", "ignore"] }),
    fromHuduCompanyId: integer("from_hudu_company_id"),
    fromHuduCompanyName: text("from_hudu_company_name"),
    toKind: text("to_kind", { enum: ["match", "create", "ignore"] }),
    toHuduCompanyId: integer("to_hudu_company_id"),
    toHuduCompanyName: text("to_hudu_company_name"),
    changedBy: text("changed_by").notNull(),
    changedAt: integer("changed_at", { mode: "timestamp_ms" }).notNull(),
    source: text("source", { enum: ["manual", "auto-accept", "bulk", "cli", "import"] }).notNull(),
  },
  (t) => [index("match_decision_changes_client").on(t.haloClientId, t.id), index("match_decision_changes_at").on(t.changedAt)],
);
export type MatchDecisionChange = typeof matchDecisionChanges.$inferSelect;

/** The import schedule, one row (id = 1): re-run every N hours; no row or null = off. */
export const importSchedule = sqliteTable("import_schedule", {
  id: integer("id").primaryKey(),
  everyHours: integer("every_hours"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: text("updated_by").notNull(),
});
export type ImportScheduleRow = typeof importSchedule.$inferSelect;
