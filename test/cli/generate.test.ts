import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { meaningOfJson, meaningOfTerraform } from "../emit/terraform/terraform-semantics.js";
import { parse } from "@cdktf/hcl2json";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import type { PolicyDocument } from "../../src/policy/policy-document.js";
import { run, type InProcessResult } from "../support/run-cli.js";
import { tempDir } from "../support/trail.js";

const EXAMPLES = "examples/cloudtrail";

describe("tighten generate on the shipped examples", () => {
  let result: InProcessResult;
  let policy: PolicyDocument;
  let statements: PolicyDocument["Statement"];
  let grants: string[];
  beforeAll(async () => {
    result = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task");
    policy = JSON.parse(result.stdout) as PolicyDocument;
    statements = policy.Statement;
    grants = statements.flatMap((s) => s.Action.flatMap((action) => s.Resource.map((resource) => `${action} ${resource}`)));
  });

  it("prints one policy on stdout and the rest on stderr", async () => {
    expect(result.code).toBe(0);
    expect(policy.Version).toBe("2012-10-17");
    expect(result.stderr).toMatch(/^read 550 events from 41 files in /);
  });

  it("names the tables, queue, secret, keys and object prefixes the service used", async () => {
    expect(grants).toEqual(
      expect.arrayContaining([
        "dynamodb:GetItem arn:aws:dynamodb:us-east-1:111122223333:table/payments",
        "dynamodb:Query arn:aws:dynamodb:us-east-1:111122223333:table/payments/index/*",
        "sqs:SendMessage arn:aws:sqs:us-east-1:111122223333:payments-events",
        "secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/stripe-api-key-??????",
        "s3:GetObject arn:aws:s3:::acme-payments-receipts/config/settings.json",
        // receipts/2026/11/<id>.pdf: the date folder and what is below it change; next month's receipts are allowed too.
        "s3:GetObject arn:aws:s3:::acme-payments-receipts/receipts/*",
        "s3:PutObject arn:aws:s3:::acme-payments-receipts/receipts/*",
        "s3:ListBucket arn:aws:s3:::acme-payments-receipts",
      ]),
    );
    expect(grants.filter((grant) => grant.startsWith("kms:Decrypt "))).not.toHaveLength(0);
  });

  it("grants no denied call, no wildcard action, and * only where IAM has no resource-level permission", async () => {
    expect(grants.some((grant) => grant.startsWith("s3:DeleteObject") || grant.startsWith("dynamodb:Scan"))).toBe(false);
    // One line per role and kind (--verbose prints each call): test/cli/warnings.test.ts.
    expect(result.stderr).toContain("warning: payments-service-task: 3 calls to 2 actions denied with an authorization error, not granted: s3:DeleteObject 2x, dynamodb:Scan 1x");
    const catalog = await loadIamCatalog(["s3", "dynamodb", "sqs", "secretsmanager", "kms", "sts"]);
    for (const statement of statements) {
      for (const action of statement.Action) {
        expect(action).not.toMatch(/[*?]/);
        const [service, name] = action.split(":") as [string, string];
        const details = catalog.action(service, name);
        expect(details, action).toBeDefined();
        if (statement.Resource.includes("*")) expect(details!.isWildcardOnly || details!.resourceTypes.length === 0, action).toBe(true);
      }
    }
  });

  it("is byte-identical from one run to the next", async () => {
    expect((await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task")).stdout).toBe(result.stdout);
  });
});

describe("tighten generate --all-roles --out", () => {
  it("writes one file per role, named after the role, each equal to its single-role output", async () => {
    const out = tempDir();
    const result = await run("generate", "--logs", EXAMPLES, "--all-roles", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("note: 1 AWS-managed role(s) left out");
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      "notifications-service-execution.json",
      "notifications-service-task.json",
      "payments-service-execution.json",
      "payments-service-task.json",
      "tighten-files.json",
    ]);
    for (const file of files.filter((name) => name !== "tighten-files.json")) {
      const single = await run("generate", "--logs", EXAMPLES, "--role", path.basename(file, ".json"), "--quiet");
      expect(readFileSync(path.join(out, file), "utf8")).toBe(single.stdout);
    }
  });

  it("covers the real invictus dataset without error", async () => {
    const out = tempDir();
    const result = await run("generate", "--logs", "../shared/datasets/invictus_aws_dataset", "--all-roles", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/read 2,900 events from 55 files, 1 skipped/);
    const files = readdirSync(out).filter((name) => name !== "tighten-files.json");
    expect(files).toHaveLength(7);
    for (const file of files) {
      const policy = JSON.parse(readFileSync(path.join(out, file), "utf8")) as PolicyDocument;
      expect(policy.Version).toBe("2012-10-17");
    }
  });

  it("prints several roles as one JSON object keyed by role ARN without --out", async () => {
    const result = await run("generate", "--logs", EXAMPLES, "--role", "ecs/*-execution", "--quiet");
    const byRole = JSON.parse(result.stdout) as Record<string, { policies: PolicyDocument[] }>;
    expect(Object.keys(byRole)).toEqual([
      "arn:aws:iam::111122223333:role/ecs/notifications-service-execution",
      "arn:aws:iam::111122223333:role/ecs/payments-service-execution",
    ]);
    const single = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-execution", "--quiet");
    expect(byRole["arn:aws:iam::111122223333:role/ecs/payments-service-execution"]!.policies).toEqual([JSON.parse(single.stdout)]);
  });
});

describe("tighten generate --format terraform and --trust", () => {
  it("writes a ready-to-apply .tf file per role and the trust policy beside it", async () => {
    const out = tempDir();
    const result = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task", "--format", "terraform", "--trust", "--out", out, "--quiet");
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["payments-service-task.tf", "payments-service-task.trust.tf", "tighten-files.json"]);
    const tf = readFileSync(path.join(out, "payments-service-task.tf"), "utf8");
    const parsed = (await parse("payments-service-task.tf", tf)) as {
      data: { aws_iam_policy_document: Record<string, { statement: { actions: string[] }[] }[]> };
      resource: { aws_iam_role_policy: Record<string, { role: string }[]> };
    };
    const [document] = Object.values(parsed.data.aws_iam_policy_document);
    const json = JSON.parse((await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task", "--quiet")).stdout) as PolicyDocument;
    expect(document![0]!.statement.map((s) => s.actions)).toEqual(json.Statement.map((s) => s.Action));
    expect(Object.values(parsed.resource.aws_iam_role_policy)[0]![0]!.role).toBe("payments-service-task");
    // The trust policy in Terraform too: the same statement as --trust writes in JSON.
    const trustJson = JSON.parse((await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task", "--trust", "--quiet")).stdout) as Record<string, { trustPolicy: PolicyDocument }>;
    const trust = Object.values(trustJson)[0]!.trustPolicy;
    expect(trust.Statement).toEqual([
      {
        Sid: "EcsTasksAssumeRole",
        Effect: "Allow",
        Principal: { Service: ["ecs-tasks.amazonaws.com"] },
        Action: ["sts:AssumeRole"],
        Condition: {
          ArnLike: { "aws:SourceArn": ["arn:aws:ecs:us-east-1:111122223333:*"] },
          StringEquals: { "aws:SourceAccount": ["111122223333"] },
        },
      },
    ]);
    expect(await meaningOfTerraform(readFileSync(path.join(out, "payments-service-task.trust.tf"), "utf8"), "payments_service_task_trust")).toEqual(meaningOfJson(trust as never));
  });

  it("refuses a bad config file with one line naming it", async () => {
    const dir = tempDir();
    const config = path.join(dir, "tighten.config.json");
    writeFileSync(config, JSON.stringify({ generalize: { s3ObjectKeys: 99 } }));
    const result = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task", "--config", config);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(config);
    expect(result.stderr).toContain("s3ObjectKeys");
  });
});

describe("tighten roles", () => {
  it("lists every principal as JSON", async () => {
    const result = await run("roles", "--logs", EXAMPLES, "--format", "json", "--quiet");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const principals = JSON.parse(result.stdout) as { principal: string; calls: number; errors: number }[];
    expect(principals.reduce((sum, p) => sum + p.calls, 0)).toBe(550);
    expect(principals[0]).toMatchObject({ principal: "arn:aws:iam::111122223333:role/ecs/payments-service-task", calls: 309, errors: 3 });
    expect(principals.map((p) => p.principal)).toContain("arn:aws:iam::111122223333:user/deploy-bot");
  });

  it("prints a table", async () => {
    const result = await run("roles", "--logs", EXAMPLES, "--quiet");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^PRINCIPAL\s+TYPE\s+CALLS\s+ERRORS\s+SERVICES\s+FIRST SEEN\s+LAST SEEN$/);
    expect(lines[1]).toMatch(/^arn:aws:iam::111122223333:role\/ecs\/payments-service-task\s+AssumedRole\s+309\s+3\s+dynamodb,kms,s3 \+3\s+2026-11-02T/);
  });

  it("honours --since and --until on eventTime", async () => {
    const result = await run("roles", "--logs", EXAMPLES, "--format", "json", "--quiet", "--since", "2026-11-05", "--until", "2026-11-05T12:00:00Z");
    const principals = JSON.parse(result.stdout) as { firstSeen: string; lastSeen: string }[];
    expect(principals.length).toBeGreaterThan(0);
    for (const p of principals) {
      expect(p.firstSeen >= "2026-11-05T00:00:00Z").toBe(true);
      expect(p.lastSeen < "2026-11-05T12:00:00Z").toBe(true);
    }
  });

  it("is silent on stderr without a terminal, even without --quiet, but for its summary", async () => {
    const result = await run("roles", "--logs", EXAMPLES);
    expect(result.stderr).toMatch(/^read 550 events from 41 files in [\d.]+ s, [\d,]+ events\/s\n$/);
  });
});
