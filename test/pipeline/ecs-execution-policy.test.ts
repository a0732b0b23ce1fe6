import { describe, expect, it } from "vitest";
import type { EncryptionMetadata } from "../../src/ecs/kms-keys.js";
import { parseTaskDefinition } from "../../src/ecs/task-definition.js";
import { executionPolicies, readTaskReferences, type EncryptionMetadataReader } from "../../src/pipeline/ecs-execution-policy.js";

const ACCOUNT = "111122223333";
const SHARED = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:shared/api-key-AbC123`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111aaaa-0000-0000-0000-000000000000`;

const task = (family: string, role: string, secrets: object[]) =>
  parseTaskDefinition(
    {
      taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${family}:1`,
      family,
      revision: 1,
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
      containerDefinitions: [{ name: family, image: "nginx", secrets }],
    },
    `${family}.json`,
  );

describe("executionPolicies", () => {
  it("reads each secret's metadata once, and gives the answer to every role that reads the secret", async () => {
    const asked: string[][] = [];
    const readMetadata: EncryptionMetadataReader = async (references) => {
      asked.push(references.map((r) => (r.kind === "secretsmanager" ? r.secretId : r.name)));
      return references.map((reference): EncryptionMetadata => ({ reference, found: true, keyId: KEY, parameterType: null }));
    };
    const result = await executionPolicies(
      readTaskReferences([task("a", "a-execution", [{ name: "K", valueFrom: `${SHARED}:key::` }]), task("b", "b-execution", [{ name: "K", valueFrom: SHARED }])], {}),
      { kmsKeys: [], readMetadata },
    );
    expect(asked).toEqual([[SHARED]]);
    for (const role of result.roles) {
      expect(role.document.Statement.find((s) => s.Action.includes("kms:Decrypt")), role.role.name).toMatchObject({
        Resource: [KEY],
        Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com"] } },
      });
      expect(role.notes).toEqual([]);
      expect(role.comparison).toBeNull();
    }
  });

  it("task definitions without an execution role are returned apart, with their note", async () => {
    const orphan = parseTaskDefinition({ family: "batch", containerDefinitions: [{ name: "job", image: "nginx" }] }, "batch.json");
    const result = await executionPolicies(readTaskReferences([orphan], {}), { kmsKeys: [] });
    expect(result.roles).toEqual([]);
    expect(result.skipped.map((s) => s.task.family)).toEqual(["batch"]);
    expect(result.notes.map((n) => n.text)).toEqual([expect.stringMatching(/^batch\.json: no executionRoleArn: skipped/)]);
  });

  it("an execution role with nothing to grant is warned about: IAM rejects an empty policy", async () => {
    const result = await executionPolicies(readTaskReferences([task("web", "web-execution", [])], {}), { kmsKeys: [] });
    expect(result.roles[0]!.document.Statement).toEqual([]);
    expect(result.roles[0]!.notes).toEqual([
      { level: "warning", text: "web-execution: its task definitions need no execution role permission; the policy has no statement (IAM rejects an empty policy: detach instead)" },
    ]);
  });
});
