// npm run coverage: how much of the real CloudTrail we have, and the examples, the mapping names.
// For each dataset: `tighten explain --all-principals --summary` (roles and IAM users alike).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const datasets = path.resolve(root, "../shared/datasets");
const sources = [
  path.join(root, "examples/cloudtrail"),
  ...readdirSync(datasets, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(datasets, entry.name))
    .sort(),
];
let failed = false;
for (const logs of sources) {
  process.stdout.write(`\n== ${path.relative(root, logs)}\n`);
  const result = spawnSync(
    process.execPath,
    [path.join(root, "bin/tighten.js"), "explain", "--logs", logs, "--all-principals", "--summary", "--quiet"],
    { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" },
  );
  // Skipped-file warnings are expected (stats.json beside the logs); anything else is shown.
  const errors = result.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("warning: skipped"));
  if (errors.length > 0) process.stderr.write(errors.join("\n") + "\n");
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
