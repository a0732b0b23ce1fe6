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
    // Tokens that pair off one for one are walked in a loop, so that a name of thousands of
    // characters costs no stack: recursion happens only at a "*".
    for (; i < outer.length && outer[i]!.kind !== "any"; i++, j++) {
      if (j === inner.length) return false;
      const o = outer[i]!;
      const n = inner[j]!;
      if (o.kind === "one" ? n.kind !== "char" && n.kind !== "one" : o.kind !== "char" || n.kind !== "char" || n.char !== o.char) return false;
    }
    if (i === outer.length) return j === inner.length;
    // "*" absorbs any run of the inner pattern's tokens, wildcards included.
    for (let k = j; k <= inner.length; k++) if (at(i + 1, k)) return true;
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
    // As in covers: literal tokens in a loop, recursion only at a "*" of either side.
    for (;; i++, j++) {
      const x = a[i];
      const y = b[j];
      if (x === undefined && y === undefined) return true;
      if (x?.kind === "any" || y?.kind === "any") break;
      if (x === undefined || y === undefined || x.kind === "variable" || y.kind === "variable") return false;
      if (x.kind !== "one" && y.kind !== "one" && x.char !== y.char) return false;
    }
    // A "*" absorbs any run of the other pattern's tokens, wildcards included.
    if (a[i]?.kind === "any") for (let k = j; k <= b.length; k++) if (at(i + 1, k)) return true;
    if (b[j]?.kind === "any") for (let k = i; k <= a.length; k++) if (at(k, j + 1)) return true;
    return false;
  };
  return at(0, 0);
}

/** Lower-cases the literal characters, for IAM's case-insensitive action names. */
export function lowerCased(tokens: readonly Token[]): Token[] {
  return tokens.map((t) => (t.kind === "char" ? { kind: "char", char: t.char.toLowerCase() } : t));
}
