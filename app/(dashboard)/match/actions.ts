"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { validatedAction } from "@/lib/auth/session";
import { toBoardDecision } from "@/lib/decisions/board-data";
import { acceptAutoSuggestions, createRemainingAsNew, decide, undecide, type BulkResult } from "@/lib/decisions/decide";
import type { BoardDecision } from "@/lib/decisions/types";
import { snapshotJob } from "@/lib/jobs/kinds";
import { startJob } from "@/lib/jobs/runner";

const id = z.coerce.number().int().positive();

const decideSchema = z
  .object({
    haloClientId: id,
    kind: z.enum(["match", "create", "ignore"]),
    huduCompanyId: id.optional(),
    /** The admin confirmed moving the company away from the client that has it. */
    move: z.boolean().optional(),
  })
  .refine((v) => v.kind !== "match" || v.huduCompanyId !== undefined, { message: "Pick a Hudu company to match to." });

export const decideAction = validatedAction(decideSchema, { role: "admin" }, async (input, user) => {
  const result = decide({ db: getDb(), ...input, decidedBy: user.email, source: "manual" });
  if (result.status === "saved") {
    return { status: "ok", data: { decision: toBoardDecision(result.decision), movedFrom: result.movedFrom?.haloClientId } };
  }
  // The board checks these before calling; reaching here means it worked from older data.
  return { status: "invalid", message: result.message };
});

export const undecideAction = validatedAction(z.object({ haloClientId: id }), { role: "admin" }, async (input, user) => {
  undecide({ db: getDb(), haloClientId: input.haloClientId, changedBy: user.email, source: "manual" });
  return { status: "ok" } as const;
});

const bulkSchema = z.object({
  /** Exactly the clients the admin saw counted in the confirmation. */
  haloClientIds: z.array(id).max(100_000),
});

function bulkMessage(result: BulkResult, done: string): string {
  const skipped = result.skipped > 0 ? ` ${result.skipped} skipped: they changed since the board was loaded.` : "";
  return `${result.saved} ${done}.${skipped}`;
}

export const acceptAutoAction = validatedAction(bulkSchema, { role: "admin" }, async (input, user) => {
  const result = acceptAutoSuggestions({ db: getDb(), haloClientIds: input.haloClientIds, decidedBy: user.email, source: "auto-accept" });
  return { status: "ok", message: bulkMessage(result, result.saved === 1 ? "suggestion accepted" : "suggestions accepted"), data: result };
});

export const createRemainingAction = validatedAction(bulkSchema, { role: "admin" }, async (input, user) => {
  const result = createRemainingAsNew({ db: getDb(), haloClientIds: input.haloClientIds, decidedBy: user.email });
  return { status: "ok", message: bulkMessage(result, result.saved === 1 ? "client marked create new" : "clients marked create new"), data: result };
});

export const refreshSnapshotAction = validatedAction(z.object({}), { role: "admin" }, async (_input, user) => {
  const { run, status } = startJob(snapshotJob, { db: getDb(), startedBy: user.email });
  const started = status !== "already-active";
  return {
    status: "ok",
    message: started ? "Reading Halo and Hudu…" : "A refresh is already running.",
    data: { runId: run.id, started },
  };
});

export type DecideData = { decision: BoardDecision; movedFrom?: number };
