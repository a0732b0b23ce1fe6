import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCOUNT, recordsGzip, roleEvent, writeFile } from "../../support/trail.js";
import { scanned, scratchDir } from "./scratch.js";

const TASK_ARN = `arn:aws:iam::${ACCOUNT}:role/ecs/payments-service-task`;
const getItem = (eventID: string, eventTime = "2026-11-02T10:00:00Z") =>
  roleEvent("ecs/payments-service-task", "dynamodb.amazonaws.com", "GetItem", { eventID, eventTime, requestParameters: { tableName: "payments" } });

describe("records that are not JSON objects", () => {
  it("are skipped and counted, never events of an (unknown) principal", async () => {
    const root = scratchDir();
    writeFile(root, "delivery.json.gz", recordsGzip([getItem("a"), 1, "text", null, [], true, {}, { unrelated: 1 }]));
    writeFile(root, "array.json", JSON.stringify([getItem("b"), 42, null]));
    writeFile(root, "lines.json", `${JSON.stringify(getItem("c"))}\n7\n"x"\n[]\n`);
    const source = await scanned([root]);
    expect(source.report.events).toBe(3);
    expect(source.report.records?.notEvents).toEqual({
      count: 7 + 2 + 3,
      files: ["array.json", "delivery.json.gz", "lines.json"].map((name) => path.join(root, name)),
    });
    const principals = await source.principals();
    expect(principals.map((p) => [p.principal, p.calls])).toEqual([[TASK_ARN, 3]]);
  });
});

describe("events without a parseable eventTime", () => {
  const logs = () => {
    const root = scratchDir();
    writeFile(root, "a.json.gz", recordsGzip([getItem("dated"), getItem("bad", "yesterday-ish"), { ...getItem("missing"), eventTime: undefined }]));
    writeFile(root, "b.json.gz", recordsGzip([{ ...getItem("numeric"), eventTime: 1_700_000_000 }]));
    return root;
  };

  it("are read without a window, counted and named, with no first or last seen of their own", async () => {
    const root = logs();
    const source = await scanned([root]);
    expect(source.report.records?.undated).toEqual({ count: 3, files: [path.join(root, "a.json.gz"), path.join(root, "b.json.gz")] });
    const [principal] = await source.principals();
    expect(principal).toMatchObject({ calls: 4, firstSeen: "2026-11-02T10:00:00Z", lastSeen: "2026-11-02T10:00:00Z" });
    const rows = await source.usage([TASK_ARN]);
    expect(rows.map((row) => [row.count, row.firstSeen, row.lastSeen])).toEqual([[4, "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z"]]);
  });

  it("cannot be placed in a window: counted and named, left out of it", async () => {
    const source = await scanned([logs()], { window: { since: new Date("2026-01-01T00:00:00Z"), until: null } });
    expect(source.report.records?.undated.count).toBe(3);
    expect(source.report.events).toBe(4);
    expect((await source.principals()).map((p) => p.calls)).toEqual([1]);
  });

  it("print no 'null' anywhere when they are all a principal has", async () => {
    const root = scratchDir();
    writeFile(root, "a.json.gz", recordsGzip([getItem("x", "not a time")]));
    const source = await scanned([root]);
    const [principal] = await source.principals();
    expect(principal).toMatchObject({ calls: 1, firstSeen: "", lastSeen: "" });
    const rows = await source.usage([TASK_ARN]);
    expect(rows.map((row) => [row.count, row.firstSeen, row.lastSeen])).toEqual([[1, "", ""]]);
  });

  it("lie in no hour: a scan by hour (backtest) leaves them out", async () => {
    const source = await scanned([logs()], { byHour: true, names: "exact" });
    expect((await source.principals()).map((p) => p.calls)).toEqual([1]);
  });
});

describe("events dated in the future", () => {
  it("are counted and tallied when more than a day after the scan", async () => {
    const root = scratchDir();
    writeFile(
      root,
      "a.json.gz",
      recordsGzip([getItem("now", "2026-11-23T11:00:00Z"), getItem("tomorrow", "2026-11-24T11:00:00Z"), getItem("far", "2099-01-01T00:00:00Z")]),
    );
    const source = await scanned([root], { now: new Date("2026-11-23T12:00:00Z") });
    expect(source.report.records?.future).toEqual({ count: 1, files: [path.join(root, "a.json.gz")] });
    expect((await source.principals()).map((p) => [p.calls, p.lastSeen])).toEqual([[3, "2099-01-01T00:00:00Z"]]);
  });
});

describe("the same event delivered twice", () => {
  it("is counted once, and the copies are counted", async () => {
    const root = scratchDir();
    const first = [getItem("e-1", "2026-11-02T10:00:00Z"), getItem("e-2", "2026-11-02T10:05:00Z")];
    writeFile(root, "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/a.json.gz", recordsGzip(first));
    // Redelivered in a later file, beside a new event and two events without an eventID.
    const second = [first[1], getItem("e-3", "2026-11-02T10:06:00Z"), { ...getItem("none"), eventID: undefined }, { ...getItem("none"), eventID: undefined }];
    writeFile(root, "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/b.json.gz", recordsGzip(second));
    const source = await scanned([root]);
    expect(source.report.events).toBe(6); // as the files hold them
    expect(source.report.records?.duplicates).toBe(1);
    expect(source.report.skipped).toEqual([]);
    const rows = await source.usage([TASK_ARN]);
    expect(rows.map((row) => [row.count, row.firstSeen, row.lastSeen])).toEqual([[5, "2026-11-02T10:00:00Z", "2026-11-02T10:06:00Z"]]);
  });

  it("keeps a file whose every event is a copy among the files read", async () => {
    const root = scratchDir();
    writeFile(root, "a.json.gz", recordsGzip([getItem("e-1")]));
    writeFile(root, "copy/a.json.gz", recordsGzip([getItem("e-1")]));
    const source = await scanned([root]);
    expect(source.report).toMatchObject({ filesRead: 2, skipped: [], events: 2, records: { duplicates: 1 } });
    expect((await source.principals()).map((p) => p.calls)).toEqual([1]);
  });

  it("counts events that share an eventID but not the time or the call as the different calls they are", async () => {
    // Generated logs (this project's benchmark and test fixtures among them) reuse IDs.
    const root = scratchDir();
    const other = roleEvent("ecs/payments-service-task", "dynamodb.amazonaws.com", "PutItem", { eventID: "same", requestParameters: { tableName: "payments" } });
    writeFile(root, "a.json.gz", recordsGzip([getItem("same", "2026-11-02T10:00:00Z"), getItem("same", "2026-11-09T10:00:00Z"), other]));
    const source = await scanned([root]);
    expect(source.report.records?.duplicates).toBe(0);
    expect((await source.principals()).map((p) => p.calls)).toEqual([3]);
  });

  it("counts copies only among the events of the window", async () => {
    const root = scratchDir();
    const early = getItem("e-1", "2026-10-01T00:00:00Z");
    writeFile(root, "a.json.gz", recordsGzip([early, early, getItem("e-2", "2026-11-02T10:00:00Z"), getItem("e-2", "2026-11-02T10:00:00Z")]));
    const source = await scanned([root], { window: { since: new Date("2026-11-01T00:00:00Z"), until: null } });
    expect(source.report.records?.duplicates).toBe(1);
    expect((await source.principals()).map((p) => p.calls)).toEqual([1]);
  });
});
