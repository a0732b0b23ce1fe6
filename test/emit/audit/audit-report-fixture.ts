import { readFileSync } from "node:fs";
import { parseTaskDefinition, type TaskDefinition } from "../../../src/ecs/task-definition.js";
import { auditTaskDefinitions } from "../../../src/pipeline/ecs-audit.js";
import type { EcsAuditReport } from "../../../src/ecs/audit-report.js";

export const EXAMPLE_FILES = ["notifications-service", "payments-service", "reports-service"].map((name) => `examples/ecs/${name}.json`);

/** The example fleet, read as `--task-definition` reads it. */
export function exampleFleet(): TaskDefinition[] {
  return EXAMPLE_FILES.map((file) => parseTaskDefinition(JSON.parse(readFileSync(file, "utf8")), file));
}

export function exampleReport(flags: { region?: string; account?: string } = {}): EcsAuditReport {
  return auditTaskDefinitions(exampleFleet(), flags);
}

// Task definition strings are the registrant's: a file from a pull request, or a fleet someone
// else deploys to. Names here carry markup, pipes, backticks, a line break, an escape sequence
// and a bidirectional override; ECS would refuse some of them, a file need not.
export const HOSTILE_FAMILY = "api|<img src=x onerror=alert(1)>";
export const HOSTILE_CONTAINER = "app`\u001b[31m\u202e";
export const HOSTILE_VARIABLE = "DB_PASSWORD\n# injected|```";
export const HOSTILE_VALUE = "n0t-a-real-p4ssw0rd-but-secret";

export function hostileReport(): EcsAuditReport {
  const definition = parseTaskDefinition(
    {
      family: HOSTILE_FAMILY,
      executionRoleArn: "arn:aws:iam::111122223333:role/<b>exec</b>",
      containerDefinitions: [
        { name: HOSTILE_CONTAINER, image: "img", environment: [{ name: HOSTILE_VARIABLE, value: HOSTILE_VALUE }] },
        { name: "second", image: "img", environment: [{ name: HOSTILE_VARIABLE, value: HOSTILE_VALUE }] },
      ],
    },
    "task-definitions/<script>alert(1)</script>.json",
  );
  return auditTaskDefinitions([definition], { region: "us-east-1" });
}
