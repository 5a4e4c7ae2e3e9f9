"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { validatedAction } from "@/lib/auth/session";
import { errorForLog } from "@/lib/errors";
import {
  saveConnectionSettings,
  saveConnectionSettingsInputSchema,
  type ConnectionSettingsView,
  type NormaliseNotes,
} from "@/lib/settings/connection-settings";
import { recordConnectionTest, runConnectionTest, type LastConnectionTest } from "@/lib/settings/connection-tests";
import { fieldsOf, serviceName, type ConnectionService } from "@/lib/settings/fields";

const service = z.enum(["halo", "hudu"], { message: "Pick Halo or Hudu." });

/** One card's fields; the service says which ones, so the other card's saved values stay as they are. */
const saveSchema = saveConnectionSettingsInputSchema.extend({ service });

export interface SaveConnectionData {
  notes: NormaliseNotes;
  settings: ConnectionSettingsView;
  /** True when the saved values differ, so the last test of this service was cleared. */
  testCleared: boolean;
}

export const saveConnectionAction = validatedAction(saveSchema, { role: "admin" }, async (input, user) => {
  const fields = fieldsOf(input.service);
  const own = Object.fromEntries(fields.map((f) => [f, input[f] ?? ""]));
  const result = saveConnectionSettings({ db: getDb(), input: own, user });
  if (!result.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, v ? [v] : undefined]));
    return { status: "invalid", message: result.message, fieldErrors };
  }
  revalidatePath("/connections");
  revalidatePath("/");
  return {
    status: "ok",
    message: `Saved the ${serviceName(input.service)} settings.`,
    data: { notes: result.notes, settings: result.settings, testCleared: result.changedServices.includes(input.service) },
  };
});

export const testConnectionAction = validatedAction(z.object({ service }), { role: "admin" }, async (input, user) => {
  const db = getDb();
  const name = serviceName(input.service as ConnectionService);
  try {
    const outcome = await runConnectionTest({ db, service: input.service });
    if (outcome.status === "not-configured") return { status: "invalid", message: outcome.message };
    const last: LastConnectionTest = recordConnectionTest({ db, service: input.service, result: outcome.result, testedBy: user.email });
    revalidatePath("/");
    return {
      status: "ok",
      message: outcome.result.ok ? `${name} works.` : `${name} does not work yet: see the checks below.`,
      data: last,
    };
  } catch (error) {
    // The test functions turn Halo/Hudu failures into checks; anything thrown is our own bug.
    console.error(`[connections] testing ${name} failed unexpectedly: ${errorForLog(error)}`);
    return { status: "error", message: `The ${name} test could not run. The details are in the server log.` };
  }
});
