import { describe, expect, it } from "vitest";
import { groupConditionalDenies } from "../../src/diff/conditional-denies.js";
import type { ActionChange, RoleDiff } from "../../src/diff/role-diff.js";
import type { DriftReport } from "../../src/drift/drift-report.js";
import { renderDiffJson } from "../../src/emit/diff/diff-json.js";
import { renderDiffMarkdown } from "../../src/emit/diff/diff-markdown.js";
import { renderDiffText } from "../../src/emit/diff/diff-text.js";
import { renderDriftHtml } from "../../src/emit/drift/drift-html.js";
import { renderDriftJson } from "../../src/emit/drift/drift-json.js";
import { renderDriftMarkdown } from "../../src/emit/drift/drift-markdown.js";
import { renderDriftText } from "../../src/emit/drift/drift-text.js";

const VPC = { statement: "VpcOnly", condition: "StringNotEquals aws:SourceVpc vpc-1" };
const HOSTILE = { statement: "<b>x</b>|`y`", condition: "StringLike aws:SourceVpc <script>" };
const ROLE = "arn:aws:iam::111122223333:role/app";

function change(action: string, kind: ActionChange["change"], conditionallyDenied: ActionChange["conditionallyDenied"]): ActionChange {
  return { action, change: kind, accessLevel: "Write", risks: [], current: ["*"], currentConditional: false, generated: [], used: null, note: null, conditionallyDenied };
}

const DIFF: RoleDiff = {
  role: ROLE,
  current: [{ source: "current.json", statements: 2 }],
  permissionsBoundary: null,
  changes: [change("s3:DeleteObject", "removed", [VPC, HOSTILE]), change("s3:PutObject", "removed", [VPC]), change("s3:GetObject", "removed", [])],
  denied: [],
  unmapped: 0,
};

const DRIFT: DriftReport = {
  window: { since: "2026-11-01T00:00:00Z", until: null },
  roles: [
    {
      role: ROLE,
      baseline: ["base.json"],
      unused: [{ action: "s3:DeleteObject", resources: ["*"], accessLevel: "Write", risks: [], lastUsed: null, conditionallyDenied: [VPC, HOSTILE] }],
      newUsage: [],
      denied: [],
      wildcards: [],
      ecs: [],
      unobservable: [{ action: "execute-api:Invoke", resources: ["*"], why: "never logged", conditionallyDenied: [VPC] }],
      unmapped: 0,
      totals: { granted: 2, used: 0, denied: 0 },
    },
  ],
};

describe("conditionally denied grants, shown in every format", () => {
  it("groups by Deny, with the actions each may refuse", () => {
    expect(groupConditionalDenies(DIFF.changes)).toEqual([
      { ...HOSTILE, actions: ["s3:DeleteObject"] },
      { ...VPC, actions: ["s3:DeleteObject", "s3:PutObject"] },
    ]);
  });

  it("diff: text, Markdown and JSON name the Deny and its condition", () => {
    const text = renderDiffText([DIFF], { color: false });
    expect(text).toContain("Conditionally denied (2 Deny statements)");
    expect(text).toContain("  VpcOnly when StringNotEquals aws:SourceVpc vpc-1\n    may refuse 2 granted actions: s3:DeleteObject, s3:PutObject");
    const markdown = renderDiffMarkdown([DIFF]);
    expect(markdown).toContain("| VpcOnly | `StringNotEquals aws:SourceVpc vpc-1` | `s3:DeleteObject`, `s3:PutObject` |");
    // A condition is shown as code, where markup is text; a Sid is escaped.
    expect(markdown).toContain("`StringLike aws:SourceVpc <script>`");
    expect(markdown).not.toContain("<b>");
    const json = JSON.parse(renderDiffJson([DIFF])) as { roles: { changes: { action: string; conditionallyDenied: unknown }[] }[] };
    expect(json.roles[0]!.changes.find((c) => c.action === "s3:PutObject")!.conditionallyDenied).toEqual([VPC]);
  });

  it("drift: text, Markdown, HTML and JSON name the Deny and its condition, unobservable grants included", () => {
    expect(renderDriftText(DRIFT)).toContain("may refuse 2 granted actions: execute-api:Invoke, s3:DeleteObject");
    expect(renderDriftMarkdown(DRIFT)).toContain("| VpcOnly | `StringNotEquals aws:SourceVpc vpc-1` | `execute-api:Invoke`, `s3:DeleteObject` |");
    const html = renderDriftHtml(DRIFT);
    expect(html).toContain("Conditionally denied");
    // <wbr> marks where long names may wrap; the text a reader sees is the same.
    expect(html.replaceAll("<wbr>", "")).toContain("<code>StringNotEquals aws:SourceVpc vpc-1</code>");
    expect(html).not.toContain("<script>");
    const json = JSON.parse(renderDriftJson(DRIFT)) as { roles: { unused: { conditionallyDenied: unknown }[]; unobservable: { conditionallyDenied: unknown }[] }[] };
    expect(json.roles[0]!.unused[0]!.conditionallyDenied).toEqual([VPC, HOSTILE]);
    expect(json.roles[0]!.unobservable[0]!.conditionallyDenied).toEqual([VPC]);
  });

  it("says nothing when no Deny is conditional", () => {
    const plain = { ...DIFF, changes: [change("s3:GetObject", "removed", [])] };
    expect(renderDiffText([plain], { color: false })).not.toContain("Conditionally denied");
    expect(renderDiffMarkdown([plain])).not.toContain("Conditionally denied");
  });
});
