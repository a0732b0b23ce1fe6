import { describe, expect, it } from "vitest";
import { run } from "../support/run-cli.js";
import { recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

const EXAMPLES = "examples/cloudtrail";

describe("tighten explain", () => {
  it("walks each call to its action and resources, saying where each came from", async () => {
    const result = await run("explain", "--logs", EXAMPLES, "--role", "payments-service-task", "--quiet");
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text.split("\n")[0]).toBe("arn:aws:iam::111122223333:role/ecs/payments-service-task");
    expect(text).toContain(
      [
        "  dynamodb.amazonaws.com Query in us-east-1 (111122223333): 19 calls, 2026-11-02T09:21:22Z .. 2026-11-05T18:12:13Z: granted",
        "    service dynamodb (eventSource host)",
        "    -> dynamodb:Query (event name)",
        "       arn:aws:dynamodb:us-east-1:111122223333:table/payments/index/*  (resources[] + requestParameters.indexName (any index: dynamodbIndexes any-index))",
      ].join("\n"),
    );
    expect(text).toMatch(/s3\.amazonaws\.com DeleteObject .* AccessDenied: DENIED: not granted/);
    expect(text).toMatch(/kms\.amazonaws\.com Decrypt in us-east-1 \(111122223333\) via s3\.amazonaws\.com/);
    expect(text).toMatch(/-> s3:ListBucket \(exception table: [^)]+\)/);
  });

  it("follows the generalization flags, as generate does", async () => {
    const result = await run("explain", "--logs", EXAMPLES, "--role", "payments-service-task", "--dynamodb-indexes", "exact", "--quiet");
    expect(result.stdout).toContain("arn:aws:dynamodb:us-east-1:111122223333:table/payments/index/by-customer  (resources[] + requestParameters.indexName)");
  });

  it("gives the same explanation as JSON", async () => {
    const result = await run("explain", "--logs", EXAMPLES, "--role", "payments-service-task", "--format", "json", "--quiet");
    const [role] = JSON.parse(result.stdout) as { role: { arn: string }; rows: { outcome: string; row: { count: number } }[] }[];
    expect(role!.role.arn).toBe("arn:aws:iam::111122223333:role/ecs/payments-service-task");
    expect(role!.rows.reduce((sum, r) => sum + r.row.count, 0)).toBe(309);
    expect(role!.rows.filter((r) => r.outcome === "denied").reduce((sum, r) => sum + r.row.count, 0)).toBe(3);
  });

  it("summarizes coverage per role and overall", async () => {
    const result = await run("explain", "--logs", EXAMPLES, "--all-roles", "--summary", "--quiet");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^ROLE\s+CALLS\s+SUCCESSFUL\s+TO ACTIONS\s+TO ARNS\s+IN REFERENCE\s+UNCOVERED$/);
    expect(lines.find((line) => line.startsWith("payments-service-task"))).toMatch(/^payments-service-task\s+309\s+306\s+100\.0%\s+100\.0%\s+100\.0%\s+0$/);
    // The 4 calls outside the reference: the notifications task's ssm:GetParametersByPath.
    expect(lines.find((line) => line.startsWith("(all)"))).toMatch(/^\(all\)\s+537\s+534\s+100\.0%\s+100\.0%\s+99\.3%\s+0$/);
    const json = JSON.parse((await run("explain", "--logs", EXAMPLES, "--all-roles", "--summary", "--format", "json", "--quiet")).stdout);
    expect(json.total).toMatchObject({ calls: 537, successfulCalls: 534, mappedCalls: 534, referencedCalls: 530 });
  });

  it("shows what logs put in names as escapes, never as terminal control sequences", async () => {
    const root = tempDir();
    writeFile(
      root,
      "a.json.gz",
      recordsGzip([
        roleEvent("ecs/api-task", "s3.amazonaws.com", "GetObject", {
          requestParameters: { bucketName: "b", key: "x\u001b[2J\u001b]0;owned\u0007.txt" },
        }),
      ]),
    );
    const result = await run("explain", "--logs", root, "--role", "api-task", "--quiet");
    expect(result.stdout).not.toMatch(/\u001b/);
    expect(result.stdout).toContain("arn:aws:s3:::b/x\\u001b[2J\\u001b]0;owned\\u0007.txt");
  });
});
