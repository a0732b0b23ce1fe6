/**
 * Whether a role's trust policy ties ECS's use of it to the account's own tasks. Without an
 * `aws:SourceAccount` or `aws:SourceArn` condition, the trust statement for
 * `ecs-tasks.amazonaws.com` lets ECS assume the role for a task of any account that names its ARN:
 * the confused-deputy problem (ECS Developer Guide, "Amazon ECS task IAM role", and IAM User
 * Guide, "The confused deputy problem": cross-service confused deputy prevention).
 */

export const ECS_TASKS_PRINCIPAL = "ecs-tasks.amazonaws.com";

// Condition keys are case-insensitive (IAM User Guide, "IAM JSON policy elements: Condition");
// the value is the canonical spelling reported back.
const SOURCE_KEYS: ReadonlyMap<string, string> = new Map([
  ["aws:sourceaccount", "aws:SourceAccount"],
  ["aws:sourcearn", "aws:SourceArn"],
]);

// The operators AWS's guidance uses (StringEquals for the account, ArnLike for the ARN) and their
// siblings. `...IfExists` passes when the key is missing, and `ForAnyValue:`/`Not...` do not pin
// the value, so none of them counts. Operator names are matched as written: IAM's are case-sensitive.
const PINNING_OPERATORS = new Set(["StringEquals", "StringLike", "ArnEquals", "ArnLike"]);
// In these, a value of nothing but wildcards ("*") matches any account or ARN.
const WILDCARD_OPERATORS = new Set(["StringLike", "ArnLike"]);

export type TrustConditions =
  /** Every statement that lets ecs-tasks.amazonaws.com assume the role carries one of the keys. */
  | { readonly kind: "conditioned"; readonly keys: readonly string[] }
  /** Statements (Sid, or "statement N", 1-based) that let it assume the role without them. */
  | { readonly kind: "unconditioned"; readonly statements: readonly string[] }
  /** No statement lets ecs-tasks.amazonaws.com assume the role: ECS cannot use it for a task. */
  | { readonly kind: "no-ecs-tasks" };

/**
 * Checks each Allow statement whose Principal names ecs-tasks.amazonaws.com and whose Action can
 * be sts:AssumeRole. A Deny statement elsewhere that refuses other accounts would protect the role
 * too; trust policies written that way are rare, and this check reports them as unconditioned.
 */
export function checkTrustConditions(document: unknown): TrustConditions {
  const unconditioned: string[] = [];
  const keys = new Set<string>();
  let trusted = false;
  statementsOf(document).forEach((statement, i) => {
    if (statement["Effect"] !== "Allow" || !namesEcsTasks(statement["Principal"]) || !allowsAssumeRole(statement["Action"])) return;
    trusted = true;
    const found = sourceKeys(statement["Condition"]);
    if (found.length === 0) unconditioned.push(typeof statement["Sid"] === "string" && statement["Sid"] !== "" ? statement["Sid"] : `statement ${i + 1}`);
    for (const key of found) keys.add(key);
  });
  if (!trusted) return { kind: "no-ecs-tasks" };
  if (unconditioned.length > 0) return { kind: "unconditioned", statements: unconditioned };
  return { kind: "conditioned", keys: [...keys].sort() };
}

function statementsOf(document: unknown): Record<string, unknown>[] {
  if (!isRecord(document)) return [];
  const statement = document["Statement"];
  const list = Array.isArray(statement) ? statement : [statement];
  return list.filter(isRecord);
}

function namesEcsTasks(principal: unknown): boolean {
  return isRecord(principal) && strings(principal["Service"]).includes(ECS_TASKS_PRINCIPAL);
}

/** Action patterns are case-insensitive globs; a statement without Action (NotAction) is counted too. */
function allowsAssumeRole(action: unknown): boolean {
  if (action === undefined) return true;
  return strings(action).some((pattern) => globMatches(pattern.toLowerCase(), "sts:assumerole"));
}

function sourceKeys(condition: unknown): string[] {
  if (!isRecord(condition)) return [];
  const found: string[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!PINNING_OPERATORS.has(operator) || !isRecord(block)) continue;
    for (const [key, value] of Object.entries(block)) {
      const canonical = SOURCE_KEYS.get(key.toLowerCase());
      if (canonical === undefined) continue;
      const values = strings(value);
      const pins = WILDCARD_OPERATORS.has(operator) ? values.some((v) => !/^[*?]*$/.test(v)) : values.length > 0;
      if (pins) found.push(canonical);
    }
  }
  return found;
}

function globMatches(pattern: string, text: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return regex.test(text);
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
