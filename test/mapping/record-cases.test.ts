import { describe, expect, it } from "vitest";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { WILDCARD_WHEN_UNNAMED } from "../../src/mapping/action-resources.js";
import { ARN_BUILDERS } from "../../src/mapping/arn-builders.js";
import { RESOURCES_NOT_IN_EVENT } from "../../src/mapping/action-resources.js";
import { PARAMETER_ARN_ROWS, type ParameterArnRow } from "../../src/mapping/arns/parameter-arn-table.js";
import {
  ACTION_EXCEPTIONS,
  CONDITIONAL_ACTIONS,
  OPERATIONS_WITHOUT_ACTION,
  stripVersionSuffix,
  UNDETERMINED_ACTIONS,
} from "../../src/mapping/event-actions.js";
import { arnFormatPattern } from "../../src/iam/arn.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { mapUsage, servicePrefixesFor } from "../../src/mapping/map-usage.js";
import { hostOf, SERVICE_PREFIX_EXCEPTIONS, servicePrefixOf } from "../../src/mapping/service-prefix.js";
import { FEATURE_RULES } from "../../src/mapping/request-features.js";
import { DEPENDENT_ACTIONS } from "../../src/mapping/dependent-actions.js";
import {
  ACTION_CASES, ALL_CASES, APIGATEWAY_CASES, ARN_CASES, DEPENDENT_CASES, FEATURE_CASES, PARAMETER_ARN_CASES, type RecordCase, RENAMED_CASES, SERVICE_PREFIX_CASES, TAG_ON_CREATE_CASES,
} from "./record-cases.js";

// Spec by example: one CloudTrail record in, actions and ARNs (with how each was derived) out.
const catalog = await loadIamCatalog(servicePrefixesFor(ALL_CASES.map((c) => c.row)));

const title = (c: RecordCase) => `${c.row.eventSource} ${c.row.eventName} ${JSON.stringify(c.row.parameters)}`;
const sorted = <T>(list: readonly T[]) => [...list].map((x) => JSON.stringify(x)).sort();

function check(c: RecordCase): void {
  const explanation = explainRow(c.row, catalog);
  if (c.actions !== undefined) expect(explanation.actions.map((a) => a.action)).toEqual(c.actions);
  if (c.grants !== undefined) {
    const grants = explanation.actions.flatMap((a) =>
      a.unmapped === null ? a.resources.map((resource) => [a.action, resource, a.resourcesVia]) : [],
    );
    expect(sorted(grants)).toEqual(sorted(c.grants));
  }
  const unmapped = mapUsage([c.row], catalog).unmapped.map((u) => [u.action, u.reason]);
  if (c.unmapped !== undefined) expect(sorted(unmapped)).toEqual(sorted(c.unmapped));
  else if (c.grants !== undefined) expect(unmapped).toEqual([]);
  // Every emitted action exists in iam-data.
  for (const permission of mapUsage([c.row], catalog).permissions) {
    const [service, name] = permission.action.split(":") as [string, string];
    expect(catalog.action(service, name)?.name, permission.action).toBe(name);
  }
}

describe("service prefix exceptions", () => {
  it.each(SERVICE_PREFIX_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("action exceptions", () => {
  it.each(ACTION_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("renamed and undetermined actions", () => {
  it.each(RENAMED_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("tag-on-create", () => {
  it.each(TAG_ON_CREATE_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("dependent actions (DEPENDENT_ACTIONS)", () => {
  it.each(DEPENDENT_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("request features (FEATURE_RULES)", () => {
  it.each(FEATURE_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("ARN builders", () => {
  it.each(ARN_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("table-driven ARNs (PARAMETER_ARN_ROWS)", () => {
  it.each(PARAMETER_ARN_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("API Gateway routes", () => {
  it.each(APIGATEWAY_CASES.map((c) => [title(c), c] as const))("%s", (_, c) => check(c));
});

describe("the cases cover every table row", () => {
  const operations = new Set(ALL_CASES.map((c) => `${servicePrefixOf(c.row.eventSource)}:${stripVersionSuffix(c.row.eventName)}`));

  it("every SERVICE_PREFIX_EXCEPTIONS row", () => {
    const hosts = new Set(ALL_CASES.map((c) => hostOf(c.row.eventSource)));
    expect(Object.keys(SERVICE_PREFIX_EXCEPTIONS).filter((host) => !hosts.has(host))).toEqual([]);
  });

  it("every ACTION_EXCEPTIONS and UNDETERMINED_ACTIONS row", () => {
    const rows = [...Object.keys(ACTION_EXCEPTIONS), ...Object.keys(UNDETERMINED_ACTIONS)];
    expect(rows.filter((row) => !operations.has(row))).toEqual([]);
  });

  it("every CONDITIONAL_ACTIONS row, with and without its condition", () => {
    const granted = (c: RecordCase, action: string) => (c.grants ?? []).some(([a]) => a === action);
    const missing = Object.entries(CONDITIONAL_ACTIONS).filter(([key, row]) => {
      const cases = ALL_CASES.filter((c) => `${servicePrefixOf(c.row.eventSource)}:${c.row.eventName}` === key);
      return !cases.some((c) => granted(c, row.action)) || !cases.some((c) => c.grants !== undefined && !granted(c, row.action));
    });
    expect(missing.map(([key]) => key)).toEqual([]);
  });

  it("every FEATURE_RULES row: each flag in some call, each call with some flag, needing the rule's action", () => {
    const needs = (c: RecordCase, action: string) => (c.actions ?? []).includes(action) || (c.grants ?? []).some(([a]) => a === action);
    const exercised = (key: string, flag: string, action: string) =>
      ALL_CASES.some((c) => `${servicePrefixOf(c.row.eventSource)}:${c.row.eventName}` === key && c.row.parameters[flag] === "true" && needs(c, action));
    const missing = FEATURE_RULES.flatMap((rule) => [
      ...rule.when.filter((flag) => !rule.calls.some((key) => exercised(key, flag, rule.needs))).map((flag) => `${flag} -> ${rule.needs}`),
      ...rule.calls.filter((key) => !rule.when.some((flag) => exercised(key, flag, rule.needs))).map((key) => `${key} -> ${rule.needs}`),
    ]);
    expect(missing).toEqual([]);
  });

  it("every RESOURCES_NOT_IN_EVENT and OPERATIONS_WITHOUT_ACTION row, with its reason", () => {
    const reasons = ALL_CASES.flatMap((c) => (c.unmapped ?? []).map(([action, reason]) => `${action} ${reason}`));
    const rows = [...Object.entries(RESOURCES_NOT_IN_EVENT), ...Object.entries(OPERATIONS_WITHOUT_ACTION)];
    expect(rows.filter(([action, why]) => !reasons.some((r) => r.startsWith(`${action} `) && r.endsWith(why))).map(([a]) => a)).toEqual([]);
  });

  it("every PARAMETER_ARN_ROWS row, with an ARN it built", () => {
    const viaOf = (row: ParameterArnRow): string => {
      if (row.from === "caller") return "the calling IAM user";
      if (row.from === "account") return "the account's own";
      if (row.from === "created") return "created by the call";
      if (row.from === "unnamed") return "scoped pattern";
      return `requestParameters.${row.from.parameter}${row.from.field === undefined ? "" : `[].${row.from.field}`}`;
    };
    const built = (row: ParameterArnRow) =>
      ALL_CASES.some((c) =>
        (c.grants ?? []).some(([action, arn, via]) => {
          const [service, name] = action.split(":") as [string, string];
          if (service !== row.service || (row.only !== undefined && !row.only.includes(name))) return false;
          if (!via.split(" + ").includes(viaOf(row)) && !via.split(" + ").some((part) => part.startsWith(viaOf(row)))) return false;
          if (row.resourceType === "*") return true;
          const format = catalog.resourceArnFormat(row.service, row.resourceType);
          return format !== undefined && arnFormatPattern(format).test(arn);
        }),
      );
    expect(PARAMETER_ARN_ROWS.filter((row) => !built(row)).map((row) => `${row.service} ${row.resourceType} ${JSON.stringify(row.from)}`)).toEqual([]);
  });

  it("every DEPENDENT_ACTIONS row, each call giving each action it needs, marked implied", () => {
    const missing = DEPENDENT_ACTIONS.flatMap((rule) =>
      rule.calls.flatMap((key) =>
        rule.needs.filter(
          (needed) =>
            !ALL_CASES.some(
              (c) =>
                `${servicePrefixOf(c.row.eventSource)}:${c.row.eventName}` === key &&
                explainRow(c.row, catalog).actions.some((a) => a.action === needed && a.implied !== undefined),
            ),
        ).map((needed) => `${key} -> ${needed}`),
      ),
    );
    expect(missing).toEqual([]);
    // A row that grants names where: only rows whose actions are always reported may leave it out.
    expect(DEPENDENT_ACTIONS.filter((rule) => rule.on === undefined && rule.notInEvent === undefined).map((rule) => rule.calls.join(" "))).toEqual([]);
  });

  it("every WILDCARD_WHEN_UNNAMED action", () => {
    expect([...WILDCARD_WHEN_UNNAMED].filter((action) => !operations.has(action))).toEqual([]);
  });

  it("every ARN builder, with an ARN it built", () => {
    const built = new Set(
      ALL_CASES.flatMap((c) => (c.grants ?? []).filter(([, resource]) => resource !== "*").map(([action]) => action.split(":")[0])),
    );
    expect(Object.keys(ARN_BUILDERS).filter((service) => !built.has(service))).toEqual([]);
  });

  it("every request parameter the engine selects, in a call to its own eventSource", () => {
    const used = new Set(ALL_CASES.flatMap((c) => Object.keys(c.row.parameters).map((name) => `${c.row.eventSource} ${name}`)));
    const selected = Object.entries(PARAMETER_SELECTION.parameters).flatMap(([source, names]) => names.map((name) => `${source} ${name}`));
    expect(selected.filter((entry) => !used.has(entry))).toEqual([]);
  });
});
