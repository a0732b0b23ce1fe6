import type { PolicyCondition } from "../policy/policy-document.js";
import { compareText } from "./order.js";

/** The same condition with operators, keys and values sorted and values unique: one spelling per meaning. */
export function canonicalConditions(conditions: PolicyCondition): PolicyCondition {
  return Object.fromEntries(
    Object.keys(conditions)
      .sort(compareText)
      .map((operator) => {
        const keys = conditions[operator] ?? {};
        return [
          operator,
          Object.fromEntries(
            Object.keys(keys)
              .sort(compareText)
              .map((key) => [key, [...new Set(keys[key] ?? [])].sort(compareText)]),
          ),
        ];
      }),
  );
}

/** A string equal for equal conditions ("" for none): for grouping and sorting. */
export function conditionsKey(conditions: PolicyCondition | undefined): string {
  return conditions === undefined || Object.keys(conditions).length === 0 ? "" : JSON.stringify(canonicalConditions(conditions));
}

/**
 * The single operator and key of a condition with exactly one, such as
 * `StringEquals kms:ViaService`: two such conditions on the same operator and key combine into one
 * whose values are both lists' (a key's values are alternatives). Undefined for anything else.
 */
export function singleConditionKey(conditions: PolicyCondition): { readonly operator: string; readonly key: string; readonly values: readonly string[] } | undefined {
  const operators = Object.keys(conditions);
  if (operators.length !== 1) return undefined;
  const operator = operators[0] as string;
  const keys = Object.keys(conditions[operator] ?? {});
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  return { operator, key, values: conditions[operator]?.[key] ?? [] };
}
