import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretsClients, type SecretsClients } from "../../../src/aws/secrets/secrets-clients.js";
import { parseCredentialsReference, parseSecretReference } from "../../../src/ecs/secret-reference.js";
import { secretsMetadataReader } from "../../../src/pipeline/ecs-execution-policy.js";
import { MOTO_ACCOUNT, MOTO_CREDENTIALS, MOTO_REGION, startMoto, type Moto } from "../../support/moto.js";

const KEY = `arn:aws:kms:${MOTO_REGION}:${MOTO_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TASK = { region: MOTO_REGION, account: MOTO_ACCOUNT };

let moto: Moto;
let clients: SecretsClients;
let encrypted: string;
let managed: string;
beforeAll(async () => {
  moto = await startMoto();
  clients = secretsClients({ config: { endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS } });
  const secretsManager = clients.secretsManager(MOTO_REGION);
  encrypted = (await secretsManager.send(new CreateSecretCommand({ Name: "prod/db", SecretString: "{}", KmsKeyId: KEY }))).ARN!;
  managed = (await secretsManager.send(new CreateSecretCommand({ Name: "prod/plain", SecretString: "{}" }))).ARN!;
  const ssm = clients.ssm(MOTO_REGION);
  await ssm.send(new PutParameterCommand({ Name: "/app/token", Value: "v", Type: "SecureString", KeyId: KEY }));
  await ssm.send(new PutParameterCommand({ Name: "/app/default", Value: "v", Type: "SecureString" }));
  await ssm.send(new PutParameterCommand({ Name: "plain", Value: "v", Type: "String" }));
}, 60_000);
afterAll(() => {
  clients?.destroy();
  moto?.stop();
});

describe("--read-metadata against moto's Secrets Manager and Parameter Store", () => {
  it("reads each secret's and parameter's key by DescribeSecret and DescribeParameters", async () => {
    const references = [
      parseSecretReference(`${encrypted}:password::`, TASK),
      parseSecretReference(managed, TASK),
      // A partial ARN: Secrets Manager resolves it.
      parseCredentialsReference(`arn:aws:secretsmanager:${MOTO_REGION}:${MOTO_ACCOUNT}:secret:prod/db`, TASK),
      parseSecretReference(`arn:aws:ssm:${MOTO_REGION}:${MOTO_ACCOUNT}:parameter/app/token`, TASK),
      parseSecretReference("/app/default", TASK),
      // A top-level name's ARN does not say whether it has a leading "/": both are asked for.
      parseSecretReference(`arn:aws:ssm:${MOTO_REGION}:${MOTO_ACCOUNT}:parameter/plain`, TASK),
      parseSecretReference("/app/missing", TASK),
      parseSecretReference(`arn:aws:secretsmanager:${MOTO_REGION}:${MOTO_ACCOUNT}:secret:prod/gone-AbC123`, TASK),
    ];
    const answers = await secretsMetadataReader(clients)(references);
    expect(answers.map((answer) => (answer.found ? { keyId: answer.keyId, type: answer.parameterType } : { reason: answer.reason }))).toEqual([
      { keyId: KEY, type: null },
      { keyId: null, type: null },
      { keyId: KEY, type: null },
      { keyId: KEY, type: "SecureString" },
      { keyId: "alias/aws/ssm", type: "SecureString" },
      { keyId: null, type: "String" },
      { reason: "not found in us-east-1 (DescribeParameters lists the caller's own account's parameters only)" },
      { reason: "not found in us-east-1 (ResourceNotFoundException)" },
    ]);
  });
});
