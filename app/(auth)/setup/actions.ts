"use server";

import { getDb } from "@/db";
import { setUpFirstAdmin, type SetupResult } from "@/lib/auth/first-admin";

export type { SetupResult };

/**
 * Creates the first admin. Needs no session (nobody can have one yet), so it refuses as soon
 * as any user exists: it can never add a second admin.
 */
export async function createFirstAdminAction(input: unknown): Promise<SetupResult> {
  return setUpFirstAdmin({ db: getDb(), input });
}
