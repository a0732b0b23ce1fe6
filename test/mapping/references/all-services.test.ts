/**
 * One synthesized call per SDK method of iam-dataset's map (`map-2022-08-19.json`), for every
 * method whose namespace iam-data knows, run through the mapping pipeline (mapUsage) as a usage
 * row of its own: the eventSource the reference's cloudtrail_service_mappings.json gives the
 * namespace, the operation as eventName, and the request members the map's ARN templates read
 * (peers.ts synthesizedParameters), so that ARN builders run too. Our actions are every action the
 * pipeline names for the call (granted, implied, or reported Unmapped for want of a resource),
 * plus iam:PassRole where the call passes a role (passed-roles.ts).
 *
 * A method agrees when both name the same actions and iam-data has all of ours, or is explained by
 * a row of known-differences.ts ("iam-dataset-map" or "iam-dataset-all") whose lists are still
 * today's. Disagreements that are iam:PassRole alone are counted apart (passed-roles.ts owns them).
 * Set ALL_SERVICES_REPORT=FILE to write every unexplained disagreement, paste-ready, to FILE.
 */
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { UsageRow } from "../../../src/engines/usage-row.js";
import { loadIamCatalog } from "../../../src/iam/catalog.js";
import { mapUsage } from "../../../src/mapping/map-usage.js";
import { PASS_ROLE, rolePassingCall } from "../../../src/mapping/passed-roles.js";
import { servicePrefixOf } from "../../../src/mapping/service-prefix.js";
import { KNOWN_DIFFERENCES, type KnownDifference } from "./known-differences.js";
import {
  type Comparison,
  ECS_TOP_SERVICES,
  PEERS_PRESENT,
  cloudtrailServiceMappings,
  compareActions,
  iamDatasetMap,
  reconcile,
  rowSource,
  sameList,
  sdkMethods,
  synthesizedParameters,
} from "./peers.js";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";

/** The shares the issue requires: of the 30 services, and of all. */
const REQUIRED_TOP = 0.98;
const REQUIRED_ALL = 0.97;

type Verdict = "agree" | "explained" | "to-fix" | "passrole" | "other";

interface Judged {
  readonly comparison: Comparison;
  readonly namespace: string;
  readonly verdict: Verdict;
  /** Our own actions (not implied, not PassRole) that take a resource, and how many got one. */
  readonly resourceActions: number;
  readonly resourcesNamed: number;
}

describe.skipIf(!PEERS_PRESENT)("every SDK method of iam-dataset's map, through mapUsage", async () => {
  const map = iamDatasetMap();
  const catalog = await loadIamCatalog();
  const methods = sdkMethods(map, cloudtrailServiceMappings()).filter((m) => catalog.hasService(m.namespace));
  const rows = new Map(KNOWN_DIFFERENCES.filter((row) => row.reference === "iam-dataset-map" || row.reference === "iam-dataset-all").map((row) => [row.case, row]));

  const started = Date.now();
  const judged: Judged[] = methods.map((m) => {
    const prefix = servicePrefixOf(m.eventSource);
    const row: UsageRow = {
      principal: `arn:aws:iam::${ACCOUNT}:role/ecs/all-services-task`,
      principalType: "AssumedRole",
      eventSource: m.eventSource,
      eventName: m.operation,
      region: REGION,
      account: ACCOUNT,
      errorCode: null,
      invokedBy: null,
      resources: [],
      parameters: synthesizedParameters(m.mappings, m.namespace, ACCOUNT, REGION),
      objectKeys: null,
      count: 1,
      firstSeen: "2026-11-02T10:00:00Z",
      lastSeen: "2026-11-02T10:00:00Z",
    };
    const { permissions, unmapped } = mapUsage([row], catalog);
    const named = [...permissions.map((p) => p.action), ...unmapped.flatMap((u) => (u.action === null ? [] : [u.action]))];
    const ours = [...named, ...(rolePassingCall(prefix, m.operation) === undefined ? [] : [PASS_ROLE])];
    const comparison = compareActions(catalog, "iam-dataset-all", m.method, ours, m.theirs);
    const own = new Set(permissions.filter((p) => p.implied === undefined && p.action !== PASS_ROLE && p.resource !== "*").map((p) => p.action));
    const missing = new Set(unmapped.flatMap((u) => (u.action === null || u.action === PASS_ROLE ? [] : [u.action])).filter((a) => !own.has(a)));
    return { comparison, namespace: m.namespace, verdict: verdictOf(comparison, rows.get(m.method)), resourceActions: own.size + missing.size, resourcesNamed: own.size };
  });
  const elapsed = Date.now() - started;

  const top = judged.filter((j) => ECS_TOP_SERVICES.includes(j.namespace));
  const figures = { top: figuresOf(top), all: figuresOf(judged) };
  console.log(`all services: ${methods.length} SDK methods of iam-dataset's map whose namespace iam-data knows, mapped in ${elapsed} ms`);
  console.log(figureLine(`the ${ECS_TOP_SERVICES.length} services ECS workloads call most`, figures.top));
  console.log(figureLine("all services", figures.all));
  const named = judged.reduce((n, j) => n + j.resourcesNamed, 0);
  const needing = judged.reduce((n, j) => n + j.resourceActions, 0);
  console.log(`all services: resources named from the synthesized request for ${named} of ${needing} actions that take one (${percent(named / needing)})`);
  console.log(`all services: unexplained disagreements (not iam:PassRole alone) by namespace: ${byNamespace(judged.filter((j) => j.verdict === "other"))}`);
  console.log(`all services: iam:PassRole-only disagreements by namespace: ${byNamespace(judged.filter((j) => j.verdict === "passrole"))}`);
  const report = process.env.ALL_SERVICES_REPORT;
  if (report !== undefined && report !== "") {
    writeFileSync(report, judged.filter((j) => j.verdict === "other" || j.verdict === "passrole").map((j) => `${j.verdict}\t${j.namespace}\t${rowSource(j.comparison)}`).join("\n") + "\n");
  }

  it("compares every method whose namespace iam-data knows (11,414 of the 11,593), in a few seconds", () => {
    expect(methods.length).toBeGreaterThanOrEqual(11_400);
    // About 3.5 s alone; the bound leaves room for a loaded machine running test files side by side.
    expect(elapsed).toBeLessThan(15_000);
  });
  it(`agrees with iam-dataset, or explains why not, for ${percent(REQUIRED_TOP)} of the 30 services' methods`, () => {
    expect(figures.top.share).toBeGreaterThanOrEqual(REQUIRED_TOP);
  });
  it(`agrees with iam-dataset, or explains why not, for ${percent(REQUIRED_ALL)} of all methods`, () => {
    expect(figures.all.share).toBeGreaterThanOrEqual(REQUIRED_ALL);
  });
  const own = reconcile(judged.map((j) => j.comparison), KNOWN_DIFFERENCES, "iam-dataset-all");
  it("every all-services row still reads as the table says", () => {
    expect(own.changed.map(({ now }) => rowSource(now))).toEqual([]);
  });
  it("every all-services row still occurs (a method that agrees now loses its row)", () => {
    expect(own.stale.map((row) => row.case)).toEqual([]);
  });
});

/** A row explains a disagreement only while its lists are still today's. */
function verdictOf(comparison: Comparison, row: KnownDifference | undefined): Verdict {
  if (comparison.agree) return "agree";
  if (row !== undefined && sameList([...row.ours].sort(), comparison.ours) && sameList([...row.theirs].sort(), comparison.theirs)) {
    return row.verdict === "we-are-right" ? "explained" : "to-fix";
  }
  return passRoleAlone(comparison) ? "passrole" : "other";
}

/** The two lists differ by iam:PassRole and nothing else (passed-roles.ts's part). */
function passRoleAlone(comparison: Comparison): boolean {
  const ours = new Set(comparison.ours);
  const theirs = new Set(comparison.theirs);
  const difference = [...comparison.ours.filter((a) => !theirs.has(a)), ...comparison.theirs.filter((a) => !ours.has(a))];
  return difference.length > 0 && difference.every((a) => a === PASS_ROLE);
}

interface Figures {
  readonly compared: number;
  readonly agreeing: number;
  readonly explained: number;
  /** Of the explained, those that differ by iam:PassRole alone. */
  readonly explainedPassRole: number;
  readonly toFix: number;
  readonly passRole: number;
  readonly other: number;
  /** (agreeing + explained) / compared. */
  readonly share: number;
}

function figuresOf(judged: readonly Judged[]): Figures {
  const count = (verdict: Verdict) => judged.filter((j) => j.verdict === verdict).length;
  const [agreeing, explained, toFix, passRole, other] = [count("agree"), count("explained"), count("to-fix"), count("passrole"), count("other")];
  const explainedPassRole = judged.filter((j) => j.verdict === "explained" && passRoleAlone(j.comparison)).length;
  return { compared: judged.length, agreeing, explained, explainedPassRole, toFix, passRole, other, share: (agreeing + explained) / judged.length };
}

function figureLine(label: string, f: Figures): string {
  return (
    `${label}: ${f.compared} methods, ${f.agreeing} equal (${percent(f.agreeing / f.compared)}), ${f.explained} explained by a known difference ` +
    `(${f.explainedPassRole} of them iam:PassRole alone): ` +
    `${percent(f.share)} equal or explained; ${f.toFix} known and to fix in our mapping, ${f.passRole} unexplained that differ by iam:PassRole alone (${percent(f.passRole / f.compared)}), ` +
    `${f.other} otherwise unexplained (${percent(f.other / f.compared)})`
  );
}

function byNamespace(judged: readonly Judged[]): string {
  const counts = new Map<string, number>();
  for (const j of judged) counts.set(j.namespace, (counts.get(j.namespace) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 25).map(([ns, n]) => `${ns} ${n}`).join(", ");
}

function percent(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}
