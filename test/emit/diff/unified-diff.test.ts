import { parsePatch } from "diff";
import { describe, expect, it } from "vitest";
import { renderUnifiedDiff } from "../../../src/emit/diff/unified-diff.js";

const LABELS = { current: "current/app.json", generated: "generated/app.json" };

const CURRENT = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["iam:*", "s3:*"], Resource: ["*"] },
    { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: ["*"] },
  ],
};

const GENERATED = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::app-data/*"] },
    { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: ["*"] },
  ],
};

describe("renderUnifiedDiff", () => {
  it("diffs the two documents as 2-space JSON with three lines of context and plain file headers", () => {
    expect(renderUnifiedDiff(CURRENT, GENERATED, LABELS)).toBe(`--- current/app.json
+++ generated/app.json
@@ -4,11 +4,10 @@
     {
       "Effect": "Allow",
       "Action": [
-        "iam:*",
-        "s3:*"
+        "s3:GetObject"
       ],
       "Resource": [
-        "*"
+        "arn:aws:s3:::app-data/*"
       ]
     },
     {
`);
  });

  it("is empty when the documents are the same", () => {
    expect(renderUnifiedDiff(CURRENT, structuredClone(CURRENT), LABELS)).toBe("");
  });

  it("splits distant changes into separate hunks", () => {
    const before = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10 };
    const after = { ...before, a: 0, j: 0 };
    const patch = renderUnifiedDiff(before, after, LABELS);
    expect(patch.match(/^@@ /gm)).toEqual(["@@ ", "@@ "]);
    expect(patch).toContain('-  "a": 1,\n+  "a": 0,');
    expect(patch).toContain('-  "j": 10\n+  "j": 0');
  });

  it("diffs from an empty file when there is no document", () => {
    const patch = renderUnifiedDiff(undefined, { Version: "2012-10-17" }, LABELS);
    expect(patch).toBe('--- current/app.json\n+++ generated/app.json\n@@ -0,0 +1,3 @@\n+{\n+  "Version": "2012-10-17"\n+}\n');
  });

  it("writes no timestamps and no end-of-file markers: the same input gives the same bytes", () => {
    const patch = renderUnifiedDiff(CURRENT, GENERATED, LABELS);
    expect(renderUnifiedDiff(CURRENT, GENERATED, LABELS)).toBe(patch);
    expect(patch).not.toMatch(/\t|\\ No newline|Index:|====/);
    const [parsed] = parsePatch(patch);
    expect(parsed?.oldFileName).toBe("current/app.json");
    expect(parsed?.newFileName).toBe("generated/app.json");
    expect(parsed?.hunks).toHaveLength(1);
  });

  it("keeps a hostile label on its header line and control characters in values visible, as JSON escapes", () => {
    const patch = renderUnifiedDiff({ Resource: "arn:aws:s3:::b/k\u009b2J\u202e" }, { Resource: "arn:aws:s3:::b/k" }, {
      current: "current/x\n+++ evil",
      generated: "generated/\u001b[2Jx",
    });
    const lines = patch.split("\n");
    expect(lines[0]).toBe("--- current/x\\u000a+++ evil");
    expect(lines[1]).toBe("+++ generated/\\u001b[2Jx");
    expect(patch).toContain('-  "Resource": "arn:aws:s3:::b/k\\u009b2J\\u202e"');
    expect(patch).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    // The escaped line is still JSON for the same value.
    expect(JSON.parse(`{${lines.find((l) => l.startsWith("-  "))!.slice(1)}}`)).toEqual({ Resource: "arn:aws:s3:::b/k\u009b2J\u202e" });
  });
});
