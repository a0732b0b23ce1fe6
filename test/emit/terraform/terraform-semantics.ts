import { parse } from "@cdktf/hcl2json";

/**
 * What a policy statement means, in one shape for both sides of the round trip: lists of strings,
 * blocks in document order. Built from the JSON here independently of src/, so that the test is an
 * oracle and not the code under test read twice.
 */
export interface StatementMeaning {
  readonly sid?: string;
  readonly effect: string;
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly conditions: readonly { test: string; variable: string; values: readonly string[] }[];
  readonly principals: readonly { type: string; identifiers: readonly string[] }[];
  readonly notPrincipals: readonly { type: string; identifiers: readonly string[] }[];
}

type Json = Record<string, unknown>;

function list(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((item) => String(item));
}

function principalsOf(value: unknown): StatementMeaning["principals"] {
  if (value === undefined) return [];
  if (value === "*") return [{ type: "*", identifiers: ["*"] }];
  return Object.entries(value as Json).map(([type, identifiers]) => ({ type, identifiers: list(identifiers) }));
}

function withDefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** The meaning of IAM policy JSON. */
export function meaningOfJson(document: unknown): StatementMeaning[] {
  const statement = (document as Json)["Statement"];
  const statements = (Array.isArray(statement) ? statement : [statement]) as Json[];
  return statements.map((s) =>
    withDefined({
      sid: s["Sid"] === "" ? undefined : (s["Sid"] as string | undefined),
      effect: (s["Effect"] as string | undefined) ?? "",
      resources: s["Resource"] === undefined ? undefined : list(s["Resource"]),
      notResources: s["NotResource"] === undefined ? undefined : list(s["NotResource"]),
      actions: s["Action"] === undefined ? undefined : list(s["Action"]),
      notActions: s["NotAction"] === undefined ? undefined : list(s["NotAction"]),
      conditions: Object.entries((s["Condition"] ?? {}) as Record<string, Json>).flatMap(([test, keys]) =>
        Object.entries(keys).map(([variable, values]) => ({ test, variable, values: list(values) })),
      ),
      principals: principalsOf(s["Principal"]),
      notPrincipals: principalsOf(s["NotPrincipal"]),
    }),
  );
}

/**
 * hcl2json returns strings in Terraform's JSON syntax, where `$${` and `%%{` still stand for the
 * literal `${` and `%{`; interpolations it leaves as their source text.
 */
export function literalOf(template: string): string {
  return template.replace(/\$\$\{|%%\{/g, (escape) => escape.slice(1));
}

function literals(value: unknown): string[] | undefined {
  return value === undefined ? undefined : (value as string[]).map(literalOf);
}

function blocksOf(value: unknown): Json[] {
  return (value as Json[] | undefined) ?? [];
}

/** Parses Terraform text with hcl2json and returns the meaning of data source `name`, or throws. */
export async function meaningOfTerraform(hcl: string, name: string): Promise<StatementMeaning[]> {
  const parsed = (await parse("policy.tf", hcl)) as { data?: { aws_iam_policy_document?: Record<string, Json[]> } };
  const source = parsed.data?.aws_iam_policy_document?.[name]?.[0];
  if (source === undefined) throw new Error(`no data source ${name} in:\n${hcl}`);
  return blocksOf(source["statement"]).map((s) =>
    withDefined({
      sid: s["sid"] === undefined ? undefined : literalOf(s["sid"] as string),
      effect: literalOf(s["effect"] as string),
      resources: literals(s["resources"]),
      notResources: literals(s["not_resources"]),
      actions: literals(s["actions"]),
      notActions: literals(s["not_actions"]),
      conditions: blocksOf(s["condition"]).map((c) => ({
        test: literalOf(c["test"] as string),
        variable: literalOf(c["variable"] as string),
        values: literals(c["values"]) ?? [],
      })),
      principals: blocksOf(s["principals"]).map((p) => ({ type: literalOf(p["type"] as string), identifiers: literals(p["identifiers"]) ?? [] })),
      notPrincipals: blocksOf(s["not_principals"]).map((p) => ({ type: literalOf(p["type"] as string), identifiers: literals(p["identifiers"]) ?? [] })),
    }),
  );
}
