import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// DESIGN.md, "One direction": renderers take plain report types (drift/drift-report.ts,
// ecs/audit-report.ts, policy/replay.ts, ...) and know nothing of how a command gathered them;
// nothing imports the command line.

const SRC = path.resolve("src");

/** Every module under src, relative to it and "/"-separated. */
const MODULES = readdirSync(SRC, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.split(path.sep).join("/"))
  .sort();

/** The src-relative modules a file imports: static, side-effect, re-exports and dynamic import(). */
function importsOf(module: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => path.posix.join(path.posix.dirname(module), specifier).replace(/\.js$/, ".ts"));
}

function importsInto(modules: readonly string[], forbidden: readonly string[]): string[] {
  return modules.flatMap((module) =>
    importsOf(module, readFileSync(path.join(SRC, module), "utf8"))
      .filter((target) => forbidden.some((dir) => target.startsWith(`${dir}/`)))
      .map((target) => `${module} -> ${target}`),
  );
}

describe("imports run downward", () => {
  it("reads every kind of import a module can write", () => {
    const text = [
      `import { a } from "../pipeline/a.js";`,
      `import type { B } from '../../cli/b.js';`,
      `export { c } from "./c.js";`,
      `import "../side.js";`,
      `const d = await import("../d.js");`,
      `import { e } from "vitest";`,
    ].join("\n");
    expect(importsOf("emit/drift/x.ts", text)).toEqual(["emit/pipeline/a.ts", "cli/b.ts", "emit/drift/c.ts", "emit/side.ts", "emit/d.ts"]);
  });

  it("keeps the renderers (src/emit) from importing the pipeline or the command line", () => {
    const modules = MODULES.filter((module) => module.startsWith("emit/"));
    expect(modules.length).toBeGreaterThan(30);
    expect(importsInto(modules, ["pipeline", "cli"])).toEqual([]);
  });

  it("keeps everything outside src/cli from importing it", () => {
    const modules = MODULES.filter((module) => !module.startsWith("cli/"));
    expect(modules.length).toBeGreaterThan(100);
    expect(importsInto(modules, ["cli"])).toEqual([]);
  });
});
