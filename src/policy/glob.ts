import type { Token } from "./iam-string.js";

/**
 * Relations between two wildcard patterns, where a pattern stands for the set of strings it
 * matches. A string without wildcards is the set of itself, so for an exact request both
 * relations say "the pattern matches it". Variables must be resolved first: an unresolved one
 * matches nothing. Characters compare exactly (ARNs are case-sensitive); callers that want
 * case-insensitive matching (actions) lower-case both sides.
 */

/**
 * True when every string `inner` matches, `outer` matches too. Sound, and complete for the
 * patterns policies hold in practice; where it is not (`*?` against `?*`) it answers false, which
 * makes replay report a denial rather than assume an allow.
 */
export function covers(outer: readonly Token[], inner: readonly Token[]): boolean {
  const memo = new Map<number, boolean>();
  const width = inner.length + 1;
  const at = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result = step(i, j);
    memo.set(key, result);
    return result;
  };
  const step = (i: number, j: number): boolean => {
    if (i === outer.length) return j === inner.length;
    const o = outer[i] as Token;
    // "*" absorbs any run of the inner pattern's tokens, wildcards included.
    if (o.kind === "any") return at(i + 1, j) || (j < inner.length && at(i, j + 1));
    if (j === inner.length) return false;
    const n = inner[j] as Token;
    if (o.kind === "one") return (n.kind === "char" || n.kind === "one") && at(i + 1, j + 1);
    if (o.kind === "char") return n.kind === "char" && n.char === o.char && at(i + 1, j + 1);
    return false;
  };
  return at(0, 0);
}

/** True when some string matches both patterns. */
export function overlaps(a: readonly Token[], b: readonly Token[]): boolean {
  const memo = new Map<number, boolean>();
  const width = b.length + 1;
  const at = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result = step(i, j);
    memo.set(key, result);
    return result;
  };
  const step = (i: number, j: number): boolean => {
    const x = a[i];
    const y = b[j];
    if (x === undefined && y === undefined) return true;
    if (x?.kind === "any" && (at(i + 1, j) || (y !== undefined && at(i, j + 1)))) return true;
    if (y?.kind === "any" && (at(i, j + 1) || (x !== undefined && at(i + 1, j)))) return true;
    if (x === undefined || y === undefined || x.kind === "any" || y.kind === "any") return false;
    if (x.kind === "variable" || y.kind === "variable") return false;
    const compatible = x.kind === "one" || y.kind === "one" || x.char === y.char;
    return compatible && at(i + 1, j + 1);
  };
  return at(0, 0);
}

/** Lower-cases the literal characters, for IAM's case-insensitive action names. */
export function lowerCased(tokens: readonly Token[]): Token[] {
  return tokens.map((t) => (t.kind === "char" ? { kind: "char", char: t.char.toLowerCase() } : t));
}
