import { describe, expect, it } from "vitest";
import { resolveVariables, splitTokens, tokenize, type Token } from "../../src/policy/iam-string.js";

const text = (tokens: readonly Token[] | null) =>
  tokens?.map((t) => (t.kind === "char" ? t.char : t.kind === "any" ? "<*>" : t.kind === "one" ? "<?>" : `<${t.key}|${t.fallback}>`)).join("");

describe("tokenize", () => {
  it("reads * and ? as wildcards and ${*}, ${?}, ${$} as the literal characters", () => {
    expect(text(tokenize("a*b?${*}${?}${$}", { variables: true }))).toBe("a<*>b<?>*?$");
  });

  it("reads policy variables, with IAM's default-value syntax", () => {
    expect(text(tokenize("home/${aws:username}/${aws:PrincipalTag/team, 'none'}", { variables: true }))).toBe(
      "home/<aws:username|null>/<aws:PrincipalTag/team|none>",
    );
  });

  it("leaves ${...} as text without variables (2008-10-17 policies) and when unterminated", () => {
    expect(text(tokenize("a/${aws:username}", { variables: false }))).toBe("a/${aws:username}");
    expect(text(tokenize("a/${aws:username", { variables: true }))).toBe("a/${aws:username");
  });
});

describe("resolveVariables", () => {
  const tokens = tokenize("home/${aws:username}/${aws:PrincipalTag/team, 'none'}", { variables: true });

  it("puts the value in as literal text, keys matched case-insensitively", () => {
    expect(text(resolveVariables(tokens, { "AWS:UserName": "a*" }))).toBe("home/a*/none");
    expect(resolveVariables(tokens, { "aws:username": "a*" })?.[5]).toEqual({ kind: "char", char: "a" });
    expect(resolveVariables(tokens, { "aws:username": "a*" })?.[6]).toEqual({ kind: "char", char: "*" });
  });

  it("gives null when a variable has neither value nor default", () => {
    expect(resolveVariables(tokens, {})).toBeNull();
  });
});

describe("splitTokens", () => {
  it("splits at literal colons only, not the one inside a variable", () => {
    expect(splitTokens(tokenize("a:${aws:username}:b", { variables: true }), ":").map(text)).toEqual(["a", "<aws:username|null>", "b"]);
  });
});
