import { NAME_TOKEN_RULES, TOKEN_PATTERN, type TokenRule } from "../mapping/name-tokens.js";

/**
 * The SQL that computes a name's templates (mapping/name-tokens.ts: nameTemplate, nameShape)
 * inside the engine, rendered from the same rules for each dialect. Everything in it is tighten's
 * own constant text (the rules' patterns), never a value from the user or a log.
 *
 * It works in two steps so that each token is classified once: `nameTokensSql` turns the name into
 * a list of [token, kind] pairs, the kind "g:<kind>" for a generated token, "v:<kind>" for a
 * varying one and NULL for literal text; `fineTemplateSql` and `coarseTemplateSql` join them back.
 */
export type SqlDialect = "duckdb" | "trino";

export function nameTokensSql(column: string, dialect: SqlDialect): string {
  const branches = NAME_TOKEN_RULES.map((rule) => `WHEN ${ruleTest(rule, dialect)} THEN ${sqlString(`${rule.strength === "generated" ? "g" : "v"}:${rule.kind}`)}`);
  // Delimiters and words first: most tokens, and no rule matches them.
  const literal = dialect === "duckdb" ? "regexp_full_match(t, '[^0-9A-Za-z].*|[A-Za-z]+')" : "regexp_like(t, '^([^0-9A-Za-z].*|[A-Za-z]+)$')";
  const kind = `CASE WHEN ${literal} THEN NULL ${branches.join(" ")} ELSE NULL END`;
  const tokens = `regexp_extract_all(${column}, ${sqlString(TOKEN_PATTERN)})`;
  return dialect === "duckdb" ? `list_transform(${tokens}, t -> [t, ${kind}])` : `transform(${tokens}, t -> ARRAY[t, ${kind}])`;
}

/** nameTemplate: generated tokens as `{kind}`, the rest as it is, `{` doubled. */
export function fineTemplateSql(tokens: string, dialect: SqlDialect): string {
  return joined(tokens, "p[2] LIKE 'g:%'", dialect);
}

/** nameShape: every classified token as `{kind}`, the rest as it is, `{` doubled. */
export function coarseTemplateSql(tokens: string, dialect: SqlDialect): string {
  return joined(tokens, "p[2] IS NOT NULL", dialect);
}

function joined(tokens: string, placeholder: string, dialect: SqlDialect): string {
  const piece = `CASE WHEN ${placeholder} THEN '{' || substr(p[2], 3) || '}' ELSE replace(p[1], '{', '{{') END`;
  return dialect === "duckdb" ? `array_to_string(list_transform(${tokens}, p -> ${piece}), '')` : `array_join(transform(${tokens}, p -> ${piece}), '')`;
}

function ruleTest(rule: TokenRule, dialect: SqlDialect): string {
  const full = dialect === "duckdb" ? `regexp_full_match(t, ${sqlString(`(${rule.full})`)})` : `regexp_like(t, ${sqlString(`^(${rule.full})$`)})`;
  const contains = (rule.contains ?? []).map((pattern) =>
    dialect === "duckdb" ? `regexp_matches(t, ${sqlString(pattern)})` : `regexp_like(t, ${sqlString(pattern)})`,
  );
  return [full, ...contains].join(" AND ");
}

function sqlString(text: string): string {
  if (text.includes("?")) throw new Error(`a '?' in engine SQL text would read as a parameter marker: ${text}`);
  return `'${text.replaceAll("'", "''")}'`;
}
