import { describe, expect, it } from "vitest";
import { keyPatterns } from "../../src/mapping/object-keys.js";
import { objectKeys } from "./fixtures.js";

describe("keyPatterns", () => {
  it("names every key when the engine kept them all", () => {
    expect(keyPatterns(objectKeys(["config/app.json", "config/db.json"]), 5)).toEqual([
      "config/app.json",
      "config/db.json",
    ]);
  });

  it("collapses to the common folder when there were more keys than the sample holds", () => {
    const keys = Array.from({ length: 50 }, (_, i) => `uploads/2026/01/${String(i).padStart(3, "0")}.csv`);
    expect(keyPatterns(objectKeys(keys, 20), 5)).toEqual(["uploads/2026/01/*"]);
  });

  it("cuts a common prefix back to its last '/' rather than mid-name", () => {
    const keys = ["in/2024-01.csv", "in/2024-02.csv", "in/2024-03.csv"];
    expect(keyPatterns(objectKeys(keys, 2), 5)).toEqual(["in/*"]);
  });

  it("collapses complete samples past the exact limit, and always when the limit is 0", () => {
    const keys = ["cfg/a", "cfg/b", "cfg/c"];
    expect(keyPatterns(objectKeys(keys), 3)).toEqual(keys);
    expect(keyPatterns(objectKeys(keys), 2)).toEqual(["cfg/*"]);
    expect(keyPatterns(objectKeys(["ecs/web/0f1e2d"]), 0)).toEqual(["ecs/web/*"]);
  });

  it("falls back to every key of the bucket when keys share no folder", () => {
    expect(keyPatterns(objectKeys(["a.txt", "b.txt", "c.txt"], 1), 5)).toEqual(["*"]);
  });

  it("escapes wildcard characters in names taken from logs", () => {
    expect(keyPatterns(objectKeys(["odd*name?.txt"]), 5)).toEqual(["odd${*}name${?}.txt"]);
    expect(keyPatterns(objectKeys(["x$/a", "x$/b"], 1), 5)).toEqual(["x${$}/*"]);
  });
});
