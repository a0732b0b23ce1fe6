import type { CommandModule } from "yargs";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import { ecsAuditCommand } from "./ecs-audit.js";
import { ecsExecutionPolicyCommand } from "./ecs-execution-policy.js";
import { ecsRolesCommand } from "./ecs-roles.js";

/** `tighten ecs roles | execution-policy | audit`: the questions auditors ask of an ECS fleet. */
export const ecsCommand: CommandModule = {
  ...COMMAND_SUMMARIES.ecs,
  builder: (yargs) =>
    yargs
      .command(ecsRolesCommand)
      .command(ecsExecutionPolicyCommand)
      .command(ecsAuditCommand)
      .demandCommand(1, "say which: tighten ecs roles, execution-policy or audit"),
  handler: () => undefined,
};
