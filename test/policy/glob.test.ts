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
