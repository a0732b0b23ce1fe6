import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { NAME_SAMPLE, TEMPLATES_PER_CALL, type NameReduction, type UsageSource } from "../../../src/engines/engine.js";
import { scanLocalLogs } from "../../../src/engines/local/local-engine.js";
import type { TimeWindow } from "../../../src/engines/time-window.js";
import type { ParameterSelection } from "../../../src/engines/usage-row.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, userEvent, writeFile } from "../../support/trail.js";
import { scratchDir } from "./scratch.js";

const SELECTION: ParameterSelection = {
  parameters: {
    "s3.amazonaws.com": ["bucketName", "x-amz-copy-source"],
    "dynamodb.amazonaws.com": ["tableName", "indexName"],
    "ssm.amazonaws.com": ["name", "names"],
  },
  objectKey: { "s3.amazonaws.com": "key" },
  lists: ["names"],
  folders: ["x-amz-copy-source"],
  arnPrefixes: [],
};
const ALL = { since: null, until: null };
const TASK_ARN = `arn:aws:iam::${ACCOUNT}:role/ecs/payments-service-task`;

const open: UsageSource[] = [];
afterEach(() => {
  while (open.length > 0) open.pop()?.close();
});

async function scan(logs: string[], window: TimeWindow = ALL, names: NameReduction = "shapes"): Promise<UsageSource> {
  const source = await scanLocalLogs({ logs, window, selection: SELECTION, names });
  open.push(source);
  return source;
}

const getItem = (time: string) =>
  roleEvent("ecs/payments-service-task", "dynamodb.amazonaws.com", "GetItem", {
    eventTime: time,
    requestParameters: { tableName: "payments", key: { id: { S: time } } },
    resources: [{ accountId: ACCOUNT, type: "AWS::DynamoDB::Table", ARN: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/payments` }],
  });

describe("scanLocalLogs input layouts", () => {
  const events = [getItem("2026-11-02T10:00:00Z"), getItem("2026-11-02T11:00:00Z"), getItem("2026-11-02T12:00:00Z")];
  const layouts: Record<string, Buffer | string> = {
    "delivery.json.gz": recordsGzip(events),
    "delivery.json": JSON.stringify({ Records: events }),
    "pretty.json": JSON.stringify({ Records: events }, null, 2),
    "pretty.json.gz": gzipSync(JSON.stringify({ Records: events }, null, 2)),
    "lake-export.json": events.map((event) => JSON.stringify(event)).join("\n") + "\n",
    "lake-export.json.gz": gzipSync(events.map((event) => JSON.stringify(event)).join("\n")),
    "array.json": JSON.stringify(events),
  };

  it.each(Object.keys(layouts))("reads %s", async (name) => {
    const root = scratchDir();
    writeFile(root, name, layouts[name]!);
    const source = await scan([root]);
    expect(source.report).toMatchObject({ events: 3, filesRead: 1, skipped: [] });
    const rows = await source.usage([TASK_ARN]);
    expect(rows).toEqual([
      {
        principal: TASK_ARN,
        principalType: "AssumedRole",
        eventSource: "dynamodb.amazonaws.com",
        eventName: "GetItem",
        region: "us-east-1",
        account: ACCOUNT,
        errorCode: null,
        invokedBy: null,
        resources: [{ arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/payments`, type: "AWS::DynamoDB::Table", accountId: ACCOUNT }],
        parameters: { tableName: "payments" },
        objectKeys: null,
        count: 3,
        firstSeen: "2026-11-02T10:00:00Z",
        lastSeen: "2026-11-02T12:00:00Z",
        eventId: "evt-1",
      },
    ]);
  });
});

describe("scanLocalLogs aggregation", () => {
  it("groups by principal, call, error and resource, keeping the role path from the session issuer", async () => {
    const root = scratchDir();
    writeFile(
      root,
      deliveryKey(ACCOUNT, "us-east-1", "2026-11-02"),
      recordsGzip([
        getItem("2026-11-02T10:00:00Z"),
        { ...getItem("2026-11-02T10:01:00Z"), errorCode: "AccessDenied", errorMessage: "User is not authorized" },
        roleEvent("ecs/payments-service-task", "ssm.amazonaws.com", "GetParameters", {
          requestParameters: { names: ["/payments/db-host", "/payments/db-port"], withDecryption: true },
        }),
        userEvent("deploy-bot", "ecs.amazonaws.com", "UpdateService", { eventTime: "2026-11-02T09:00:00Z" }),
      ]),
    );
    const source = await scan([root]);
    const principals = await source.principals();
    expect(principals.map((p) => [p.principal, p.principalType, p.calls, p.errors, p.services])).toEqual([
      [TASK_ARN, "AssumedRole", 3, 1, ["dynamodb.amazonaws.com", "ssm.amazonaws.com"]],
      [`arn:aws:iam::${ACCOUNT}:user/deploy-bot`, "IAMUser", 1, 0, ["ecs.amazonaws.com"]],
    ]);
    const rows = await source.usage([TASK_ARN]);
    expect(rows.map((row) => [row.eventName, row.errorCode, row.count, row.parameters])).toEqual([
      ["GetItem", "AccessDenied", 1, { tableName: "payments" }],
      ["GetItem", null, 1, { tableName: "payments" }],
      ["GetParameters", null, 1, { names: ["/payments/db-host", "/payments/db-port"] }],
    ]);
  });

  it("keeps one event per row for a reviewer: the smallest eventID by code point, as Athena's min picks it", async () => {
    const root = scratchDir();
    const withId = (eventID: string | undefined, time: string) => {
      const event: Record<string, unknown> = { ...getItem(time), eventID };
      if (eventID === undefined) delete event.eventID;
      return event;
    };
    // U+FF5E sorts before U+1F600 by code point (and UTF-8 bytes), after it by UTF-16 code unit.
    writeFile(root, "ids.json", JSON.stringify({ Records: [withId("\u{1F600}", "2026-11-02T10:00:00Z"), withId("\uFF5E", "2026-11-02T11:00:00Z"), withId("", "2026-11-02T12:00:00Z"), withId(undefined, "2026-11-02T13:00:00Z")] }));
    writeFile(root, "none.json", JSON.stringify({ Records: [{ ...withId(undefined, "2026-11-02T14:00:00Z"), awsRegion: "eu-west-1" }] }));
    const rows = await (await scan([root])).usage([TASK_ARN]);
    expect(rows.map((row) => [row.region, row.count, row.eventId])).toEqual([
      ["eu-west-1", 1, undefined],
      ["us-east-1", 4, "\uFF5E"],
    ]);
    expect("eventId" in rows[0]!).toBe(false);
  });

  it("picks the smallest eventID by its text when lowercase UUIDs (kept as UUIDs) and other text meet in one row", async () => {
    const root = scratchDir();
    const event = (eventID: string, region: string, hour: number) => ({ ...getItem(`2026-11-02T${String(hour).padStart(2, "0")}:00:00Z`), eventID, awsRegion: region });
    writeFile(root, "ids.json", JSON.stringify({ Records: [
      // Either side of a UUID's top bit, where a signed 128-bit order would put 8... first.
      event("80000000-0000-4000-8000-000000000000", "eu-west-1", 1),
      event("7fffffff-ffff-4fff-bfff-ffffffffffff", "eu-west-1", 2),
      // An uppercase UUID is text ('9' < 'a'); so is a UUID in braces ('{' > 'f').
      event("a1000000-0000-4000-8000-000000000000", "us-east-1", 3),
      event("9ABCDEF0-0000-4000-8000-000000000000", "us-east-1", 4),
      event("{00000000-0000-4000-8000-000000000000}", "us-west-2", 5),
      event("f0000000-0000-4000-8000-000000000000", "us-west-2", 6),
    ] }));
    const rows = await (await scan([root])).usage([TASK_ARN]);
    expect(rows.map((row) => [row.region, row.eventId])).toEqual([
      ["eu-west-1", "7fffffff-ffff-4fff-bfff-ffffffffffff"],
      ["us-east-1", "9ABCDEF0-0000-4000-8000-000000000000"],
      ["us-west-2", "f0000000-0000-4000-8000-000000000000"],
    ]);
  });

  it("reduces S3 object keys to their shapes: per template the names, calls, first and last use, extremes and smallest names", async () => {
    const root = scratchDir();
    const object = (key: string, eventTime: string) =>
      roleEvent("ecs/payments-service-task", "s3.amazonaws.com", "GetObject", {
        eventTime,
        eventCategory: "Data",
        requestParameters: { bucketName: "receipts", key, Host: "receipts.s3.us-east-1.amazonaws.com" },
        resources: [
          { type: "AWS::S3::Object", ARN: `arn:aws:s3:::receipts/${key}` },
          { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::receipts" },
        ],
      });
    const events = [object("config/app.json", "2026-11-02T10:00:00Z"), object("config/app.json", "2026-11-04T10:00:00Z"), object("config/db.json", "2026-11-02T11:00:00Z")];
    const uuids = Array.from({ length: 8 }, (_, i) => `${String(i).repeat(8)}-aaaa-4bbb-8ccc-${String(i).repeat(12)}`);
    uuids.forEach((id, i) => events.push(object(`uploads/${id}/original.jpg`, `2026-11-0${2 + (i % 3)}T12:00:00Z`)));
    writeFile(root, "f.json.gz", recordsGzip(events));
    const rows = await (await scan([root])).usage([TASK_ARN]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(11);
    expect(rows[0]!.objectKeys).toEqual({
      distinct: 10,
      exact: false,
      shapes: [
        { template: "config/app.json", names: 1, calls: 2, firstSeen: "2026-11-02T10:00:00Z", lastSeen: "2026-11-04T10:00:00Z", min: "config/app.json", max: "config/app.json", sample: ["config/app.json"] },
        { template: "config/db.json", names: 1, calls: 1, firstSeen: "2026-11-02T11:00:00Z", lastSeen: "2026-11-02T11:00:00Z", min: "config/db.json", max: "config/db.json", sample: ["config/db.json"] },
        {
          template: "uploads/{#}/original.jpg",
          names: 8,
          calls: 8,
          firstSeen: "2026-11-02T12:00:00Z",
          lastSeen: "2026-11-04T12:00:00Z",
          min: `uploads/${uuids[0]}/original.jpg`,
          max: `uploads/${uuids[7]}/original.jpg`,
          sample: uuids.slice(0, NAME_SAMPLE).map((id) => `uploads/${id}/original.jpg`),
        },
      ],
    });

    // An exact scan keeps every name apart, for a replay of each call.
    const exact = await (await scan([root], ALL, "exact")).usage([TASK_ARN]);
    expect(exact[0]!.objectKeys!.distinct).toBe(10);
    expect(exact[0]!.objectKeys!.shapes.map((shape) => [shape.template, shape.names, shape.min])).toEqual([
      ["config/app.json", 1, "config/app.json"],
      ["config/db.json", 1, "config/db.json"],
      ...uuids.map((id) => ["uploads/{#}/original.jpg", 1, `uploads/${id}/original.jpg`]),
    ]);
  });

  it("keeps a bounded number of templates per call and folds the rest by first path segment", async () => {
    const root = scratchDir();
    const object = (key: string) =>
      roleEvent("ecs/payments-service-task", "s3.amazonaws.com", "PutObject", {
        eventCategory: "Data",
        requestParameters: { bucketName: "docs", key },
        resources: [{ accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::docs" }],
      });
    // Hand-named files: each its own template.
    const keys = Array.from({ length: TEMPLATES_PER_CALL + 30 }, (_, i) => `${i % 2 === 0 ? "team" : "people"}/${"report".repeat(1 + (i % 7))}-${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}.pdf`);
    writeFile(root, "f.json.gz", recordsGzip(keys.map(object)));
    const [row] = await (await scan([root])).usage([TASK_ARN]);
    const shapes = row!.objectKeys!.shapes;
    expect(row!.objectKeys!.distinct).toBe(keys.length);
    expect(shapes.filter((shape) => shape.template !== null)).toHaveLength(TEMPLATES_PER_CALL);
    const folded = shapes.filter((shape) => shape.template === null);
    expect(folded.map((shape) => shape.min.split("/")[0])).toEqual(["people", "team"].filter((scope) => folded.some((f) => f.min.startsWith(scope))));
    expect(shapes.reduce((sum, shape) => sum + shape.names, 0)).toBe(keys.length);
    for (const shape of folded) expect(shape.max.split("/")[0]).toBe(shape.min.split("/")[0]);
  });

  it("keeps only the folder of a copy source, so that copies of many objects stay one row", async () => {
    const root = scratchDir();
    const copy = (source: string) =>
      roleEvent("ecs/payments-service-task", "s3.amazonaws.com", "CopyObject", {
        requestParameters: { bucketName: "archive", key: `copies/${source}`, "x-amz-copy-source": source },
      });
    writeFile(
      root,
      "f.json.gz",
      recordsGzip([copy("inbox/2026/11/a.pdf"), copy("inbox/2026/11/b.pdf?versionId=3HL4kqtJlcpXroDTDmJ"), copy("flat.pdf")]),
    );
    const rows = await (await scan([root])).usage([TASK_ARN]);
    expect(rows.map((row) => [row.parameters["x-amz-copy-source"], row.count])).toEqual([
      ["inbox/2026/11/", 2],
      [undefined, 1], // "flat.pdf" names no folder: left for the mapping to report
    ]);
  });

  it("filters on eventTime inside the files it reads", async () => {
    const root = scratchDir();
    writeFile(root, "f.json.gz", recordsGzip([getItem("2026-11-01T23:59:59Z"), getItem("2026-11-02T00:00:00Z"), getItem("2026-11-02T23:00:00Z")]));
    const source = await scan([root], { since: new Date("2026-11-02T00:00:00Z"), until: new Date("2026-11-02T23:00:00Z") });
    const rows = await source.usage([TASK_ARN]);
    expect(rows.map((row) => [row.count, row.firstSeen, row.lastSeen])).toEqual([[1, "2026-11-02T00:00:00Z", "2026-11-02T00:00:00Z"]]);
    expect(source.report.events).toBe(3); // read, then filtered: none of the files is reported as unreadable
    expect(source.report.skipped).toEqual([]);
  });

  it("survives events of any shape", async () => {
    const root = scratchDir();
    const huge = "x".repeat(20 * 1024 * 1024);
    writeFile(
      root,
      "odd.json.gz",
      recordsGzip([
        { ...getItem("2026-11-02T10:00:00Z"), responseElements: { blob: huge } },
        { ...getItem("2026-11-02T10:00:00Z"), requestParameters: "not an object", errorCode: 42 },
        { ...getItem("2026-11-02T10:00:00Z"), userIdentity: null },
        { ...getItem("2026-11-02T10:00:00Z"), userIdentity: { type: "AssumedRole", sessionContext: { sessionIssuer: [1, 2] } } },
        { ...getItem("2026-11-02T10:00:00Z"), resources: "table", awsRegion: { odd: true } },
        { eventVersion: "1.0", eventTime: "2014-01-01T00:00:00Z", eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances" },
        { ...getItem("not a time") },
        roleEvent("ecs/payments-service-task", "ssm.amazonaws.com", "GetParameters", { requestParameters: { names: "/one" } }),
        roleEvent("ecs/payments-service-task", "ssm.amazonaws.com", "GetParameters", { requestParameters: { names: [{ odd: 1 }], name: ["x"] } }),
        roleEvent("ecs/payments-service-task", "ssm.amazonaws.com", "GetParameter", { requestParameters: { name: { nested: "object" } } }),
      ]),
    );
    const source = await scan([root]);
    expect(source.report).toMatchObject({ events: 10, skipped: [] });
    const principals = await source.principals();
    expect(principals.reduce((sum, p) => sum + p.calls, 0)).toBe(10);
    const rows = await source.usage([TASK_ARN]);
    expect(rows.map((row) => row.errorCode)).toContain("42");
  });
});

describe("scanLocalLogs bad files", () => {
  it("skips, names and counts unreadable files and reads the rest", async () => {
    const root = scratchDir();
    const good = recordsGzip([getItem("2026-11-02T10:00:00Z")]);
    const dir = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02";
    writeFile(root, `${dir}/a-good.json.gz`, good);
    writeFile(root, `${dir}/b-truncated-gzip.json.gz`, good.subarray(0, good.length - 20));
    writeFile(root, `${dir}/c-truncated-json.json.gz`, gzipSync(JSON.stringify({ Records: [getItem("2026-11-02T10:00:00Z")] }).slice(0, 300)));
    writeFile(root, `${dir}/d-not-gzip.json.gz`, "plain text, not gzip");
    writeFile(root, `${dir}/e-not-cloudtrail.json.gz`, gzipSync(JSON.stringify({ configurationItems: [] })));
    writeFile(root, `${dir}/f-empty-records.json.gz`, recordsGzip([]));
    writeFile(root, `${dir}/g-garbage-gzip.json.gz`, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe, 0xfd, 0xfc]));
    const source = await scan([root]);
    expect(source.report.events).toBe(1);
    expect(source.report.filesRead).toBe(2);
    expect(source.report.skipped.map((file) => [path.basename(file.path), file.reason])).toEqual([
      ["b-truncated-gzip.json.gz", expect.stringMatching(/corrupt gzip data/)],
      ["c-truncated-json.json.gz", expect.stringMatching(/JSON|truncated/)],
      ["d-not-gzip.json.gz", "not a gzip file"],
      ["e-not-cloudtrail.json.gz", "not CloudTrail: no Records array and no events"],
      ["g-garbage-gzip.json.gz", expect.stringMatching(/corrupt gzip data/)],
    ]);
    expect(await source.usage([TASK_ARN])).toHaveLength(1);
  });
});

describe("scanLocalLogs on real CloudTrail", () => {
  it("reads the invictus dataset: 2,900 events from 55 delivery files", async () => {
    const source = await scan(["../shared/datasets/invictus_aws_dataset"]);
    expect(source.report.events).toBe(2900);
    expect(source.report.filesRead).toBe(55);
    // stats.json sits beside the logs: named and skipped, not read as CloudTrail
    expect(source.report.skipped.map((file) => path.basename(file.path))).toEqual(["stats.json"]);
    const principals = await source.principals();
    expect(principals.reduce((sum, p) => sum + p.calls, 0)).toBe(2900);
    const roles = principals.filter((p) => p.principal.includes(":role/"));
    expect(roles).toHaveLength(9);
  });

  it("reads the stratus detonation logs with their made-up regions", async () => {
    const source = await scan(["../shared/datasets/stratus_detonation_logs/*.json.gz"]);
    expect(source.report.events).toBe(310);
    expect(source.report.skipped).toEqual([]);
  });
});

describe("observedCalls", () => {
  it("lists every call seen from any principal, failed ones too, once each and sorted", async () => {
    const root = scratchDir();
    const denied = roleEvent("ecs/payments-service-task", "s3.amazonaws.com", "PutObject", {
      eventTime: "2026-11-02T10:05:00Z",
      errorCode: "AccessDenied",
      requestParameters: { bucketName: "receipts", key: "a" },
    });
    const user = userEvent("alice", "sqs.amazonaws.com", "ListQueues", { eventTime: "2026-11-02T10:06:00Z" });
    writeFile(root, "a.json.gz", recordsGzip([getItem("2026-11-02T10:00:00Z"), getItem("2026-11-02T10:01:00Z"), denied, user]));
    const source = await scan([root]);
    expect(await source.observedCalls()).toEqual([
      { eventSource: "dynamodb.amazonaws.com", eventName: "GetItem" },
      { eventSource: "s3.amazonaws.com", eventName: "PutObject" },
      { eventSource: "sqs.amazonaws.com", eventName: "ListQueues" },
    ]);
  });
});
