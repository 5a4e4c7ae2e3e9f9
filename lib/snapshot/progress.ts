import { z } from "zod";

/**
 * The progress document of a snapshot refresh (a lib/jobs run of kind "snapshot"): what is being
 * read, how far each sweep is, the latest plain-words note, and records that could not be read.
 * The board polls it; the newest succeeded refresh's counts describe the saved snapshot.
 */
export const snapshotProgressSchema = z.object({
  /** starting, halo-clients, halo-sites, halo-users, hudu-companies, saving; null when done. */
  phase: z.string().nullable().catch(null),
  haloClients: z.number().catch(0),
  haloClientsTotal: z.number().nullable().catch(null),
  haloSites: z.number().catch(0),
  haloSitesTotal: z.number().nullable().catch(null),
  haloUsers: z.number().catch(0),
  haloUsersTotal: z.number().nullable().catch(null),
  huduCompanies: z.number().catch(0),
  /** Latest plain-words note ("waiting 40 s for Halo's rate limit"). */
  message: z.string().nullable().catch(null),
  /** Records skipped because they could not be read (the run still succeeds). */
  warnings: z.array(z.string()).catch([]),
});
export type SnapshotProgress = z.infer<typeof snapshotProgressSchema>;

export function initialSnapshotProgress(): SnapshotProgress {
  return {
    phase: "starting",
    haloClients: 0,
    haloClientsTotal: null,
    haloSites: 0,
    haloSitesTotal: null,
    haloUsers: 0,
    haloUsersTotal: null,
    huduCompanies: 0,
    message: null,
    warnings: [],
  };
}

export function parseSnapshotProgress(json: unknown): SnapshotProgress {
  const parsed = snapshotProgressSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : initialSnapshotProgress();
}
