/**
 * Coverage on the shared real CloudTrail (issue 14, Build 6), as `tighten explain --all-principals
 * --summary` counts it: at least 99.5% of successful calls mapped to actions that exist, at least 97%
 * of resource-level actions given an ARN or a scoped pattern, and every call left uncovered listed
 * here with the reason it holds (each checked against the events themselves).
 */
import { afterAll, describe, expect, it } from "vitest";
import type { UsageSource } from "../../src/engines/engine.js";
import { scanLocalLogs } from "../../src/engines/local/local-engine.js";
import { allIamPrincipals } from "../../src/engines/role-selection.js";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { type Coverage, coverageOf } from "../../src/mapping/coverage.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { servicePrefixesFor } from "../../src/mapping/map-usage.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";

const opened: UsageSource[] = [];
afterAll(() => {
  for (const source of opened) source.close();
});

async function coverageOfLogs(logs: string): Promise<Coverage> {
  const source = await scanLocalLogs({ logs: [logs], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names: "shapes" });
  opened.push(source);
  // --all-principals: every role and IAM user (not AWS services, nor events without an identity).
  const principals = allIamPrincipals(await source.principals());
  const rows = await source.usage(principals.map((p) => p.arn));
  const catalog = await loadIamCatalog(servicePrefixesFor(rows));
  return coverageOf(
    rows.map((row) => explainRow(row, catalog)),
    catalog,
  );
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
      // iamInstanceProfile names the profile; PassRole is checked on its role (passed-roles.ts).
      ["ec2.amazonaws.com:RunInstances iam:PassRole", 2],
    ]);
    expect(uncovered[0]?.[2]).toMatch(/names only the association/);
    expect(uncovered[1]?.[2]).toMatch(/only its Host header/);
  });

  it("stratus_detonation_logs: every call mapped and named", async () => {
    const coverage = await coverageOfLogs("../shared/datasets/stratus_detonation_logs");
    expectBuild6(coverage);
    expect(coverage.uncovered).toEqual([]);
  });
});
