import type { CommandModule } from "yargs";
import { UsageError } from "../usage-error.js";

// Placeholder while the subcommand is being written; replaced by its real module.
export const ecsExecutionPolicyCommand: CommandModule = {
  command: "execution-policy",
  describe: "(being written)",
  handler: () => {
    throw new UsageError("tighten ecs execution-policy is not built yet");
  },
};
