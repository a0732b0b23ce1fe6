import { chmodSync, cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keepScans, keptScan, type ScanRequestKey } from "../../src/cli/scan-memo.js";
import { scanLocalLogs } from "../../src/engines/local/local-engine.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { scratchDir } from "../support/scratch-dir.js";

keepScans();

/** A real scan of `logs`, counted. */
function counted(logs: string) {
  const calls = { scans: 0 };
  const scan = () => {
    calls.scans++;
    return scanLocalLogs({ logs: [logs], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names: "shapes" });
  };
  return { calls, scan };
}

function request(logs: string, change: Partial<ScanRequestKey> = {}): ScanRequestKey {
  return { logs: [logs], since: null, until: null, names: "shapes", byHour: false, ...change };
}

async function answers(source: Awaited<ReturnType<typeof scanLocalLogs>>) {
  const principals = await source.principals();
  const usage = await source.usage(principals.map((p) => p.principal));
  const observed = await source.observedCalls();
  source.close();
  return { report: { ...source.report, elapsedMs: 0 }, principals, usage, observed };
}

describe("kept scans", () => {
  it("answer the same request over unchanged files without reading them again, with what a fresh scan answers", async () => {
    const logs = scratchDir();
    cpSync("examples/cloudtrail", logs, { recursive: true });
    const { calls, scan } = counted(logs);
    const first = await answers(await keptScan(request(logs), scan));
    const again = await answers(await keptScan(request(logs), scan));
    expect(calls.scans).toBe(1);
    expect(again).toEqual(first);
    expect(first.usage.length).toBeGreaterThan(20);
  });

  it("are frozen, so that no command changes what the next one reads", async () => {
    const logs = scratchDir();
    cpSync("examples/cloudtrail", logs, { recursive: true });
    const { scan } = counted(logs);
    const source = await keptScan(request(logs), scan);
    const usage = await source.usage((await source.principals()).map((p) => p.principal));
    source.close();
    expect(Object.isFrozen(usage)).toBe(true);
    expect(() => (usage as unknown[]).pop()).toThrow(TypeError);
    expect(Object.isFrozen(usage[0]?.parameters)).toBe(true);
  });

  it("are read again for another window, name reduction or hour split, or once a file changes, appears or loses its permissions", async () => {
    const logs = scratchDir();
    cpSync("examples/cloudtrail", logs, { recursive: true });
    const { calls, scan } = counted(logs);
    await answers(await keptScan(request(logs), scan));
    await answers(await keptScan(request(logs, { since: new Date("2026-11-03T00:00:00Z") }), scan));
    await answers(await keptScan(request(logs, { names: "exact" }), scan));
    await answers(await keptScan(request(logs, { byHour: true }), scan));
    expect(calls.scans).toBe(4);

    writeFileSync(path.join(logs, "extra.json"), JSON.stringify({ Records: [] }));
    await answers(await keptScan(request(logs), scan));
    expect(calls.scans).toBe(5);

    const [file] = (await import("node:fs")).readdirSync(logs, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".json.gz"));
    chmodSync(path.join(logs, file as string), 0o000);
    await answers(await keptScan(request(logs), scan));
    expect(calls.scans).toBe(6);
    await answers(await keptScan(request(logs), scan));
    expect(calls.scans).toBe(6);
  });

  it("ask a new scan for what the first one was not asked once it is closed", async () => {
    const logs = scratchDir();
    cpSync("examples/cloudtrail", logs, { recursive: true });
    const { calls, scan } = counted(logs);
    const first = await keptScan(request(logs), scan);
    const principals = (await first.principals()).map((p) => p.principal);
    first.close();
    const second = await keptScan(request(logs), scan);
    expect(await second.principals()).toEqual(await first.principals());
    expect(calls.scans).toBe(1);
    const usage = await second.usage(principals.slice(0, 1));
    second.close();
    expect(calls.scans).toBe(2);
    expect(usage.every((row) => row.principal === principals[0] || row.eventName === "AddRoleToInstanceProfile")).toBe(true);
  });
});
