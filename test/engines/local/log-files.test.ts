import { execFileSync } from "node:child_process";
import { linkSync, symlinkSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { deliveryDay, findLogFiles } from "../../../src/engines/local/log-files.js";
import { UsageError } from "../../../src/usage-error.js";
import { ACCOUNT, deliveryKey, recordsGzip, writeFile } from "../../support/trail.js";
import { scratchDir } from "./scratch.js";

// readdir is wrapped so that a test can make one directory unreadable: the tests run as root in CI,
// where chmod 000 does not stop a read.
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, readdir: vi.fn(actual.readdir) };
});

const ALL = { since: null, until: null };

function tree(): string {
  const root = scratchDir();
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
    const empty = scratchDir();
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

describe("findLogFiles on links and odd entries", () => {
  const body = recordsGzip([]);

  it("follows symbolic links to files and to directories", async () => {
    const root = scratchDir();
    const elsewhere = scratchDir();
    writeFile(root, "real/a.json.gz", body);
    writeFile(elsewhere, "shared/b.json.gz", body);
    writeFile(elsewhere, "c.json.gz", body);
    symlinkSync(path.join(elsewhere, "shared"), path.join(root, "linked-dir"));
    symlinkSync(path.join(elsewhere, "c.json.gz"), path.join(root, "linked-file.json.gz"));
    const { files } = await findLogFiles([root], ALL);
    expect(files.map((file) => path.relative(root, file))).toEqual(["linked-dir/b.json.gz", "linked-file.json.gz", "real/a.json.gz"]);
  });

  it("ends a link back to an ancestor instead of walking it forever, and reads each real file once", async () => {
    const root = scratchDir();
    writeFile(root, "logs/2026/a.json.gz", body);
    symlinkSync(root, path.join(root, "logs/2026/loop")); // logs/2026/loop/logs/2026/loop/...
    symlinkSync(path.join(root, "logs"), path.join(root, "again"));
    symlinkSync(path.join(root, "logs/2026/a.json.gz"), path.join(root, "logs/alias.json.gz"));
    linkSync(path.join(root, "logs/2026/a.json.gz"), path.join(root, "logs/hard.json.gz"));
    const list = await findLogFiles([root, path.join(root, "logs")], ALL);
    expect(list.files).toHaveLength(1);
    expect(list.found).toBe(1);
    expect(list.unreadable).toEqual([]);
  });

  it("names a broken link and a FIFO named like logs, and never opens the FIFO", async () => {
    const root = scratchDir();
    writeFile(root, "a.json.gz", body);
    symlinkSync(path.join(root, "gone.json.gz"), path.join(root, "dangling.json.gz"));
    symlinkSync(path.join(root, "gone"), path.join(root, "dangling-notes.txt")); // not a log: no word
    execFileSync("mkfifo", [path.join(root, "pipe.json")]);
    const list = await findLogFiles([root], ALL);
    expect(list.files.map((file) => path.basename(file))).toEqual(["a.json.gz"]);
    expect(list.unreadable.map((entry) => [path.basename(entry.path), entry.reason])).toEqual([
      ["dangling.json.gz", expect.stringMatching(/^broken symbolic link \(no such file or directory\)$/)],
      ["pipe.json", "not a regular file or directory"],
    ]);
  });

  it("refuses a FIFO given as --logs in one line", async () => {
    const root = scratchDir();
    const fifo = path.join(root, "events.json");
    execFileSync("mkfifo", [fifo]);
    await expect(findLogFiles([fifo], ALL)).rejects.toThrow(new UsageError(`--logs ${fifo}: not a regular file or directory`));
  });

  it("names a directory it cannot list and reads the rest; refuses --logs itself when it cannot be listed", async () => {
    const root = scratchDir();
    writeFile(root, "open/a.json.gz", body);
    writeFile(root, "locked/b.json.gz", body);
    const locked = path.join(root, "locked");
    const denied = Object.assign(new Error(`EACCES: permission denied, scandir '${locked}'`), { code: "EACCES" });
    const readdir = vi.mocked(fsPromises.readdir);
    readdir.mockImplementation((async (directory: string, options?: unknown) => {
      if (directory === locked) throw denied;
      const actual = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");
      return actual.readdir(directory, options as { withFileTypes: true });
    }) as typeof fsPromises.readdir);
    onTestFinished(() => readdir.mockRestore());
    const list = await findLogFiles([root], ALL);
    expect(list.files.map((file) => path.relative(root, file))).toEqual(["open/a.json.gz"]);
    expect(list.unreadable).toEqual([{ path: locked, reason: "directory not readable: permission denied" }]);
    await expect(findLogFiles([locked], ALL)).rejects.toThrow(new UsageError(`--logs ${locked}: permission denied`));
  });
});
