import { describe, expect, it } from "vitest";
import { covers, overlaps } from "../../src/policy/glob.js";
import { tokenize } from "../../src/policy/iam-string.js";

const t = (s: string) => tokenize(s, { variables: false });

describe("covers", () => {
  it.each([
    ["logs/*", "logs/2026/a.gz", true],
    ["logs/*", "logs/2026/*", true],
    ["*", "anything-at-all", true],
    ["db-??????", "db-AbCdEf", true],
    ["db-*", "db-??????", true],
    ["db-??????", "db-*", false], // "db-*" includes "db-" and "db-x"
    ["logs/2026/*", "logs/*", false],
    ["Logs/*", "logs/a", false], // case-sensitive
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["a${*}", "a${*}", true], // a literal star covers only itself
    ["a${*}", "a*", false],
    ["a${*}", "ab", false],
  ])("%s covers %s: %s", (outer, inner, expected) => {
    expect(covers(t(outer), t(inner))).toBe(expected);
  });
});

describe("overlaps", () => {
  it.each([
    ["logs/2026/*", "logs/*", true],
    ["logs/*", "data/*", false],
    ["*.gz", "logs/*", true],
    ["a?", "?b", true],
    ["a?", "b*", false],
    ["abc", "abc", true],
    ["abc", "abd", false],
    ["a*c", "*b*", true],
  ])("%s overlaps %s: %s", (a, b, expected) => {
    expect(overlaps(t(a), t(b))).toBe(expected);
    expect(overlaps(t(b), t(a))).toBe(expected);
  });
});

describe("long names", () => {
  // A name from the logs can be any length (a refused call's key, a hand-written trail): the
  // walk must not recurse per character. 50,000 characters overflowed the stack before.
  const long = "x".repeat(50_000);
  it("answers for names of any length, recursing only at wildcards", () => {
    expect(covers(t(`${long}*`), t(`${long}/a`))).toBe(true);
    expect(covers(t(`*${long}`), t(`a${long}`))).toBe(true);
    expect(covers(t(long), t(`${long}y`))).toBe(false);
    expect(overlaps(t(`${long}*`), t(`*${long}`))).toBe(true);
    expect(overlaps(t(`a${long}`), t(`b*`))).toBe(false);
    expect(overlaps(t(`${long}?`), t(`${long}`))).toBe(false);
  });
});

describe("against the definition", () => {
  // Every string over {a, b} up to length 8, matched as IAM reads a pattern (* any run, ? one).
  const strings: string[] = [""];
  for (let length = 1; length <= 8; length++) for (let n = 0; n < 2 ** length; n++) strings.push(n.toString(2).padStart(length, "0").replace(/0/g, "a").replace(/1/g, "b"));
  const matcher = (pattern: string) => new RegExp(`^${pattern.replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  const patterns: string[] = [];
  for (const length of [0, 1, 2, 3, 4]) {
    const grow = (prefix: string): void => {
      if (prefix.length === length) patterns.push(prefix);
      else for (const c of "ab*?") grow(prefix + c);
    };
    grow("");
  }

  it("overlaps exactly when some string matches both (all patterns of up to 4 of a, b, *, ?)", () => {
    const matched = new Map(patterns.map((p) => [p, strings.filter((s) => matcher(p).test(s))]));
    const tokens = new Map(patterns.map((p) => [p, t(p)]));
    const wrong: string[] = [];
    for (const a of patterns) {
      const ofA = new Set(matched.get(a));
      for (const b of patterns) {
        if (overlaps(tokens.get(a)!, tokens.get(b)!) !== matched.get(b)!.some((s) => ofA.has(s))) wrong.push(`${a} ${b}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("covers only when every string the inner pattern matches, the outer matches too", () => {
    const matched = new Map(patterns.map((p) => [p, [...strings.filter((s) => matcher(p).test(s))]]));
    const tokens = new Map(patterns.map((p) => [p, t(p)]));
    const wrong: string[] = [];
    let answeredTrue = 0;
    for (const outer of patterns) {
      const ofOuter = new Set(matched.get(outer));
      for (const inner of patterns) {
        if (!covers(tokens.get(outer)!, tokens.get(inner)!)) continue;
        answeredTrue += 1;
        const missed = matched.get(inner)!.find((s) => !ofOuter.has(s));
        if (missed !== undefined) wrong.push(`${outer} covers ${inner}, yet not ${missed}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(answeredTrue).toBeGreaterThan(1000);
  });
});
