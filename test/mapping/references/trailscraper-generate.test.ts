/**
 * Our engine and mapping over the log files trailscraper's own tests use, against trailscraper's
 * `generate` output for them (`../shared/peers/trailscraper/expected/*.generate.json`). Actions are
 * compared per file and service prefix; where trailscraper grants `*`, we must name ARNs unless
 * iam-data says the action has no resource-level support. Disagreements are rows of
 * known-differences.ts.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { UsageSource } from "../../../src/engines/engine.js";
import { scanLocalLogs } from "../../../src/engines/local/local-engine.js";
import type { UsageRow } from "../../../src/engines/usage-row.js";
import { type IamCatalog, loadIamCatalog, splitActionName } from "../../../src/iam/catalog.js";
import { WILDCARD_WHEN_UNNAMED } from "../../../src/mapping/action-resources.js";
import { mapUsage } from "../../../src/mapping/map-usage.js";
import type { MappingResult } from "../../../src/mapping/permission.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import { KNOWN_DIFFERENCES } from "./known-differences.js";
import {
  type Comparison,
  PEERS_PRESENT,
  TRAILSCRAPER,
  canonicalActions,
  compareActions,
  reconcile,
  rowSource,
  summaryLine,
  trailscraperPolicy,
} from "./peers.js";

interface GenerateCase {
  readonly expected: string; // file under expected/
  readonly logs: string; // what trailscraper read, under ../shared/peers/trailscraper
  readonly role?: string; // trailscraper --filter-assumed-role-arn; else every principal
}

const CASES: readonly GenerateCase[] = [
  {
    expected: "111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.generate.json",
    logs: "111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz",
  },
  { expected: "events-for-smoke-test.generate.json", logs: "events-for-smoke-test.json" },
  { expected: "sample.generate.json", logs: "sample" },
  { expected: "sample.generate.app-role-only.json", logs: "sample", role: "arn:aws:iam::111111111111:role/app-role" },
];

/** Every principal's rows (trailscraper's generate is not per role), each principal mapped on its own. */
async function ourMapping(source: UsageSource, role: string | undefined, catalog: IamCatalog): Promise<MappingResult[]> {
  const principals = role === undefined ? (await source.principals()).map((p) => p.principal) : [role];
  const rows = await source.usage(principals);
  const byPrincipal = new Map<string, UsageRow[]>();
  for (const row of rows) byPrincipal.set(row.principal, [...(byPrincipal.get(row.principal) ?? []), row]);
  return [...byPrincipal.values()].map((list) => mapUsage(list, catalog));
}

function servicePrefix(action: string): string {
  return action.includes(":") ? splitActionName(action)[0] : action;
}

describe.skipIf(!PEERS_PRESENT)("trailscraper generate outputs", async () => {
  const catalog = await loadIamCatalog();
  const sources = new Map<string, UsageSource>();
  afterAll(() => {
    for (const source of sources.values()) source.close();
  });

  const comparisons: Comparison[] = [];
  const starCases: { file: string; action: string; ours: readonly string[] }[] = [];
  const results = new Map<string, MappingResult[]>();
  for (const c of PEERS_PRESENT ? CASES : []) {
    let source = sources.get(c.logs);
    if (source === undefined) {
      source = await scanLocalLogs({
        logs: [path.join(TRAILSCRAPER, c.logs)],
        window: { since: null, until: null },
        selection: PARAMETER_SELECTION,
        names: "shapes",
      });
      sources.set(c.logs, source);
    }
    const mapped = await ourMapping(source, c.role, catalog);
    results.set(c.expected, mapped);
    const theirs = trailscraperPolicy(c.expected);
    // Our actions: those granted, and those we named but reported Unmapped (no ARN in the event,
    // or no such action in iam-data): the action comparison is about names; ARNs are checked below.
    const ours = new Map<string, string[]>();
    for (const permission of mapped.flatMap((m) => m.permissions)) {
      ours.set(permission.action, [...(ours.get(permission.action) ?? []), permission.resource]);
    }
    for (const unmapped of mapped.flatMap((m) => m.unmapped)) {
      if (unmapped.action !== null && !ours.has(unmapped.action)) ours.set(unmapped.action, []);
    }
    const prefixes = new Set([...theirs.keys(), ...ours.keys()].map(servicePrefix));
    for (const prefix of [...prefixes].sort()) {
      comparisons.push(
        compareActions(
          catalog,
          "trailscraper-generate",
          `${c.expected} ${prefix}`,
          [...ours.keys()].filter((a) => servicePrefix(a) === prefix),
          [...theirs.keys()].filter((a) => servicePrefix(a) === prefix),
        ),
      );
    }
    for (const [action, resources] of theirs) {
      if (!resources.every((r) => r === "*")) continue;
      const [name] = canonicalActions(catalog, [action]);
      starCases.push({ file: c.expected, action: name!, ours: ours.get(name!) ?? [] });
    }
  }
  const result = reconcile(comparisons, KNOWN_DIFFERENCES, "trailscraper-generate");
  console.log(summaryLine("trailscraper expected/*.generate.json (per file and service)", result));

  // "*" is right for actions without resource-level support, and for the few whose resource types
  // are all optional and that the call did not name (mapping/action-resources.ts).
  const wildcardOnly = (action: string) => {
    const [service, name] = splitActionName(action);
    return (catalog.action(service, name)?.isWildcardOnly ?? false) || WILDCARD_WHEN_UNNAMED.has(action);
  };
  const shared = starCases.filter((s) => s.ours.length > 0);
  const specific = shared.filter((s) => s.ours.every((r) => r !== "*"));
  const noArn = starCases.filter((s) => s.ours.length === 0);
  console.log(
    `trailscraper grants "*" for ${starCases.length} (file, action) pairs; we grant ${shared.length} of them: ` +
      `${specific.length} on named ARNs, ${shared.length - specific.length} on "*" (no resource-level support); ` +
      `${noArn.length} we do not grant (no ARN in the event, or another action name): reported as Unmapped`,
  );
  for (const s of specific) console.log(`  ${s.file}: ${s.action} on ${[...new Set(s.ours)].sort().join(", ")}`);

  it("compares all four outputs", () => {
    expect([...results.keys()]).toEqual(CASES.map((c) => c.expected));
  });

  it("every disagreement is fixed or listed in known-differences.ts", () => {
    expect(result.unlisted.map(rowSource)).toEqual([]);
  });

  it("every listed difference still reads as the table says", () => {
    expect(result.changed.map(({ now }) => rowSource(now))).toEqual([]);
  });

  it("every listed difference still occurs", () => {
    expect(result.stale.map((row) => row.case)).toEqual([]);
  });

  it('where trailscraper grants "*", we name ARNs unless the action has no resource-level support', () => {
    const widened = shared
      .filter((s) => s.ours.includes("*") && !wildcardOnly(s.action))
      .map((s) => `${s.file}: ${s.action}`);
    expect(widened).toEqual([]);
  });

  it("we never grant an action on \"*\" that could name a resource", () => {
    const all = [...results.values()].flat().flatMap((m) => m.permissions);
    expect(all.filter((p) => p.resource === "*" && !wildcardOnly(p.action)).map((p) => p.action)).toEqual([]);
  });

  it("nothing we could not map is dropped: each unmapped call is reported with its reason", () => {
    const unmapped = [...results.entries()].flatMap(([file, mapped]) =>
      mapped.flatMap((m) => m.unmapped.map((u) => `${file}: ${u.eventSource} ${u.eventName}: ${u.reason}`)),
    );
    console.log(`unmapped calls (reported, not granted):\n  ${[...new Set(unmapped)].join("\n  ")}`);
    const reasons = [...results.values()].flat().flatMap((m) => m.unmapped.map((u) => u.reason as unknown));
    expect(reasons.filter((r) => typeof r !== "string" || r.trim() === "")).toEqual([]);
  });
});
