import type { CommandModule } from "yargs";
import { ecsAuditCommand } from "./ecs-audit.js";
import { ecsExecutionPolicyCommand } from "./ecs-execution-policy.js";
import { ecsRolesCommand } from "./ecs-roles.js";

/** `tighten ecs roles | execution-policy | audit`: the questions auditors ask of an ECS fleet. */
export const ecsCommand: CommandModule = {
  command: "ecs <command>",
  describe: "ECS fleets: services to roles, execution roles from task definitions, secrets in environment",
  builder: (yargs) =>
    yargs
      .command(ecsRolesCommand)
      .command(ecsExecutionPolicyCommand)
      .command(ecsAuditCommand)
      .demandCommand(1, "say which: tighten ecs roles, execution-policy or audit"),
  handler: () => undefined,
};
