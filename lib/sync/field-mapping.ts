import { z } from "zod";

/** One Halo field → one layout field. Its own module so the recommended layouts and the settings schema can both use it. */
export const fieldMappingSchema = z.object({
  /** A Halo source id of lib/sync/sources.ts. */
  source: z.string().trim().min(1, "choose a Halo field"),
  /** The layout field's label, exactly as the layout has it. */
  label: z.string().min(1, "choose a layout field").max(200, "a label is at most 200 characters"),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
