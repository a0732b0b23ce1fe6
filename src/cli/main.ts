import yargs, { type CommandModule } from "yargs";
import { tightenVersion } from "../project-files.js";
import { UsageError } from "../usage-error.js";
import { COMMAND_SUMMARIES, type CommandName } from "./command-summaries.js";
import { EXIT_SUCCESS, failureExit } from "./exit-codes.js";
import { withSuggestions } from "./suggest.js";

// Each command types its own arguments (CommandModule's are invariant in them); yargs takes any.
type Command = CommandModule<object, any>;

/** How to load each command: only the one a run names is imported (see COMMAND_SUMMARIES). */
const LOADERS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  roles: async () => (await import("./roles.js")).rolesCommand,
  generate: async () => (await import("./generate.js")).generateCommand,
  explain: async () => (await import("./explain.js")).explainCommand,
  diff: async () => (await import("./diff.js")).diffCommand,
  drift: async () => (await import("./drift.js")).driftCommand,
  verify: async () => (await import("./verify.js")).verifyCommand,
  backtest: async () => (await import("./backtest.js")).backtestCommand,
  convert: async () => (await import("./convert.js")).convertCommand,
  athena: async () => (await import("./athena.js")).athenaCommand,
  ecs: async () => (await import("./ecs.js")).ecsCommand,
};

const NAMES = Object.keys(COMMAND_SUMMARIES) as CommandName[];

/**
 * The commands yargs is given for `argv`: the one it names, loaded, and the others as their
 * summaries, enough for --help to list them. When the first word names no command (a typo, or
 * options before the command), all are loaded, so that yargs' errors and suggestions stay whole.
 */
async function commandsFor(argv: readonly string[]): Promise<Command[]> {
  const end = argv.indexOf("--");
  const words = (end === -1 ? argv : argv.slice(0, end)).filter((arg) => !arg.startsWith("-"));
  const named = NAMES.find((name) => name === words[0]);
  const load = (name: CommandName) => words.length > 0 && (named === undefined || named === name);
  return Promise.all(
    NAMES.map(async (name) => (load(name) ? LOADERS[name]() : { ...COMMAND_SUMMARIES[name], handler: () => undefined })),
  );
}

/**
 * Runs the CLI in this process; returns the exit code (see exit-codes.ts): 0 success, 1 findings
 * when asked to fail on them, 2 bad input or an AWS error, 3 a bug, 130 interrupted. Never throws.
 * `commands` is for tests that need a command the real ones cannot be made to act like.
 */
export async function main(argv: readonly string[], given?: readonly Command[]): Promise<number> {
  // Commands report findings through process.exitCode; a run in this process before (a test) must not leak into this one.
  const inherited = process.exitCode;
  process.exitCode = undefined;
  try {
    let cli = yargs([...argv])
      .scriptName("tighten")
      .usage("$0 <command> [options]\n\nLeast-privilege IAM policies from the calls CloudTrail saw.");
    for (const command of given ?? (await commandsFor(argv))) cli = cli.command(command);
    if (!wantsHelp(argv)) skipHelpBeforeHandlers(cli);
    await cli
      .option("debug", { type: "boolean", global: true, describe: "when the run fails, also print the error in full, with its stack" })
      .demandCommand(1, "say which command: roles, generate, diff, drift, explain, verify, backtest, convert, athena or ecs")
      .strict()
      .help()
      .version(tightenVersion())
      // yargs' own words (Options, Show help, Unknown argument) in English whatever the locale, as
      // tighten's are: one language in a report, and the same bytes on every machine.
      .locale("en")
      // Only a run that prints help pays for wrapping it (bench/README.md, start-up).
      .wrap(wantsHelp(argv) ? Math.min(110, process.stdout.columns ?? 110) : null)
      // --help and --version end in a return like every other run, not in process.exit: main may
      // run inside a longer-lived process (the tests run it in-process), and bin sets the exit code.
      .exitProcess(false)
      .fail((message, error) => {
        if (error !== undefined && error !== null) throw error;
        // The flags of the command being parsed: yargs' own record of them, which its types do not show.
        const flags = Object.keys((cli as unknown as { getOptions(): { key?: Record<string, unknown> } }).getOptions().key ?? {});
        throw new UsageError(withSuggestions(message, NAMES, flags));
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
export async function runCli(argv: readonly string[], commands?: readonly Command[]): Promise<void> {
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
 * yargs formats a command's whole help before running its handler, in case the handler shows it
 * (yargs/build/lib/command.js, cacheHelpMessage); none of ours does, and our fail handler throws
 * instead of printing help. That formatting was 40-80 ms of a cold `generate` (cliui measuring
 * every option's text) and ~15 ms of each run after, so a run that did not ask for help skips it.
 * Through yargs' internal methods: where a yargs release lacks them, the formatting simply runs.
 */
function skipHelpBeforeHandlers(cli: unknown): void {
  const internal = cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
}

/** Whether the arguments ask for help (--help or -h before any `--`), the one output yargs wraps. */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((arg) => arg === "--help" || arg === "-h" || arg.startsWith("--help="));
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
