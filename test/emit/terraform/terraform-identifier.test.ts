import { describe, expect, it } from "vitest";
import { assertTerraformReference, isTerraformIdentifier, terraformLabel } from "../../../src/emit/terraform/terraform-identifier.js";

describe("terraformLabel", () => {
  it("writes a role name in snake_case, as Terraform's style guide asks", () => {
    expect(terraformLabel("payments-service-task")).toBe("payments_service_task");
    expect(terraformLabel("_x9")).toBe("_x9");
  });

  it("replaces other characters, never starts with a digit or dash, and keeps lossy names apart", () => {
    const texts = ["a.b", "a@b", "a+b", "9lives", "-x", "", "rôle", "a b\n${x}", "App-Task", "app-task"];
    const labels = texts.map(terraformLabel);
    for (const label of labels) expect(isTerraformIdentifier(label)).toBe(true);
    for (const label of labels) expect(label).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[0]).toMatch(/^a_b_[0-9a-f]{8}$/);
    expect(labels[3]).toMatch(/^_9lives_[0-9a-f]{8}$/);
    expect(labels[9]).toBe("app_task");
  });

  it("is deterministic", () => {
    expect(terraformLabel("role@example")).toBe(terraformLabel("role@example"));
  });
});

describe("assertTerraformReference", () => {
  it("takes TYPE.NAME and nothing Terraform would evaluate further", () => {
    expect(() => assertTerraformReference("aws_iam_role.payments_task")).not.toThrow();
    for (const bad of ["aws_iam_role", "aws_iam_role.x.name", "${file(\"/etc/passwd\")}", "aws_iam_role.x\n"]) {
      expect(() => assertTerraformReference(bad), bad).toThrow(/not a Terraform resource address/);
    }
  });
});
