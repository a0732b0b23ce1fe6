import { describe, expect, it } from "vitest";
import { classify } from "../../../src/engines/local/log-format.js";

describe("classify", () => {
  it.each([
    ['{"Records":[{"eventVersion":"1.08"}]}', "records-line"],
    ['{"Records":[{"eventVersion":"1.08"}]}\n', "records-line"],
    ['\uFEFF  {"Records":[]}', "records-line"],
    ['{\n  "Records": [\n    {\n', "records-document"],
    ['{"eventVersion":"1.09","eventSource":"s3.amazonaws.com"}\n{"eventVersion":"1.09"}\n', "event-lines"],
    ['[{"eventVersion":"1.09"}]', "event-array"],
  ])("reads %j as %s", (head, layout) => {
    expect(classify(head, 100)).toEqual({ layout, bytes: 100 });
  });

  it.each([
    ["", "empty file"],
    ["hello", "not JSON"],
    ['{"configurationItems":[]}', "not CloudTrail: no Records array and no events"],
    ['{\n  "eventVersion": "1.09",\n  "eventSource": "s3.amazonaws.com"\n}', "a pretty-printed event: expected one event per line or a Records array"],
  ])("skips %j: %s", (head, reason) => {
    expect(classify(head, 100)).toEqual({ layout: "skip", reason });
  });
});
