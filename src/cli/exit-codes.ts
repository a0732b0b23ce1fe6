import { inspect } from "node:util";
import { uncontextualizedAwsMessage } from "../aws/aws-failure.js";
import { printable } from "../emit/shared/printable.js";
import { Interrupted } from "../interrupted.js";
import { UsageError } from "../usage-error.js";

/**
 * What a run's exit code tells a script, one meaning each. Commands set EXIT_FINDINGS through
 * process.exitCode when asked to fail on what they found; every other code comes from failureExit.
 */
export const EXIT_SUCCESS = 0;
/** verify refused a call, diff --exit-code, drift/ecs --fail-on, backtest --fail-above: never an error. */
export const EXIT_FINDINGS = 1;
/** A usage or input problem, or an AWS error: the user can act on the one line that says which. */
export const EXIT_BAD_INPUT = 2;
/** A bug in tighten. */
export const EXIT_INTERNAL = 3;

export interface FailureOutput {
  /** Whether the user asked for the stack (--debug). */
  readonly debug: boolean;
  readonly write: (text: string) => void;
}

const BUG = "internal error (a bug; run again with --debug for the stack)";

/**
 * The one place a thrown value becomes an exit code: writes its line (and with --debug the error
 * in full) and returns the code. A UsageError or an AWS error is one line naming what to fix;
 * anything else is a bug, in one line that says so. Exit 1 is never returned: it means findings.
 */
export function failureExit(error: unknown, output: FailureOutput): number {
  const [line, code] = failureLine(error);
  // Line by line: the stack's own line breaks stay, control characters in a message do not.
  const detail = output.debug ? `${inspect(error).split("\n").map(printable).join("\n")}\n` : "";
  try {
    output.write(`tighten: ${line}\n${detail}`);
  } catch {
    // stderr itself is gone: nothing is left to tell the user with, and the exit code still says it.
  }
  return code;
}

function failureLine(error: unknown): [string, number] {
  if (error instanceof UsageError) return [printable(error.message.replace(/\s*\n\s*/g, " ")), EXIT_BAD_INPUT];
  if (error instanceof Interrupted) return [printable(error.message), error.exitCode];
  const aws = uncontextualizedAwsMessage(error);
  if (aws !== undefined) return [printable(aws), EXIT_BAD_INPUT];
  return [`${BUG}: ${printable(firstLine(error))}`, EXIT_INTERNAL];
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? (error.message === "" ? error.name : `${error.name}: ${error.message}`) : String(error);
  return text.split(/\r?\n/, 1)[0] ?? "";
}
