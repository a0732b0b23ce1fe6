// Loaded with `node --import`: records the URL of every module the process loads into the file
// IMPORT_LOG names, so that a test can see what a command imported. Hooks run on their own thread,
// hence the file rather than a variable.
import { register } from "node:module";

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
