import { z } from "zod";

/** A run id from a URL segment. */
export const runIdSchema = z.coerce.number().int().positive();

export function parseRunId(value: string): number | null {
  const parsed = runIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
