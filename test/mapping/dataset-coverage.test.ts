/**
 * Coverage on the shared real CloudTrail (issue 14, Build 6), as `tighten explain --all-principals
 * --summary` counts it: at least 99.5% of successful calls mapped to actions that exist, at least 97%
 * of resource-level actions given an ARN or a scoped pattern, and every call left uncovered listed
 * here with the reason it holds (each checked against the events themselves).
 */
import { afterAll, describe, expect, it } from "vitest";
import type { UsageSource } from "../../src/engines/engine.js";
import { allIamPrincipals } from "../../src/engines/role-selection.js";
import { type IamCatalog, loadIamCatalog } from "../../src/iam/catalog.js";
import { type Coverage, coverageOf } from "../../src/mapping/coverage.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import type { RowExplanation } from "../../src/mapping/explanation.js";
import { servicePrefixesFor } from "../../src/mapping/map-usage.js";
import { usageOf } from "../../src/pipeline/role-usage.js";
import { keptLocalScan } from "../support/kept-scan.js";

const opened: UsageSource[] = [];
afterAll(() => {
  for (const source of opened) source.close();
});

/** The explanations `tighten explain --all-principals` prints for the logs. */
async function explainLogs(logs: string): Promise<{ readonly explained: readonly RowExplanation[]; readonly catalog: IamCatalog }> {
  const source = await keptLocalScan([logs], { since: null, until: null }, { names: "shapes" });
  opened.push(source);
  // --all-principals: every role and IAM user (not AWS services, nor events without an identity).
  const principals = allIamPrincipals(await source.principals());
  const { rows, profiles } = await usageOf(source, principals.map((p) => p.arn));
  const catalog = await loadIamCatalog(servicePrefixesFor(rows));
  return { explained: rows.map((row) => explainRow(row, catalog, undefined, profiles)), catalog };
}

async function coverageOfLogs(logs: string): Promise<Coverage> {
  const { explained, catalog } = await explainLogs(logs);
  return coverageOf(explained, catalog);
}

/** "eventSource:eventName action" of each uncovered call class, with its count. */
const uncoveredOf = (coverage: Coverage) =>
  coverage.uncovered.map((u) => [`${u.eventSource}:${u.eventName} ${u.action ?? "(none)"}`, u.count, u.reason] as const);

function expectBuild6(coverage: Coverage): void {
  expect(coverage.mappedCalls / coverage.successfulCalls).toBeGreaterThanOrEqual(0.995);
  expect(coverage.specificActions / coverage.resourceLevelActions).toBeGreaterThanOrEqual(0.97);
}

describe("coverage on the shared datasets, all principals", () => {
  it("examples/cloudtrail: every call mapped and named", async () => {
    const coverage = await coverageOfLogs("examples/cloudtrail");
    expectBuild6(coverage);
    expect(coverage.uncovered).toEqual([]);
  });

  it("invictus_aws_dataset: what stays uncovered is not in the event, or has no IAM action", async () => {
    const coverage = await coverageOfLogs("../shared/datasets/invictus_aws_dataset");
    expectBuild6(coverage);
    const uncovered = uncoveredOf(coverage);
    expect(uncovered.map(([call, count]) => [call, count])).toEqual([
      // requestParameters is {associationId: "rtbassoc-..."} alone: no route table, subnet or gateway.
      ["ec2.amazonaws.com:DisassociateRouteTable ec2:DisassociateRouteTable", 9],
      // requestParameters is {Host: "<account>.s3-control..."} alone: the configuration id is in the request path.
      ["s3.amazonaws.com:GetStorageLensConfiguration s3:GetStorageLensConfiguration", 4],
      // The S3 console's internal call: the Service Authorization Reference (and iam-data) has no such action.
      ["s3.amazonaws.com:GetStorageLensDashboardDataInternal s3:GetStorageLensDashboardDataInternal", 4],
    ]);
    expect(uncovered[0]?.[2]).toMatch(/names only the association/);
    expect(uncovered[1]?.[2]).toMatch(/only its Host header/);
  });

  it("invictus_aws_dataset: RunInstances passes the role bert-jan's AddRoleToInstanceProfile put in the profile", async () => {
    const { explained } = await explainLogs("../shared/datasets/invictus_aws_dataset");
    const passes = explained
      .filter((e) => e.row.eventName === "RunInstances" && e.outcome === "granted")
      .flatMap((e) => e.actions.filter((a) => a.action === "iam:PassRole"));
    expect(passes.length).toBeGreaterThan(0);
    for (const pass of passes) {
      expect(pass.unmapped).toBeNull();
      expect(pass.resources.every((arn) => /^arn:aws:iam::123837392027:role\/(\*\/)?stratus-red-team-[a-z0-9-]+-role$/.test(arn)), pass.resources.join(" ")).toBe(true);
      expect(pass.conditions).toEqual({ StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com"] } });
      expect(pass.resourcesVia).toMatch(/-> AddRoleToInstanceProfile in the trail$/);
    }
  });

  it("stratus_detonation_logs: every call mapped and named", async () => {
    const coverage = await coverageOfLogs("../shared/datasets/stratus_detonation_logs");
    expectBuild6(coverage);
    expect(coverage.uncovered).toEqual([]);
  });
});
