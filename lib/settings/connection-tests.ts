import { z } from "zod";
import type { Db } from "@/db";
import { listConnectionTests, saveConnectionTest } from "@/db/queries/connection-tests";
import {
  testHaloConnection,
  testHuduConnection,
  type ConnectionCheck,
  type ConnectionTestOptions,
  type ConnectionTestResult,
} from "@/lib/connections";
import { redactSecrets } from "@/lib/errors";
import { loadConnectionConfigs, notConfiguredMessage, type ConnectionSettingsOptions } from "./connection-settings";
import type { ConnectionService } from "./fields";

/**
 * Running a connection test against the settings in effect (saved, with environment overrides)
 * and keeping the last verdict per service for the Connections page and the overview.
 */

export type ConnectionTestOutcome =
  | { status: "not-configured"; service: ConnectionService; message: string }
  | { status: "tested"; service: ConnectionService; result: ConnectionTestResult };

export async function runConnectionTest(
  options: ConnectionSettingsOptions & { service: ConnectionService; test?: ConnectionTestOptions },
): Promise<ConnectionTestOutcome> {
  const { service } = options;
  const configs = loadConnectionConfigs(options);
  const message = notConfiguredMessage(service, configs);
  if (message) return { status: "not-configured", service, message };

  let result: ConnectionTestResult;
  let secrets: string[];
  if (service === "halo" && configs.halo) {
    result = await testHaloConnection(configs.halo, options.test);
    secrets = [configs.halo.clientSecret];
  } else if (service === "hudu" && configs.hudu) {
    result = await testHuduConnection(configs.hudu, options.test);
    secrets = [configs.hudu.apiKey];
  } else {
    return { status: "not-configured", service, message: `${service} is not configured.` };
  }
  // The checks are meant to be secret-free already; this makes sure before they are stored or shown.
  return { status: "tested", service, result: { ok: result.ok, checks: result.checks.map((c) => scrub(c, secrets)) } };
}

function scrub(check: ConnectionCheck, secrets: string[]): ConnectionCheck {
  const clean: ConnectionCheck = { id: check.id, ok: check.ok, message: redactSecrets(check.message, secrets) };
  if (check.skipped) clean.skipped = true;
  if (check.detail) clean.detail = redactSecrets(check.detail, secrets);
  return clean;
}

/** The last test of one service, as stored. Browser-safe. */
export interface LastConnectionTest {
  service: ConnectionService;
  ok: boolean;
  checks: ConnectionCheck[];
  testedAt: Date;
  testedBy: string | null;
}

export function recordConnectionTest({
  db,
  service,
  result,
  testedBy,
  now = new Date(),
}: {
  db: Db;
  service: ConnectionService;
  result: ConnectionTestResult;
  testedBy: string | null;
  now?: Date;
}): LastConnectionTest {
  saveConnectionTest({ db, service, ok: result.ok, checksJson: JSON.stringify(result.checks), testedAt: now, testedBy });
  return { service, ok: result.ok, checks: result.checks, testedAt: now, testedBy };
}

const storedChecksSchema = z.array(
  z.object({
    id: z.string(),
    ok: z.boolean(),
    skipped: z.boolean().optional(),
    message: z.string(),
    detail: z.string().optional(),
  }),
);

export function loadLastConnectionTests({ db }: { db: Db }): Record<ConnectionService, LastConnectionTest | null> {
  const out: Record<ConnectionService, LastConnectionTest | null> = { halo: null, hudu: null };
  for (const row of listConnectionTests({ db })) {
    let checks: ConnectionCheck[] = [];
    try {
      const parsed = storedChecksSchema.safeParse(JSON.parse(row.checksJson));
      if (parsed.success) checks = parsed.data;
    } catch {
      // An unreadable row still tells whether the last test passed; its details are lost.
    }
    out[row.service] = { service: row.service, ok: row.ok, checks, testedAt: row.testedAt, testedBy: row.testedBy };
  }
  return out;
}
