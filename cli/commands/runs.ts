import type { Command } from "commander";
import { listImportRunSummaries } from "@/lib/sync/import-report";
import { formatDuration, type ImportRunSummary, type ImportTotals } from "@/lib/sync/import-view";
import { cliContext, type CliContext } from "../context";
import { CliUsageError, EXIT } from "../errors";

/** `runs [--json] [--limit N]`: the import history, newest first (who, when, how long, totals). */

export function register(program: Command): void {
  program
    .command("runs")
    .description("list the import runs, newest first: who started it, when, how long, what it did")
    .option("--limit <n>", "how many runs", "20")
    .action((options: { limit: string }, command: Command) => {
      process.exitCode = listRuns(cliContext(command), options.limit);
    });
}

function listRuns(ctx: CliContext, limitText: string): number {
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit <= 0) throw new CliUsageError(`--limit must be a whole number above 0, got "${limitText}".`);
  const runs = listImportRunSummaries({ db: ctx.db(), limit });
  ctx.out.result({ runs });
  if (ctx.json) return EXIT.ok;
  if (runs.length === 0) ctx.out.print("No import has run yet.");
  for (const run of runs) printRun(ctx, run);
  return EXIT.ok;
}

function printRun(ctx: CliContext, run: ImportRunSummary): void {
  const when = new Date(run.startedAt).toLocaleString();
  const who = run.startedBy === "schedule" ? "the schedule" : run.startedBy;
  const status = run.status === "succeeded" && run.totals.failed === 0 ? ctx.out.green(run.status) : run.status === "succeeded" ? run.status : ctx.out.red(run.status);
  ctx.out.print(`#${run.id}  ${when}  ${status}  by ${who}, ${formatDuration(run.durationMs)}`);
  ctx.out.print(`      ${totalsLine(run.totals)}`);
  if (run.error) ctx.out.print(`      ${ctx.out.dim(run.error)}`);
}

export function totalsLine(totals: ImportTotals): string {
  const open = totals.open > 0 ? `, ${totals.open} not done` : "";
  return `${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.archived} archived, ${totals.skipped} skipped, ${totals.failed} failed${open}`;
}
