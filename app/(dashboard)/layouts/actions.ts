"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb, type Db } from "@/db";
import { validatedAction, type ActionResult } from "@/lib/auth/session";
import { connectHuduFromSettings } from "@/lib/connections/connect";
import { toSyncError } from "@/lib/errors";
import type { HuduClient } from "@/lib/hudu/client";
import { activateChosenLayout, addMissingFields, chooseLayout, saveMapping, saveOptions, type EditResult } from "@/lib/layouts/edit";
import { changesHudu, describeStep, ensureLayouts, planEnsure, type EnsureStep } from "@/lib/layouts/ensure";
import { loadSyncSettings } from "@/lib/sync/settings";
import { fieldMappingSchema, syncSettingsSchema } from "@/lib/sync/settings-schema";
import { assetRecordTypes } from "@/lib/sync/types";

const typeSchema = z.enum(assetRecordTypes);
const typesSchema = z.array(typeSchema).min(1).max(3).optional();

/** Connects to Hudu and runs `work`; a connection or Hudu problem becomes a plain-words error. */
async function withHudu<T>(work: (db: Db, hudu: HuduClient) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const db = getDb();
  try {
    const hudu = await connectHuduFromSettings({ db });
    return await work(db, hudu);
  } catch (error) {
    const syncError = toSyncError(error);
    if (syncError.detail) console.error(`Layouts: ${syncError.detail}`);
    return { status: "error", message: syncError.userMessage };
  } finally {
    revalidatePath("/layouts");
  }
}

const fromEdit = (result: EditResult): ActionResult => (result.status === "ok" ? { status: "ok", message: result.message } : result);

export interface EnsurePreview {
  steps: EnsureStep[];
  /** The steps in words; `changesHudu` marks what cannot be undone in Hudu. */
  lines: Array<{ text: string; changesHudu: boolean }>;
}

const ensureSchema = z.object({ only: typesSchema, fresh: z.boolean().optional() });

/** What "set up" would do, for the admin to confirm (Hudu has no delete for layouts). */
export const previewEnsureAction = validatedAction(ensureSchema, { role: "admin" }, async (input) =>
  withHudu<EnsurePreview>(async (db, hudu) => {
    const steps = planEnsure({ settings: loadSyncSettings({ db }), layouts: await hudu.listAssetLayouts(), only: input.only, fresh: input.fresh });
    return { status: "ok", data: { steps, lines: steps.filter((s) => s.kind !== "keep").map((s) => ({ text: describeStep(s), changesHudu: changesHudu(s) })) } };
  }),
);

/** Applies the confirmed steps; does nothing when Hudu's layouts changed since the preview. */
export const ensureLayoutsAction = validatedAction(
  ensureSchema.extend({ expected: z.array(z.looseObject({ kind: z.string(), type: typeSchema })).max(20) }),
  { role: "admin" },
  async (input, user) =>
    withHudu(async (db, hudu) => {
      const result = await ensureLayouts({ db, hudu, updatedBy: user.email, only: input.only, fresh: input.fresh, expected: input.expected as EnsureStep[] });
      if (result.error) {
        const done = result.done.length ? ` Done before it: ${result.done.join(" ")}` : "";
        return { status: "error", message: `${result.error}${done}` };
      }
      if (result.done.length === 0) return { status: "ok", message: "Nothing to do: every layout is in place." };
      return { status: "ok", message: "Done:", data: { lines: result.done } };
    }),
);

export const chooseLayoutAction = validatedAction(z.object({ type: typeSchema, layoutId: z.coerce.number().int().positive() }), { role: "admin" }, async (input, user) =>
  withHudu(async (db, hudu) => fromEdit(await chooseLayout({ db, hudu, type: input.type, layoutId: input.layoutId, updatedBy: user.email }))),
);

export const activateLayoutAction = validatedAction(z.object({ type: typeSchema }), { role: "admin" }, async (input) =>
  withHudu(async (db, hudu) => fromEdit(await activateChosenLayout({ db, hudu, type: input.type }))),
);

export const addMissingFieldsAction = validatedAction(z.object({ type: typeSchema }), { role: "admin" }, async (input) =>
  withHudu(async (db, hudu) => fromEdit(await addMissingFields({ db, hudu, type: input.type }))),
);

export const saveMappingAction = validatedAction(z.object({ type: typeSchema, mapping: z.array(fieldMappingSchema).max(100) }), { role: "admin" }, async (input, user) =>
  withHudu(async (db, hudu) => fromEdit(await saveMapping({ db, hudu, type: input.type, mapping: input.mapping, updatedBy: user.email }))),
);

const optionsSchema = z.object({ company: syncSettingsSchema.shape.company, options: syncSettingsSchema.shape.options });

export const saveOptionsAction = validatedAction(optionsSchema, { role: "admin" }, async (input, user) => {
  const result = saveOptions({ db: getDb(), company: input.company, options: input.options, updatedBy: user.email });
  revalidatePath("/layouts");
  return fromEdit(result);
});
