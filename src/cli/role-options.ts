import type { Argv } from "yargs";
import type { PrincipalSummary } from "../engines/engine.js";
import { allIamPrincipals, allRoles, roleFocus, selectRoles, type RoleArn } from "../engines/role-selection.js";
import { printable } from "../emit/shared/printable.js";
import { UsageError } from "../usage-error.js";
import { briefList } from "./warnings.js";

export interface RoleArgs {
  readonly role: string[] | undefined;
  readonly "all-roles": boolean;
  /** Only where a command offers it (explain): every role and IAM user. */
  readonly "all-principals"?: boolean;
}

/** --role / --all-roles, shared by the commands that work per role. */
export function withRoleOptions<T>(yargs: Argv<T>): Argv<T & RoleArgs> {
  return yargs
    .option("role", { type: "string", array: true, describe: "role name, path/name, ARN or glob; repeatable" })
    .option("all-roles", { type: "boolean", default: false, describe: "every role seen (AWS-managed roles excepted)" }) as Argv<
    T & RoleArgs
  >;
}

/** Checks the flags before the logs are read, so a usage mistake costs no scan. */
export function checkRoleArgs(args: RoleArgs): void {
  const named = args.role !== undefined && args.role.length > 0;
  const chosen = [named, args["all-roles"], args["all-principals"] === true].filter(Boolean).length;
  if (chosen === 0) throw new UsageError("say which roles: --role NAME (repeatable) or --all-roles");
  if (chosen > 1) throw new UsageError("--role, --all-roles and --all-principals exclude each other");
}

/**
 * What the scan may focus on (engines/local/principal-focus.ts): the roles --role names, when none
 * is a glob; nothing to narrow by for --all-roles and --all-principals.
 */
export function scanFocus(args: RoleArgs): string[] | undefined {
  return args["all-roles"] || args["all-principals"] === true ? undefined : roleFocus(args.role ?? []);
}

/** The roles the flags name among the principals seen; notes AWS-managed roles left out. */
export function resolveRoles(args: RoleArgs & { readonly quiet: boolean; readonly verbose?: boolean }, principals: readonly PrincipalSummary[]): RoleArn[] {
  if (args["all-principals"] === true) {
    const all = allIamPrincipals(principals);
    if (all.length === 0) throw new UsageError("--all-principals: no role or IAM user made any call in these logs");
    return all;
  }
  if (!args["all-roles"]) return selectRoles(args.role ?? [], principals);
  const found = allRoles(principals);
  if (found.awsManaged.length > 0 && !args.quiet) {
    process.stderr.write(
      `note: ${found.awsManaged.length} AWS-managed role(s) left out (service-linked or SSO); name them with --role to include them\n`,
    );
  }
  if (found.malformed.length > 0 && !args.quiet) {
    const named = briefList(found.malformed.map((arn) => printable(arn)), args.verbose === true);
    process.stderr.write(`note: ${found.malformed.length} principal(s) left out whose ARN names no role (no name or no 12-digit account): ${named}\n`);
  }
  if (found.roles.length === 0) throw new UsageError("--all-roles: no role made any call in these logs");
  return found.roles;
}
