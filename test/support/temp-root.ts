import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Vitest global setup: every temporary file of the run (the tests' own directories, DuckDB's
 * spill files, the CLI processes the tests start) goes under one directory of this run, removed
 * when the run ends. Test files need not clean up after themselves to leave the system's
 * temporary directory as they found it, and a crashed test leaves nothing behind either.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), "tighten-tests-"));
  const inherited = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  // os.tmpdir() reads TMPDIR on POSIX and TMP/TEMP on Windows; workers and child processes inherit them.
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = root;
  return () => {
    for (const [name, value] of Object.entries(inherited)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true });
  };
}
