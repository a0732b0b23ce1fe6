import { UsageError } from "../usage-error.js";
import { EXIT_FINDINGS } from "./exit-codes.js";
import { paintLead } from "./color-option.js";
import { printable } from "../emit/shared/printable.js";

/** One reason a run exits 1 (drift's and ecs audit's failures have this shape). */
export interface FailReason {
  readonly category: string;
  readonly found: string;
}

/**
 * `--fail-on a,b --fail-on c` -> the categories, each checked against `choices`; `aliases` keeps an
 * older value working (ecs audit's `findings`). The same list grammar in every command.
 */
export function parseFailOnList<T extends string>(values: readonly string[] | string | undefined, choices: readonly T[], aliases: Readonly<Record<string, T>> = {}): T[] {
  const list = values === undefined ? [] : typeof values === "string" ? [values] : values;
  const given = list.flatMap((value) => String(value).split(",")).map((value) => value.trim()).filter((value) => value !== "");
  const known = [...choices, ...Object.keys(aliases)];
  const chosen = given.map((value) => {
    if (!known.includes(value)) throw new UsageError(`--fail-on ${value}: choose from ${choices.join(", ")}`);
    return aliases[value] ?? (value as T);
  });
  return [...new Set(chosen)];
}

/**
 * One line on stderr per reason (`tighten: failing on denied: 3 denied calls in 2 roles`), and
 * exit code 1 when there is any: a CI log says why the job failed without opening the report.
 */
export function failOnReasons(reasons: readonly FailReason[], color = false, write: (text: string) => void = (text) => process.stderr.write(text)): void {
  for (const reason of reasons) write(`${paintLead(printable(`tighten: failing on ${reason.category}: ${reason.found}`), color)}\n`);
  if (reasons.length > 0) process.exitCode = EXIT_FINDINGS;
}
