import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileSafeName, roleFileBaseCandidates, roleFileBases, writeFileAtomic, writeFilesAtomic } from "../../src/cli/output-files.js";
import { parseRoleArn, type RoleArn } from "../../src/engines/role-selection.js";
import { UsageError } from "../../src/usage-error.js";
import { scratchDir } from "../support/scratch-dir.js";

const roles = (...arns: string[]): RoleArn[] => arns.map((arn) => parseRoleArn(arn)!);
const bases = (...arns: string[]) => [...roleFileBases(roles(...arns)).values()];

// What generate --out writes for a base, and what drift reads.
const SUFFIXES = [".json", "-2.json", "-3.json", ".tf", ".trust.json"];

describe("roleFileBases", () => {
  it("names files after the role, without its path, prefixing the account only when names clash", () => {
    expect(bases("arn:aws:iam::111122223333:role/ecs/api-task", "arn:aws:iam::444455556666:role/api-task", "arn:aws:iam::111122223333:role/ecs/worker-task")).toEqual([
      "111122223333-api-task",
      "444455556666-api-task",
      "worker-task",
    ]);
  });

  it("keeps every valid IAM role name as it is", () => {
    const name = "Svc+=,.@_-Role".padEnd(64, "x");
    expect(bases(`arn:aws:iam::111122223333:role/${name}`, "arn:aws:iam::111122223333:role/a.b")).toEqual([name, "a.b"]);
  });

  it("gives roles of the same account and name in two partitions a file each", () => {
    expect(bases("arn:aws:iam::111122223333:role/api-task", "arn:aws-cn:iam::111122223333:role/api-task", "arn:aws-us-gov:iam::111122223333:role/api-task")).toEqual([
      "aws-111122223333-api-task",
      "aws-cn-111122223333-api-task",
      "aws-us-gov-111122223333-api-task",
    ]);
  });

  it("makes any name from a log a plain, short file name, the same each time, two names never one", () => {
    const hostile = [
      "nul\u0000role",
      "nul\u0001role",
      "..",
      ".hidden",
      "ctl\u001b[31m\u202erole",
      "L".repeat(300),
      `${"L".repeat(299)}M`,
      "CON",
      "lpt1.x",
      "日本",
      "a\\b:c*d?e\"f<g>h|i",
    ];
    const arns = hostile.map((name) => `arn:aws:iam::111122223333:role/${name}`);
    const names = bases(...arns);
    expect(names).toEqual(bases(...arns));
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(hostile.length);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9+=,@_-][A-Za-z0-9+=,.@_~-]*$/);
      expect(name.length).toBeLessThanOrEqual(100);
      expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
    }
    expect(names[0]).toMatch(/^nul_role~[0-9a-f]{8}$/);
  });

  it("tells apart names a case-insensitive file system would not", () => {
    expect(bases("arn:aws:iam::111122223333:role/Api", "arn:aws:iam::444455556666:role/api")).toEqual(["111122223333-Api", "444455556666-api"]);
  });

  it("never lets a role's base be another role's split or trust file", () => {
    const names = bases("arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:role/app-2", "arn:aws:iam::111122223333:role/app.trust", "arn:aws:iam::111122223333:role/web-2");
    expect(names[0]).toBe("app");
    expect(names[1]).toMatch(/^app-2~[0-9a-f]{8}$/);
    expect(names[2]).toMatch(/^app\.trust~[0-9a-f]{8}$/);
    expect(names[3]).toBe("web-2");
    const files = names.flatMap((base) => SUFFIXES.map((suffix) => `${base}${suffix}`.toLowerCase()));
    expect(new Set(files).size).toBe(files.length);
  });

  it("lists every base a role may get, for a reader that knows fewer roles than the writer did, its own hashed names first", () => {
    const all = roles(
      "arn:aws:iam::111122223333:role/api-task",
      "arn:aws-cn:iam::111122223333:role/api-task",
      "arn:aws:iam::444455556666:role/api-task",
      "arn:aws:iam::111122223333:role/app",
      "arn:aws:iam::111122223333:role/app-2",
    );
    const written = roleFileBases(all);
    for (const role of all) expect(roleFileBaseCandidates(role)).toContain(written.get(role.arn));
    // Read alone, app-2 must find its own file before app's second part, app-2.json.
    const app2 = roleFileBaseCandidates(all[4]!);
    expect(app2.indexOf(written.get(all[4]!.arn)!)).toBeLessThan(app2.indexOf("app-2"));
    expect(app2.at(-1)).toBe("app-2");
  });
});

describe("fileSafeName", () => {
  it("is the name itself when readable, else a cleaned name, `~` and a hash of the original", () => {
    expect(fileSafeName("payments-service-task")).toBe("payments-service-task");
    expect(fileSafeName("a/../b")).toMatch(/^a_.._b~[0-9a-f]{8}$/);
    expect(fileSafeName("😀")).toMatch(/^_~[0-9a-f]{8}$/);
  });
});

describe("writeFilesAtomic", () => {
  it("writes every file into the directory it creates, and no temporary file stays", async () => {
    const dir = path.join(scratchDir(), "nested", "out");
    await writeFilesAtomic("--out", dir, [
      { name: "a.json", text: "{}\n" },
      { name: "b.json", text: "[]\n" },
    ]);
    expect(readdirSync(dir).sort()).toEqual(["a.json", "b.json"]);
    expect(readFileSync(path.join(dir, "b.json"), "utf8")).toBe("[]\n");
  });

  it("replaces nothing when one file cannot be written, and says which", async () => {
    const dir = scratchDir();
    writeFileSync(path.join(dir, "a.json"), "old\n");
    // A name within roleFileBases' limits never fails so; a directory of 4,000-character paths could.
    const refused = `${"x".repeat(300)}.json`;
    const writing = writeFilesAtomic("--out", dir, [
      { name: "a.json", text: "new\n" },
      { name: refused, text: "new\n" },
    ]);
    await expect(writing).rejects.toThrow(UsageError);
    await expect(writing).rejects.toThrow(`--out: cannot write ${path.join(dir, refused)} (the file system refuses a name this long, ENAMETOOLONG)`);
    expect(readFileSync(path.join(dir, "a.json"), "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["a.json"]);
  });

  it("says what is in the way of a file", async () => {
    const dir = scratchDir();
    mkdirSync(path.join(dir, "b.json"));
    await expect(writeFilesAtomic("--out", dir, [{ name: "b.json", text: "new\n" }])).rejects.toThrow(
      `--out: cannot write ${path.join(dir, "b.json")} (a directory of that name is in the way, EISDIR)`,
    );
    expect(readdirSync(dir)).toEqual(["b.json"]);
  });

  it("names the flag and the directory when --out is a file", async () => {
    const file = path.join(scratchDir(), "out");
    writeFileSync(file, "");
    await expect(writeFilesAtomic("--out", file, [{ name: "a.json", text: "{}\n" }])).rejects.toThrow(`--out ${file}: cannot create the directory (a file is in the way, EEXIST)`);
  });

  it("refuses, before writing anything, two files of one name or a name that is a path: a bug in naming them", async () => {
    const dir = scratchDir();
    await expect(writeFilesAtomic("--out", dir, [{ name: "a.json", text: "" }, { name: "A.json", text: "" }])).rejects.toThrow(/two output files would be named "a.json" and "A.json"/);
    await expect(writeFilesAtomic("--out", dir, [{ name: "../a.json", text: "" }])).rejects.toThrow(/not a plain file name/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("writeFileAtomic", () => {
  it("creates the directory and leaves no temporary file behind", async () => {
    const dir = path.join(scratchDir(), "nested", "out");
    await writeFileAtomic(path.join(dir, "a.json"), "{}\n");
    expect(readdirSync(dir)).toEqual(["a.json"]);
    expect(readFileSync(path.join(dir, "a.json"), "utf8")).toBe("{}\n");
  });

  it("is a usage error naming the file when it cannot write, and leaves no temporary file", async () => {
    const dir = scratchDir();
    mkdirSync(path.join(dir, "report.json"));
    await expect(writeFileAtomic(path.join(dir, "report.json"), "{}\n")).rejects.toThrow(`cannot write ${path.join(dir, "report.json")} (a directory of that name is in the way, EISDIR)`);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });
});
