/**
 * iam:PassRole for an EC2 instance profile, end to end: the profile's role is in another
 * principal's AddRoleToInstanceProfile, which the one scan returns beside the role's own rows,
 * and generate and explain grant PassRole on that role, conditioned on ec2.amazonaws.com, with the
 * local engine and with Athena alike (EC2 User Guide, "IAM roles for Amazon EC2", Permissions
 * required to launch an instance with a role).
 */
import { rmSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runOnAthena } from "../engines/athena/run-on-athena.js";
import { type InProcessResult, run } from "../support/run-cli.js";
import { ACCOUNT, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

// The web-profile trail and generate's answer over it, made once for the tests that read them.
let webTrail: string | undefined;
let webGenerate: Promise<InProcessResult> | undefined;
afterAll(() => {
  if (webTrail !== undefined) rmSync(webTrail, { recursive: true, force: true });
});

function webProfileTrail(): string {
  webTrail ??= writeTrail("web-profile");
  return webTrail;
}

function generateOverWebProfile(): Promise<InProcessResult> {
  webGenerate ??= run("generate", "--logs", webProfileTrail(), "--role", "ops/deployer", "--since", "all", "--quiet");
  return webGenerate;
}

/** The trail below in a folder of its own, removed after the test. */
function trail(launchProfile: string): string {
  const root = writeTrail(launchProfile);
  dirs.push(root);
  return root;
}

/** A platform admin puts web-role in web-profile; the deployer launches an instance, associates and replaces with profiles. */
function writeTrail(launchProfile: string): string {
  const root = tempDir();
  try {
    writeRecords(root, launchProfile);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return root;
}

function writeRecords(root: string, launchProfile: string): void {
  const at = (minute: number) => ({ eventTime: `2026-11-02T10:${String(minute).padStart(2, "0")}:00Z`, eventID: `evt-${minute}` });
  writeFile(
    root,
    "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/trail.json.gz",
    recordsGzip([
      roleEvent("platform/admin", "iam.amazonaws.com", "CreateInstanceProfile", { ...at(1), requestParameters: { instanceProfileName: "web-profile", path: "/" } }),
      roleEvent("platform/admin", "iam.amazonaws.com", "AddRoleToInstanceProfile", { ...at(2), requestParameters: { instanceProfileName: "web-profile", roleName: "web-role" } }),
      // A failed AddRoleToInstanceProfile put nothing in the profile.
      roleEvent("platform/admin", "iam.amazonaws.com", "AddRoleToInstanceProfile", {
        ...at(3),
        errorCode: "AccessDenied",
        requestParameters: { instanceProfileName: "web-profile", roleName: "admin-role" },
      }),
      roleEvent("ops/deployer", "ec2.amazonaws.com", "RunInstances", {
        ...at(4),
        requestParameters: { instancesSet: { items: [{ imageId: "ami-0abc", minCount: 1, maxCount: 1 }] }, iamInstanceProfile: { name: launchProfile } },
      }),
      roleEvent("ops/deployer", "ec2.amazonaws.com", "AssociateIamInstanceProfile", {
        ...at(5),
        requestParameters: {
          AssociateIamInstanceProfileRequest: { InstanceId: "i-0abc", IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/web-profile` } },
        },
      }),
    ]),
  );
}

const PASS_WEB_ROLE = {
  Effect: "Allow",
  Action: ["iam:PassRole"],
  Resource: [`arn:aws:iam::${ACCOUNT}:role/*/web-role`, `arn:aws:iam::${ACCOUNT}:role/web-role`],
  Condition: { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com"] } },
};

type Statement = { Action: string | string[]; Resource: string | string[]; Condition?: unknown };
const passRoleStatements = (stdout: string) =>
  (JSON.parse(stdout) as { Statement: Statement[] }).Statement.filter((s) => [s.Action].flat().includes("iam:PassRole"));

describe("iam:PassRole on an instance profile's role", () => {
  it("generate grants PassRole on the role another principal added to the profile, for ec2.amazonaws.com", async () => {
    const result = await generateOverWebProfile();
    expect(result.code, result.stderr).toBe(0);
    const statements = passRoleStatements(result.stdout);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject(PASS_WEB_ROLE);
    // Nothing of the admin's calls is the deployer's: no iam:AddRoleToInstanceProfile, not the denied admin-role.
    expect(result.stdout).not.toMatch(/AddRoleToInstanceProfile|CreateInstanceProfile|admin-role/);
  });

  it("explain names the AddRoleToInstanceProfile it took the role from", async () => {
    const result = await run("explain", "--logs", webProfileTrail(), "--role", "ops/deployer", "--since", "all", "--quiet");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/instance profile web-profile\) -> AddRoleToInstanceProfile in the trail/);
    expect(result.stdout).not.toMatch(/holds no AddRoleToInstanceProfile/);
  });

  it("keeps reporting a profile the trail holds no AddRoleToInstanceProfile for, with why", async () => {
    const result = await run("explain", "--logs", trail("legacy-profile"), "--role", "ops/deployer", "--since", "all", "--quiet");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/instance profile legacy-profile, and the trail read holds no AddRoleToInstanceProfile for it/);
  });

  it("Athena's one query finds the same role and prints the same policy", async () => {
    const local = await generateOverWebProfile();
    const athena = await runOnAthena(webProfileTrail(), "generate", "--role", "ops/deployer", "--since", "all", "--quiet");
    expect(athena.code, athena.stderr).toBe(0);
    expect(athena.queries).toBe(1);
    expect(passRoleStatements(athena.stdout)).toEqual(passRoleStatements(local.stdout));
    expect(athena.stdout).toBe(local.stdout);
  });
});
