import { readFileSync } from "node:fs";
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMoto, type Moto } from "../support/moto.js";
import { runWithEnv } from "../support/run-cli.js";

const EXAMPLES = "examples/cloudtrail";
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

let moto: Moto;
beforeAll(async () => {
  // The example logs' roles are of account 111122223333: the caller's, so --from-iam reads them without --assume-role.
  moto = await startMoto({ account: "111122223333" });
  const iam = moto.iamClient();
  const boundary = await iam.send(
    new CreatePolicyCommand({ PolicyName: "ecs-boundary", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }),
  );
  await iam.send(
    new CreateRoleCommand({ RoleName: "payments-service-task", Path: "/ecs/", AssumeRolePolicyDocument: TRUST, PermissionsBoundary: boundary.Policy!.Arn! }),
  );
  // The example's wildcard policy, split as teams have it: one inline policy and one managed one.
  const document = JSON.parse(readFileSync("examples/current/payments-service-task.json", "utf8")) as { Statement: object[] };
  await iam.send(
    new PutRolePolicyCommand({ RoleName: "payments-service-task", PolicyName: "legacy", PolicyDocument: JSON.stringify({ ...document, Statement: document.Statement.slice(0, 1) }) }),
  );
  const managed = await iam.send(
    new CreatePolicyCommand({ PolicyName: "payments-app", PolicyDocument: JSON.stringify({ ...document, Statement: document.Statement.slice(1) }) }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: "payments-service-task", PolicyArn: managed.Policy!.Arn! }));
}, 60_000);
afterAll(() => moto?.stop());

const env = () => moto.cliEnv("IAM", "STS");

describe("tighten diff --from-iam (moto on loopback)", () => {
  it("reads the role's inline and managed policies and its boundary, and judges them as the same policy in a file", async () => {
    const fromIam = await runWithEnv(env(), "diff", "--logs", EXAMPLES, "--role", "payments-service-task", "--from-iam", "--format", "json", "--quiet");
    expect(fromIam.code, fromIam.stderr).toBe(0);
    const report = JSON.parse(fromIam.stdout) as { roles: { current: { source: string }[]; permissionsBoundary: string | null; changes: unknown[] }[] };
    const role = report.roles[0]!;
    expect(role.current.map((c) => c.source)).toEqual(["inline legacy", expect.stringMatching(/^arn:aws:iam::\d+:policy\/payments-app$/)]);
    expect(role.permissionsBoundary).toMatch(/:policy\/ecs-boundary$/);
    const fromFile = await runWithEnv({}, "diff", "--logs", EXAMPLES, "--role", "payments-service-task", "--current", "examples/current/payments-service-task.json", "--format", "json", "--quiet");
    expect(role.changes).toEqual((JSON.parse(fromFile.stdout) as typeof report).roles[0]!.changes);
  });

  it("names the role IAM does not know, in one line, exit 2", async () => {
    const result = await runWithEnv(env(), "diff", "--logs", EXAMPLES, "--role", "notifications-service-task", "--from-iam", "--quiet");
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^tighten: --from-iam: role notifications-service-task: not found in IAM/);
  });
});
