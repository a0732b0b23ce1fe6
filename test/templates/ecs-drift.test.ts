import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectDirectory } from "../../src/project-files.js";

// The templates for running `tighten drift` weekly on Fargate, read as `aws ecs
// register-task-definition --cli-input-json` and `aws events put-rule` / `put-targets` read them.

function template(name: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(projectDirectory("templates"), "ecs", name), "utf8")) as Record<string, any>;
}

const taskDefinition = template("drift-task-definition.json");
const schedule = template("drift-schedule-rule.json");
const taskRolePolicy = template("drift-task-role-policy.json");
const container = taskDefinition["containerDefinitions"][0];
const ACCOUNT = "111122223333";

describe("templates/ecs/drift-task-definition.json", () => {
  it("is a Fargate task definition with a task role apart from its execution role", () => {
    expect(taskDefinition).toMatchObject({ family: "tighten-drift", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "1024", memory: "2048" });
    expect(taskDefinition["taskRoleArn"]).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/`));
    expect(taskDefinition["executionRoleArn"]).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/`));
    // One role for both is what drift's own ECS check reports (task-and-execution-role).
    expect(taskDefinition["taskRoleArn"]).not.toBe(taskDefinition["executionRoleArn"]);
    expect(taskDefinition["containerDefinitions"]).toHaveLength(1);
    expect(container).toMatchObject({ name: "tighten-drift", image: "REPLACE_WITH_IMAGE", essential: true });
  });

  it("runs drift over Athena and IAM, failing the task on drift or denied calls", () => {
    const command = container["command"] as string[];
    expect(command.slice(0, 4)).toEqual(["npx", "--no", "tighten", "drift"]);
    const flag = (name: string) => command[command.indexOf(name) + 1];
    expect(command).toContain("--fail-on");
    expect(flag("--fail-on")?.split(",")).toEqual(["drift", "denied"]);
    expect(flag("--engine")).toBe("athena");
    expect(flag("--database")).toBe("tighten");
    expect(flag("--format")).toBe("markdown");
    expect(command).toEqual(expect.arrayContaining(["--all-roles", "--from-iam"]));
    expect(command).not.toContain("--logs");
  });

  it("logs to CloudWatch with awslogs and holds no secret", () => {
    expect(container["logConfiguration"]).toEqual({
      logDriver: "awslogs",
      options: { "awslogs-group": "/ecs/tighten-drift", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "drift" },
    });
    expect(container["secrets"]).toBeUndefined();
    for (const variable of (container["environment"] ?? []) as { name: string }[]) {
      expect(variable.name).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|SECRET|PASSWORD|TOKEN/i);
    }
    expect(JSON.stringify(taskDefinition)).not.toMatch(/AKIA[0-9A-Z]{16}|aws_secret_access_key/i);
  });
});

describe("templates/ecs/drift-schedule-rule.json", () => {
  const putRule = schedule["PutRule"];
  const putTargets = schedule["PutTargets"];
  const target = putTargets["Targets"][0];

  it("holds exactly the inputs of aws events put-rule and put-targets", () => {
    expect(Object.keys(schedule).sort()).toEqual(["PutRule", "PutTargets"]);
    expect(Object.keys(putRule).sort()).toEqual(["Description", "Name", "ScheduleExpression", "State"]);
    expect(Object.keys(putTargets).sort()).toEqual(["Rule", "Targets"]);
    expect(putTargets["Rule"]).toBe(putRule["Name"]);
    expect(putTargets["Targets"]).toHaveLength(1);
  });

  it("runs every Monday at 06:00 UTC", () => {
    expect(putRule["ScheduleExpression"]).toBe("cron(0 6 ? * MON *)");
    expect(putRule["State"]).toBe("ENABLED");
  });

  it("starts the task definition's latest revision on Fargate in a private subnet, as an EventBridge role", () => {
    expect(target["Arn"]).toMatch(new RegExp(`^arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/`));
    expect(target["RoleArn"]).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/`));
    expect(target["RoleArn"]).not.toBe(taskDefinition["taskRoleArn"]);
    const ecs = target["EcsParameters"];
    expect(ecs["TaskDefinitionArn"]).toBe(`arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${taskDefinition["family"]}`);
    expect(ecs["LaunchType"]).toBe("FARGATE");
    expect(ecs["TaskCount"]).toBe(1);
    const network = ecs["NetworkConfiguration"]["awsvpcConfiguration"];
    expect(network["Subnets"].length).toBeGreaterThan(0);
    expect(network["SecurityGroups"].length).toBeGreaterThan(0);
    expect(network["AssignPublicIp"]).toBe("DISABLED");
  });
});

describe("templates/ecs/drift-task-role-policy.json", () => {
  const actions = (taskRolePolicy["Statement"] as { Effect: string; Action: string[] }[]).flatMap((statement) => {
    expect(statement.Effect).toBe("Allow");
    return statement.Action;
  });

  it("grants the task role what README's permission table lists for --from-iam and --engine athena, and no more", () => {
    const readme = readFileSync("README.md", "utf8");
    const row = (start: string) => readme.split("\n").find((line) => line.startsWith(start)) ?? "";
    const listed = [row("| `generate` / `diff` with `--from-iam` |"), row("| any command with `--engine athena` |")].flatMap(
      (line) => line.match(/`[a-z0-9-]+:[A-Za-z]+`/g)?.map((action) => action.slice(1, -1)) ?? [],
    );
    expect(listed).toContain("iam:GetAccountAuthorizationDetails");
    expect(listed).toContain("athena:StartQueryExecution");
    // kms:Decrypt is only for an encrypted trail: README says so, the template leaves it out.
    expect(new Set(actions)).toEqual(new Set(listed.filter((action) => action !== "kms:Decrypt")));
    expect(actions.every((action) => !action.includes("*"))).toBe(true);
  });

  it("names the Glue database and the Athena result location the task definition uses", () => {
    const text = JSON.stringify(taskRolePolicy);
    expect(text).toContain(`database/tighten"`);
    const command = container["command"] as string[];
    const output = command[command.indexOf("--output") + 1]!.replace(/^s3:\/\//, "arn:aws:s3:::");
    expect(text).toContain(`${output}*`);
  });
});
