import { describe, expect, it } from "vitest";
import type { Permission } from "../../src/mapping/permission.js";
import type { PolicyCondition } from "../../src/policy/policy-document.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { testCatalog } from "../mapping/fixtures.js";

const catalog = await testCatalog();
const evidence = { count: 1, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-01-01T00:00:00Z" };
const permission = (action: string, resource: string, conditions?: PolicyCondition): Permission => ({
  action,
  resource,
  evidence,
  ...(conditions === undefined ? {} : { conditions }),
});

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/k1";
const OTHER_KEY = "arn:aws:kms:eu-west-1:111122223333:key/k2";
const via = (...services: string[]): PolicyCondition => ({
  StringEquals: { "kms:ViaService": services.map((s) => `${s}.eu-west-1.amazonaws.com`) },
});
const passedTo = (service: string): PolicyCondition => ({ StringEquals: { "iam:PassedToService": [service] } });

describe("synthesize with conditions", () => {
  it("groups by resources and conditions, and names conditional statements by their condition", () => {
    const doc = synthesize(
      [
        permission("kms:Decrypt", KEY, via("s3")),
        permission("kms:GenerateDataKey", KEY, via("s3")),
        permission("kms:Decrypt", OTHER_KEY),
        permission("iam:PassRole", "arn:aws:iam::111122223333:role/task", passedTo("ecs-tasks.amazonaws.com")),
      ],
      catalog,
    );
    expect(doc.Statement).toEqual([
      {
        Sid: "IamWriteToEcsTasks",
        Effect: "Allow",
        Action: ["iam:PassRole"],
        Resource: ["arn:aws:iam::111122223333:role/task"],
        Condition: { StringEquals: { "iam:PassedToService": ["ecs-tasks.amazonaws.com"] } },
      },
      { Sid: "KmsWrite", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [OTHER_KEY] },
      {
        Sid: "KmsWriteViaS3",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: [KEY],
        Condition: { StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } },
      },
    ]);
  });

  it("does not restrict a key used directly: the unconditional grant stands alone", () => {
    const doc = synthesize([permission("kms:Decrypt", KEY, via("s3")), permission("kms:Decrypt", KEY)], catalog);
    expect(doc.Statement).toEqual([{ Sid: "KmsWrite", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KEY] }]);
    // the direct use covers only its own action: another action through S3 keeps its condition
    const mixed = synthesize([permission("kms:GenerateDataKey", KEY, via("s3")), permission("kms:Decrypt", KEY)], catalog);
    expect(mixed.Statement.map((s) => [s.Action, s.Condition])).toEqual([
      [["kms:Decrypt"], undefined],
      [["kms:GenerateDataKey"], via("s3")],
    ]);
  });

  it("lists every service a key is used through in one condition", () => {
    const doc = synthesize([permission("kms:Decrypt", KEY, via("sqs")), permission("kms:Decrypt", KEY, via("s3"))], catalog);
    expect(doc.Statement.map((s) => s.Condition)).toEqual([via("s3", "sqs")]);
  });

  it("is deterministic and independent of input order, conditions included", () => {
    const input = [
      permission("kms:Decrypt", KEY, via("sqs")),
      permission("kms:Decrypt", KEY, via("s3")),
      permission("kms:Encrypt", OTHER_KEY, via("secretsmanager")),
      permission("kms:Decrypt", OTHER_KEY),
      permission("iam:PassRole", "arn:aws:iam::111122223333:role/a", passedTo("lambda.amazonaws.com")),
      permission("iam:PassRole", "arn:aws:iam::111122223333:role/a", passedTo("ecs-tasks.amazonaws.com")),
      permission("iam:PassRole", "arn:aws:iam::111122223333:role/b", passedTo("ecs-tasks.amazonaws.com")),
    ];
    const forward = JSON.stringify(synthesize(input, catalog));
    expect(JSON.stringify(synthesize([...input].reverse(), catalog))).toBe(forward);
    expect(JSON.stringify(synthesize([input[3]!, input[0]!, input[6]!, input[1]!, input[5]!, input[2]!, input[4]!], catalog))).toBe(forward);
    const sids = JSON.parse(forward).Statement.map((s: { Sid: string }) => s.Sid) as string[];
    expect(new Set(sids).size).toBe(sids.length);
  });

  it("writes conditions sorted, whatever order they came in", () => {
    const condition = { StringLike: { "b:k": ["z", "a"] }, StringEquals: { "z:k": ["2", "1", "1"], "a:k": ["x"] } };
    const [statement] = synthesize([permission("s3:GetObject", "arn:aws:s3:::b/k", condition)], catalog).Statement;
    expect(JSON.stringify(statement?.Condition)).toBe('{"StringEquals":{"a:k":["x"],"z:k":["1","2"]},"StringLike":{"b:k":["a","z"]}}');
  });
});
