import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTaskDefinition, TaskDefinitionError } from "../../src/ecs/task-definition.js";

const read = (name: string) => JSON.parse(readFileSync(`examples/ecs/${name}.json`, "utf8")) as unknown;

describe("parseTaskDefinition", () => {
  it("reads describe-task-definition output and a bare task definition alike", () => {
    const payments = parseTaskDefinition(read("payments-service"), "payments.json");
    expect(payments).toMatchObject({
      family: "payments-service",
      revision: 42,
      taskRoleArn: "arn:aws:iam::111122223333:role/ecs/payments-service-task",
      executionRoleArn: "arn:aws:iam::111122223333:role/ecs/payments-service-execution",
    });
    expect(payments.containers[0]).toMatchObject({
      image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/payments-service:v1.42.0",
      secrets: [{ name: "DB_PASSWORD", valueFrom: expect.stringMatching(/db-password-Qw3rTy:password::$/) }],
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/payments-service" } },
    });
    const notifications = parseTaskDefinition(read("notifications-service"), "n.json");
    expect(notifications).toMatchObject({ family: "notifications-service", revision: null, arn: null });
    expect(notifications.containers.map((c) => c.name)).toEqual(["notifications", "log-router"]);
    expect(notifications.containers[1]).toMatchObject({ secrets: [], logConfiguration: null, repositoryCredentials: null });
    const reports = parseTaskDefinition(read("reports-service"), "r.json");
    expect(reports.containers[0]!.logConfiguration!.secretOptions).toEqual([{ name: "apikey", valueFrom: "arn:aws:ssm:us-east-1:111122223333:parameter/reports/log-api-key" }]);
    expect(reports.containers[1]!.repositoryCredentials).toBe("arn:aws:secretsmanager:us-east-1:111122223333:secret:ghcr/acme-pull-AbC123");
  });

  it("names what is wrong, with its path", () => {
    expect(() => parseTaskDefinition({ Version: "2012-10-17" }, "x")).toThrow(TaskDefinitionError);
    expect(() => parseTaskDefinition({ family: "f", containerDefinitions: [] }, "x")).toThrow(/containerDefinitions is missing or empty/);
    expect(() => parseTaskDefinition({ family: "f", containerDefinitions: [{ name: "a" }] }, "x")).toThrow("containerDefinitions[0].image is missing");
    expect(() => parseTaskDefinition({ family: "f", containerDefinitions: [{ name: "a", image: "i", secrets: [{ name: "S" }] }] }, "x")).toThrow(
      "containerDefinitions[0].secrets[0].valueFrom is missing",
    );
    expect(() => parseTaskDefinition({ family: "f", taskRoleArn: 7, containerDefinitions: [{ image: "i" }] }, "x")).toThrow("taskRoleArn must be a string");
  });

  it("reads environmentFiles; an entry without a value or of a type other than s3 is an error naming it", () => {
    const file = { value: "arn:aws:s3:::config-bucket/api/prod.env", type: "s3" };
    const parsed = parseTaskDefinition({ family: "f", containerDefinitions: [{ image: "i", environmentFiles: [file] }, { image: "j" }] }, "x");
    expect(parsed.containers.map((c) => c.environmentFiles)).toEqual([[file], []]);
    const withFiles = (environmentFiles: unknown) => () => parseTaskDefinition({ family: "f", containerDefinitions: [{ image: "i", environmentFiles }] }, "x");
    expect(withFiles([{ value: file.value, type: "http" }])).toThrow('containerDefinitions[0].environmentFiles[0].type must be "s3"');
    expect(withFiles([file, { value: file.value }])).toThrow('containerDefinitions[0].environmentFiles[1].type must be "s3"');
    expect(withFiles([{ type: "s3" }])).toThrow("containerDefinitions[0].environmentFiles[0].value is missing");
    expect(withFiles("s3://bucket/a.env")).toThrow("containerDefinitions[0].environmentFiles is not a list");
  });
});
