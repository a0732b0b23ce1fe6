import { describe, expect, it } from "vitest";
import type { ResourceRef } from "../../../src/engines/usage-row.js";
import { granted, unmappedOf, usageRow } from "../fixtures.js";

const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OTHER_KEY = "arn:aws:kms:eu-west-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321";
const key = (arn: string): ResourceRef => ({ arn, type: "AWS::KMS::Key", accountId: arn.split(":")[4] ?? null });

describe("KMS ARNs", () => {
  it("uses the key CloudTrail names even when the caller used an alias", async () => {
    const row = usageRow({
      eventSource: "kms.amazonaws.com",
      eventName: "GenerateDataKey",
      parameters: { keyId: "alias/payments" },
      resources: [key(KEY)],
    });
    expect(await granted(row)).toEqual([["kms:GenerateDataKey", KEY]]);
  });

  it("builds the key ARN from a key id, and keeps a cross-account key ARN", async () => {
    const rows = [
      usageRow({ eventSource: "kms.amazonaws.com", eventName: "DescribeKey", parameters: { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" } }),
      usageRow({ eventSource: "kms.amazonaws.com", eventName: "Encrypt", parameters: { keyId: OTHER_KEY } }),
    ];
    expect(await granted(...rows)).toEqual([
      ["kms:DescribeKey", KEY],
      ["kms:Encrypt", OTHER_KEY],
    ]);
  });

  it("reports a call named only by alias", async () => {
    const row = usageRow({ eventSource: "kms.amazonaws.com", eventName: "Encrypt", parameters: { keyId: "alias/payments" } });
    expect(await unmappedOf(row)).toEqual([["kms:Encrypt", "the event names the key only by alias, or not at all"]]);
  });

  it("grants ReEncryptFrom on the source key and ReEncryptTo on the destination", async () => {
    const row = usageRow({
      eventSource: "kms.amazonaws.com",
      eventName: "ReEncrypt",
      parameters: { destinationKeyId: OTHER_KEY },
      resources: [key(KEY), key(OTHER_KEY)],
    });
    expect(await granted(row)).toEqual([
      ["kms:ReEncryptFrom", KEY],
      ["kms:ReEncryptTo", OTHER_KEY],
    ]);
  });

  it("needs the alias and the key to create an alias", async () => {
    const row = usageRow({
      eventSource: "kms.amazonaws.com",
      eventName: "CreateAlias",
      parameters: { aliasName: "alias/payments", targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" },
    });
    expect(await granted(row)).toEqual([
      ["kms:CreateAlias", "arn:aws:kms:eu-west-1:111122223333:alias/payments"],
      ["kms:CreateAlias", KEY],
    ]);
  });
});
