import { describe, expect, it } from "vitest";
import { currentGrants } from "../../src/diff/current-grants.js";
import { diffRole } from "../../src/diff/diff-role.js";
import { guardrails, withGuardrails } from "../../src/diff/guardrails.js";
import { countChanges, hasDifferences } from "../../src/diff/role-diff.js";
import { unobservableGrants } from "../../src/diff/unobservable-grants.js";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { mapUsage } from "../../src/mapping/map-usage.js";
import { recordedDataEventTypes } from "../../src/mapping/unobservable-actions.js";
import { loadActionNames } from "../../src/policy/action-names.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import { replayCalls } from "../../src/pipeline/verify-role.js";
import { withCarriedOver } from "../../src/synth/carry-over.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { usageRow } from "../mapping/fixtures.js";

const ACCOUNT = "111122223333";
const QUEUE_URL = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`; // the region of the fixture rows

const rows = [
  usageRow({ eventSource: "sqs.amazonaws.com", eventName: "SendMessage", parameters: { queueUrl: QUEUE_URL }, count: 9, lastSeen: "2026-11-04T10:00:00Z" }),
  usageRow({ eventSource: "dynamodb.amazonaws.com", eventName: "DescribeTable", parameters: { tableName: "orders" }, count: 2 }),
  usageRow({ eventSource: "sqs.amazonaws.com", eventName: "DeleteQueue", parameters: { queueUrl: QUEUE_URL }, errorCode: "AccessDenied" }),
];

/** The whole diff pipeline on literal rows and a literal current policy: what diffRoles does with a log scan. */
async function review(statements: object[]) {
  const current = [parsePolicy({ Version: "2012-10-17", Statement: statements })];
  const catalog = await loadIamCatalog();
  const mapping = mapUsage(rows, catalog);
  const grants = currentGrants(current, await loadActionNames(), catalog);
  const recorded = recordedDataEventTypes(rows);
  const unobservable = unobservableGrants(grants, new Set(mapping.permissions.map((p) => p.action.toLowerCase())), recorded);
  const carried = withCarriedOver(synthesize(mapping.permissions, catalog), unobservable.carried, catalog);
  const generated = withGuardrails(carried, guardrails(current, carried).kept);
  const replay = replayCalls(rows.map((row) => explainRow(row, catalog)), current);
  return {
    generated,
    diff: diffRole({
      role: `arn:aws:iam::${ACCOUNT}:role/worker`,
      current: [{ source: "current.json", statements: statements.length }],
      permissionsBoundary: null,
      grants,
      generated,
      replayed: replay.calls,
      denied: mapping.denied,
      unmapped: 0,
      recordedDataEvents: recorded,
      uncarried: unobservable.uncarried,
      catalog,
    }),
  };
}

const change = (diff: Awaited<ReturnType<typeof review>>["diff"], action: string) => diff.changes.find((c) => c.action === action);

describe("diffRole", () => {
  it("narrows what was used, removes what was not with its risk, and keeps what logs cannot show", async () => {
    const { diff, generated } = await review([
      { Effect: "Allow", Action: ["sqs:*", "iam:PassRole", "dynamodb:DescribeTable", "dynamodb:GetItem", "logs:PutLogEvents"], Resource: "*" },
    ]);
    expect(change(diff, "sqs:SendMessage")).toMatchObject({
      change: "narrowed",
      current: ["*"],
      generated: [QUEUE],
      used: { calls: 9, lastSeen: "2026-11-04T10:00:00Z" },
      risks: ["infrastructure-modification"],
    });
    expect(change(diff, "dynamodb:DescribeTable")).toMatchObject({ change: "narrowed", generated: [TABLE] });
    expect(change(diff, "iam:PassRole")).toMatchObject({ change: "removed", accessLevel: "Write", risks: ["privilege-escalation", "infrastructure-modification"], used: null });
    expect(change(diff, "sqs:DeleteQueue")).toMatchObject({ change: "removed" });
    // Neither is in this trail: DynamoDB item reads are data events it does not record, PutLogEvents is never logged.
    expect(change(diff, "dynamodb:GetItem")).toMatchObject({ change: "unobservable", generated: ["*"], note: expect.stringMatching(/AWS::DynamoDB::Table/) });
    expect(change(diff, "logs:PutLogEvents")).toMatchObject({ change: "unobservable", note: expect.stringMatching(/PutLogEvents/) });
    expect(generated.Statement.filter((s) => s.Sid?.startsWith("Unobservable")).flatMap((s) => s.Action)).toEqual(["dynamodb:GetItem", "logs:PutLogEvents"]);
    expect(diff.denied).toEqual([{ action: "sqs:DeleteQueue", errorCode: "AccessDenied", calls: 1 }]);
    expect(hasDifferences(diff)).toBe(true);
    const counts = countChanges(diff);
    expect(counts.narrowed).toBe(2);
    expect(counts.removed).toBeGreaterThan(15); // the rest of sqs:*
  });

  it("keeps an action granted on exactly what was used, and finds no difference when nothing else is granted", async () => {
    const { diff } = await review([
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE },
      { Effect: "Allow", Action: "dynamodb:DescribeTable", Resource: TABLE },
    ]);
    expect(diff.changes.map((c) => [c.action, c.change])).toEqual([
      ["dynamodb:DescribeTable", "kept"],
      ["sqs:SendMessage", "kept"],
    ]);
    expect(hasDifferences(diff)).toBe(false);
  });

  it("adds what the current policy refuses, naming the Deny or the missing Allow", async () => {
    const { diff } = await review([
      { Effect: "Allow", Action: ["sqs:SendMessage", "dynamodb:*"], Resource: "*" },
      { Sid: "NoQueues", Effect: "Deny", Action: "sqs:*", Resource: `arn:aws:sqs:*:${ACCOUNT}:*` },
      { Effect: "Deny", NotAction: ["sqs:*"], NotResource: `arn:aws:dynamodb:*:*:table/orders` },
    ]);
    expect(change(diff, "sqs:SendMessage")).toMatchObject({ change: "added", note: expect.stringMatching(/explicit Deny \(NoQueues\)/) });
    // The second Deny spares only the orders table: DescribeTable on it is allowed, narrowed from dynamodb:*.
    expect(change(diff, "dynamodb:DescribeTable")).toMatchObject({ change: "narrowed" });
    const { diff: missing } = await review([{ Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:other` }]);
    expect(change(missing, "dynamodb:DescribeTable")).toMatchObject({ change: "added", current: [], note: expect.stringMatching(/no statement allows it/) });
  });

  it("marks a conditional current grant, and does not carry an unobservable one over without its condition", async () => {
    const condition = { StringEquals: { "aws:SourceVpce": "vpce-1" } };
    const { diff, generated } = await review([
      { Effect: "Allow", Action: ["sqs:SendMessage", "dynamodb:DescribeTable"], Resource: "*", Condition: condition },
      { Effect: "Allow", Action: "dynamodb:PutItem", Resource: "*", Condition: condition },
    ]);
    expect(change(diff, "sqs:SendMessage")).toMatchObject({ change: "narrowed", currentConditional: true });
    expect(change(diff, "dynamodb:PutItem")).toMatchObject({ change: "unobservable", note: expect.stringMatching(/not copied/) });
    expect(generated.Statement.flatMap((s) => s.Action)).not.toContain("dynamodb:PutItem");
  });

  it("decides a region fence per call from the event's region, and shows a Deny it cannot decide on each grant it may refuse", async () => {
    const allow = { Effect: "Allow", Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "dynamodb:DescribeTable"], Resource: "*" };
    const fence = (regions: string[]) => ({ Sid: "RegionFence", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": regions } } });
    const vpc = { Sid: "VpcOnly", Effect: "Deny", Action: "sqs:*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } } };
    // The fixture's calls were made in eu-west-1: a fence around it lets them through.
    const { diff } = await review([allow, fence(["eu-west-1"]), vpc]);
    expect(change(diff, "dynamodb:DescribeTable")).toMatchObject({ change: "narrowed", conditionallyDenied: [] });
    expect(change(diff, "sqs:SendMessage")).toMatchObject({ change: "narrowed", conditionallyDenied: [{ statement: "VpcOnly", condition: "StringNotEquals aws:SourceVpc vpc-1" }] });
    // Unused: no call tells the region, so both Denies stay open.
    expect(change(diff, "sqs:ReceiveMessage")).toMatchObject({
      change: "removed",
      conditionallyDenied: [
        { statement: "RegionFence", condition: "StringNotEquals aws:RequestedRegion eu-west-1" },
        { statement: "VpcOnly", condition: "StringNotEquals aws:SourceVpc vpc-1" },
      ],
    });
    // A fence that leaves eu-west-1 out refused the calls: they would be new grants.
    const { diff: outside } = await review([allow, fence(["us-east-1"])]);
    expect(change(outside, "dynamodb:DescribeTable")).toMatchObject({ change: "added", note: expect.stringMatching(/explicit Deny \(RegionFence\)/) });
  });

  it("keeps the current Denies under a Condition, as written, in the generated policy", async () => {
    const { generated } = await review([
      { Effect: "Allow", Action: ["sqs:SendMessage", "dynamodb:DescribeTable"], Resource: "*" },
      { Sid: "RegionFence", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] } } },
    ]);
    const fence = generated.Statement.find((s) => s.Sid === "RegionFence");
    expect(fence).toMatchObject({ Effect: "Deny", NotAction: ["iam:*"], Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] } } });
  });
});
