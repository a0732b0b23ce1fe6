#!/usr/bin/env node
// The CLI is compiled and bundled into dist/ by `npm run build`, which `npm ci` runs through the
// prepare script (scripts/bundle.js says why one bundle). It is loaded here rather than imported
// statically so that a missing or broken build ends like any other bug (one line, exit 3) and not
// with Node's stack and exit 1, which scripts read as findings.
const debug = process.argv.includes("--debug");
// A stack is for a bug report: it names TypeScript lines, not the bundle's. Off otherwise, since
// source maps slow every stack Node formats.
if (debug) process.setSourceMapsEnabled(true);
let cli;
try {
  cli = await import("../dist/bundle/main.js");
} catch (error) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`tighten: internal error (a bug; run again with --debug for the stack): cannot load the build in dist/ (npm run build makes it): ${message.split("\n", 1)[0]}\n`);
  if (debug) process.stderr.write(`${error instanceof Error ? error.stack : ""}\n`);
  process.exitCode = 3;
}
if (cli !== undefined) await cli.runCli(process.argv.slice(2));
