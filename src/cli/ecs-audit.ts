import type { CommandModule } from "yargs";
import { UsageError } from "../usage-error.js";

// Placeholder while the subcommand is being written; replaced by its real module.
export const ecsAuditCommand: CommandModule = {
  command: "audit",
  describe: "(being written)",
  handler: () => {
    throw new UsageError("tighten ecs audit is not built yet");
  },
};
