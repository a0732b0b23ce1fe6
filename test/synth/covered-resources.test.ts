import { describe, expect, it } from "vitest";
import { withoutCoveredResources } from "../../src/synth/covered-resources.js";

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

  it("keeps patterns, even one inside another", () => {
    expect(withoutCoveredResources(["arn:aws:s3:::b/*", "arn:aws:s3:::b/a/*"])).toEqual([
      "arn:aws:s3:::b/*",
      "arn:aws:s3:::b/a/*",
    ]);
  });
});
