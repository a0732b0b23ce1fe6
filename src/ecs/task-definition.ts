/**
 * An ECS task definition, as much of it as tighten reads: who the task runs as, what each
 * container pulls, logs and injects. Field names follow the ECS API (RegisterTaskDefinition), so
 * `aws ecs describe-task-definition` output and a bare task definition read the same.
 */
export interface TaskDefinition {
  /** Where it came from, for messages: a file path or a task definition ARN. */
  readonly source: string;
  readonly family: string;
  readonly revision: number | null;
  readonly arn: string | null;
  readonly taskRoleArn: string | null;
  readonly executionRoleArn: string | null;
  readonly containers: readonly ContainerDefinition[];
}

export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  readonly environment: readonly { readonly name: string; readonly value: string }[];
  /** `environmentFiles[].value`: S3 object ARNs of `.env` files the agent reads (type "s3", the only one ECS has). */
  readonly environmentFiles: readonly { readonly value: string; readonly type: "s3" }[];
  /** `secrets[].valueFrom`: a Secrets Manager ARN (maybe with `:json-key:stage:version`), an SSM parameter name or ARN. */
  readonly secrets: readonly { readonly name: string; readonly valueFrom: string }[];
  /** A private registry's credentials: a Secrets Manager secret ARN or name. */
  readonly repositoryCredentials: string | null;
  readonly logConfiguration: LogConfiguration | null;
}

export interface LogConfiguration {
  readonly logDriver: string;
  readonly options: Readonly<Record<string, string>>;
  readonly secretOptions: readonly { readonly name: string; readonly valueFrom: string }[];
}

/** What is wrong with a task definition document, with the path to the element at fault. */
export class TaskDefinitionError extends Error {
  override readonly name = "TaskDefinitionError";
}

/**
 * A task definition from `aws ecs describe-task-definition` output (`{taskDefinition: {...}}`), a
 * bare task definition (the RegisterTaskDefinition input), or the API's parsed response. Optional
 * elements may be absent; a present one of the wrong type is an error rather than ignored.
 */
export function parseTaskDefinition(input: unknown, source: string): TaskDefinition {
  const outer = record(input, "the document");
  const definition = "taskDefinition" in outer ? record(outer["taskDefinition"], "taskDefinition") : outer;
  const family = text(definition, "family", "");
  if (family === undefined) throw new TaskDefinitionError("family is missing: not a task definition");
  const containers = list(definition, "containerDefinitions", "");
  if (containers.length === 0) throw new TaskDefinitionError("containerDefinitions is missing or empty: not a task definition");
  const revision = definition["revision"];
  return {
    source,
    family,
    revision: typeof revision === "number" ? revision : null,
    arn: text(definition, "taskDefinitionArn", "") ?? null,
    taskRoleArn: nonEmpty(text(definition, "taskRoleArn", "")),
    executionRoleArn: nonEmpty(text(definition, "executionRoleArn", "")),
    containers: containers.map((container, i) => parseContainer(record(container, `containerDefinitions[${i}]`), `containerDefinitions[${i}]`)),
  };
}

function parseContainer(container: Record<string, unknown>, at: string): ContainerDefinition {
  const name = text(container, "name", at) ?? "";
  const image = text(container, "image", at);
  if (image === undefined) throw new TaskDefinitionError(`${at}.image is missing`);
  const credentials = container["repositoryCredentials"];
  const log = container["logConfiguration"];
  return {
    name,
    image,
    environment: list(container, "environment", at).map((entry, i) => {
      const e = record(entry, `${at}.environment[${i}]`);
      return { name: text(e, "name", `${at}.environment[${i}]`) ?? "", value: text(e, "value", `${at}.environment[${i}]`) ?? "" };
    }),
    environmentFiles: list(container, "environmentFiles", at).map((entry, i) => {
      const where = `${at}.environmentFiles[${i}]`;
      const e = record(entry, where);
      const value = text(e, "value", where);
      if (value === undefined) throw new TaskDefinitionError(`${where}.value is missing`);
      // EnvironmentFile.type: "s3" is the only value the ECS API defines.
      if (text(e, "type", where) !== "s3") throw new TaskDefinitionError(`${where}.type must be "s3"`);
      return { value, type: "s3" as const };
    }),
    secrets: namedValues(container, "secrets", at),
    repositoryCredentials:
      credentials === undefined || credentials === null
        ? null
        : (text(record(credentials, `${at}.repositoryCredentials`), "credentialsParameter", `${at}.repositoryCredentials`) ?? null),
    logConfiguration: log === undefined || log === null ? null : parseLog(record(log, `${at}.logConfiguration`), `${at}.logConfiguration`),
  };
}

function parseLog(log: Record<string, unknown>, at: string): LogConfiguration {
  const options = log["options"];
  const parsed: Record<string, string> = {};
  if (options !== undefined && options !== null) {
    for (const [key, value] of Object.entries(record(options, `${at}.options`))) {
      if (typeof value !== "string") throw new TaskDefinitionError(`${at}.options.${key} must be a string`);
      parsed[key] = value;
    }
  }
  return { logDriver: text(log, "logDriver", at) ?? "", options: parsed, secretOptions: namedValues(log, "secretOptions", at) };
}

function namedValues(parent: Record<string, unknown>, key: string, at: string): { name: string; valueFrom: string }[] {
  return list(parent, key, at).map((entry, i) => {
    const where = `${at}.${key}[${i}]`;
    const e = record(entry, where);
    const valueFrom = text(e, "valueFrom", where);
    if (valueFrom === undefined) throw new TaskDefinitionError(`${where}.valueFrom is missing`);
    return { name: text(e, "name", where) ?? "", valueFrom };
  });
}

function record(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TaskDefinitionError(`${at} is not an object`);
  return value as Record<string, unknown>;
}

function list(parent: Record<string, unknown>, key: string, at: string): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TaskDefinitionError(`${at ? `${at}.` : ""}${key} is not a list`);
  return value;
}

function text(parent: Record<string, unknown>, key: string, at: string): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new TaskDefinitionError(`${at ? `${at}.` : ""}${key} must be a string`);
  return value;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}
