import { readFileSync } from "node:fs";
import type { DriftReport } from "../../src/drift/drift-report.js";
import path from "node:path";
import { deliveryKey, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

export const ACCOUNT = "111122223333";
const REGION = "us-east-1";

/** Text a log can carry that breaks Markdown, HTML and JSON if written unescaped. */
export const HOSTILE = '<script>alert(1)</script>|`x`*_[y](z)"q\'#';
/** IAM allows any printable ASCII in a role path: `/x<script>|"q`/` is a valid one. */
export const HOSTILE_PATH = 'ecs/x<script>|"q`';
export const HOSTILE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${HOSTILE_PATH}/evil-task`;
export const HOSTILE_KEY = `in/${HOSTILE}.csv`;

/** The window every crafted-log test reviews: November 1 to 20, 2026; the logs also hold October. */
export const WINDOW = ["--since", "2026-11-01", "--until", "2026-11-20"] as const;
const BEFORE = "2026-10-15T08:00:00Z";
const DURING = "2026-11-10T09:00:00Z";

const at = (time: string, event: Record<string, unknown>) => ({ ...event, eventTime: time });

/** A call the ECS agent made with the role: CloudTrail names the agent in userIdentity.invokedBy. */
function agentEvent(role: string, eventSource: string, eventName: string, fields: Record<string, unknown> = {}) {
  const event = roleEvent(role, eventSource, eventName, { sourceIPAddress: "ecs-tasks.amazonaws.com", userAgent: "ecs-tasks.amazonaws.com", ...fields });
  return { ...event, userIdentity: { ...(event["userIdentity"] as object), invokedBy: "ecs-tasks.amazonaws.com" } };
}

const queueUrl = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/jobs`;

/**
 * - app-task: reads data-bucket (in the window), read table orders before the window only,
 *   sends to queue jobs (its baseline does not allow it), is refused dynamodb:DeleteItem;
 * - mixed-task: the ECS agent's image pull and the application's S3 read with one role;
 * - api-execution: an execution role whose application also sends to the queue;
 * - clean-execution: only the agent's calls;
 * - evil-task (hostile path): reads and is refused an object whose key carries markup.
 */
export function craftedEvents(): Record<string, unknown>[] {
  return [
    at(BEFORE, roleEvent("ecs/app-task", "dynamodb.amazonaws.com", "GetItem", { requestParameters: { tableName: "orders" } })),
    at(DURING, roleEvent("ecs/app-task", "s3.amazonaws.com", "GetObject", { requestParameters: { bucketName: "data-bucket", key: "in/a.csv" } })),
    at(DURING, roleEvent("ecs/app-task", "sqs.amazonaws.com", "SendMessage", { requestParameters: { queueUrl } })),
    at(DURING, roleEvent("ecs/app-task", "sts.amazonaws.com", "GetCallerIdentity")),
    at(
      DURING,
      roleEvent("ecs/app-task", "dynamodb.amazonaws.com", "DeleteItem", {
        requestParameters: { tableName: "orders" },
        errorCode: "AccessDeniedException",
        errorMessage: "not authorized",
      }),
    ),
    at(DURING, agentEvent("ecs/mixed-task", "ecr.amazonaws.com", "GetAuthorizationToken")),
    at(DURING, roleEvent("ecs/mixed-task", "s3.amazonaws.com", "GetObject", { requestParameters: { bucketName: "data-bucket", key: "in/b.csv" } })),
    at(DURING, agentEvent("ecs/api-execution", "ecr.amazonaws.com", "GetAuthorizationToken")),
    at(DURING, roleEvent("ecs/api-execution", "sqs.amazonaws.com", "SendMessage", { requestParameters: { queueUrl } })),
    at(DURING, agentEvent("ecs/clean-execution", "ecr.amazonaws.com", "GetAuthorizationToken")),
    at(
      DURING,
      roleEvent(`${HOSTILE_PATH}/evil-task`, "s3.amazonaws.com", "GetObject", {
        userAgent: HOSTILE,
        requestParameters: { bucketName: "data-bucket", key: HOSTILE_KEY },
      }),
    ),
    at(
      DURING,
      roleEvent(`${HOSTILE_PATH}/evil-task`, "s3.amazonaws.com", "DeleteObject", {
        userAgent: HOSTILE,
        requestParameters: { bucketName: "data-bucket", key: HOSTILE_KEY },
        errorCode: "AccessDenied",
        errorMessage: "Access Denied",
      }),
    ),
  ];
}

/** The crafted events as CloudTrail delivers them, one file per day; returns the log directory. */
export function writeCraftedLogs(): string {
  const root = tempDir("tighten-drift-logs-");
  const byDay = new Map<string, Record<string, unknown>[]>();
  for (const event of craftedEvents()) {
    const day = String(event["eventTime"]).slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), event]);
  }
  for (const [day, events] of byDay) writeFile(root, deliveryKey(ACCOUNT, REGION, day), recordsGzip(events));
  return root;
}

const statement = (sid: string, action: string | string[], resource: string | string[]) => ({ Sid: sid, Effect: "Allow", Action: action, Resource: resource });
const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);

/** The baselines the crafted roles were reviewed with; app-task's is split in two files as generate splits a large policy. */
export function writeCraftedBaselines(): string {
  const dir = tempDir("tighten-drift-baseline-");
  writeFile(
    dir,
    "app-task.json",
    policy(
      statement("Read", "s3:GetObject", ["arn:aws:s3:::data-bucket/*", "arn:aws:s3:::other-bucket/*"]),
      statement("Orders", "dynamodb:GetItem", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`),
    ),
  );
  writeFile(dir, "app-task-2.json", policy(statement("Token", "ecr:GetAuthorizationToken", "*"), statement("PassAnything", "iam:PassRole", "*")));
  writeFile(dir, "mixed-task.json", policy(statement("Token", "ecr:GetAuthorizationToken", "*"), statement("Read", "s3:GetObject", "arn:aws:s3:::data-bucket/in/b.csv")));
  writeFile(dir, "api-execution.json", policy(statement("Token", "ecr:GetAuthorizationToken", "*"), statement("Send", "sqs:SendMessage", `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`)));
  writeFile(dir, "clean-execution.json", policy(statement("Token", "ecr:GetAuthorizationToken", "*")));
  writeFile(dir, "evil-task.json", policy(statement("Safe", "s3:GetObject", "arn:aws:s3:::data-bucket/safe/*")));
  return dir;
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.resolve(file), "utf8"));
}

/** A report whose every log- or policy-derived string is hostile: markup, quotes, pipes, backticks, controls, a line break. */
export function hostileReport(): DriftReport {
  const evil = `${HOSTILE}\u001b[2J\u202e\nnext`;
  const resource = `arn:aws:s3:::data-bucket/${evil}`;
  return {
    window: { since: "2026-11-01T00:00:00Z", until: null },
    roles: [
      {
        role: HOSTILE_ROLE_ARN,
        baseline: [`base/${evil}.json`],
        unused: [
          { action: "s3:GetObject", resources: [resource], accessLevel: "Read", risks: ["data-exfiltration"], lastUsed: "2026-10-01T00:00:00Z", conditionallyDenied: [] },
          { action: "s3:ListBucket", resources: ["arn:aws:s3:::data-bucket"], accessLevel: "List", risks: [], lastUsed: null, conditionallyDenied: [] },
        ],
        newUsage: [{ action: "s3:PutObject", resource, calls: 3, firstSeen: "2026-11-02T00:00:00Z", lastSeen: "2026-11-03T00:00:00Z", reason: `explicit Deny (${evil})`, eventId: `new-${evil}` }],
        denied: [
          {
            actions: ["s3:DeleteObject"],
            call: `s3.amazonaws.com:${evil}`,
            errorCode: `AccessDenied${evil}`,
            calls: 2,
            firstSeen: "2026-11-03T12:00:00Z",
            lastSeen: "2026-11-04T00:00:00Z",
            eventId: `denied-${evil}`,
            resources: [resource],
            suggestion: { Effect: "Allow", Action: ["s3:DeleteObject"], Resource: [`${resource}\`\`\`\`\`\``] },
          },
        ],
        wildcards: [{ statement: evil, source: `base/${evil}.json`, actions: ["s3:*"], resources: ["*"], why: `wildcard action s3:* ${evil}` }],
        ecs: [{ kind: "task-and-execution-role", agentCalls: [`ecr.amazonaws.com:${evil}`], applicationCalls: [`s3.amazonaws.com:${evil}`], advice: "split it" }],
        unobservable: [{ action: "logs:PutLogEvents", resources: [evil], why: "never recorded", conditionallyDenied: [] }],
        unmapped: 1,
        totals: { granted: 3, used: 1, denied: 1 },
      },
    ],
  };
}
