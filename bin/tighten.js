#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build`, which `npm ci` runs through the prepare script.
// It is loaded here rather than imported statically so that a missing or broken build ends like any
// other bug (one line, exit 3) and not with Node's stack and exit 1, which scripts read as findings.
let cli;
try {
  cli = await import("../dist/src/cli/main.js");
} catch (error) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`tighten: internal error (a bug; run again with --debug for the stack): cannot load the build in dist/ (npm run build makes it): ${message.split("\n", 1)[0]}\n`);
  if (process.argv.includes("--debug")) process.stderr.write(`${error instanceof Error ? error.stack : ""}\n`);
  process.exitCode = 3;
}
if (cli !== undefined) await cli.runCli(process.argv.slice(2));
