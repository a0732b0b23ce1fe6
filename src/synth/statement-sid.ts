import { createHash } from "node:crypto";
import { splitActionName } from "../iam/catalog.js";
import { compareText } from "../mapping/order.js";
import type { PolicyCondition } from "../policy/policy-document.js";

export interface StatementContent {
  readonly actions: readonly string[]; // sorted
  readonly resources: readonly string[]; // sorted
  readonly conditions?: PolicyCondition; // canonical (sorted)
}

/**
 * Condition keys -> the word a Sid names them by, followed by the first label of each value:
 * `KmsWriteViaS3` for kms:ViaService s3.eu-west-1.amazonaws.com, `IamWriteToEcsTasks` for
 * iam:PassedToService ecs-tasks.amazonaws.com. Other keys read "If" and the key's name.
 */
const CONDITION_WORDS: Readonly<Record<string, string>> = {
  "iam:PassedToService": "To",
  "kms:ViaService": "Via",
};

/** IAM access levels in the order a reader expects them in a name. */
const ACCESS_LEVEL_ORDER = ["List", "Read", "Write", "Tagging", "Permissions"];

/** Beyond this many services or actions a Sid names the first ones and "More". */
const MAX_NAMES_IN_SID = 3;

/**
 * Readable Sids derived from content, unique within the policy. A statement is named by its
 * services and access levels (`S3ReadWrite`, `KmsWrite`, `...AnyResource` for the "*" statement);
 * statements that would share that name are named by their actions instead (`KmsDecrypt`,
 * `KmsGenerateDataKey`), and any still alike get the first 8 hex digits of a hash of their
 * content. A conditional statement's name ends with its condition (`KmsWriteViaS3`). A Sid thus depends on the policy's statements, never on input order.
 * IAM allows only [A-Za-z0-9] in a Sid.
 */
export function statementSids(
  statements: readonly StatementContent[],
  accessLevelOf: (action: string) => string | undefined,
): readonly string[] {
  const byLevels = statements.map((s) => servicesPart(s) + levelsPart(s, accessLevelOf) + anyResourcePart(s) + conditionPart(s));
  const byActions = statements.map((s) => servicesPart(s) + actionsPart(s) + anyResourcePart(s) + conditionPart(s));
  const sids = byLevels.map((sid, i) => (isUnique(byLevels, sid) ? sid : (byActions[i] as string)));
  return sids.map((sid, i) => (isUnique(sids, sid) ? sid : sid + contentHash(statements[i] as StatementContent)));
}

function servicesPart(statement: StatementContent): string {
  const services = [...new Set(statement.actions.map((a) => splitActionName(a)[0]))].sort(compareText);
  return capped(services.map(pascalCase));
}

function levelsPart(statement: StatementContent, accessLevelOf: (action: string) => string | undefined): string {
  // iam-data spells some levels as lists ("Tagging, Write") and one in two words ("Permissions management").
  const levels = new Set(statement.actions.flatMap((a) => (accessLevelOf(a) ?? "").split(/[,\s]+/)));
  return ACCESS_LEVEL_ORDER.filter((level) => levels.has(level)).join("");
}

function actionsPart(statement: StatementContent): string {
  return capped(statement.actions.map((a) => splitActionName(a)[1]));
}

function anyResourcePart(statement: StatementContent): string {
  return statement.resources.includes("*") ? "AnyResource" : "";
}

function conditionPart(statement: StatementContent): string {
  const conditions = statement.conditions ?? {};
  const entries = Object.keys(conditions).flatMap((operator) => Object.entries(conditions[operator] ?? {}));
  return entries
    .map(([key, values]) => {
      const word = CONDITION_WORDS[key];
      if (word === undefined) return `If${pascalCase(key.slice(key.indexOf(":") + 1))}`;
      return word + capped([...new Set(values.map((value) => pascalCase(value.split(".")[0] ?? "")))]);
    })
    .join("");
}

function capped(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES_IN_SID).join("");
  return names.length > MAX_NAMES_IN_SID ? `${shown}More` : shown;
}

function isUnique(values: readonly string[], value: string): boolean {
  return values.indexOf(value) === values.lastIndexOf(value);
}

function pascalCase(prefix: string): string {
  return prefix
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

function contentHash(statement: StatementContent): string {
  const content = JSON.stringify([statement.actions, statement.resources, ...(statement.conditions === undefined ? [] : [statement.conditions])]);
  return createHash("sha256").update(content).digest("hex").slice(0, 8);
}
