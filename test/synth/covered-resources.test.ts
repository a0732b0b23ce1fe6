import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../examples/seeded-random.js";
import { patternCovers, withoutCoveredResources } from "../../src/synth/covered-resources.js";

describe("withoutCoveredResources", () => {
  it("drops exact ARNs that a pattern in the list grants", () => {
    expect(
      withoutCoveredResources([
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-??????",
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf",
        "arn:aws:s3:::b/in/*",
        "arn:aws:s3:::b/in/2026/a.csv",
        "arn:aws:s3:::b/out/a.csv",
      ]),
    ).toEqual([
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-??????",
      "arn:aws:s3:::b/in/*",
      "arn:aws:s3:::b/out/a.csv",
    ]);
  });

  it("lets a resource-part '*' span colons but not other segments", () => {
    const group = "arn:aws:logs:eu-west-1:111122223333:log-group:g:*";
    expect(withoutCoveredResources([group, "arn:aws:logs:eu-west-1:111122223333:log-group:g:log-stream:s"])).toEqual([
      group,
    ]);
    expect(withoutCoveredResources(["arn:aws:s3:::b*", "arn:aws:s3:eu-west-1::b1"])).toEqual([
      "arn:aws:s3:::b*",
      "arn:aws:s3:eu-west-1::b1",
    ]);
  });

  it("treats escaped wildcards as the literal characters", () => {
    expect(withoutCoveredResources(["arn:aws:s3:::b/a${*}", "arn:aws:s3:::b/ab"])).toEqual([
      "arn:aws:s3:::b/a${*}",
      "arn:aws:s3:::b/ab",
    ]);
    expect(withoutCoveredResources(["arn:aws:s3:::b/*", "arn:aws:s3:::b/a${*}"])).toEqual(["arn:aws:s3:::b/*"]);
  });

  it("drops a pattern another pattern of the list holds", () => {
    expect(withoutCoveredResources(["arn:aws:s3:::b/*", "arn:aws:s3:::b/a/*"])).toEqual(["arn:aws:s3:::b/*"]);
    expect(withoutCoveredResources(["arn:aws:s3:::s/*/holiday_final.*", "arn:aws:s3:::s/*"])).toEqual(["arn:aws:s3:::s/*"]);
    expect(
      withoutCoveredResources(["arn:aws:s3:::b/exports/*/orders.csv", "arn:aws:s3:::b/exports/QBO-*/orders.csv", "arn:aws:s3:::b/exports/_??/orders.csv"]),
    ).toEqual(["arn:aws:s3:::b/exports/*/orders.csv"]);
    // Of two that grant the same ARNs, one stays.
    expect(withoutCoveredResources(["arn:aws:s3:::b/**", "arn:aws:s3:::b/*"])).toEqual(["arn:aws:s3:::b/*"]);
  });

  it("keeps a pattern that reaches names the other does not", () => {
    const kept = ["arn:aws:s3:::b/a?", "arn:aws:s3:::b/a*x", "arn:aws:s3:::b/a/*", "arn:aws:s3:::b/a${*}/*"];
    expect(withoutCoveredResources(kept)).toEqual(kept);
    expect(patternCovers("arn:aws:s3:::b/a?", "arn:aws:s3:::b/a*")).toBe(false);
    expect(patternCovers("arn:aws:s3:::b/a*", "arn:aws:s3:::b/a?")).toBe(true);
  });

  it("never claims a cover that an ARN breaks (random patterns, every ARN they could match)", () => {
    const random = new SeededRandom(20261203);
    const alphabet = ["a", "b", "/", "*", "?"];
    const pattern = () => Array.from({ length: random.int(1, 5) }, () => random.pick(alphabet)).join("");
    let covers = 0;
    for (let run = 0; run < 3000; run += 1) {
      const outer = pattern();
      const inner = pattern();
      if (!patternCovers(`arn:aws:s3:::${outer}`, `arn:aws:s3:::${inner}`)) continue;
      covers += 1;
      for (const name of expansions(inner)) expect(globMatches(outer, name), `${outer} covers ${inner}, but not ${name}`).toBe(true);
    }
    expect(covers).toBeGreaterThan(100);
  });
});

describe("withoutCoveredResources against its definition", () => {
  it("drops a resource exactly when another covers it and comes first or is not covered back (random lists, escapes and repeats)", () => {
    const random = new SeededRandom(20261204);
    const pieces = ["a", "b", "/", "*", "?", "${*}", "${$}", "$", "${?}", "?"];
    const resource = () => `arn:aws:s3:::b/${Array.from({ length: random.int(0, 4) }, () => random.pick(pieces)).join("")}`;
    for (let run = 0; run < 400; run += 1) {
      const list = Array.from({ length: random.int(1, 12) }, resource);
      const distinct = [...new Set(list)].sort();
      const covered = (at: number) => distinct.some((other, i) => i !== at && patternCovers(other, distinct[at]!) && (i < at || !patternCovers(distinct[at]!, other)));
      const kept = distinct.filter((_, at) => !covered(at));
      expect(withoutCoveredResources(list), list.join(" ")).toEqual([...new Set(list)].filter((r) => kept.includes(r)));
    }
  });
});

/** Every name a pattern matches whose wildcards stand for at most two of "a", "/" and "c". */
function expansions(pattern: string): string[] {
  let names = [""];
  for (const char of pattern) {
    const options = char === "*" ? ["", "a", "/", "c", "ac", "/c", "a/"] : char === "?" ? ["a", "/", "c"] : [char];
    names = names.flatMap((name) => options.map((option) => name + option));
  }
  return names;
}

function globMatches(pattern: string, name: string): boolean {
  const source = [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[/]/g, "\\/"))).join("");
  return new RegExp(`^${source}$`, "s").test(name);
}
