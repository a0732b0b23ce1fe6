// Loaded with `node --import`: records the URL of every module the process loads into the file
// IMPORT_LOG names, so that a test can see what a command imported. Hooks run on their own thread,
// hence the file rather than a variable. The hook sees ES modules only; CommonJS modules loaded
// with require (DuckDB is, src/engines/local/duckdb-module.ts) are taken from require's cache at exit.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

register(
  "data:text/javascript," +
    encodeURIComponent(`
      import { appendFileSync } from "node:fs";
      export async function load(url, context, next) {
        appendFileSync(process.env.IMPORT_LOG, url + "\\n");
        return next(url, context);
      }
    `),
);

const required = createRequire(import.meta.url).cache;
process.on("exit", () => {
  const urls = Object.keys(required).map((file) => pathToFileURL(file).href);
  if (urls.length > 0) appendFileSync(process.env.IMPORT_LOG, `${urls.join("\n")}\n`);
});
