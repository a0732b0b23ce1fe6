import { describe, expect, it } from "vitest";
import type { ActionChange, RoleDiff } from "../../../src/diff/role-diff.js";
import { renderDiffJson } from "../../../src/emit/diff/diff-json.js";

const PASS_ROLE: ActionChange = {
  action: "iam:PassRole",
  change: "removed",
  accessLevel: "Write",
  risks: ["privilege-escalation", "infrastructure-modification"],
  current: ["*"],
  currentConditional: false,
  generated: [],
  used: null,
  note: null,
  conditionallyDenied: [],
};

const GET_OBJECT: ActionChange = {
  conditionallyDenied: [],
  note: null,
  used: { lastSeen: "2024-05-02T07:00:00Z", calls: 340 },
  generated: ["arn:aws:s3:::app-data/*"],
  currentConditional: true,
  current: ["*"],
  risks: ["data-exfiltration"],
  accessLevel: "Read",
  change: "narrowed",
  action: "s3:GetObject",
};

const PUT_ITEM: ActionChange = {
  action: "dynamodb:PutItem",
  change: "added",
  accessLevel: "Write",
  risks: ["infrastructure-modification"],
  current: [],
  currentConditional: false,
  generated: ["arn:aws:dynamodb:eu-west-1:123456789012:table/jobs"],
  used: { calls: 12, lastSeen: "2024-05-02T08:30:00Z" },
  note: "explicit Deny: inline app-policy DenyDynamo",
  conditionallyDenied: [],
};

const APP: RoleDiff = {
  role: "arn:aws:iam::123456789012:role/app",
  current: [
    { source: "inline app-policy", statements: 3 },
    { source: "arn:aws:iam::aws:policy/ReadOnlyAccess", statements: 1 },
  ],
  permissionsBoundary: null,
  changes: [PUT_ITEM, PASS_ROLE, GET_OBJECT],
  denied: [
    { action: "dynamodb:PutItem", errorCode: "AccessDenied", calls: 3 },
    { action: "ce:GetCostAndUsage", errorCode: "AccessDeniedException", calls: 1 },
  ],
  unmapped: 2,
};

const ROLE_KEYS = ["role", "current", "permissionsBoundary", "summary", "changes", "denied", "unmapped"];
const CHANGE_KEYS = ["action", "change", "accessLevel", "risks", "current", "currentConditional", "generated", "used", "note", "conditionallyDenied"];

describe("renderDiffJson", () => {
  const text = renderDiffJson([APP]);
  const report = JSON.parse(text);

  it("parses, and holds the documented values", () => {
    expect(report).toEqual({
      version: 1,
      roles: [
        {
          role: "arn:aws:iam::123456789012:role/app",
          current: [
            { source: "inline app-policy", statements: 3 },
            { source: "arn:aws:iam::aws:policy/ReadOnlyAccess", statements: 1 },
          ],
          permissionsBoundary: null,
          summary: { added: 1, removed: 1, narrowed: 1, unobservable: 0, kept: 0 },
          changes: [PUT_ITEM, PASS_ROLE, GET_OBJECT],
          denied: [
            { action: "ce:GetCostAndUsage", errorCode: "AccessDeniedException", calls: 1 },
            { action: "dynamodb:PutItem", errorCode: "AccessDenied", calls: 3 },
          ],
          unmapped: 2,
        },
      ],
    });
  });

  it("writes keys in the documented order, whatever order the input objects had them in", () => {
    expect(Object.keys(report)).toEqual(["version", "roles"]);
    const role = report.roles[0];
    expect(Object.keys(role)).toEqual(ROLE_KEYS);
    expect(Object.keys(role.summary)).toEqual(["added", "removed", "narrowed", "unobservable", "kept"]);
    expect(Object.keys(role.current[0])).toEqual(["source", "statements"]);
    for (const change of role.changes) expect(Object.keys(change)).toEqual(CHANGE_KEYS);
    expect(Object.keys(role.changes[2].used)).toEqual(["calls", "lastSeen"]);
    expect(Object.keys(role.denied[0])).toEqual(["action", "errorCode", "calls"]);
  });

  it("sorts changes by action and denied calls by action then error code", () => {
    const shuffled = renderDiffJson([{ ...APP, changes: [GET_OBJECT, PASS_ROLE, PUT_ITEM], denied: [...APP.denied].reverse() }]);
    expect(shuffled).toBe(text);
    expect(report.roles[0].changes.map((c: ActionChange) => c.action)).toEqual(["dynamodb:PutItem", "iam:PassRole", "s3:GetObject"]);
  });

  it("uses a 2-space indent and ends with a newline", () => {
    expect(text.startsWith('{\n  "version": 1,\n  "roles": [\n    {\n      "role": "arn:aws:iam::123456789012:role/app",\n')).toBe(true);
    expect(text.endsWith("\n    }\n  ]\n}\n")).toBe(true);
    expect(text).toBe(JSON.stringify(report, null, 2) + "\n");
  });

  it("lists roles in the order given, and writes an empty report for none", () => {
    const worker = { ...APP, role: "arn:aws:iam::123456789012:role/worker" };
    expect(JSON.parse(renderDiffJson([worker, APP])).roles.map((r: RoleDiff) => r.role)).toEqual([worker.role, APP.role]);
    expect(renderDiffJson([])).toBe('{\n  "version": 1,\n  "roles": []\n}\n');
  });

  it("writes control characters and bidi overrides from logs as \\u escapes, keeping the values exact", () => {
    const hostile = "arn:aws:iam::123456789012:role/x\u001b[2J\u009b31m\u202eexe\u007f\n";
    const out = renderDiffJson([{ ...APP, role: hostile, changes: [{ ...PASS_ROLE, note: "a\u2066b" }] }]);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('"role": "arn:aws:iam::123456789012:role/x\\u001b[2J\\u009b31m\\u202eexe\\u007f\\n"');
    const parsed = JSON.parse(out);
    expect(parsed.roles[0].role).toBe(hostile);
    expect(parsed.roles[0].changes[0].note).toBe("a\u2066b");
  });
});
