import { describe, expect, it } from "vitest";
import { mapFleet, type FleetService } from "../../../src/ecs/fleet.js";
import { renderFleetMarkdown } from "../../../src/emit/fleet/fleet-markdown.js";

const HOSTILE = "x|y`<img src=x onerror=alert(1)>`\n# heading";
const role = (name: string) => `arn:aws:iam::111122223333:role/ecs/${name}`;
const service = (name: string, task: string | null, execution: string | null): FleetService => ({
  cluster: null,
  service: name,
  serviceArn: null,
  taskDefinition: name,
  file: `${name}.json`,
  taskRoleArn: task,
  executionRoleArn: execution,
});

/** Pipes GFM splits a table row at: those not escaped by a backslash. */
function cellPipes(line: string): number {
  let pipes = 0;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === "\\") i += 1;
    else if (line[i] === "|") pipes += 1;
  }
  return pipes;
}

const report = mapFleet({
  source: { kind: "offline", files: ["api.json", `${HOSTILE}.json`] },
  services: [service("api", role("api-task"), role(HOSTILE)), service(HOSTILE, null, role(HOSTILE))],
  trust: new Map([
    [role("api-task"), { kind: "not-checked", reason: "offline" }],
    [role(HOSTILE), { kind: "unconditioned", statements: [HOSTILE] }],
  ]),
});

describe("renderFleetMarkdown", () => {
  const markdown = renderFleetMarkdown(report);

  it("keeps every table row's cells, whatever the names hold", () => {
    const rows = markdown.split("\n").filter((line) => line.startsWith("|"));
    expect(rows.length).toBe(2 + 2 + 2 + 2);
    const services = rows.slice(0, 4);
    const roles = rows.slice(4);
    for (const row of services) expect(cellPipes(row), row).toBe(6);
    for (const row of roles) expect(cellPipes(row), row).toBe(6);
  });

  it("lets no markup through: no raw HTML, no heading from a name", () => {
    expect(markdown).not.toContain("<img");
    expect(markdown.split("\n").filter((line) => line.startsWith("#"))).toEqual(["## ECS fleet", "### Findings", "### Roles"]);
    expect(markdown).toContain("x\\|y\\`&lt;img src=x onerror=alert(1)&gt;\\` \\# heading");
  });

  it("shows the findings with their advice, services and roles as code", () => {
    expect(markdown).toContain("offline: trust policies not checked. 2 services, 2 roles, 3 findings.");
    expect(markdown).toMatch(/^- \*\*no-task-role\*\*: x\\\|y.*: the task definition names no task role: give the service one of its own \(taskRoleArn\)/m);
    expect(markdown).toContain("- **shared-role**: ");
    expect(markdown).toContain("| `arn:aws:iam::111122223333:role/ecs/api-task` | not checked: offline | `api` |  |  |");
    // The advice's ARN pattern is escaped, so its * starts no emphasis.
    expect(markdown).toContain("arn:aws:ecs:REGION:ACCOUNT:\\*");
  });

  it("names the region and clusters read from AWS, and says when there is nothing to flag", () => {
    const clean = renderFleetMarkdown(mapFleet({ source: { kind: "aws", region: "eu-west-1", clusters: ["prod"] }, services: [], trust: new Map() }));
    expect(clean).toBe("## ECS fleet\n\nRegion `eu-west-1`, 1 cluster (`prod`): 0 services, 0 roles, 0 findings.\n\nNo services.\n\nClusters without services: `prod`.\n\n### Findings\n\nNone.\n");
  });
});
