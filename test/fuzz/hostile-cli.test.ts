// Hostile CloudTrail through every command and format: output stays well-formed and escaped, exit
// codes stay in {0, 1, 2}, and nothing prints a stack trace. `npm test` runs one seed; more runs:
// `FUZZ_RUNS=20 npx vitest run test/fuzz` (or `npm run fuzz`), `FUZZ_SEED=N` to replay one.

import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { afterAll, describe, expect, it } from "vitest";
import { tighten, type CliResult } from "../support/cli.js";
import { run } from "../support/run-cli.js";
import { tempDir } from "../support/trail.js";
import { writeHostileTree } from "./hostile-events.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const SEEDS = Array.from({ length: RUNS }, (_, i) => FIRST_SEED + i);

/** Characters a terminal or a renderer acts on: C0 (but tab and newline), DEL, C1, bidi controls, NUL. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function expectSane(result: CliResult, what: string): void {
  expect([0, 1, 2], `${what}: exit ${result.code}\n${result.stderr}`).toContain(result.code);
  expect(result.stderr, what).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
  expect(result.stderr, what).not.toMatch(RAW_CONTROL);
  if (result.code === 2) expect(result.stderr.trim().split("\n").filter((l) => l.startsWith("tighten:")), what).toHaveLength(1);
}

describe.each(SEEDS)("hostile logs, seed %i", (seed) => {
  const root = tempDir("tighten-fuzz-");
  const out = tempDir("tighten-fuzz-out-");
  dirs.push(root, out);
  writeHostileTree(root, seed);

  it("generate (json, terraform, --out) writes valid, escaped policies", async () => {
    // One run as a real process, through bin/tighten.js and the build: exit code and streams as a
    // shell sees them; the rest in this process (run-cli.ts), which prints the same.
    const json = tighten("generate", "--logs", root, "--all-roles", "--quiet");
    expectSane(json, "generate json");
    // The hostile calls are read, whatever the odd file does.
    expect(json.code, json.stderr).toBe(0);
    {
      expect(json.stdout).not.toMatch(RAW_CONTROL);
      // Every Resource of every policy (role ARNs, keys of the output, are names, not patterns).
      const resources = policyResources(JSON.parse(json.stdout) as unknown);
      expect(resources.length).toBeGreaterThan(0);
      // IAM takes a Resource only as * or an ARN; no policy variable from a log: only the escapes
      // of a literal *, ? and $.
      for (const resource of resources) {
        expect(resource === "*" || /^arn:[^:]+:[^:]+:/.test(resource), resource).toBe(true);
        expect(resource.replace(/\$\{[*?$]\}/g, "")).not.toContain("${");
      }
    }
    const terraform = await run("generate", "--logs", root, "--all-roles", "--format", "terraform", "--out", out, "--quiet");
    expectSane(terraform, "generate terraform");
    for (const file of readdirSync(out).filter((f) => f.endsWith(".tf"))) {
      const text = readFileSync(path.join(out, file), "utf8");
      expect(text).not.toMatch(RAW_CONTROL);
      await expect(parse(file, text), file).resolves.toBeTypeOf("object");
    }
    expectSane(await run("generate", "--logs", root, "--all-roles", "--out", out, "--quiet"), "generate --out");
  });

  it("explain and verify read what they cannot map without failing", async () => {
    const explain = await run("explain", "--logs", root, "--all-roles", "--quiet");
    expectSane(explain, "explain");
    expect(explain.stdout).not.toMatch(RAW_CONTROL);
    for (const file of readdirSync(out).filter((f) => f.endsWith(".json") && !f.includes("trust"))) {
      const verify = await run("verify", "--logs", root, "--role", "*", "--policy", path.join(out, file), "--format", "json", "--quiet");
      expectSane(verify, `verify ${file}`);
      if (verify.code !== 2) expect(() => JSON.parse(verify.stdout)).not.toThrow();
      break;
    }
  });

  it.each(["text", "markdown", "json", "html"])("drift --format %s escapes every string from the logs", async (format) => {
    const drift = await run("drift", "--logs", root, "--all-roles", "--baseline", out, "--format", format, "--quiet", "--fail-on", "drift,denied");
    expectSane(drift, `drift ${format}`);
    if (drift.code === 2) return;
    expect(drift.stdout).not.toMatch(RAW_CONTROL);
    if (format === "json") expect(() => JSON.parse(drift.stdout)).not.toThrow();
    if (format === "html") expect(activeMarkup(drift.stdout)).toEqual([]);
    if (format === "markdown") expect(outsideCodeSpans(drift.stdout)).not.toMatch(/<script|<img/i);
  });

  it("backtest and diff report in every format", async () => {
    for (const format of ["json", "markdown"]) {
      const backtest = await run("backtest", "--logs", root, "--all-roles", "--split", "50%", "--format", format, "--quiet");
      expectSane(backtest, `backtest ${format}`);
      if (backtest.code !== 2) expect(backtest.stdout).not.toMatch(RAW_CONTROL);
    }
    const diff = await run("diff", "--logs", root, "--role", "svc-task", "--current", "examples/current/payments-service-task.json", "--format", "markdown", "--quiet");
    expectSane(diff, "diff markdown");
    if (diff.code !== 2) expect(outsideCodeSpans(diff.stdout)).not.toMatch(/<script|<img/i);
  });
});

/**
 * The tags of an HTML page that would run something: a script or img element, or an attribute
 * named on... Text from the logs is escaped, so "onerror=" may well appear as text, or inside a
 * quoted attribute value (a title); only the page's own tags are read here, attribute by attribute.
 */
function activeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(/<([a-z][a-z0-9]*)((?:\s+[^\s=>"'/]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    const [text, name = "", attributes = ""] = tag;
    if (/^(script|img|iframe|object|embed)$/i.test(name)) found.push(text);
    for (const [, attribute = ""] of attributes.matchAll(/\s+([^\s=>"'/]+)(?:="[^"]*")?/g)) if (/^on/i.test(attribute)) found.push(text);
  }
  // A "<" that opens no well-formed tag is markup that escaped too: the page's own never does.
  const unparsed = html.replace(/<([a-z][a-z0-9]*)((?:\s+[^\s=>"'/]+(?:="[^"]*")?)*)\s*\/?>|<\/[a-z][a-z0-9]*>|<!DOCTYPE html>|<!--[^]*?-->/gi, "");
  if (unparsed.includes("<")) found.push(unparsed.slice(unparsed.indexOf("<"), unparsed.indexOf("<") + 80));
  return found;
}

/**
 * The Resource values of every statement of `generate`'s JSON: one role's policy document, or
 * for several roles { role: { policies: [document, ...] } }.
 */
function policyResources(output: unknown): string[] {
  type Document = { Statement: { Resource?: string | string[] }[] };
  const documents: Document[] =
    typeof output === "object" && output !== null && "Statement" in output
      ? [output as Document]
      : Object.values(output as Record<string, { policies: Document[] }>).flatMap((role) => role.policies);
  return documents.flatMap((document) => document.Statement.flatMap((statement) => [statement.Resource ?? []].flat()));
}

/**
 * Markdown with its code spans removed: inside a span HTML is text (CommonMark 6.1), so a tag
 * there is harmless; outside one it would render. A span opens with a run of n backticks and
 * closes at the next run of exactly n.
 */
function outsideCodeSpans(markdown: string): string {
  let text = "";
  let at = 0;
  for (;;) {
    const open = /`+/g;
    open.lastIndex = at;
    const start = open.exec(markdown);
    if (start === null) return text + markdown.slice(at);
    const close = new RegExp(`(?<!\`)${start[0]}(?!\`)`, "g");
    close.lastIndex = start.index + start[0].length;
    const end = close.exec(markdown);
    if (end === null) return text + markdown.slice(at);
    text += markdown.slice(at, start.index);
    at = end.index + end[0].length;
  }
}
