import type { Command } from "commander";
import type { Db } from "@/db";
import { getCurrentSnapshotRun } from "@/db/queries/snapshots";
import { listBoardDecisions, loadBoardData } from "@/lib/decisions/board-data";
import { buildBoardView } from "@/lib/decisions/board-view";
import { acceptAutoSuggestions, decide, undecide } from "@/lib/decisions/decide";
import { safeJson } from "@/lib/jobs/progress";
import { parseSnapshotProgress } from "@/lib/snapshot/progress";
import { refreshSnapshot } from "@/lib/snapshot/refresh";
import { cliContext, type CliContext } from "../context";
import { CliUsageError, EXIT } from "../errors";

/**
 * `match [--auto] [--no-refresh]`: refreshes the snapshot from Halo and Hudu, then prints each
 * Halo client's best candidate; `--auto` records the auto-accept ones as decisions.
 * `match set <haloId> <huduId|new|ignore|clear>`: records one decision (against the snapshot).
 * Decisions made here are the board's decisions (source "cli").
 */

export interface SuggestionLine {
  haloId: number;
  huduId: number | null;
  score: number | null;
  reasons: string[];
  autoAccept: boolean;
}

interface MatchOptions {
  auto?: boolean;
  refresh: boolean;
  by: string;
}

interface SetOptions {
  move?: boolean;
  by: string;
}

export function register(program: Command): void {
  const match = program
    .command("match")
    .description("suggest a Hudu company for every Halo client (reads both sides first); --auto saves the auto-accept ones")
    .option("--auto", "record the auto-accept suggestions as match decisions")
    .option("--no-refresh", "use the saved snapshot instead of reading Halo and Hudu again")
    .option("--by <name>", "who the decisions are recorded as", "cli")
    .action(async (options: MatchOptions, command: Command) => {
      process.exitCode = await suggestAll(cliContext(command), options);
    });

  match
    .command("set <haloId> <target>")
    .description("record one decision: <target> is a Hudu company id, new, ignore, or clear (removes the decision)")
    .option("--move", "take the company from the Halo client it is matched to")
    .option("--by <name>", "who the decision is recorded as", "cli")
    .action(async (haloId: string, target: string, options: SetOptions, command: Command) => {
      process.exitCode = await setOne(cliContext(command), haloId, target, options);
    });
}

async function suggestAll(ctx: CliContext, options: MatchOptions): Promise<number> {
  const db = ctx.db();
  if (options.refresh) {
    const refreshed = await refreshFromApis(ctx, db);
    if (refreshed !== EXIT.ok) return refreshed;
  }
  if (!getCurrentSnapshotRun({ db })) {
    throw new CliUsageError("There is no snapshot yet: run `match` without --no-refresh to read Halo and Hudu.", "no_snapshot");
  }

  const board = loadBoardData({ db });
  let auto: { saved: number; skipped: number } | undefined;
  if (options.auto) {
    auto = acceptAutoSuggestions({ db, decidedBy: options.by, source: "cli" });
    ctx.out.log(`Recorded ${auto.saved} auto-accept ${auto.saved === 1 ? "match" : "matches"}${auto.skipped ? ` (${auto.skipped} skipped)` : ""}.`);
  }

  const byClient = new Map(board.suggestions.map((s) => [s.haloId, s]));
  const suggestions: SuggestionLine[] = board.halo.map((client) => {
    const best = byClient.get(client.id);
    const top = best?.candidates[0];
    return top
      ? { haloId: client.id, huduId: top.huduId, score: top.score, reasons: top.reasons, autoAccept: Boolean(best?.autoAccept) }
      : { haloId: client.id, huduId: null, score: null, reasons: [], autoAccept: false };
  });

  ctx.out.result(auto ? { suggestions, auto } : { suggestions });
  if (!ctx.json) printSuggestions(ctx, db, suggestions);
  return EXIT.ok;
}

async function refreshFromApis(ctx: CliContext, db: Db): Promise<number> {
  ctx.out.log("Reading Halo and Hudu…");
  let lastPhase: string | null | undefined;
  const result = await refreshSnapshot({
    db,
    startedBy: "cli",
    onProgress: (p) => {
      if (p.phase && p.phase !== lastPhase) {
        lastPhase = p.phase;
        ctx.out.log(`  ${p.phase.replace("-", " ")}…`);
      }
      if (p.message) ctx.out.log(`  ${p.message}`);
    },
  });
  if (result.status === "already-running") {
    ctx.out.log(`A refresh started by ${result.run.startedBy} is still running; using the saved snapshot.`);
    return EXIT.ok;
  }
  if (result.status === "failed") {
    ctx.out.log(`Could not read Halo and Hudu: ${result.error}`);
    ctx.out.result({ error: { code: "refresh_failed", message: result.error } });
    return EXIT.failed;
  }
  const read = parseSnapshotProgress(safeJson(result.run.progressJson));
  ctx.out.log(`Read ${read.haloClients} Halo clients and ${read.huduCompanies} Hudu companies.`);
  return EXIT.ok;
}

function printSuggestions(ctx: CliContext, db: Db, suggestions: SuggestionLine[]): void {
  const { out } = ctx;
  const board = loadBoardData({ db });
  const view = buildBoardView(board, listBoardDecisions({ db }));
  const clientName = new Map(board.halo.map((c) => [c.id, c.name]));
  const companyName = new Map(board.hudu.map((c) => [c.id, c.name]));
  for (const s of suggestions) {
    const state = view.clientById.get(s.haloId)?.state;
    const decided = state && state !== "suggested" && state !== "unmatched" ? out.dim(` [${state}]`) : "";
    const left = `${s.haloId} ${clientName.get(s.haloId) ?? ""}`;
    if (s.huduId === null) {
      out.print(`${left}${decided}  →  ${out.dim("no candidate")}`);
      continue;
    }
    const score = `${Math.round((s.score ?? 0) * 100)}%`;
    out.print(`${left}${decided}  →  ${s.huduId} ${companyName.get(s.huduId) ?? ""}  ${s.autoAccept ? out.green(`${score} auto`) : score}`);
    if (s.reasons.length > 0) out.print(out.dim(`    ${s.reasons.join("; ")}`));
  }
  const auto = suggestions.filter((s) => s.autoAccept).length;
  const none = suggestions.filter((s) => s.huduId === null).length;
  out.print();
  out.print(`${suggestions.length} Halo clients: ${auto} auto-accept, ${suggestions.length - auto - none} to review, ${none} without a candidate.`);
}

function parseId(value: string, what: string): number {
  if (!/^\d+$/.test(value.trim())) throw new CliUsageError(`${what} must be a whole number, got "${value}".`);
  return Number(value.trim());
}

async function setOne(ctx: CliContext, haloIdText: string, target: string, options: SetOptions): Promise<number> {
  const haloClientId = parseId(haloIdText, "The Halo client id");
  const db = ctx.db();
  if (!getCurrentSnapshotRun({ db })) {
    throw new CliUsageError("There is no snapshot yet: run `match` first to read Halo and Hudu.", "no_snapshot");
  }
  const word = target.trim().toLowerCase();

  if (word === "clear") {
    const removed = undecide({ db, haloClientId, changedBy: options.by, source: "cli" });
    ctx.out.result({ decision: null, removed: Boolean(removed) });
    ctx.out.print(removed ? `Halo client ${haloClientId} is undecided again.` : `Halo client ${haloClientId} had no decision.`);
    return EXIT.ok;
  }

  const kind = word === "new" ? "create" : word === "ignore" ? "ignore" : "match";
  const huduCompanyId = kind === "match" ? parseId(target, 'The target (a Hudu company id, "new", "ignore" or "clear")') : undefined;
  const result = decide({ db, haloClientId, kind, huduCompanyId, move: options.move, decidedBy: options.by, source: "cli" });

  if (result.status !== "saved") {
    const hint = result.status === "company-taken" ? " Add --move to move it." : "";
    ctx.out.log(`${result.message}${hint}`);
    ctx.out.result({ error: { code: result.status, message: result.message } });
    return result.status === "unknown-client" || result.status === "unknown-company" ? EXIT.usage : EXIT.failed;
  }
  const d = result.decision;
  ctx.out.result({
    decision: {
      haloId: d.haloClientId,
      kind: d.kind,
      huduId: d.huduCompanyId,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
      source: d.source,
    },
    movedFrom: result.movedFrom?.haloClientId ?? null,
  });
  const what =
    d.kind === "match" ? `matched to Hudu company ${d.huduCompanyId} (${d.huduCompanyName ?? ""})` : d.kind === "create" ? "marked create new" : "ignored";
  ctx.out.print(`Halo client ${d.haloClientId} (${d.haloClientName ?? ""}) ${what}.`);
  if (result.movedFrom) ctx.out.print(`Halo client ${result.movedFrom.haloClientId} lost that match and is undecided again.`);
  return EXIT.ok;
}
