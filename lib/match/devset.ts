import { z } from "zod";
import type { ClientMatch, MatchHaloClient, MatchHuduCompany } from "./types";

/**
 * The labelled development set (fixtures/matching/devset.json + devset.labels.json) converted to
 * engine input, and the quality figures computed from a run. Parsing only; reading files is the
 * caller's job (bench, tests).
 */

const devsetSchema = z.object({
  halo_clients: z.array(
    z.object({
      id: z.number(),
      name: z.string().nullable().optional(),
      website: z.string().nullable().optional(),
      main_phone: z.string().nullable().optional(),
      email_domains: z.array(z.string()).nullable().optional(),
      inactive: z.boolean().nullable().optional(),
    }),
  ),
  hudu_companies: z.array(
    z.object({
      id: z.number(),
      name: z.string().nullable().optional(),
      nickname: z.string().nullable().optional(),
      website: z.string().nullable().optional(),
      phone_number: z.string().nullable().optional(),
      id_number: z.string().nullable().optional(),
      id_in_integration: z.union([z.number(), z.string()]).nullable().optional(),
      archived: z.boolean().nullable().optional(),
    }),
  ),
});

const labelsSchema = z.object({
  pairs: z.array(
    z.object({
      halo_id: z.number(),
      hudu_id: z.number(),
      kinds: z.array(z.string()).default([]),
      halo_name: z.string().optional(),
      hudu_name: z.string().optional(),
    }),
  ),
});

export interface Devset {
  halo: MatchHaloClient[];
  hudu: MatchHuduCompany[];
  pairs: Array<{ haloId: number; huduId: number; kinds: string[] }>;
}

export function parseDevset(devsetJson: unknown, labelsJson: unknown): Devset {
  const d = devsetSchema.parse(devsetJson);
  const l = labelsSchema.parse(labelsJson);
  return {
    halo: d.halo_clients.map((c) => ({
      id: c.id,
      name: c.name ?? "",
      website: c.website ?? null,
      phone: c.main_phone ?? null,
      emailDomains: c.email_domains ?? [],
      inactive: c.inactive ?? false,
    })),
    hudu: d.hudu_companies.map((c) => ({
      id: c.id,
      name: c.name ?? "",
      nickname: c.nickname ?? null,
      website: c.website ?? null,
      phone: c.phone_number ?? null,
      idNumber: c.id_number ?? null,
      integrations: c.id_in_integration == null ? [] : [{ integratorName: "HaloPSA", syncId: c.id_in_integration }],
      archived: c.archived ?? false,
    })),
    pairs: l.pairs.map((p) => ({ haloId: p.halo_id, huduId: p.hudu_id, kinds: p.kinds })),
  };
}

export interface QualityReport {
  truePairs: number;
  autoAccepted: number;
  autoCorrect: number;
  autoPrecision: number;
  autoRecall: number;
  top1Correct: number;
  top1Accuracy: number;
  /** True pair whose best candidate is wrong or missing. */
  topMisses: Array<{ haloId: number; expected: number; got: number | null; kinds: string[] }>;
  /** True pair found as best but not auto-accepted. */
  notAuto: Array<{ haloId: number; huduId: number; kinds: string[]; score: number }>;
  /** Auto-accepted pair that is not a true pair. */
  wrongAuto: Array<{ haloId: number; huduId: number; expected: number | null; score: number }>;
}

export function evaluateMatches(matches: readonly ClientMatch[], pairs: Devset["pairs"]): QualityReport {
  const truth = new Map(pairs.map((p) => [p.haloId, p]));
  const report: QualityReport = {
    truePairs: pairs.length,
    autoAccepted: 0,
    autoCorrect: 0,
    autoPrecision: 0,
    autoRecall: 0,
    top1Correct: 0,
    top1Accuracy: 0,
    topMisses: [],
    notAuto: [],
    wrongAuto: [],
  };
  for (const m of matches) {
    const expected = truth.get(m.haloId);
    const best = m.best?.huduId ?? null;
    if (m.autoAccept) {
      report.autoAccepted++;
      if (expected && expected.huduId === best) report.autoCorrect++;
      else report.wrongAuto.push({ haloId: m.haloId, huduId: best ?? -1, expected: expected?.huduId ?? null, score: m.best?.score ?? 0 });
    }
    if (!expected) continue;
    if (best === expected.huduId) {
      report.top1Correct++;
      if (!m.autoAccept) report.notAuto.push({ haloId: m.haloId, huduId: best, kinds: expected.kinds, score: m.best?.score ?? 0 });
    } else {
      report.topMisses.push({ haloId: m.haloId, expected: expected.huduId, got: best, kinds: expected.kinds });
    }
  }
  report.autoPrecision = report.autoAccepted ? report.autoCorrect / report.autoAccepted : 1;
  report.autoRecall = pairs.length ? report.autoCorrect / pairs.length : 1;
  report.top1Accuracy = pairs.length ? report.top1Correct / pairs.length : 1;
  return report;
}
