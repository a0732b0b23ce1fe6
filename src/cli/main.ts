import yargs, { type CommandModule } from "yargs";
import { UsageError } from "../usage-error.js";
import { athenaCommand } from "./athena.js";
import { backtestCommand } from "./backtest.js";
import { convertCommand } from "./convert.js";
import { diffCommand } from "./diff.js";
import { driftCommand } from "./drift.js";
import { ecsCommand } from "./ecs.js";
import { EXIT_SUCCESS, failureExit } from "./exit-codes.js";
import { explainCommand } from "./explain.js";
import { generateCommand } from "./generate.js";
import { rolesCommand } from "./roles.js";
import { verifyCommand } from "./verify.js";

// Each command types its own arguments (CommandModule's are invariant in them); yargs takes any.
type Command = CommandModule<object, any>;

const COMMANDS: readonly Command[] = [
  rolesCommand,
  generateCommand,
  explainCommand,
  diffCommand,
  driftCommand,
  verifyCommand,
  backtestCommand,
  convertCommand,
  athenaCommand,
  ecsCommand,
];

/**
 * Runs the CLI in this process; returns the exit code (see exit-codes.ts): 0 success, 1 findings
 * when asked to fail on them, 2 bad input or an AWS error, 3 a bug, 130 interrupted. Never throws.
 * `commands` is for tests that need a command the real ones cannot be made to act like.
 */
export async function main(argv: readonly string[], commands: readonly Command[] = COMMANDS): Promise<number> {
  // Commands report findings through process.exitCode; a run in this process before (a test) must not leak into this one.
  const inherited = process.exitCode;
  process.exitCode = undefined;
  try {
    let cli = yargs([...argv])
      .scriptName("tighten")
      .usage("$0 <command> [options]\n\nLeast-privilege IAM policies from the calls CloudTrail saw.");
    for (const command of commands) cli = cli.command(command);
    await cli
      .option("debug", { type: "boolean", global: true, describe: "when the run fails, also print the error in full, with its stack" })
      .demandCommand(1, "say which command: roles, generate, diff, drift, explain, verify, backtest, convert, athena or ecs")
      .strict()
      .help()
      .version()
      .wrap(Math.min(110, process.stdout.columns ?? 110))
      .fail((message, error) => {
        throw error ?? new UsageError(message);
      })
      .parseAsync();
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_SUCCESS;
  } catch (error) {
    return failureExit(error, { debug: wantsDebug(argv), write: (text) => process.stderr.write(text) });
  } finally {
    process.exitCode = inherited;
  }
}

/**
 * Runs the CLI as the process (bin/tighten.js): also what escapes main's await, an error thrown in
 * a callback or a promise nobody awaited, and a stdout that fails while output is written
 * (a closed pipe, a full disk) end the run with an exit code of the contract and one line, never
 * with Node's stack and exit 1, which scripts read as findings.
 */
export async function runCli(argv: readonly string[], commands: readonly Command[] = COMMANDS): Promise<void> {
  const debug = wantsDebug(argv);
  const stop = (error: unknown) => {
    process.exit(failureExit(error, { debug, write: (text) => process.stderr.write(text) }));
  };
  process.on("uncaughtException", stop);
  process.on("unhandledRejection", stop);
  process.stdout.on("error", (error: NodeJS.ErrnoException) => stop(new UsageError(stdoutFailure(error))));
  // With stderr gone nothing is left to report with; the exit code still tells.
  process.stderr.on("error", () => undefined);
  process.exitCode = await main(argv, commands);
}

function stdoutFailure(error: NodeJS.ErrnoException): string {
  if (error.code === "EPIPE") return "stdout: the reader closed the pipe before the output was complete (EPIPE)";
  return `stdout: cannot write the output (${error.code ?? error.message})`;
}

/**
 * Whether --debug was given, read from the arguments themselves: the error to report may be
 * yargs refusing them, before any parse result exists. Arguments after `--` are no flags.
 */
export function wantsDebug(argv: readonly string[]): boolean {
  let debug = false;
  for (const arg of argv) {
    if (arg === "--") break;
    if (arg === "--debug" || arg === "--debug=true") debug = true;
    if (arg === "--no-debug" || arg === "--debug=false") debug = false;
  }
  return debug;
}
