import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyConfigFlags, type ConfigArgs, resolveConfig } from "../../src/config/config-options.js";
import { DEFAULT_CONFIG, loadConfig, parseConfig } from "../../src/config/tighten-config.js";
import { UsageError } from "../../src/usage-error.js";

const noFlags: ConfigArgs = {
  config: undefined, s3ObjectKeys: undefined, s3Prefix: undefined, dynamodbIndexes: undefined, secretNames: undefined, logStreams: undefined, policyType: undefined,
};

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tighten-config-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe("tighten.config.json", () => {
  it("has documented defaults: S3 keys by shape, no prefix rules, index/*, NAME-??????, log-group:G:*", () => {
    expect(DEFAULT_CONFIG).toEqual({
      generalize: { s3ObjectKeys: "shape", s3Prefixes: {}, dynamodbIndexes: "any-index", secretNames: "any-suffix", logStreams: "log-group", failedCalls: "proven-only" },
      policyType: "inline",
    });
  });

  it("takes per-bucket and per-prefix rules", () => {
    const config = parseConfig({ generalize: { s3ObjectKeys: "folder", s3Prefixes: { "acme-uploads/uploads/": "*", "acme-config": "exact" } } }, "f.json");
    expect(config.generalize.s3ObjectKeys).toBe("folder");
    expect(config.generalize.s3Prefixes).toEqual({ "acme-uploads/uploads/": "*", "acme-config": "exact" });
  });

  it("fills absent keys with the defaults", () => {
    expect(parseConfig({ generalize: { logStreams: "stream-prefix" } }, "f.json")).toEqual({
      ...DEFAULT_CONFIG,
      generalize: { ...DEFAULT_CONFIG.generalize, logStreams: "stream-prefix" },
    });
    expect(parseConfig({}, "f.json")).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    [{ generalize: { s3ObjectKeys: 5 } }, 'f.json: generalize.s3ObjectKeys: 5 is not one of "shape", "folder", "exact"'],
    [{ generalize: { s3Prefixes: { "acme-uploads/in/": "all" } } }, 'f.json: generalize.s3Prefixes: {"acme-uploads/in/":"all"} is not an object of "BUCKET/PREFIX": rule'],
    [{ generalize: { s3Prefixes: { "/in/": "*" } } }, "f.json: generalize.s3Prefixes: "],
    [{ generalize: { dynamodbIndex: "exact" } }, "f.json: generalize.dynamodbIndex: unknown key (expected s3ObjectKeys, s3Prefixes, dynamodbIndexes, secretNames, logStreams, failedCalls)"],
    [{ generalize: { secretNames: "none" } }, 'f.json: generalize.secretNames: "none" is not one of "any-suffix", "exact"'],
    [{ policyType: "attached" }, 'f.json: policyType: "attached" is not one of "inline", "managed"'],
    [{ generalise: {} }, "f.json: generalise: unknown key (expected generalize, policyType)"],
    [[], "f.json: (top level): expected a JSON object"],
  ])("rejects %j with a one-line message naming the file and key", (json, message) => {
    expect(() => parseConfig(json, "f.json")).toThrow(UsageError);
    expect(() => parseConfig(json, "f.json")).toThrow(message);
  });

  it("reads tighten.config.json from the project directory, or the defaults when there is none", async () => {
    const dir = await project({ "tighten.config.json": JSON.stringify({ policyType: "managed" }) });
    expect((await loadConfig({ projectDir: dir })).policyType).toBe("managed");
    expect(await loadConfig({ projectDir: await project({}) })).toEqual(DEFAULT_CONFIG);
  });

  it("requires a --config file to exist, and to be JSON", async () => {
    const dir = await project({ "bad.json": "{ nope" });
    await expect(loadConfig({ projectDir: dir, configFile: path.join(dir, "missing.json") })).rejects.toThrow(/^--config .*missing\.json: cannot read \(ENOENT\)$/);
    await expect(loadConfig({ projectDir: dir, configFile: path.join(dir, "bad.json") })).rejects.toThrow(/bad\.json: not valid JSON/);
  });
});

describe("config flags", () => {
  it("override the file, key by key", async () => {
    const dir = await project({
      "tighten.config.json": JSON.stringify({ generalize: { s3ObjectKeys: "exact", s3Prefixes: { "bkt/in/": "exact" }, dynamodbIndexes: "exact" } }),
    });
    const config = await resolveConfig({ ...noFlags, s3ObjectKeys: "folder", s3Prefix: ["bkt/in/=*", "bk2=shape"], grantFailed: true, policyType: "managed" }, dir);
    expect(config).toEqual({
      generalize: {
        s3ObjectKeys: "folder", s3Prefixes: { "bkt/in/": "*", bk2: "shape" }, dynamodbIndexes: "exact", secretNames: "any-suffix", logStreams: "log-group", failedCalls: "grant",
      },
      policyType: "managed",
    });
  });

  it("name the flag at fault", () => {
    expect(() => applyConfigFlags(DEFAULT_CONFIG, { ...noFlags, s3ObjectKeys: "5" })).toThrow('--s3-object-keys: "5" is not one of "shape", "folder", "exact"');
    expect(() => applyConfigFlags(DEFAULT_CONFIG, { ...noFlags, s3Prefix: ["uploads/in"] })).toThrow(/^--s3-prefix "uploads\/in": expected BUCKET/);
    expect(() => applyConfigFlags(DEFAULT_CONFIG, { ...noFlags, s3Prefix: ["Bad_Bucket/x=*"] })).toThrow(/^--s3-prefix "Bad_Bucket\/x=\*": "Bad_Bucket\/x" does not start with an S3 bucket name/);
    expect(() => applyConfigFlags(DEFAULT_CONFIG, { ...noFlags, logStreams: "streams" })).toThrow('--log-streams: "streams" is not one of "log-group", "stream-prefix"');
  });
});
