import { describe, expect, it } from "vitest";
import type { PolicyDocument, PolicyStatement } from "../../src/policy/policy-document.js";
import { fitPolicy, INLINE_POLICIES_LIMIT, MANAGED_POLICY_LIMIT, policySize, splitPolicy } from "../../src/synth/split-policy.js";

const statement = (sid: string, resources: number, action = "s3:GetObject"): PolicyStatement => ({
  Sid: sid,
  Effect: "Allow",
  Action: [action],
  Resource: Array.from({ length: resources }, (_, i) => `arn:aws:s3:::bucket-${sid.toLowerCase()}/key-${String(i).padStart(4, "0")}`),
});
const doc = (...statements: PolicyStatement[]): PolicyDocument => ({ Version: "2012-10-17", Statement: statements });
const grants = (documents: readonly PolicyDocument[]) =>
  documents.flatMap((d) => d.Statement.flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => `${a} ${r}`)))).sort();

describe("policySize", () => {
  it("counts characters as IAM does, without whitespace", () => {
    const small = doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/a key"] });
    expect(policySize(small)).toBe(JSON.stringify(small).length - 1);
    expect(policySize(small)).toBe(JSON.stringify(small, null, 2).replace(/\s/g, "").length);
  });
});

describe("splitPolicy", () => {
  it("leaves a document within the limit alone", () => {
    const small = doc(statement("A", 3));
    expect(splitPolicy(small, MANAGED_POLICY_LIMIT)).toEqual([small]);
  });

  it("fills documents with whole statements, in order, each within the limit, granting the same", () => {
    const big = doc(...["A", "B", "C", "D", "E", "F"].map((sid) => statement(sid, 40)));
    const parts = splitPolicy(big, MANAGED_POLICY_LIMIT);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(policySize(part)).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT);
    expect(parts.flatMap((p) => p.Statement.map((s) => s.Sid))).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(grants(parts)).toEqual(grants([big]));
    expect(JSON.stringify(splitPolicy(big, MANAGED_POLICY_LIMIT))).toBe(JSON.stringify(parts));
  });

  it("cuts a statement too large for any document by its resources, with numbered Sids", () => {
    const huge = doc(statement("Huge", 400));
    const parts = splitPolicy(huge, MANAGED_POLICY_LIMIT);
    for (const part of parts) expect(policySize(part)).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT);
    const sids = parts.flatMap((p) => p.Statement.map((s) => s.Sid));
    expect(sids[0]).toBe("HugePart1");
    expect(new Set(sids).size).toBe(sids.length);
    expect(grants(parts)).toEqual(grants([huge]));
  });

  it("refuses what no split can fix", () => {
    const one = doc({ Sid: "X", Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::b/${"k".repeat(200)}`] });
    expect(() => splitPolicy(one, 100)).toThrow(/one action on one resource/);
  });
});

describe("fitPolicy", () => {
  const medium = doc(...["A", "B", "C", "D", "E", "F"].map((sid) => statement(sid, 40)));
  const large = doc(...["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map((sid) => statement(sid, 40)));

  it("keeps an inline policy whole up to the role's inline quota", () => {
    expect(policySize(medium)).toBeGreaterThan(MANAGED_POLICY_LIMIT);
    expect(policySize(medium)).toBeLessThanOrEqual(INLINE_POLICIES_LIMIT);
    expect(fitPolicy(medium, "inline")).toMatchObject({ kind: "inline", documents: [medium], note: null });
  });

  it("moves an inline policy over the quota to managed policies, and says so", () => {
    const fitted = fitPolicy(large, "inline");
    expect(fitted.kind).toBe("managed");
    expect(fitted.documents.length).toBeGreaterThan(1);
    expect(fitted.note).toMatch(/over the 10240-character quota for a role's inline policies, split into \d managed policies/);
  });

  it("splits managed policies at 6,144 characters", () => {
    expect(fitPolicy(medium, "managed").documents.length).toBe(2);
    expect(fitPolicy(doc(statement("A", 2)), "managed")).toMatchObject({ kind: "managed", note: null });
  });
});
