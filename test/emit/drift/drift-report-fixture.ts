import type { DriftReport } from "../../../src/drift/drift-report.js";

// A week's review of two ECS roles, every kind of finding present. The strings a log or a policy
// can carry are hostile on purpose: an S3 key, a session-derived resource, an error message and a
// role path may hold markup, quotes, `|`, template braces and bidirectional overrides.

export const SCRIPT = "<script>alert(1)</script>";
export const IMG = '"><img src=x onerror=alert(1)>';

export const PAYMENTS_ROLE = "arn:aws:iam::111122223333:role/ecs/payments-service-task";
/** IAM allows neither `"` nor `|` in a role name; a forged or corrupted log record can hold both. */
export const HOSTILE_ROLE = `arn:aws:iam::111122223333:role/batch/nightly-"export"|${IMG}`;
export const HOSTILE_ROLE_NAME = `nightly-"export"|${IMG}`;

export const DRIFT_REPORT: DriftReport = {
  window: { since: "2026-11-02T00:00:00Z", until: "2026-11-09T00:00:00Z" },
  roles: [
    {
      role: PAYMENTS_ROLE,
      baseline: ["policies/payments-service-task.json"],
      unused: [
        {
          action: "iam:PassRole",
          resources: ["arn:aws:iam::111122223333:role/*"],
          accessLevel: "Write",
          risks: ["privilege-escalation"],
          lastUsed: null,
          conditionallyDenied: [],
        },
        {
          action: "s3:DeleteObject",
          resources: ["arn:aws:s3:::acme-payments-receipts/*", `arn:aws:s3:::acme-uploads/${SCRIPT}`],
          accessLevel: "Write",
          risks: ["infrastructure-modification"],
          lastUsed: "2026-09-14T08:12:44Z",
          conditionallyDenied: [],
        },
        {
          action: "secretsmanager:GetSecretValue",
          resources: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:payments/stripe-??????"],
          accessLevel: "Read",
          risks: ["credentials-exposure", "data-exfiltration"],
          lastUsed: "2026-10-30T23:59:01Z",
          conditionallyDenied: [],
        },
      ],
      newUsage: [
        {
          action: "dynamodb:Query",
          resource: "arn:aws:dynamodb:us-east-1:111122223333:table/payments/index/by-customer",
          calls: 18342,
          firstSeen: "2026-11-02T06:00:13Z",
          lastSeen: "2026-11-08T23:58:40Z",
          reason: "no statement allows it",
        },
        {
          action: "s3:PutObject",
          resource: `arn:aws:s3:::acme-uploads/${IMG}</style>{{roles}}`,
          calls: 3,
          firstSeen: "2026-11-05T10:01:00Z",
          lastSeen: "2026-11-05T10:03:00Z",
          reason: `explicit Deny (DenyUploads${SCRIPT})`,
        },
      ],
      denied: [
        {
          actions: ["kms:Decrypt"],
          call: "kms.amazonaws.com:Decrypt",
          errorCode: "AccessDenied",
          calls: 1204,
          lastSeen: "2026-11-08T22:10:05Z",
          resources: ["arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"],
          suggestion: {
            Sid: "DecryptReceipts",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: ["arn:aws:kms:us-east-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"],
            Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } },
          },
        },
        {
          actions: ["sqs:SendMessage"],
          call: "sqs.amazonaws.com:SendMessage",
          errorCode: "AccessDenied",
          calls: 7,
          lastSeen: "2026-11-07T14:00:00Z",
          resources: [`arn:aws:sqs:us-east-1:111122223333:${SCRIPT}`],
          // The suggestion carries the log's text into JSON: it must stay text inside the <pre>.
          suggestion: {
            Effect: "Allow",
            Action: ["sqs:SendMessage"],
            Resource: [`arn:aws:sqs:us-east-1:111122223333:${SCRIPT}\u202e`],
          },
        },
      ],
      wildcards: [
        {
          statement: "LegacyAdmin",
          source: "policies/payments-service-task.json",
          actions: ["iam:*"],
          resources: ["*"],
          why: "wildcard action iam:*",
        },
      ],
      ecs: [
        {
          kind: "task-and-execution-role",
          agentCalls: ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "logs:CreateLogStream"],
          applicationCalls: ["dynamodb:Query", "s3:PutObject"],
          advice: "Give the task its own task role; keep the execution role for image pulls and logs.",
        },
      ],
      totals: { granted: 48, used: 12, denied: 2 },
    },
    {
      role: HOSTILE_ROLE,
      baseline: ["inline export-policy", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
      unused: [
        {
          action: "s3:GetObjectVersion",
          resources: ["*"],
          accessLevel: "Read",
          risks: ["data-exfiltration"],
          lastUsed: null,
          conditionallyDenied: [],
        },
      ],
      newUsage: [
        {
          action: "athena:StartQueryExecution",
          resource: "arn:aws:athena:us-east-1:111122223333:workgroup/primary",
          calls: 1,
          firstSeen: "2026-11-03T02:00:00Z",
          lastSeen: "2026-11-03T02:00:00Z",
          reason: "no statement allows it",
        },
      ],
      denied: [
        {
          actions: ["glacier:InitiateJob"],
          call: "glacier.amazonaws.com:InitiateJob",
          errorCode: `AccessDeniedException'${IMG}`,
          calls: 2,
          lastSeen: "2026-11-04T02:00:00Z",
          resources: [],
          suggestion: null,
        },
      ],
      wildcards: [
        {
          statement: "policy 2 statement 1",
          source: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
          actions: ["s3:Get*", "s3:List*"],
          resources: ["*"],
          why: "Resource * for s3:GetObject, which can name a resource",
        },
      ],
      ecs: [
        {
          kind: "execution-role-application-calls",
          agentCalls: ["ecr:GetAuthorizationToken"],
          applicationCalls: ["s3:GetObject", `sqs:${SCRIPT}`],
          advice: `Move the application's calls to a task role ('${SCRIPT}').`,
        },
      ],
      totals: { granted: 1500, used: 9, denied: 1 },
    },
  ],
};
