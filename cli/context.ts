import type { Command } from "commander";
import { getDb, type Db } from "@/db";
import { EnvError, env } from "@/lib/env";
import { CliUsageError } from "./errors";
import { createOutput, type Output } from "./output";

/** What every command gets: its global options, where to write, and the database. */
export interface CliContext {
  json: boolean;
  verbose: boolean;
  out: Output;
  /** Opens the database at DATABASE_PATH on first use (settings, decisions, runs). */
  db(): Db;
}

export interface GlobalOptions {
  json?: boolean;
  verbose?: boolean;
}

export function cliContext(command: Command): CliContext {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const json = Boolean(globals.json);
  return {
    json,
    verbose: Boolean(globals.verbose),
    out: createOutput({ json }),
    db: () => {
      try {
        env();
        return getDb();
      } catch (error) {
        if (error instanceof EnvError) throw new CliUsageError(error.message, "invalid_environment");
        throw error;
      }
    },
  };
}
