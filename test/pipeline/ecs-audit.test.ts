import { describe, expect, it } from "vitest";
import { ACCESS_KEY_NOTE, KMS_NOTE, NO_EXECUTION_ROLE_NOTE, ROTATE_NOTE } from "../../src/ecs/secret-replacement.js";
import { parseTaskDefinition } from "../../src/ecs/task-definition.js";
import { auditFailures, auditTaskDefinitions } from "../../src/pipeline/ecs-audit.js";

const definition = (fields: Record<string, unknown>, environment: [string, string][], source = "td.json") =>
  parseTaskDefinition({ family: "api", containerDefinitions: [{ name: "app", image: "img", environment: environment.map(([name, value]) => ({ name, value })) }], ...fields }, source);

describe("auditTaskDefinitions", () => {
  it("sorts by family, revision and source, whatever the input order", () => {
    const report = auditTaskDefinitions(
      [
        definition({ family: "b" }, []),
        definition({ family: "a", revision: 2 }, []),
        definition({ family: "a", revision: 1 }, [], "z.json"),
        definition({ family: "a", revision: 1 }, [], "y.json"),
      ],
      {},
    );
    expect(report.taskDefinitions.map((t) => `${t.family}:${t.revision}:${t.source}`)).toEqual(["a:1:y.json", "a:1:z.json", "a:2:td.json", "b:null:td.json"]);
  });

  it("a clean task definition has no statement and no notes", () => {
    const [clean] = auditTaskDefinitions([definition({}, [["NODE_ENV", "production"]])], {}).taskDefinitions;
    expect(clean).toMatchObject({ findings: [], executionRoleStatement: null, notes: [] });
  });

  it("notes what is unknown, what a flag could not change, a missing execution role and AWS keys, then KMS and rotation", () => {
    const [bare] = auditTaskDefinitions([definition({}, [["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"]])], {}).taskDefinitions;
    expect(bare!.notes).toEqual([
      "The region is unknown (no task definition ARN): the ARNs say REGION; pass --region.",
      "The account is unknown (no task definition or role ARN): the ARNs say ACCOUNT; pass --account.",
      NO_EXECUTION_ROLE_NOTE,
      ACCESS_KEY_NOTE,
      KMS_NOTE,
      ROTATE_NOTE,
    ]);
    const registered = { taskDefinitionArn: "arn:aws:ecs:eu-west-1:111122223333:task-definition/api:4", executionRoleArn: "arn:aws:iam::111122223333:role/x" };
    const [located] = auditTaskDefinitions([definition(registered, [["DB_PASSWORD", "hunter22"]])], { region: "us-east-1", account: "999988887777" }).taskDefinitions;
    expect(located!.notes).toEqual([
      "--region us-east-1 is not used here: the task definition ARN says eu-west-1.",
      "--account 999988887777 is not used here: the task definition ARN says 111122223333.",
      KMS_NOTE,
      ROTATE_NOTE,
    ]);
  });

  it("fails only when asked to and something is flagged", () => {
    const flagged = auditTaskDefinitions([definition({}, [["DB_PASSWORD", "hunter22"]])], {});
    const clean = auditTaskDefinitions([definition({}, [])], {});
    expect(auditFailures(flagged, ["findings"])).toEqual([{ category: "environment-secret", found: "1 credential in environment in 1 task definition" }]);
    expect(auditFailures(flagged, [])).toEqual([]);
    expect(auditFailures(clean, ["findings"])).toEqual([]);
  });
});
