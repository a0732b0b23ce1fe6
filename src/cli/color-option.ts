import type { Argv } from "yargs";

export const COLOR_CHOICES = ["auto", "always", "never"] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];

export interface ColorArgs {
  readonly color?: ColorChoice;
}

/**
 * `--color auto|always|never`, the same in every command that prints text: reports on stdout,
 * warnings and `--fail-on` reasons on stderr. A bare `--color` is `always` and `--no-color`
 * `never`, as in the older boolean flag of `diff`.
 */
export function withColorOption<T>(yargs: Argv<T>): Argv<T & ColorArgs> {
  return yargs.option("color", {
    type: "string",
    choices: COLOR_CHOICES,
    // No default: with one, yargs reads a bare --color as the default instead of "". Not given is auto.
    describe: "colour text output: auto (the default: when writing to a terminal and NO_COLOR is not set), always, never",
    coerce: (value: unknown) => (value === "" || value === true || value === "true" ? "always" : value === false || value === "false" ? "never" : value),
  }) as unknown as Argv<T & ColorArgs>;
}

/**
 * Whether to colour what goes to `stream`. `auto` colours a terminal only, and never when NO_COLOR
 * is set to anything but "" (no-color.org) or TERM is "dumb"; an explicit `always` wins over NO_COLOR,
 * as no-color.org lets a command-line flag do.
 */
export function useColor(choice: ColorChoice | undefined, stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (choice === "always") return true;
  if (choice === "never") return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

/**
 * Whether a text report is coloured: on stdout as useColor decides; written to `--out FILE`, only
 * with `always` (a file is no terminal). The caller asks only for text: JSON, Markdown, HTML and
 * Terraform are never coloured.
 */
export function reportColor(choice: ColorChoice | undefined, out: string | undefined, stdout: { readonly isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return useColor(choice, out === undefined ? stdout : {}, env);
}

const SGR = { yellow: "\u001b[33m", red: "\u001b[31m", reset: "\u001b[0m" } as const;

/**
 * A stderr line with its lead word coloured: "warning:" yellow, "tighten: failing on" red. The
 * line is made printable first by the caller; only these escapes are added.
 */
export function paintLead(line: string, color: boolean): string {
  if (!color) return line;
  for (const [lead, sgr] of [["warning:", SGR.yellow], ["tighten: failing on", SGR.red]] as const) {
    if (line.startsWith(lead)) return `${sgr}${lead}${SGR.reset}${line.slice(lead.length)}`;
  }
  return line;
}
