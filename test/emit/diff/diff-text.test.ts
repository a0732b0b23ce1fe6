import { describe, expect, it } from "vitest";
import { risksOf } from "../../../src/diff/risk.js";
import type { ActionChange, ChangeKind, RoleDiff } from "../../../src/diff/role-diff.js";
import { groupRemovals } from "../../../src/diff/removal-groups.js";
import { renderDiffText } from "../../../src/emit/diff/diff-text.js";

function change(action: string, kind: ChangeKind, accessLevel: string, fields: Partial<ActionChange> = {}): ActionChange {
  const current = fields.current ?? (kind === "added" ? [] : ["*"]);
  return {
    action,
    change: kind,
    accessLevel,
    risks: risksOf(action, accessLevel, current),
    current,
    currentConditional: false,
    generated: kind === "removed" || kind === "unobservable" ? [] : ["*"],
    used: kind === "removed" || kind === "unobservable" ? null : { calls: 1, lastSeen: "2024-05-01T10:00:00Z" },
    note: null,
    conditionallyDenied: [],
    ...fields,
  };
}

/**
 * A service role whose current policy grants `iam:*` and `s3:*` on `*`, plus a NotAction statement
 * (everything but iam, s3, dynamodb) that expands to ec2 and more; the generated policy names the
 * bucket and queue it uses, and it writes a DynamoDB table the current policy denies.
 */
const APP: RoleDiff = {
  role: "arn:aws:iam::123456789012:role/app",
  current: [
    { source: "inline app-policy", statements: 3 },
    { source: "arn:aws:iam::123456789012:policy/app-extra", statements: 1 },
  ],
  permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
  changes: [
    change("dynamodb:PutItem", "added", "Write", {
      generated: ["arn:aws:dynamodb:eu-west-1:123456789012:table/jobs"],
      used: { calls: 12, lastSeen: "2024-05-02T08:30:00Z" },
      note: "explicit Deny: inline app-policy DenyDynamo",
    }),
    change("ec2:DescribeInstances", "removed", "List"),
    change("ec2:GetPasswordData", "removed", "Read"),
    change("ec2:RunInstances", "removed", "Write"),
    change("iam:AttachRolePolicy", "removed", "Permissions management"),
    change("iam:CreateAccessKey", "removed", "Write"),
    change("iam:ListRoles", "removed", "List"),
    change("iam:PassRole", "removed", "Write"),
    change("logs:PutLogEvents", "kept", "Write", {
      current: ["arn:aws:logs:eu-west-1:123456789012:log-group:/app:*"],
      generated: ["arn:aws:logs:eu-west-1:123456789012:log-group:/app:*"],
      used: { calls: 9000, lastSeen: "2024-05-02T09:00:00Z" },
    }),
    change("s3:DeleteBucket", "removed", "Write"),
    change("s3:GetObject", "narrowed", "Read", {
      generated: ["arn:aws:s3:::app-data/*"],
      used: { calls: 340, lastSeen: "2024-05-02T07:00:00Z" },
      currentConditional: true,
    }),
    change("s3:GetObjectVersion", "unobservable", "Read", { note: "S3 data events are not recorded by trail org-trail" }),
    change("sqs:SendMessage", "kept", "Write", {
      current: ["arn:aws:sqs:eu-west-1:123456789012:jobs"],
      generated: ["arn:aws:sqs:eu-west-1:123456789012:jobs"],
      used: { calls: 55, lastSeen: "2024-05-01T23:59:59Z" },
    }),
  ],
  denied: [
    { action: "dynamodb:PutItem", errorCode: "AccessDenied", calls: 3 },
    { action: "ce:GetCostAndUsage", errorCode: "AccessDeniedException", calls: 1 },
  ],
  unmapped: 2,
};

const ESC = "\u001b";

describe("renderDiffText", () => {
  const text = renderDiffText([APP], { color: false });
  const lines = text.split("\n");

  it("starts with the role's name and summary with removals by risk, then its ARN, policy sources and boundary", () => {
    expect(lines[0]).toBe(
      "app: 1 added, 8 removed (3 privilege escalation, 1 credentials exposure, 2 infrastructure modification), 1 narrowed, 1 unobservable, 2 kept",
    );
    expect(lines[1]).toBe(
      "  arn:aws:iam::123456789012:role/app; current policy inline app-policy (3 statements), arn:aws:iam::123456789012:policy/app-extra (1 statement); " +
        "permissions boundary arn:aws:iam::123456789012:policy/boundary",
    );
  });

  it("orders the sections by what breaks first: added and denied, then removed, narrowed, unobservable, kept and unmapped", () => {
    const headings = lines.filter((line) => /^[A-Z][a-z]+( \(\d+\))?:/.test(line)).map((line) => line.split(/[ :]/)[0]);
    expect(headings).toEqual(["Added", "Denied", "Removed", "Narrowed", "Unobservable", "Kept", "Unmapped"]);
    expect(text.endsWith("the diff cannot judge them\n")).toBe(true);
  });

  it("shows an added action with its calls, risk and the note saying what the current policy refuses", () => {
    const at = lines.findIndex((line) => line.includes("dynamodb:PutItem") && line.includes("12"));
    expect(lines[at]).toMatch(/^ {2}dynamodb:PutItem +Write +12 +2024-05-02T08:30:00Z +infrastructure modification$/);
    expect(lines[at + 1]).toBe("    explicit Deny: inline app-policy DenyDynamo");
  });

  it("lists high-risk removals first, most severe first, each with its risks", () => {
    const start = lines.indexOf("  High risk (4):");
    expect(lines.slice(start + 2, start + 6).map((line) => line.trim().split(/ {2,}/))).toEqual([
      ["iam:AttachRolePolicy", "Permissions management", "privilege escalation, resource exposure, infrastructure modification"],
      ["iam:CreateAccessKey", "Write", "privilege escalation, credentials exposure, infrastructure modification"],
      ["iam:PassRole", "Write", "privilege escalation, infrastructure modification"],
      ["ec2:GetPasswordData", "Read", "credentials exposure"],
    ]);
    const other = lines.indexOf("  Other (4):");
    expect(other).toBeGreaterThan(start);
    expect(lines.slice(other + 2, other + 6).map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      "ec2:DescribeInstances",
      "ec2:RunInstances",
      "iam:ListRoles",
      "s3:DeleteBucket",
    ]);
  });

  it("shows a narrowed action as current -> generated resources", () => {
    expect(lines).toContain("  s3:GetObject: * -> arn:aws:s3:::app-data/*  (340 calls, last 2024-05-02T07:00:00Z; current grant conditional)");
  });

  it("flags unobservable grants as kept, with why, and lists the kept actions with their use", () => {
    const at = lines.findIndex((line) => line.startsWith("  s3:GetObjectVersion"));
    // Not among cloudsplaining's data exfiltration reads (s3:GetObject is).
    expect(lines[at]).toMatch(/Read +-$/);
    expect(lines[at + 1]).toBe("    S3 data events are not recorded by trail org-trail");
    expect(lines.find((line) => line.startsWith("Kept"))).toBe("Kept (2): used, and granted on exactly the resources it needs");
    expect(lines.some((line) => /^ {2}logs:PutLogEvents +9000 +2024-05-02T09:00:00Z$/.test(line))).toBe(true);
  });

  it("lists denied calls sorted by action, and the unmapped count", () => {
    const at = lines.findIndex((line) => line.startsWith("Denied (2)"));
    expect(lines[at + 2]).toMatch(/^ {2}ce:GetCostAndUsage +AccessDeniedException +1$/);
    expect(lines[at + 3]).toMatch(/^ {2}dynamodb:PutItem +AccessDenied +3$/);
    expect(text).toContain("Unmapped: 2 successful calls the mapping could not name an action or resource for");
  });

  it("leaves out empty sections, denied and unmapped when there are none", () => {
    const quiet = renderDiffText([{ ...APP, changes: APP.changes.filter((c) => c.change === "kept"), denied: [], unmapped: 0 }], { color: false });
    expect(quiet).not.toMatch(/^(Added|Removed|Narrowed|Unobservable|Denied|Unmapped)/m);
    expect(quiet).toContain("0 added, 0 removed, 0 narrowed, 0 unobservable, 2 kept");
  });

  it("says when a role has no current policy and no boundary", () => {
    const bare = renderDiffText([{ ...APP, current: [], permissionsBoundary: null }], { color: false });
    expect(bare.split("\n")[1]).toBe("  arn:aws:iam::123456789012:role/app; no current policy");
  });

  it("writes no escape sequences without colour", () => {
    expect(text).not.toContain(ESC);
  });

  it("colours each kind, and privilege escalation in bold red", () => {
    const coloured = renderDiffText([APP], { color: true });
    const line = (needle: string) => coloured.split("\n").find((l) => l.includes(needle)) ?? "";
    expect(line("Added (1)")).toBe(`${ESC}[32mAdded (1): granted by the generated policy, refused by the current one${ESC}[0m`);
    expect(line("Removed (8)").startsWith(`${ESC}[31m`)).toBe(true);
    expect(line("s3:GetObject:").startsWith(`${ESC}[33m`)).toBe(true);
    expect(line("s3:GetObjectVersion").startsWith(`${ESC}[36m`)).toBe(true);
    expect(line("logs:PutLogEvents").startsWith(`${ESC}[32m`)).toBe(true);
    expect(line("iam:PassRole")).toMatch(new RegExp(`^${ESC}\\[31m {4}iam:PassRole +Write +${ESC}\\[0m${ESC}\\[1;31mprivilege escalation, infrastructure modification${ESC}\\[0m$`));
    expect(line("ec2:GetPasswordData")).not.toContain("[1;31m");
    // Without the colour codes, the same report.
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(text);
  });

  it("makes every string from a policy or log printable, so colour codes are the only escapes", () => {
    const hostile: RoleDiff = {
      ...APP,
      role: "arn:aws:iam::123456789012:role/x\u001b]0;owned\u0007",
      current: [{ source: "inline p\u001b[2J", statements: 1 }],
      permissionsBoundary: "arn:aws:iam::123456789012:policy/b\u202eexe",
      changes: [
        change("s3:GetObject", "narrowed", "Read", { current: ["arn:aws:s3:::b/\u001b[31mkey\nfake: line"], generated: ["arn:aws:s3:::b/k\u009b"] }),
        change("s3:PutObject", "added", "Write\u001b", { note: "denied on arn:aws:s3:::b/a\r\nb" }),
        change("s3:GetObjectAcl", "unobservable", "Read", { note: "\u001b[1A" }),
        change("s3:ListBucket", "kept", "List", { used: { calls: 1, lastSeen: "2024\u0007" } }),
        change("x\u001b:y", "removed", "Write"),
      ],
      denied: [{ action: "s3:PutObject", errorCode: "AccessDenied\u001b[0m", calls: 1 }],
    };
    for (const color of [false, true]) {
      const out = renderDiffText([hostile], { color });
      const withoutColour = out.replace(/\u001b\[(31|32|33|36|1;31|0)m/g, "");
      expect(withoutColour).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(withoutColour).toContain("arn:aws:iam::123456789012:role/x\\u001b]0;owned\\u0007");
      expect(withoutColour).toContain("arn:aws:s3:::b/\\u001b[31mkey\\u000afake: line -> arn:aws:s3:::b/k\\u009b");
      expect(withoutColour).toContain("denied on arn:aws:s3:::b/a\\u000d\\u000ab");
      expect(withoutColour.split("\n").some((line) => line.startsWith("fake"))).toBe(false);
    }
  });

  it("folds a large removal without high risk into one line per service, counted by access level", () => {
    // iam-data gives some actions two levels, "Tagging, Write": the counts are split by semicolons.
    const levels = ["Write", "Read", "List", "Tagging, Write"];
    const many = Array.from({ length: 2000 }, (_, i) => change(`ec2:FakeAction${String(i).padStart(4, "0")}`, "removed", levels[i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : i % 2 === 0 ? 2 : 3]!));
    const wide: RoleDiff = { ...APP, changes: [...APP.changes, ...many].sort((a, b) => (a.action < b.action ? -1 : 1)) };
    const out = renderDiffText([wide], { color: false });
    const counts = { Write: 0, Read: 0, List: 0, "Tagging, Write": 0 } as Record<string, number>;
    for (const c of many) counts[c.accessLevel]! += 1;
    // ec2:DescribeInstances and ec2:RunInstances join the 2,000; ec2:GetPasswordData stays listed as high risk.
    counts.List! += 1;
    counts.Write! += 1;
    const expected = Object.entries(counts)
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
      .map(([level, n]) => `${level} ${n}`)
      .join("; ");
    expect(expected).toBe("Write 1145; Read 571; List 144; Tagging, Write 142");
    expect(out).toContain(`    ec2: 2002 actions (${expected}), besides 1 high risk above\n`);
    expect(out).not.toContain("ec2:FakeAction");
    expect(out).not.toContain("ec2:RunInstances");
    expect(out).toContain("ec2:GetPasswordData");
    expect(out).toContain("  Other, counted by service (more than 20 in the service):");
    expect(out.split("\n").length).toBeLessThan(60);
  });

  it("lists a service's removals one by one up to 20", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => change(`ec2:Fake${String(i).padStart(2, "0")}`, "removed", "Write"));
    const groups = groupRemovals(twenty);
    expect(groups.services).toHaveLength(1);
    expect(groups.services[0]!.listed).toBe(true);
    expect(groupRemovals([...twenty, change("ec2:Fake20", "removed", "Write")]).services[0]!.listed).toBe(false);
    expect(renderDiffText([{ ...APP, changes: twenty }], { color: false })).toContain("ec2:Fake19");
  });

  it("gives the same bytes whatever order the changes and denied calls come in", () => {
    const shuffled: RoleDiff = { ...APP, changes: [...APP.changes].reverse(), denied: [...APP.denied].reverse() };
    expect(renderDiffText([shuffled], { color: true })).toBe(renderDiffText([APP], { color: true }));
  });

  it("reports several roles one after the other, separated by a blank line, those with refused calls first", () => {
    const other: RoleDiff = { ...APP, role: "arn:aws:iam::123456789012:role/worker", changes: [], denied: [], unmapped: 0, permissionsBoundary: null };
    const both = renderDiffText([other, APP], { color: false });
    expect(both).toBe(`${text}\n${renderDiffText([other], { color: false })}`);
    expect(both).toContain("\n\nworker: 0 added, 0 removed");
  });
});
