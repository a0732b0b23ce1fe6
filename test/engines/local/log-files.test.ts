import path from "node:path";
import { describe, expect, it } from "vitest";
import { deliveryDay, findLogFiles } from "../../../src/engines/local/log-files.js";
import { UsageError } from "../../../src/usage-error.js";
import { ACCOUNT, deliveryKey, recordsGzip, tempDir, writeFile } from "../../support/trail.js";

const ALL = { since: null, until: null };

function tree(): string {
  const root = tempDir();
  const body = recordsGzip([]);
  writeFile(root, deliveryKey(ACCOUNT, "us-east-1", "2026-11-01"), body);
  writeFile(root, deliveryKey(ACCOUNT, "eu-west-1", "2026-11-03"), body);
  writeFile(root, deliveryKey("444455556666", "us-east-1", "2026-11-05", "OrgTrailFile0001", "o-abc123def4"), body);
  writeFile(root, `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2026/11/01/${ACCOUNT}_CloudTrail-Digest_us-east-1_x_20261101T1005Z.json.gz`, body);
  writeFile(root, `AWSLogs/${ACCOUNT}/CloudTrail-Insight/us-east-1/2026/11/01/${ACCOUNT}_CloudTrail-Insight_us-east-1_20261101T1005Z_x.json.gz`, body);
  writeFile(root, "exports/lake.json", "{}\n");
  writeFile(root, "README.txt", "not a log");
  return root;
}

describe("findLogFiles", () => {
  it("finds delivery files of account and organization trails, and skips digest and insight files", async () => {
    const root = tree();
    const { files } = await findLogFiles([root], ALL);
    expect(files.map((file) => path.relative(root, file))).toEqual([
      "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/03/111122223333_CloudTrail_eu-west-1_20261103T1005Z_AbCdEfGhIjKlMnOp.json.gz",
      "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/111122223333_CloudTrail_us-east-1_20261101T1005Z_AbCdEfGhIjKlMnOp.json.gz",
      "AWSLogs/o-abc123def4/444455556666/CloudTrail/us-east-1/2026/11/05/444455556666_CloudTrail_us-east-1_20261105T1005Z_OrgTrailFile0001.json.gz",
      "exports/lake.json",
    ]);
  });

  it("prunes files by the date in their path, keeping a day of delivery margin", async () => {
    const root = tree();
    const window = { since: new Date("2026-11-03T00:00:00Z"), until: new Date("2026-11-04T00:00:00Z") };
    const list = await findLogFiles([root], window);
    expect(list.files.map((file) => path.basename(file))).toEqual([
      "111122223333_CloudTrail_eu-west-1_20261103T1005Z_AbCdEfGhIjKlMnOp.json.gz",
      "lake.json", // no date in its path: always read, eventTime decides
    ]);
    expect(list.pruned).toBe(2);
    const narrow = await findLogFiles([root], { since: new Date("2026-11-02T12:00:00Z"), until: null });
    expect(narrow.files.map((file) => path.basename(file))).toContain(
      "111122223333_CloudTrail_us-east-1_20261101T1005Z_AbCdEfGhIjKlMnOp.json.gz",
    );
  });

  it("accepts single files and globs", async () => {
    const root = tree();
    const single = path.join(root, "exports/lake.json");
    expect((await findLogFiles([single], ALL)).files).toEqual([single]);
    const glob = await findLogFiles([path.join(root, "AWSLogs/*/CloudTrail/us-east-1/**/*.json.gz")], ALL);
    expect(glob.files).toHaveLength(1);
    expect(glob.files[0]).toContain("us-east-1_20261101");
  });

  it("names the input at fault", async () => {
    const root = tree();
    await expect(findLogFiles([path.join(root, "nope")], ALL)).rejects.toThrow(UsageError);
    await expect(findLogFiles([path.join(root, "nope")], ALL)).rejects.toThrow(/^--logs .*nope: no such file or directory$/);
    const empty = tempDir();
    await expect(findLogFiles([empty], ALL)).rejects.toThrow(/no CloudTrail log files/);
    await expect(findLogFiles([path.join(root, "**/*.parquet")], ALL)).rejects.toThrow(/matches no file/);
  });
});

describe("deliveryDay", () => {
  it("reads the day from the S3 layout or the file name", () => {
    expect(deliveryDay("/x/2026/11/05/f.json.gz")?.toISOString()).toBe("2026-11-05T00:00:00.000Z");
    expect(deliveryDay("/flat/111122223333_CloudTrail_us-east-1_20230710T1145Z_7xgo.json.gz")?.toISOString()).toBe(
      "2023-07-10T00:00:00.000Z",
    );
    expect(deliveryDay("/x/events.json")).toBeNull();
  });
});
