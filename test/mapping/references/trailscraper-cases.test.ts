/**
 * Our action names against trailscraper's for every (eventSource, eventName) case of its own tests
 * (`../shared/peers/trailscraper/mapping-cases.json`). A case agrees when both name the same actions
 * and iam-data has every one of them; every other case is a row of known-differences.ts.
 */
import { describe, expect, it } from "vitest";
import { loadIamCatalog } from "../../../src/iam/catalog.js";
import { actionNamesFor } from "../../../src/mapping/event-actions.js";
import { servicePrefixOf } from "../../../src/mapping/service-prefix.js";
import { KNOWN_DIFFERENCES } from "./known-differences.js";
import { PEERS_PRESENT, compareActions, reconcile, rowSource, summaryLine, trailscraperCases } from "./peers.js";

describe.skipIf(!PEERS_PRESENT)("trailscraper mapping-cases.json", async () => {
  const catalog = await loadIamCatalog();
  const cases = PEERS_PRESENT ? trailscraperCases() : [];
  const comparisons = cases.map((c) =>
    compareActions(
      catalog,
      "trailscraper-cases",
      `${c.eventSource} ${c.eventName}`,
      actionNamesFor(servicePrefixOf(c.eventSource), c.eventName),
      c.trailscraper_actions ?? [],
    ),
  );
  const result = reconcile(comparisons, KNOWN_DIFFERENCES, "trailscraper-cases");
  console.log(summaryLine("trailscraper mapping-cases.json", result));

  it("reads all 40 cases", () => {
    expect(cases.length).toBe(40);
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
