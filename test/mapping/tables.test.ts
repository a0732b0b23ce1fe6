import { describe, expect, it } from "vitest";
import { loadIamCatalog, splitActionName } from "../../src/iam/catalog.js";
import { WILDCARD_WHEN_UNNAMED } from "../../src/mapping/action-resources.js";
import { ARN_BUILDERS } from "../../src/mapping/arn-builders.js";
import { dependentFolders } from "../../src/mapping/dependent-actions.js";
import { arnFormatPattern } from "../../src/iam/arn.js";
import { APIGATEWAY_ROUTES } from "../../src/mapping/apigateway-routes.js";
import { PARAMETER_ARN_ROWS, VALUE_IS_ARN } from "../../src/mapping/arns/parameter-arn-table.js";
import { ACTION_EXCEPTIONS, CONDITIONAL_ACTIONS, UNDETERMINED_ACTIONS } from "../../src/mapping/event-actions.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { SERVICE_PREFIX_EXCEPTIONS, servicePrefixOf } from "../../src/mapping/service-prefix.js";

// DESIGN.md: every action the tool emits must exist in iam-data. Actions come from the tables
// below (or pass through from CloudTrail and are checked against the catalog at run time).
const catalog = await loadIamCatalog();

describe("every action and service the mapping tables can emit exists in iam-data", () => {
  it("ACTION_EXCEPTIONS targets, in canonical casing", () => {
    const rows = [...Object.entries(ACTION_EXCEPTIONS), ...Object.entries(UNDETERMINED_ACTIONS).map(([k, v]) => [k, { actions: v.candidates }] as const)];
    for (const [event, { actions }] of rows) {
      for (const action of actions) {
        const [service, name] = splitActionName(action);
        expect(catalog.action(service, name)?.name, `${event} -> ${action}`).toBe(name);
      }
    }
  });

  it("CONDITIONAL_ACTIONS: the call's own action and the one it adds", () => {
    for (const [event, { action }] of Object.entries(CONDITIONAL_ACTIONS)) {
      for (const name of [event, action]) expect(catalog.action(...splitActionName(name))?.name, `${event} -> ${name}`).toBe(splitActionName(name)[1]);
    }
  });

  it("ACTION_EXCEPTIONS keys are CloudTrail names, not IAM names (else the row is useless)", () => {
    for (const event of Object.keys(ACTION_EXCEPTIONS)) {
      const [service, name] = splitActionName(event);
      const targets = ACTION_EXCEPTIONS[event]?.actions ?? [];
      if (catalog.action(service, name) !== undefined) expect(targets, event).not.toEqual([event]);
    }
  });

  it("WILDCARD_WHEN_UNNAMED actions, which have only optional resource types", () => {
    for (const action of WILDCARD_WHEN_UNNAMED) {
      const found = catalog.action(...splitActionName(action));
      expect(found?.name, action).toBe(splitActionName(action)[1]);
      expect(found?.resourceTypes.every((t) => !t.required), action).toBe(true);
    }
  });

  it("service prefix exceptions and ARN builder services", () => {
    for (const prefix of [...Object.values(SERVICE_PREFIX_EXCEPTIONS).map((e) => e.prefix), ...Object.keys(ARN_BUILDERS)]) {
      expect(catalog.hasService(prefix), prefix).toBe(true);
    }
  });

  it("eventSources of the parameter selection", () => {
    const sources = [
      ...Object.keys(PARAMETER_SELECTION.parameters),
      ...Object.keys(PARAMETER_SELECTION.objectKey),
    ];
    for (const source of sources) expect(catalog.hasService(servicePrefixOf(source)), source).toBe(true);
  });
});

describe("PARAMETER_SELECTION", () => {
  it("never groups by the high-cardinality name it reduces", () => {
    for (const [source, name] of Object.entries(PARAMETER_SELECTION.objectKey)) {
      expect(PARAMETER_SELECTION.parameters[source] ?? [], source).not.toContain(name);
    }
  });

  it("keeps values that are as many as the calls out of the GROUP BY, unless the engine reduces them to a folder or parent ARN", () => {
    const perCall = ["key", "versionId", "x-amz-copy-source", "uploadId", "partNumber", "messageBody", "item", "executionArn", "task", "tasks"];
    const reduced = [...PARAMETER_SELECTION.folders, ...PARAMETER_SELECTION.arnPrefixes];
    for (const names of Object.values(PARAMETER_SELECTION.parameters)) {
      for (const name of perCall) if (!reduced.includes(name)) expect(names).not.toContain(name);
    }
  });

  it("reduces a Step Functions execution ARN to its state machine", () => {
    expect(PARAMETER_SELECTION.parameters["states.amazonaws.com"]).toContain("executionArn");
    expect(PARAMETER_SELECTION.arnPrefixes).toEqual(["executionArn"]);
  });

  it("reduces the S3 copy source to its folder", () => {
    expect(PARAMETER_SELECTION.parameters["s3.amazonaws.com"]).toContain("x-amz-copy-source");
    // Besides, the object names and S3 URIs of dependent actions (dependent-actions.ts).
    expect(PARAMETER_SELECTION.folders).toEqual(["x-amz-copy-source", ...dependentFolders()]);
  });

  it("declares every list and folder name as a selected parameter", () => {
    const names = new Set(Object.values(PARAMETER_SELECTION.parameters).flat());
    for (const name of [...PARAMETER_SELECTION.lists, ...PARAMETER_SELECTION.folders, ...PARAMETER_SELECTION.arnPrefixes]) expect(names, name).toContain(name);
  });
});

describe("PARAMETER_ARN_ROWS", () => {
  it("names resource types iam-data has, and a variable of their ARN format", () => {
    const wrong = PARAMETER_ARN_ROWS.filter((row) => {
      if (row.resourceType === "*") return row.fills !== VALUE_IS_ARN; // only ARNs can fit "whichever type"
      const format = catalog.resourceArnFormat(row.service, row.resourceType);
      if (format === undefined) return true;
      if (row.fills === VALUE_IS_ARN) return false;
      // "account" rows fill nothing: the format must name nothing but partition, region and account.
      if (row.from === "account") return /\$\{(?!Partition|Region|Account)[^}]+\}/.test(format);
      return !format.includes(`\${${row.fills}}`);
    });
    expect(wrong.map((row) => `${row.service} ${row.resourceType} ${row.fills}`)).toEqual([]);
  });

  it("reads only parameters the engine selects for the service's eventSource", () => {
    const selected = new Set(Object.entries(PARAMETER_SELECTION.parameters).flatMap(([source, names]) => names.map((n) => `${servicePrefixOf(source)} ${n}`)));
    const unread = PARAMETER_ARN_ROWS.flatMap((row) => {
      const names = [typeof row.from === "object" ? row.from.parameter : undefined, row.when?.parameter, row.unless].filter((n) => n !== undefined);
      return names.filter((name) => !selected.has(`${row.service} ${name}`)).map((name) => `${row.service} ${name}`);
    });
    expect(unread).toEqual([]);
  });
});

describe("APIGATEWAY_ROUTES", () => {
  // Paths that are the operation's request path but fit none of the resource types iam-data lists
  // for its verb: the mapping reports them instead of forcing them into one.
  // ExportApi, ImportApi, ReimportApi (v2) and TestInvokeAuthorizer: iam-data lists no resource
  // type of their path (exportedapi, apis, api, authorizer) for their verb (GET, PUT, PUT, POST).
  const MISFITS = ["CreateResource", "ExportApi", "ImportApi", "ReimportApi", "TestInvokeAuthorizer", "TestInvokeMethod"];

  it("every route's path fits iam-data's ARN formats for its verb, but the known misfits", () => {
    const misfits = Object.entries(APIGATEWAY_ROUTES).filter(([, route]) => {
      const action = catalog.action("apigateway", route.verb);
      const patterns = (action?.resourceTypes ?? []).map((t) => arnFormatPattern(catalog.resourceArnFormat("apigateway", t.name) ?? "^$"));
      return route.paths.some((path) => {
        const arn = `arn:aws:apigateway:eu-west-1::${path.replace(/\{[^}]+\}/g, "x")}`;
        return !patterns.some((pattern) => pattern.test(arn));
      });
    });
    expect(misfits.map(([operation]) => operation).sort()).toEqual(MISFITS);
  });
});
