import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand } from "@aws-sdk/client-cloudtrail";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCloudTrailClient } from "../../../src/aws/cloudtrail/cloudtrail-client.js";
import { readTrailConfig } from "../../../src/aws/cloudtrail/read-trail.js";
import { UsageError } from "../../../src/usage-error.js";

// Responses shaped as CloudTrail sends them (awsJson1_1), for what moto does not do: errors, and
// an organization trail as a member account sees it.
const MANAGEMENT_ACCOUNT = "999988887777";
const ORG_TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT_ACCOUNT}:trail/org-trail`;
const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: status, attempts: 1 } });
}

const cloudTrail = mockClient(CloudTrailClient);
// The next file in this worker gets the real client.
afterAll(() => {
  cloudTrail.restore();
});
let clients: CloudTrailClient[];
const clientFor = (region: string) => {
  const client = createCloudTrailClient({ region, config: { credentials: CREDENTIALS } });
  clients.push(client);
  return client;
};

beforeEach(() => {
  cloudTrail.reset();
  clients = [];
});
afterEach(() => {
  for (const client of clients) client.destroy();
});

describe("readTrailConfig with AWS-shaped responses", () => {
  it("an organization trail seen from a member account: the management account owns it", async () => {
    cloudTrail.on(DescribeTrailsCommand).resolves({
      trailList: [
        {
          Name: "org-trail",
          S3BucketName: "org-cloudtrail-logs",
          IsMultiRegionTrail: true,
          IsOrganizationTrail: true,
          HomeRegion: "us-east-1",
          TrailARN: ORG_TRAIL_ARN,
        },
      ],
    });
    cloudTrail.on(GetEventSelectorsCommand, { TrailName: ORG_TRAIL_ARN }).resolves({
      TrailARN: ORG_TRAIL_ARN,
      EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
    });
    const trail = await readTrailConfig(clientFor, "us-east-1", "org-trail");
    expect(trail).toEqual({
      name: "org-trail",
      arn: ORG_TRAIL_ARN,
      account: MANAGEMENT_ACCOUNT,
      partition: "aws",
      homeRegion: "us-east-1",
      bucket: "org-cloudtrail-logs",
      keyPrefix: undefined,
      multiRegion: true,
      organization: true,
      managementEvents: { readOnly: "all", excludedSources: [] },
      dataEvents: [],
    });
    expect(cloudTrail.commandCalls(DescribeTrailsCommand)[0]!.args[0].input).toEqual({ trailNameList: ["org-trail"], includeShadowTrails: true });
  });

  it("a trail that does not exist: an empty list, or TrailNotFoundException, both name the trail", async () => {
    cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [] });
    await expect(readTrailConfig(clientFor, "eu-west-1", "audit")).rejects.toThrow(
      "--trail audit: no such trail in eu-west-1 (CloudTrail DescribeTrails, shadow trails included); pass the trail's ARN, or --region with a region the trail logs",
    );
    cloudTrail.reset();
    cloudTrail.on(DescribeTrailsCommand).rejects(awsError("TrailNotFoundException", "Unknown trail: audit for the user: 111122223333"));
    const failure = readTrailConfig(clientFor, "eu-west-1", "audit");
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(/^--trail audit: no such trail in eu-west-1/);
  });

  it("a trail gone between the two calls", async () => {
    cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: "audit", S3BucketName: "b-logs", HomeRegion: "eu-west-1", TrailARN: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit" }] });
    cloudTrail.on(GetEventSelectorsCommand).rejects(awsError("TrailNotFoundException", "Unknown trail"));
    await expect(readTrailConfig(clientFor, "eu-west-1", "audit")).rejects.toThrow(/^--trail audit: no such trail in eu-west-1 \(CloudTrail GetEventSelectors/);
  });

  it("access denied names the call and the permission tighten needs, read-only", async () => {
    cloudTrail.on(DescribeTrailsCommand).rejects(
      awsError("AccessDeniedException", "User: arn:aws:iam::111122223333:user/ci is not authorized to perform: cloudtrail:DescribeTrails", 403),
    );
    await expect(readTrailConfig(clientFor, "eu-west-1", "audit")).rejects.toThrow(
      "--trail audit: CloudTrail DescribeTrails in eu-west-1 was denied: tighten needs cloudtrail:DescribeTrails (read-only) on the trail",
    );
    cloudTrail.reset();
    cloudTrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: "audit", S3BucketName: "b-logs", HomeRegion: "eu-west-1", TrailARN: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit" }] });
    cloudTrail.on(GetEventSelectorsCommand).rejects(awsError("AccessDeniedException", "not authorized", 403));
    const failure = readTrailConfig(clientFor, "eu-west-1", "audit");
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow("--trail audit: CloudTrail GetEventSelectors in eu-west-1 was denied: tighten needs cloudtrail:GetEventSelectors (read-only) on the trail");
  });

  it("a name CloudTrail refuses, missing credentials, rejected credentials", async () => {
    cloudTrail.on(DescribeTrailsCommand).rejects(awsError("InvalidTrailNameException", "Trail name must\n start with a letter or number."));
    await expect(readTrailConfig(clientFor, "eu-west-1", "-x")).rejects.toThrow(
      "--trail -x: not a trail name or trail ARN CloudTrail accepts (Trail name must start with a letter or number.)",
    );
    cloudTrail.reset();
    cloudTrail.on(DescribeTrailsCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    await expect(readTrailConfig(clientFor, "eu-west-1", "audit")).rejects.toThrow(
      "--trail audit: no AWS credentials found (Could not load credentials from any providers); configure them or pass --profile",
    );
    cloudTrail.reset();
    cloudTrail.on(DescribeTrailsCommand).rejects(awsError("UnrecognizedClientException", "The security token included in the request is invalid."));
    await expect(readTrailConfig(clientFor, "eu-west-1", "audit")).rejects.toThrow(
      "--trail audit: AWS rejected the credentials (UnrecognizedClientException: The security token included in the request is invalid.); refresh them or pass --profile",
    );
  });
});
