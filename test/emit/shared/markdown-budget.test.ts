import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { risksOf } from "../../../src/diff/risk.js";
import type { ActionChange, ChangeKind, RoleDiff } from "../../../src/diff/role-diff.js";
import type { DriftReport, RoleDrift } from "../../../src/drift/drift-report.js";
import { renderDiffMarkdown, withUnifiedMarkdown } from "../../../src/emit/diff/diff-markdown.js";
import { renderDriftMarkdown } from "../../../src/emit/drift/drift-markdown.js";
import { boundedList, boundedTable, clipValue, fitMarkdown, MARKDOWN_LIMIT } from "../../../src/emit/shared/markdown-budget.js";

/** `<details>` opened and closed in pairs, never nested past the one level the renderers write. */
function expectBalancedDetails(markdown: string): void {
  let open = 0;
  for (const line of markdown.split("\n")) {
    if (line === "<details>") open += 1;
    if (line === "</details>") open -= 1;
    expect(open).toBeGreaterThanOrEqual(0);
    expect(open).toBeLessThanOrEqual(1);
  }
  expect(open).toBe(0);
}

describe("fitMarkdown", () => {
  const part = (name: string, size: number) => ({ lines: ["", `${name} ${"x".repeat(size)}`], cut: `${name} cut` });

  it("keeps the parts that fit, in order, and says which were cut", () => {
    const out = fitMarkdown(["# head"], [part("a", 10), part("b", 500), part("c", 10)], 400);
    expect(out.split("\n").filter((line) => line !== "")).toEqual(["# head", `a ${"x".repeat(10)}`, "b cut", `c ${"x".repeat(10)}`]);
  });

  it("counts what is left in one line once even the cut lines do not fit", () => {
    const parts = Array.from({ length: 5_000 }, (_, i) => part(`p${i}`, 100));
    const out = fitMarkdown([], parts, 20_000);
    expect(out.length).toBeLessThan(20_000);
    expect(out).toMatch(/_\d+ more sections not shown: this report stops below 60,000 characters; `--format json` or `--format html` has them all\._\n$/);
    const shown = out.split("\n").filter((line) => line.startsWith("p")).length;
    const left = Number(/_(\d+) more sections/.exec(out)?.[1]);
    expect(shown).toBeGreaterThan(100);
    expect(shown + left).toBe(5_000);
  });
});

describe("boundedTable, boundedList and clipValue", () => {
  it("cuts a table to its limit and says how many rows are left and where they are", () => {
    const rows = Array.from({ length: 45 }, (_, i) => [String(i)]);
    const table = boundedTable(["N"], ["--:"], rows, "numbers", 40);
    expect(table).toHaveLength(2 + 40 + 2);
    expect(table.at(-1)).toBe("_5 more numbers not shown (45 in all): `--format json` or `--format html` has them all._");
    expect(boundedTable(["N"], ["--:"], rows.slice(0, 40), "numbers", 40)).toHaveLength(42);
  });

  it("lists eight values and counts the rest; clips a value before it is escaped", () => {
    expect(boundedList(Array.from({ length: 10 }, (_, i) => `v${i}`))).toBe("v0, v1, v2, v3, v4, v5, v6, v7 and 2 more");
    expect(boundedList([])).toBe("-");
    expect(clipValue("a".repeat(400))).toHaveLength(300);
    expect(clipValue("a".repeat(400)).endsWith("…")).toBe(true);
    expect(clipValue("short")).toBe("short");
  });
});

// Reports of any size, down to the hostile and the absurd: many roles, thousands of findings,
// values longer than IAM allows. Whatever they hold, the Markdown fits a GitHub comment.
const value = fc.oneof(fc.string({ maxLength: 20 }), fc.constant("arn:aws:s3:::bucket/" + "k".repeat(3_000)), fc.constant("a|b`<img src=x>`\n# h"));
const many = <T>(arb: fc.Arbitrary<T>, max: number) => fc.integer({ min: 0, max }).chain((n) => fc.array(arb, { minLength: n, maxLength: n }));

function driftRole(i: number, size: number, text: string): RoleDrift {
  const list = (n: number) => Array.from({ length: n }, (_, j) => `${text}${j}`);
  return {
    role: `arn:aws:iam::111122223333:role/team/${text}-role-${i}`,
    baseline: list(size % 20),
    unused: Array.from({ length: size }, (_, j) => ({
      action: j % 3 === 0 ? `iam:PassRole${j}` : `ec2:Action${j}`,
      resources: list(j % 12),
      accessLevel: "Write",
      risks: j % 3 === 0 ? (["privilege-escalation"] as const) : [],
      lastUsed: null,
      conditionallyDenied: [],
    })),
    newUsage: Array.from({ length: size % 97 }, (_, j) => ({ action: `s3:Put${j}`, resource: `${text}/${j}`, calls: j, firstSeen: text, lastSeen: text, reason: text })),
    denied: Array.from({ length: size % 53 }, (_, j) => ({
      actions: list(j % 10),
      call: `s3.amazonaws.com:${text}${j}`,
      errorCode: "AccessDenied",
      calls: 1,
      lastSeen: text,
      resources: list(j % 15),
      suggestion: { Effect: "Allow", Action: list(j % 5), Resource: list(j % 30) },
    })),
    wildcards: Array.from({ length: size % 7 }, (_, j) => ({ statement: `s${j}`, source: text, actions: list(j), resources: ["*"], why: text })),
    ecs: [],
    unobservable: Array.from({ length: size % 31 }, (_, j) => ({ action: `logs:Put${j}`, resources: list(j % 4), why: text, conditionallyDenied: [] })),
    unmapped: size % 5,
    totals: { granted: size, used: 0, denied: 0 },
  };
}

function diffRole(i: number, size: number, text: string): RoleDiff {
  const kinds: ChangeKind[] = ["added", "removed", "narrowed", "unobservable", "kept"];
  const changes: ActionChange[] = Array.from({ length: size }, (_, j) => {
    const action = `${["iam", "ec2", "s3", "sts", text.slice(0, 8) || "x"][j % 5]}:Action${j}`;
    const current = ["*", `${text}${j}`];
    return {
      action,
      change: kinds[j % kinds.length]!,
      accessLevel: "Write",
      risks: risksOf(action, "Write", current),
      current,
      currentConditional: false,
      generated: [`${text}/${j}`],
      used: { calls: j, lastSeen: text },
      note: text,
      conditionallyDenied: j % 11 === 0 ? [{ statement: text, condition: text }] : [],
    };
  });
  return {
    role: `arn:aws:iam::111122223333:role/${text}-role-${i}`,
    current: [{ source: text, statements: 1 }],
    permissionsBoundary: null,
    changes,
    denied: Array.from({ length: size % 41 }, (_, j) => ({ action: `${text}${j}`, errorCode: text, calls: j })),
    unmapped: size % 3,
  };
}

describe("Markdown reports stay under MARKDOWN_LIMIT whatever the input", () => {
  it("drift: many roles, huge lists, long and hostile values", () => {
    fc.assert(
      fc.property(many(fc.tuple(fc.integer({ min: 0, max: 1_500 }), value), 60), (roles) => {
        const report: DriftReport = { window: { since: "2026-11-01T00:00:00Z", until: null }, roles: roles.map(([size, text], i) => driftRole(i, size, text)) };
        const markdown = renderDriftMarkdown(report);
        expect(markdown.length).toBeLessThan(MARKDOWN_LIMIT);
        expectBalancedDetails(markdown);
      }),
      { numRuns: 10, seed: 16, endOnFailure: true },
    );
  });

  it("diff: many roles, thousands of changes, long and hostile values, a unified diff after it", () => {
    fc.assert(
      fc.property(many(fc.tuple(fc.integer({ min: 0, max: 2_500 }), value), 40), fc.integer({ min: 0, max: 200_000 }), (roles, patch) => {
        const markdown = renderDiffMarkdown(roles.map(([size, text], i) => diffRole(i, size, text)));
        expect(markdown.length).toBeLessThan(MARKDOWN_LIMIT);
        expectBalancedDetails(markdown);
        const unified = Array.from({ length: Math.ceil(patch / 40) }, (_, i) => `+    "arn:aws:s3:::b/${i}"`).join("\n") + "\n";
        const both = withUnifiedMarkdown(markdown, unified);
        expect(both.length).toBeLessThan(MARKDOWN_LIMIT);
        expectBalancedDetails(both);
      }),
      { numRuns: 10, seed: 16, endOnFailure: true },
    );
  });

  it("drift: 5,000 clean roles collapse to one line that names fifty and counts the rest", () => {
    const clean = Array.from({ length: 5_000 }, (_, i) => ({ ...driftRole(i, 0, "svc"), baseline: ["p.json"] }));
    const markdown = renderDriftMarkdown({ window: { since: "2026-11-01T00:00:00Z", until: null }, roles: clean });
    expect(markdown.split("\n").filter((line) => line.startsWith("Clean, nothing to act on: "))).toHaveLength(1);
    expect(markdown).toContain(" and 4950 more.");
    expect(markdown).not.toContain("### Role");
  });
});
