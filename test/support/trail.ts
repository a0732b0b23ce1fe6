import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const ACCOUNT = "111122223333";

/** A CloudTrail record as AWS writes it for a call by an ECS task role (eventVersion 1.09). */
export function roleEvent(
  role: string,
  eventSource: string,
  eventName: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  const [rolePath, roleName] = role.includes("/") ? [role.slice(0, role.lastIndexOf("/") + 1), role.slice(role.lastIndexOf("/") + 1)] : ["", role];
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "AssumedRole",
      principalId: `AROAEXAMPLE:${roleName}-task`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/0123456789abcdef`,
      accountId: ACCOUNT,
      accessKeyId: "ASIAEXAMPLE",
      sessionContext: {
        sessionIssuer: {
          type: "Role",
          principalId: "AROAEXAMPLE",
          arn: `arn:aws:iam::${ACCOUNT}:role/${rolePath}${roleName}`,
          accountId: ACCOUNT,
          userName: roleName,
        },
        attributes: { creationDate: "2026-11-02T09:00:00Z", mfaAuthenticated: "false" },
      },
    },
    eventTime: "2026-11-02T10:00:00Z",
    eventSource,
    eventName,
    awsRegion: "us-east-1",
    sourceIPAddress: "10.0.1.23",
    userAgent: "aws-sdk-js/3.600.0",
    requestParameters: null,
    responseElements: null,
    requestID: "req-1",
    eventID: "evt-1",
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
    ...fields,
  };
}

export function userEvent(user: string, eventSource: string, eventName: string, fields: Record<string, unknown> = {}) {
  return {
    ...roleEvent("unused", eventSource, eventName, fields),
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAEXAMPLE",
      arn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
      accountId: ACCOUNT,
      userName: user,
    },
  };
}

export function tempDir(prefix = "tighten-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFile(root: string, relative: string, content: string | Buffer): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

/** A delivery file as CloudTrail writes it to S3: gzip, one line of {"Records":[...]}. */
export function recordsGzip(events: readonly unknown[]): Buffer {
  return gzipSync(JSON.stringify({ Records: events }));
}

/** The S3 key CloudTrail uses for a delivery file of `account`, `region` and UTC `day` (YYYY-MM-DD). */
export function deliveryKey(account: string, region: string, day: string, suffix = "AbCdEfGhIjKlMnOp", org?: string): string {
  const [y, m, d] = day.split("-");
  const prefix = org ? `AWSLogs/${org}/${account}` : `AWSLogs/${account}`;
  return `${prefix}/CloudTrail/${region}/${y}/${m}/${d}/${account}_CloudTrail_${region}_${y}${m}${d}T1005Z_${suffix}.json.gz`;
}
