import { describe, expect, it } from "vitest";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { mapUsage, servicePrefixesFor } from "../../src/mapping/map-usage.js";
import { ROLE_PASSING_CALLS, roleArnOf, rolePassingParameters } from "../../src/mapping/passed-roles.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { servicePrefixOf } from "../../src/mapping/service-prefix.js";
import { PASS_ROLE_PARAMETER_CASES } from "./record-cases.js";
import { testCatalog, usageRow } from "./fixtures.js";

const catalog = await loadIamCatalog(servicePrefixesFor(PASS_ROLE_PARAMETER_CASES.map((c) => c.row)));

describe("iam:PassRole", () => {
  it.each(PASS_ROLE_PARAMETER_CASES.filter((c) => Object.values(c.row.parameters).some((v) => String(v).includes(":role/"))).map((c) => [
    `${c.row.eventSource} ${c.row.eventName} ${Object.keys(c.row.parameters).join(" ")}`,
    c,
  ] as const))("%s grants iam:PassRole on the named role, conditioned on the service it goes to", (_, c) => {
    const passRole = mapUsage([c.row], catalog).permissions.filter((p) => p.action === "iam:PassRole");
    const key = `${servicePrefixOf(c.row.eventSource)}:${c.row.eventName}`;
    const passedTo = ROLE_PASSING_CALLS[key]?.roles.find((role) => role.parameter in c.row.parameters)?.passedTo;
    expect(passRole.map((p) => [p.resource, p.conditions])).toEqual([
      [
        `arn:aws:iam::111122223333:role/passed-by-${c.row.eventName}`,
        passedTo === null || passedTo === undefined ? undefined : { StringEquals: { "iam:PassedToService": [passedTo] } },
      ],
    ]);
  });

  it("conditions ECS task roles on ecs-tasks.amazonaws.com and shows where the role came from", async () => {
    const row = usageRow({
      eventSource: "ecs.amazonaws.com",
      eventName: "RegisterTaskDefinition",
      parameters: { family: "api", taskRoleArn: "arn:aws:iam::111122223333:role/ecs/api-task" },
    });
    const passRole = explainRow(row, await testCatalog()).actions.find((a) => a.action === "iam:PassRole");
    expect(passRole).toMatchObject({
      resources: ["arn:aws:iam::111122223333:role/ecs/api-task"],
      resourcesVia: "requestParameters.taskRoleArn",
      conditions: { StringEquals: { "iam:PassedToService": ["ecs-tasks.amazonaws.com"] } },
    });
    expect(passRole?.actionVia).toMatch(/^passes requestParameters\.taskRoleArn to ecs-tasks\.amazonaws\.com: ECS Developer Guide/);
  });

  it("reports the role of an EC2 instance profile as not in the event: a profile is not a role", async () => {
    const row = usageRow({ eventSource: "ec2.amazonaws.com", eventName: "RunInstances", parameters: { "iamInstanceProfile.name": "web" } });
    const unmapped = mapUsage([row], await testCatalog()).unmapped.filter((u) => u.action === "iam:PassRole");
    expect(unmapped.map((u) => u.reason)).toEqual([expect.stringMatching(/^RunInstances also passes the role of the instance profile/)]);
    const plain = usageRow({ eventSource: "ec2.amazonaws.com", eventName: "RunInstances", parameters: { imageId: "ami-1" } });
    expect(mapUsage([plain], await testCatalog()).unmapped.filter((u) => u.action === "iam:PassRole")).toEqual([]);
  });

  it("lists a denied call's PassRole among what it would have needed, and grants nothing", async () => {
    const row = usageRow({
      eventSource: "lambda.amazonaws.com",
      eventName: "CreateFunction20150331",
      errorCode: "AccessDeniedException",
      parameters: { functionName: "f", role: "arn:aws:iam::111122223333:role/f" },
    });
    const result = mapUsage([row], await testCatalog());
    expect(result.permissions).toEqual([]);
    expect(result.denied[0]?.actions).toEqual(["iam:PassRole", "lambda:CreateFunction"]);
  });

  it("reads role names as roles of the caller's account, and refuses what is not a role", () => {
    const row = { account: "111122223333" };
    expect(roleArnOf("service-role/x", row, "aws")).toBe("arn:aws:iam::111122223333:role/service-role/x");
    expect(roleArnOf("arn:aws-cn:iam::444455556666:role/y", row, "aws-cn")).toBe("arn:aws-cn:iam::444455556666:role/y");
    expect(roleArnOf("arn:aws:iam::111122223333:instance-profile/web", row, "aws")).toBeUndefined();
    expect(roleArnOf("not a name", row, "aws")).toBeUndefined();
  });

  it("selects every role parameter in the engine for the service's event sources, nested names included", () => {
    expect(PARAMETER_SELECTION.parameters["ecs.amazonaws.com"]).toEqual(expect.arrayContaining(["overrides.taskRoleArn", "taskRoleArn", "role"]));
    for (const source of ["email.amazonaws.com", "ses.amazonaws.com"]) {
      expect(PARAMETER_SELECTION.parameters[source]).toEqual(expect.arrayContaining([...rolePassingParameters("ses")]));
    }
  });
});

describe("kms:ViaService", () => {
  const decrypt = (invokedBy: string | null) =>
    usageRow({
      eventSource: "kms.amazonaws.com",
      eventName: "Decrypt",
      invokedBy,
      resources: [{ arn: "arn:aws:kms:eu-west-1:111122223333:key/k1", type: "AWS::KMS::Key", accountId: "111122223333" }],
    });

  it("conditions KMS calls a service made on the role's behalf on that service's regional endpoint", async () => {
    const result = mapUsage([decrypt("s3.amazonaws.com"), decrypt("secretsmanager.amazonaws.com"), decrypt(null)], await testCatalog());
    expect(result.permissions.map((p) => p.conditions)).toEqual([
      undefined,
      { StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } },
      { StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com"] } },
    ]);
  });

  it("sets no condition for a service KMS does not list, nor for other services' actions", async () => {
    expect(mapUsage([decrypt("AWS Internal")], await testCatalog()).permissions[0]?.conditions).toBeUndefined();
    const getObject = usageRow({ eventSource: "s3.amazonaws.com", eventName: "ListObjects", invokedBy: "athena.amazonaws.com", parameters: { bucketName: "b" } });
    expect(mapUsage([getObject], await testCatalog()).permissions[0]?.conditions).toBeUndefined();
  });

  it("uses the China partition's endpoint suffix", async () => {
    const row = { ...decrypt("sqs.amazonaws.com"), region: "cn-north-1" };
    expect(mapUsage([row], await testCatalog()).permissions[0]?.conditions).toEqual({
      StringEquals: { "kms:ViaService": ["sqs.cn-north-1.amazonaws.com.cn"] },
    });
  });
});
