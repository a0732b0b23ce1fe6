import path from "node:path";
import type { Reporter, TestModule } from "vitest/node";

/** How many files the summary names. */
const SHOWN = 10;

/**
 * A vitest reporter beside the default one: at the end of the run, the slowest test files with
 * their time, so that the file that makes `npm test` slow is named where everyone sees it.
 * A file's time is what its worker spent on it: setting up, importing the file and what it
 * imports (collect), and running its tests and hooks.
 */
export default class SlowestFiles implements Reporter {
  private root = process.cwd();

  onInit(vitest: { config: { root: string } }): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const timed = modules.map((module) => {
      const d = module.diagnostic();
      const total = d.environmentSetupDuration + d.prepareDuration + d.setupDuration + d.collectDuration + d.duration;
      return { file: path.relative(this.root, module.moduleId), total, collect: d.collectDuration, tests: d.duration };
    });
    if (timed.length < 2) return;
    timed.sort((a, b) => b.total - a.total || a.file.localeCompare(b.file));
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const width = Math.max(...timed.slice(0, SHOWN).map((t) => t.file.length));
    const lines = timed
      .slice(0, SHOWN)
      .map((t) => `  ${t.file.padEnd(width)}  ${seconds(t.total).padStart(8)}  (import ${seconds(t.collect)}, tests ${seconds(t.tests)})`);
    process.stdout.write(`\n Slowest ${Math.min(SHOWN, timed.length)} of ${timed.length} test files:\n${lines.join("\n")}\n`);
  }
}
