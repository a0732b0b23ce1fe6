import type { Argv } from "yargs";
import { UsageError } from "../usage-error.js";

export interface AssumeRoleArgs {
  readonly "assume-role": string | undefined;
}

/** --assume-role NAME: how tighten reads IAM (and ECS) in accounts other than the caller's. */
export function withAssumeRoleOption<T>(yargs: Argv<T>): Argv<T & AssumeRoleArgs> {
  return yargs.option("assume-role", {
    type: "string",
    describe: "a role name (or path/name) to assume in each other account whose roles or resources are read (read-only; templates/stackset/tighten-reader.yaml creates it)",
  }) as Argv<T & AssumeRoleArgs>;
}

// IAM's role name (1-64 of [\w+=,.@-]) and path (segments of the same characters); IAM API reference, CreateRole.
const ROLE_NAME = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** The role name, checked, or undefined when the flag is not given. */
export function assumeRoleName(args: AssumeRoleArgs): string | undefined {
  const given = args["assume-role"];
  if (given === undefined) return undefined;
  const name = given.trim().replace(/^\/+/, "");
  if (!ROLE_NAME.test(name)) {
    throw new UsageError(`--assume-role ${given}: give the role's name (or path/name) as in arn:aws:iam::ACCOUNT:role/NAME, not an ARN`);
  }
  return name;
}
