import { describe, expect, it } from "vitest";
import { selectionOfSources } from "../../../src/engines/local/present-sources.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import { roleEvent, writeFile } from "../../support/trail.js";
import { scanned, scratchDir } from "./scratch.js";

describe("a small scan's request-parameter CASEs, narrowed to the sources the logs name", () => {
  it("keep every field of the selection for those sources and drop the rest", () => {
    const narrowed = selectionOfSources(PARAMETER_SELECTION, new Set(["s3.amazonaws.com", "not-a-service.example.com"]));
    expect(Object.keys(narrowed.parameters)).toEqual(["s3.amazonaws.com"]);
    expect(narrowed.parameters["s3.amazonaws.com"]).toEqual(PARAMETER_SELECTION.parameters["s3.amazonaws.com"]);
    expect(narrowed.objectKey).toEqual({ "s3.amazonaws.com": PARAMETER_SELECTION.objectKey["s3.amazonaws.com"] });
    expect(Object.keys(narrowed.objectKeyResources ?? {})).toEqual(Object.keys(PARAMETER_SELECTION.objectKeyResources ?? {}).filter((source) => source === "s3.amazonaws.com"));
    expect([narrowed.lists, narrowed.folders, narrowed.arnPrefixes, narrowed.flags, narrowed.nested]).toEqual([
      PARAMETER_SELECTION.lists,
      PARAMETER_SELECTION.folders,
      PARAMETER_SELECTION.arnPrefixes,
      PARAMETER_SELECTION.flags,
      PARAMETER_SELECTION.nested,
    ]);
  });

  it("find a source however the JSON writes it: an escaped key or value reads as the scan reads it", async () => {
    const root = scratchDir();
    const get = (key: string) =>
      roleEvent("ecs/docs-task", "s3.amazonaws.com", "GetObject", {
        eventCategory: "Data",
        requestParameters: { bucketName: "docs", key, Host: "docs.s3.us-east-1.amazonaws.com" },
        resources: [{ type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::docs" }],
      });
    // The only S3 events in these logs name their source with JSON escapes, in the key and the value.
    const escaped = JSON.stringify({ Records: [get("reports/2026/a.csv"), get("reports/2026/b.csv")] }).replaceAll(
      '"eventSource":"s3.amazonaws.com"',
      '"event\\u0053ource":"s3.amazonaws\\u002ecom"',
    );
    expect(escaped).toContain("\\u0053ource");
    writeFile(root, "escaped.json", escaped);
    const source = await scanned([root], { selection: PARAMETER_SELECTION });
    const rows = await source.usage((await source.principals()).map((p) => p.principal));
    expect(rows.map((row) => [row.eventSource, row.eventName, row.parameters, row.objectKeys?.distinct])).toEqual([
      ["s3.amazonaws.com", "GetObject", { bucketName: "docs" }, 2],
    ]);
  });
});
