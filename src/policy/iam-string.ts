/**
 * IAM's string language for Resource (and Action) values: "*" is any run of characters, "?" any
 * one character, `${key}` a policy variable replaced by the request's value for the context key,
 * `${key, 'default'}` one with a fallback, and `${*}`, `${?}`, `${$}` the literal characters.
 * Source: IAM User Guide, "IAM policy elements: Variables and tags" (Special characters,
 * Specifying default values).
 */
export type Token =
  | { readonly kind: "any" } // *
  | { readonly kind: "one" } // ?
  | { readonly kind: "char"; readonly char: string }
  | { readonly kind: "variable"; readonly key: string; readonly fallback: string | null };

const ANY: Token = { kind: "any" };
const ONE: Token = { kind: "one" };
const LITERAL_ESCAPES: Readonly<Record<string, string>> = { "${*}": "*", "${?}": "?", "${$}": "$" };

/**
 * The tokens of an IAM string. `variables: false` reads `${...}` other than the three escapes as
 * plain text: what IAM does in a 2008-10-17 policy, and what observed resources (which hold no
 * variables, mapping escapes "$") need.
 */
export function tokenize(value: string, options: { readonly variables: boolean }): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < value.length) {
    const char = value[i] as string;
    if (char === "*" || char === "?") {
      tokens.push(char === "*" ? ANY : ONE);
      i += 1;
      continue;
    }
    if (char === "$" && value[i + 1] === "{") {
      const end = value.indexOf("}", i + 2);
      const literal = end === -1 ? undefined : LITERAL_ESCAPES[value.slice(i, end + 1)];
      if (literal !== undefined) {
        tokens.push({ kind: "char", char: literal });
        i = end + 1;
        continue;
      }
      if (end !== -1 && options.variables) {
        tokens.push(variableToken(value.slice(i + 2, end)));
        i = end + 1;
        continue;
      }
    }
    tokens.push({ kind: "char", char });
    i += 1;
  }
  return tokens;
}

/** "aws:username" or "aws:username, 'anonymous'" (IAM's default-value syntax: comma, space, quotes). */
function variableToken(inside: string): Token {
  const withDefault = /^(.*?), '(.*)'$/.exec(inside);
  return withDefault === null
    ? { kind: "variable", key: inside.trim(), fallback: null }
    : { kind: "variable", key: (withDefault[1] as string).trim(), fallback: withDefault[2] as string };
}

/**
 * Context key -> value, for resolving variables; keys are matched case-insensitively, as IAM
 * matches condition keys.
 */
export type VariableValues = Readonly<Record<string, string>>;

/**
 * The tokens with each variable replaced by its value (literal text: a "*" in a value is not a
 * wildcard), or null when one has neither a value nor a default: IAM then cannot match the
 * string at all (User Guide: "If AWS cannot resolve a variable, this might cause the entire
 * statement to be invalid").
 */
export function resolveVariables(tokens: readonly Token[], values: VariableValues): Token[] | null {
  if (!tokens.some((t) => t.kind === "variable")) return tokens as Token[];
  const lower = new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value]));
  const resolved: Token[] = [];
  for (const token of tokens) {
    if (token.kind !== "variable") {
      resolved.push(token);
      continue;
    }
    const value = lower.get(token.key.toLowerCase()) ?? token.fallback;
    if (value === null || value === undefined) return null;
    for (const char of value) resolved.push({ kind: "char", char });
  }
  return resolved;
}

/** Splits at each literal occurrence of `char` (a ":" inside `${aws:username}` is not one). */
export function splitTokens(tokens: readonly Token[], char: string): Token[][] {
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === "char" && token.char === char) parts.push([]);
    else (parts[parts.length - 1] as Token[]).push(token);
  }
  return parts;
}
