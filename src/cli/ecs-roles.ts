import type { CommandModule } from "yargs";
import { UsageError } from "../usage-error.js";

// Placeholder while the subcommand is being written; replaced by its real module.
export const ecsRolesCommand: CommandModule = {
  command: "roles",
  describe: "(being written)",
  handler: () => {
    throw new UsageError("tighten ecs roles is not built yet");
  },
};
