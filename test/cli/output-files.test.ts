import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { roleFileBases, writeFileAtomic } from "../../src/cli/output-files.js";
import { parseRoleArn } from "../../src/engines/role-selection.js";
import { tempDir } from "../support/trail.js";

describe("roleFileBases", () => {
  it("names files after the role, without its path, prefixing the account only when names clash", () => {
    const roles = [
      "arn:aws:iam::111122223333:role/ecs/api-task",
      "arn:aws:iam::444455556666:role/api-task",
      "arn:aws:iam::111122223333:role/ecs/worker-task",
    ].map((arn) => parseRoleArn(arn)!);
    expect([...roleFileBases(roles).values()]).toEqual(["111122223333-api-task", "444455556666-api-task", "worker-task"]);
  });
});

describe("writeFileAtomic", () => {
  it("creates the directory and leaves no temporary file behind", async () => {
    const dir = path.join(tempDir(), "nested", "out");
    await writeFileAtomic(path.join(dir, "a.json"), "{}\n");
    expect(readdirSync(dir)).toEqual(["a.json"]);
    expect(readFileSync(path.join(dir, "a.json"), "utf8")).toBe("{}\n");
  });
});
