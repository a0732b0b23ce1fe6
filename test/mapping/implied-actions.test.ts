import { describe, expect, it } from "vitest";
import { loadIamCatalog, splitActionName } from "../../src/iam/catalog.js";
import { IMPLIED_ACTIONS, impliedBy } from "../../src/mapping/implied-actions.js";
import { whyUnobservable } from "../../src/mapping/unobservable-actions.js";

const triggers = IMPLIED_ACTIONS.map((row) => row.trigger);
const implied = IMPLIED_ACTIONS.flatMap((row) => row.implies);
const catalog = await loadIamCatalog([...triggers, ...implied].map((action) => splitActionName(action)[0]));

/** A trail that records every data event type: what whyUnobservable still names is never recorded. */
class EveryDataEventType extends Set<string> {
  override has(): boolean {
    return true;
  }
}

describe("IMPLIED_ACTIONS", () => {
  it("names triggers and implied actions that exist in iam-data, in canonical casing", () => {
    for (const action of [...triggers, ...implied]) {
      const [service, name] = splitActionName(action);
      expect(catalog.action(service, name)?.name, action).toBe(name);
    }
  });

  it("never implies an action that is itself a trigger, so expansion cannot loop", () => {
    const triggerNames = new Set(triggers.map((t) => t.toLowerCase()));
    for (const action of implied) expect(triggerNames.has(action.toLowerCase()), action).toBe(false);
  });

  it("has one row per trigger, each implying something other than itself", () => {
    expect(new Set(triggers.map((t) => t.toLowerCase())).size).toBe(triggers.length);
    for (const row of IMPLIED_ACTIONS) {
      expect(row.implies.length, row.trigger).toBeGreaterThan(0);
      expect(row.implies.map((a) => a.toLowerCase()), row.trigger).not.toContain(row.trigger.toLowerCase());
    }
  });

  it("gives every row a reason and an AWS source", () => {
    for (const row of IMPLIED_ACTIONS) {
      expect(row.why.trim(), row.trigger).not.toBe("");
      expect(row.source.trim(), row.trigger).not.toBe("");
    }
  });

  it("implies only actions the unobservable table says CloudTrail never records, whatever the trail logs", () => {
    const everything = new EveryDataEventType();
    for (const action of implied) expect(whyUnobservable(action, everything), action).not.toBeNull();
  });
});

describe("impliedBy", () => {
  it("finds the rows of a CloudTrail call: logs:PutLogEvents beside logs:CreateLogStream", () => {
    expect(impliedBy("logs:CreateLogStream").flatMap((row) => row.implies)).toEqual(["logs:PutLogEvents"]);
    expect(impliedBy("xray:GetSamplingTargets").flatMap((row) => row.implies)).toEqual(["xray:GetSamplingRules"]);
  });

  it("matches the action case-insensitively, as IAM does", () => {
    expect(impliedBy("logs:createlogstream")).toEqual(impliedBy("logs:CreateLogStream"));
    expect(impliedBy("LOGS:CREATELOGSTREAM")).toHaveLength(1);
  });

  it("returns nothing for calls that imply nothing, or are themselves the implied call", () => {
    expect(impliedBy("logs:CreateLogGroup")).toEqual([]);
    expect(impliedBy("logs:PutLogEvents")).toEqual([]);
    expect(impliedBy("s3:GetObject")).toEqual([]);
  });
});
