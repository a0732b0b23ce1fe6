import yargs from "yargs";
import { printable } from "../emit/printable.js";
import { QueryInterrupted } from "../engines/athena/athena-errors.js";
import { UsageError } from "../usage-error.js";
import { athenaCommand } from "./athena.js";
import { backtestCommand } from "./backtest.js";
import { convertCommand } from "./convert.js";
import { diffCommand } from "./diff.js";
import { driftCommand } from "./drift.js";
import { ecsCommand } from "./ecs.js";
import { explainCommand } from "./explain.js";
import { generateCommand } from "./generate.js";
import { rolesCommand } from "./roles.js";
import { verifyCommand } from "./verify.js";

/** Runs the CLI; returns the exit code: 0 success, 1 differences when asked to fail on them, 2 bad input, 130 interrupted. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await yargs([...argv])
      .scriptName("tighten")
      .usage("$0 <command> [options]\n\nLeast-privilege IAM policies from the calls CloudTrail saw.")
      .command(rolesCommand)
      .command(generateCommand)
      .command(explainCommand)
      .command(diffCommand)
      .command(driftCommand)
      .command(verifyCommand)
      .command(backtestCommand)
      .command(convertCommand)
      .command(athenaCommand)
      .command(ecsCommand)
      .demandCommand(1, "say which command: roles, generate, diff, drift, explain, verify, backtest, convert, athena or ecs")
      .strict()
      .help()
      .version()
      .wrap(Math.min(110, process.stdout.columns ?? 110))
      .fail((message, error) => {
        throw error ?? new UsageError(message);
      })
      .parseAsync();
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tighten: ${printable(error.message.replace(/\s*\n\s*/g, " "))}\n`);
      return 2;
    }
    if (error instanceof QueryInterrupted) {
      process.stderr.write(`tighten: ${printable(error.message)}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
