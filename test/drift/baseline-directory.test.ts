import path from "node:path";
import { describe, expect, it } from "vitest";
import { readBaselineDirectory } from "../../src/drift/baseline-directory.js";
import { parseRoleArn, type RoleArn } from "../../src/engines/role-selection.js";
import { roleFileBaseChoices, roleFileBases } from "../../src/cli/output-files.js";
import { tempDir, writeFile } from "../support/trail.js";

const role = (arn: string) => parseRoleArn(arn) as RoleArn;
const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
const read = (dir: string, roles: RoleArn[]) => readBaselineDirectory(dir, roles, roleFileBaseChoices(roles));

describe("readBaselineDirectory", () => {
  it("reads each role's files as generate --out names them, split parts in order", () => {
    const dir = tempDir();
    writeFile(dir, "app.json", POLICY);
    writeFile(dir, "app-2.json", POLICY);
    writeFile(dir, "app.trust.json", "{}");
    writeFile(dir, "other.json", POLICY);
    const app = role("arn:aws:iam::111122223333:role/ecs/app");
    const baselines = read(dir, [app]);
    expect(baselines.get(app.arn)?.policies.map((p) => p.source)).toEqual([path.join(dir, "app.json"), path.join(dir, "app-2.json")]);
  });

  it("finds the account-prefixed name generate gives a role name two accounts share", () => {
    const dir = tempDir();
    writeFile(dir, "444455556666-app.json", POLICY);
    const app = role("arn:aws:iam::444455556666:role/app");
    expect(read(dir, [app]).get(app.arn)?.policies).toHaveLength(1);
  });

  it("finds each role's own file wherever generate, given more roles, qualified its name", () => {
    const dir = tempDir();
    // generate was given the same account and name in two partitions, and roles whose names clash
    // with a split file: every one of them got its own base.
    const written = [
      role("arn:aws:iam::111122223333:role/app"),
      role("arn:aws-cn:iam::111122223333:role/app"),
      role("arn:aws:iam::111122223333:role/svc"),
      role("arn:aws:iam::111122223333:role/svc-2"),
    ];
    const bases = roleFileBases(written);
    written.forEach((r, i) => writeFile(dir, `${bases.get(r.arn)}.json`, POLICY.replace("b/*", `b${i}/*`)));
    // drift is given one role at a time: each reads its own file, not a same-named neighbour's.
    written.forEach((r, i) => {
      const [policy] = read(dir, [r]).get(r.arn)?.policies ?? [];
      expect(JSON.stringify(policy?.document)).toContain(`b${i}/*`);
    });
  });

  it("names the role and the directory when a role has no file, and the file when it is not a policy", () => {
    const dir = tempDir();
    writeFile(dir, "broken.json", '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Actions": "s3:*"}]}');
    expect(() => read(dir, [role("arn:aws:iam::111122223333:role/missing")])).toThrow(`--baseline ${dir}: no policy file for role missing`);
    expect(() => read(dir, [role("arn:aws:iam::111122223333:role/broken")])).toThrow(`--baseline ${path.join(dir, "broken.json")}: Statement[0] has unknown element Actions`);
    writeFile(dir, "text.json", "not json");
    expect(() => read(dir, [role("arn:aws:iam::111122223333:role/text")])).toThrow(/text\.json: not valid JSON/);
    expect(() => read(path.join(dir, "nope"), [role("arn:aws:iam::111122223333:role/text")])).toThrow(/no such directory/);
  });
});
