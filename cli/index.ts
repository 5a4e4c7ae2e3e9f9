/**
 * Command line for Halo → Hudu Sync: `npm run cli -- <command> [--json]`.
 *
 * Settings come from the database at DATABASE_PATH, with HALO_* / HUDU_* environment variables
 * on top (a .env file in the working directory is read first; variables already set win).
 * Exit codes: 0 success, 1 the thing checked failed, 2 usage or configuration problem.
 * With --json, stdout holds only the JSON result; everything else goes to stderr.
 *
 * Adding a command: create cli/commands/<name>.ts exporting `register(program)`, and add it
 * to COMMANDS below. Runs under tsx, outside Next: never import "server-only" modules here.
 */
import { existsSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { register as registerImport } from "./commands/import";
import { register as registerLayouts } from "./commands/layouts";
import { register as registerMatch } from "./commands/match";
import { register as registerPlan } from "./commands/plan";
import { register as registerRuns } from "./commands/runs";
import { register as registerTestConnection } from "./commands/test-connection";
import { CliUsageError, EXIT } from "./errors";
import { keepStdoutForJson } from "./output";

const COMMANDS: Array<(program: Command) => void> = [
  registerTestConnection,
  registerMatch,
  registerLayouts,
  registerPlan,
  registerImport,
  registerRuns,
];

function loadDotEnv(): void {
  // Node keeps variables that are already set, so the shell overrides the file.
  if (existsSync(".env")) process.loadEnvFile(".env");
}

export function createProgram(): Command {
  const program = new Command()
    .name("npm run cli --")
    .description("Halo → Hudu Sync from the command line.")
    .option("--json", "print only JSON on stdout (logs go to stderr)")
    .option("--verbose", "log request failures in detail (to stderr; secrets redacted)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--json")) keepStdoutForJson();
  loadDotEnv();
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message already; --help and --version are successes.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const json = argv.includes("--json");
    if (error instanceof CliUsageError) {
      process.stderr.write(`${error.message}\n`);
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
      return error.exitCode;
    }
    process.stderr.write(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: "unexpected", message: "Unexpected error; see stderr." } }, null, 2)}\n`);
    return EXIT.failed;
  }
}

main(process.argv).then(
  (code) => process.exit(code),
  () => process.exit(EXIT.failed),
);
