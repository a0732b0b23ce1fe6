import { describe, expect, it } from "vitest";
import { risksOf } from "../../../src/diff/risk.js";
import type { ActionChange, ChangeKind, RoleDiff } from "../../../src/diff/role-diff.js";
import { renderDiffMarkdown } from "../../../src/emit/diff/diff-markdown.js";

function change(action: string, kind: ChangeKind, accessLevel: string, fields: Partial<ActionChange> = {}): ActionChange {
  const current = fields.current ?? (kind === "added" ? [] : ["*"]);
  const used = kind === "removed" || kind === "unobservable" ? null : { calls: 1, lastSeen: "2024-05-01T10:00:00Z" };
  return { action, change: kind, accessLevel, risks: risksOf(action, accessLevel, current), current, currentConditional: false, generated: used ? ["*"] : [], used, note: null, conditionallyDenied: [], ...fields };
}

/** `iam:*` and `s3:*` on `*`, and a NotAction statement that grants ec2 and secrets among the rest. */
const APP: RoleDiff = {
  role: "arn:aws:iam::123456789012:role/app",
  current: [{ source: "inline app-policy", statements: 3 }],
  permissionsBoundary: null,
  changes: [
    change("dynamodb:PutItem", "added", "Write", { note: "explicit Deny: inline app-policy DenyDynamo", used: { calls: 12, lastSeen: "2024-05-02T08:30:00Z" } }),
    change("ec2:DescribeInstances", "removed", "List"),
    change("iam:CreateAccessKey", "removed", "Write"),
    change("iam:ListRoles", "removed", "List"),
    change("iam:PassRole", "removed", "Write"),
    change("s3:DeleteBucket", "removed", "Write"),
    change("s3:GetObject", "narrowed", "Read", { generated: ["arn:aws:s3:::app-data/*"], used: { calls: 340, lastSeen: "2024-05-02T07:00:00Z" } }),
    change("s3:GetObject", "unobservable", "Read", { note: "S3 data events are not recorded by trail org-trail" }),
    change("secretsmanager:GetSecretValue", "removed", "Read"),
    change("sqs:SendMessage", "kept", "Write", { current: ["arn:aws:sqs:eu-west-1:123456789012:jobs"], generated: ["arn:aws:sqs:eu-west-1:123456789012:jobs"] }),
    change("sts:AssumeRole", "removed", "Write"),
  ],
  denied: [{ action: "dynamodb:PutItem", errorCode: "AccessDenied", calls: 3 }],
  unmapped: 0,
};

/** Pipes GFM splits a table row at: those not escaped by a backslash. */
function cellPipes(line: string): number {
  let pipes = 0;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === "\\") i += 1;
    else if (line[i] === "|") pipes += 1;
  }
  return pipes;
}

/** Every GFM table in `markdown`: its lines, which must all have as many cells as its header. */
function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("|")) (current ??= []).push(line);
    else if (current !== null) found.push(current), (current = null);
  }
  if (current !== null) found.push(current);
  return found;
}

function tableAfter(markdown: string, heading: string): string[] {
  const at = markdown.indexOf(heading);
  expect(at).toBeGreaterThanOrEqual(0);
  return tables(markdown.slice(at))[0]!;
}

describe("renderDiffMarkdown", () => {
  const markdown = renderDiffMarkdown([APP]);

  it("titles the role by name, its ARN and current policies in a detail line", () => {
    expect(markdown.startsWith("### Role `app`\n\nARN `arn:aws:iam::123456789012:role/app`. Current policy: `inline app-policy` (3 statements).\n")).toBe(true);
  });

  it("opens with a summary table of change kinds, their counts and how many are high risk", () => {
    expect(tableAfter(markdown, "| Change |")).toEqual([
      "| Change | Actions | Of which high risk |",
      "| --- | --: | --: |",
      "| Added: refused by the current policy, granted by the generated one | 1 | 0 |",
      "| Removed: granted, never used | 7 | 4 |",
      "| Narrowed: used, granted on more resources than needed | 1 | 1 |",
      "| Unobservable: not seen used, CloudTrail cannot show a use; kept | 1 | 1 |",
      "| Kept: used, granted as needed | 1 | 0 |",
    ]);
  });

  it("tables the high-risk removals: privilege escalation, then credentials exposure, then data exfiltration", () => {
    expect(tableAfter(markdown, "#### High-risk removals")).toEqual([
      "| Action | Access level | Risks |",
      "| --- | --- | --- |",
      "| `iam:CreateAccessKey` | Write | **privilege escalation**, **credentials exposure**, infrastructure modification |",
      "| `iam:PassRole` | Write | **privilege escalation**, infrastructure modification |",
      "| `sts:AssumeRole` | Write | **credentials exposure**, infrastructure modification |",
      "| `secretsmanager:GetSecretValue` | Read | **data exfiltration** |",
    ]);
    expect(markdown).toContain("3 other removals: listed by service below.");
  });

  it("leads with what breaks or needs a decision, open: refused by the current policy, denied, high-risk removals", () => {
    const headings = markdown.split("\n").filter((line) => line.startsWith("#### "));
    expect(headings).toEqual(["#### Added: calls the current policy refuses", "#### Denied: refused in the logs", "#### High-risk removals"]);
    expect(markdown.indexOf("#### High-risk removals")).toBeLessThan(markdown.indexOf("<details>"));
  });

  it("folds the rest, in order, each with a blank line after its summary so GitHub renders the table", () => {
    const summaries = [...markdown.matchAll(/<details>\n<summary>(.*)<\/summary>\n\n\| /g)].map((m) => m[1]);
    expect(summaries).toEqual(["Removed by service: 7 actions in 5 services", "Narrowed: 1 action", "Unobservable: 1 action, kept", "Kept: 1 action"]);
    expect(markdown.match(/<details>/g)).toHaveLength(4);
    expect(markdown.match(/\n\n<\/details>/g)).toHaveLength(4);
  });

  it("details removals by service, the high-risk ones counted, the others named", () => {
    const rows = tableAfter(markdown, "Removed by service");
    expect(rows[0]).toBe("| Service | Removed | High risk | By access level | Other actions |");
    expect(rows).toContain("| `iam` | 3 | 2 | Write 2; List 1 | `iam:ListRoles` |");
    expect(rows).toContain("| `secretsmanager` | 1 | 1 | Read 1 | - |");
  });

  it("details narrowed, added and unobservable actions with resources, use and notes", () => {
    expect(tableAfter(markdown, "<summary>Narrowed")).toContain("| `s3:GetObject` | `*` | `arn:aws:s3:::app-data/*` | 340 | **data exfiltration** |");
    expect(tableAfter(markdown, "#### Added")).toContain(
      "| `dynamodb:PutItem` | Write | 12 | 2024-05-02T08:30:00Z | infrastructure modification | explicit Deny: inline app-policy DenyDynamo |",
    );
    expect(tableAfter(markdown, "<summary>Unobservable")).toContain(
      "| `s3:GetObject` | Read | **data exfiltration** | S3 data events are not recorded by trail org-trail |",
    );
  });

  it("counts rather than lists a service with thousands of removals, so a `*` grant fits a comment", () => {
    const many = Array.from({ length: 2000 }, (_, i) => change(`ec2:FakeAction${String(i).padStart(4, "0")}`, "removed", i % 3 === 0 ? "Read" : "Write"));
    const wide = renderDiffMarkdown([{ ...APP, changes: [...APP.changes, ...many] }]);
    expect(tableAfter(wide, "Removed by service")).toContain("| `ec2` | 2001 | 0 | Write 1333; Read 667; List 1 | 2001 (more than 20, not listed) |");
    expect(wide).not.toContain("FakeAction");
    // GitHub refuses comments over 65,536 characters.
    expect(wide.length).toBeLessThan(10_000);
  });

  it("keeps hostile names from a policy or log inside their cell, on their line, with no HTML", () => {
    const evil = "a|b`<img src=x onerror=alert(1)>`\n# heading";
    const hostile: RoleDiff = {
      role: `arn:aws:iam::123456789012:role/${evil}`,
      current: [{ source: `inline ${evil}`, statements: 1 }],
      permissionsBoundary: `arn:aws:iam::123456789012:policy/${evil}`,
      changes: [
        change(`s3:${evil}`, "removed", evil),
        change("iam:PassRole", "removed", "Write"),
        change("s3:GetObject", "narrowed", "Read", { current: [`arn:aws:s3:::b/${evil}`], generated: [`arn:aws:s3:::b/\`k\``] }),
        change("s3:PutObject", "added", "Write", { note: `refused on arn:aws:s3:::b/${evil}`, used: { calls: 1, lastSeen: evil } }),
        change("s3:GetObjectAcl", "unobservable", "Read", { note: `<details><summary>${evil}</summary>` }),
        change("sqs:SendMessage", "kept", "Write"),
      ],
      denied: [{ action: `s3:${evil}`, errorCode: `Access${evil}`, calls: 1 }],
      unmapped: 1,
    };
    const out = renderDiffMarkdown([hostile]);
    for (const table of tables(out)) {
      const columns = cellPipes(table[0]!);
      for (const row of table) expect(cellPipes(row)).toBe(columns);
    }
    // The only raw tags are the renderer's own; every `<` from the input became &lt;.
    expect([...out.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1])).toEqual(expect.arrayContaining(["details", "summary"]));
    expect(out).not.toMatch(/<(?!\/?(details|summary)>)/);
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // No line break from the input survives: headings are only the renderer's.
    expect(out.split("\n").filter((line) => line.startsWith("#"))).toEqual([
      "### Role a\\|b\\`&lt;img src=x onerror=alert(1)&gt;\\`\\\\u000a\\# heading",
      "#### Added: calls the current policy refuses",
      "#### Denied: refused in the logs",
      "#### High-risk removals",
    ]);
    // A name with backticks and no pipe stays a code span, fenced longer than its own backticks.
    expect(out).toContain("`` arn:aws:s3:::b/`k` ``");
  });

  it("gives the same bytes whatever order the changes and denied calls come in", () => {
    const denied = [...APP.denied, { action: "ce:GetCostAndUsage", errorCode: "AccessDeniedException", calls: 1 }];
    const sorted = renderDiffMarkdown([{ ...APP, denied }]);
    expect(renderDiffMarkdown([{ ...APP, changes: [...APP.changes].reverse(), denied: [...denied].reverse() }])).toBe(sorted);
    expect(sorted.indexOf("`ce:GetCostAndUsage`")).toBeLessThan(sorted.indexOf("| `dynamodb:PutItem` | `AccessDenied`"));
  });

  it("writes one section per role, the one with refused calls first, and says so when nothing was granted before", () => {
    const other: RoleDiff = { ...APP, role: "arn:aws:iam::123456789012:role/worker", current: [], changes: [], denied: [], unmapped: 4 };
    const both = renderDiffMarkdown([other, APP]);
    expect(both).toBe(`${markdown}\n${renderDiffMarkdown([other])}`);
    expect(renderDiffMarkdown([other])).toContain("Current policy: none.");
    expect(renderDiffMarkdown([other])).toContain("#### High-risk removals\n\nNone.\n");
    expect(renderDiffMarkdown([other])).toContain("4 successful calls could not be mapped to an action or resource: the diff cannot judge them.");
  });
});
