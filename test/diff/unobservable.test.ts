import { describe, expect, it } from "vitest";
import { unobservableGrants } from "../../src/diff/unobservable-grants.js";
import { NEVER_RECORDED, recordedDataEventTypes, whyUnobservable } from "../../src/mapping/unobservable-actions.js";
import { loadActionNames } from "../../src/policy/action-names.js";
import { expandActionPattern } from "../../src/policy/expand-actions.js";

const NONE = new Set<string>();

describe("what CloudTrail does not show", () => {
  it("names every family of calls no trail records, each row with its AWS source", () => {
    for (const action of [
      "execute-api:Invoke",
      "execute-api:ManageConnections",
      "rds-db:connect",
      "es:ESHttpGet",
      "es:ESHttpPost",
      "kafka-cluster:Connect",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
      "neptune-db:ReadDataViaQuery",
      "iot:Publish",
      "iot:Receive",
      "iot:Subscribe",
      "iot:Connect",
      "logs:PutLogEvents",
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
    ]) {
      expect(whyUnobservable(action, NONE), action).not.toBeNull();
    }
    for (const row of NEVER_RECORDED) expect(row.source).toMatch(/Guide, '/);
  });

  it("keeps out what CloudTrail does record: MSK's topic changes, Cognito's GetId, management calls", () => {
    expect(whyUnobservable("kafka-cluster:CreateTopic", NONE)).toBeNull();
    expect(whyUnobservable("kafka-cluster:AlterClusterDynamicConfiguration", NONE)).toBeNull();
    expect(whyUnobservable("cognito-identity:GetId", NONE)).toBeNull();
    expect(whyUnobservable("iot:CreateThing", NONE)).toBeNull();
    expect(whyUnobservable("es:CreateDomain", NONE)).toBeNull();
    expect(whyUnobservable("apigateway:GET", NONE)).toBeNull();
  });

  it("EBS direct block calls and AppConfig configuration fetches are data events: unobservable until the logs show the trail records them", () => {
    expect(whyUnobservable("ebs:GetSnapshotBlock", NONE)).toMatch(/AWS::EC2::Snapshot/);
    expect(whyUnobservable("ebs:StartSnapshot", NONE)).toBeNull(); // a management event
    expect(whyUnobservable("appconfig:GetLatestConfiguration", NONE)).toMatch(/AWS::AppConfig::Configuration/);
    const recorded = recordedDataEventTypes([{ eventSource: "ebs.amazonaws.com", eventName: "PutSnapshotBlock" }]);
    expect(whyUnobservable("ebs:GetSnapshotBlock", recorded)).toBeNull();
  });

  it("every pattern of the table names actions iam-data knows", async () => {
    const services = [...new Set(NEVER_RECORDED.flatMap((row) => [...row.actions, ...(row.except ?? [])]).map((a) => a.slice(0, a.indexOf(":"))))];
    const names = await loadActionNames([...services, "ebs", "appconfig"]);
    for (const row of NEVER_RECORDED) {
      for (const pattern of [...row.actions, ...(row.except ?? [])]) expect(expandActionPattern(pattern, names).length, pattern).toBeGreaterThan(0);
    }
    for (const action of ["ebs:GetSnapshotBlock", "ebs:PutSnapshotBlock", "ebs:ListChangedBlocks", "ebs:ListSnapshotBlocks", "appconfig:GetLatestConfiguration", "appconfig:StartConfigurationSession"]) {
      expect(expandActionPattern(action, names), action).toEqual([action]);
    }
  });

  it("generate --current carries never-logged grants over; a conditional one is reported instead of copied", () => {
    const grant = (action: string, conditional = false) => ({ action, resources: ["*"], conditional, conditionallyDenied: [] });
    // SQS messages are data events this trail is seen to record: an unused SendMessage is plainly unused.
    const result = unobservableGrants([grant("execute-api:Invoke"), grant("rds-db:connect", true), grant("sqs:SendMessage")], new Set(), new Set(["AWS::SQS::Queue"]));
    expect(result.carried).toEqual([{ action: "execute-api:Invoke", resources: ["*"] }]);
    expect(result.uncarried.map((u) => u.action)).toEqual(["rds-db:connect"]);
  });
});
