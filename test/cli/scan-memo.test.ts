import { chmodSync, cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { keepScans, keptScan, LIVE_SCANS, withFreshScans, type ScanRequestKey } from "../../src/cli/scan-memo.js";
import { scanLocalLogs } from "../../src/engines/local/local-engine.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { scratchDir } from "../support/scratch-dir.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, writeFile } from "../support/trail.js";

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

/** A trail of two principals over two days, for tests that scan it many times (the examples take longer). */
function smallTrail(): string {
  const logs = scratchDir();
  for (const [day, role] of [["2026-11-02", "ecs/one-task"], ["2026-11-03", "ecs/two-task"]] as const) {
    writeFile(logs, deliveryKey(ACCOUNT, "us-east-1", day, `Small${day.slice(-2)}`), recordsGzip([
      roleEvent(role, "sqs.amazonaws.com", "SendMessage", { eventTime: `${day}T10:00:00Z` }),
      roleEvent(role, "sqs.amazonaws.com", "ReceiveMessage", { eventTime: `${day}T11:00:00Z` }),
    ]));
  }
  return logs;
}

async function answers(source: Awaited<ReturnType<typeof scanLocalLogs>>) {
  const principals = await source.principals();
  const usage = await source.usage(principals.map((p) => p.principal));
  const observed = await source.observedCalls();
  source.close();
  return { report: { ...source.report, elapsedMs: 0 }, principals, usage, observed };
}

describe("kept scans", () => {
  it("are never focused, and withFreshScans scans afresh, focused, as a process of its own does", async () => {
    const logs = smallTrail();
    const asked: boolean[] = [];
    const scan = (focused: boolean) => {
      asked.push(focused);
      return scanLocalLogs({ logs: [logs], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names: "shapes" });
    };
    (await keptScan(request(logs), scan)).close();
    (await keptScan(request(logs), scan)).close();
    await withFreshScans(async () => (await keptScan(request(logs), scan)).close());
    (await keptScan(request(logs), scan)).close();
    expect(asked).toEqual([false, true]);
  });

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
    const logs = smallTrail();
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

  it("answer what the first command did not ask from the same scan, kept open", async () => {
    const logs = scratchDir();
    cpSync("examples/cloudtrail", logs, { recursive: true });
    const { calls, scan } = counted(logs);
    const first = await keptScan(request(logs), scan);
    const principals = (await first.principals()).map((p) => p.principal);
    first.close();
    const second = await keptScan(request(logs), scan);
    expect(await second.principals()).toEqual(await first.principals());
    const usage = await second.usage(principals.slice(0, 1));
    second.close();
    expect(calls.scans).toBe(1);
    expect(usage.length).toBeGreaterThan(0);
    expect(usage.every((row) => row.principal === principals[0] || row.eventName === "AddRoleToInstanceProfile")).toBe(true);
  });

  it(`close the oldest scan no command holds once more than ${LIVE_SCANS} are open, and scan again for a question it was not asked`, async () => {
    const logs = smallTrail();
    const { calls, scan } = counted(logs);
    const released = await keptScan(request(logs), scan);
    const principals = (await released.principals()).map((p) => p.principal);
    released.close();
    const held = await keptScan(request(logs, { names: "exact" }), scan);
    // Newer scans, each let go at once: the first is pushed out, the one still held is not.
    for (let hour = 0; hour < LIVE_SCANS; hour++) {
      (await keptScan(request(logs, { since: new Date(Date.UTC(2026, 10, 2, hour)) }), scan)).close();
    }
    expect(calls.scans).toBe(2 + LIVE_SCANS);
    const heldUsage = await held.usage(principals.slice(0, 1));
    held.close();
    expect(calls.scans).toBe(2 + LIVE_SCANS);
    const again = await keptScan(request(logs), scan);
    const usage = await again.usage(principals.slice(0, 1));
    again.close();
    expect(calls.scans).toBe(3 + LIVE_SCANS);
    expect(usage.map((row) => row.eventName).sort()).toEqual(heldUsage.map((row) => row.eventName).sort());
  });

  it("are reused at a later time when they counted no future events, and within their minute only when they did", async () => {
    const logs = scratchDir();
    const event = (id: string, eventTime: string) => roleEvent("ecs/clock-task", "sqs.amazonaws.com", "SendMessage", { eventID: id, eventTime });
    writeFile(logs, deliveryKey(ACCOUNT, "us-east-1", "2026-11-03", "Clock000001"), recordsGzip([event("past", "2026-11-03T10:00:00Z")]));
    const future = scratchDir();
    writeFile(future, deliveryKey(ACCOUNT, "us-east-1", "2026-11-03", "Clock000002"), recordsGzip([event("past", "2026-11-03T10:00:00Z"), event("ahead", "2099-01-01T00:00:00Z")]));
    const plain = counted(logs);
    const ahead = counted(future);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-12-04T10:00:10Z"));
      const first = await keptScan(request(future), ahead.scan);
      expect(first.report.records?.future.count).toBe(1);
      first.close();
      (await keptScan(request(logs), plain.scan)).close();
      vi.setSystemTime(new Date("2026-12-04T10:00:50Z"));
      (await keptScan(request(future), ahead.scan)).close();
      (await keptScan(request(logs), plain.scan)).close();
      expect([plain.calls.scans, ahead.calls.scans]).toEqual([1, 1]);
      // A day and a minute on: the scan without future events still answers as a new one would, the other may not.
      vi.setSystemTime(new Date("2026-12-05T10:01:00Z"));
      (await keptScan(request(future), ahead.scan)).close();
      (await keptScan(request(logs), plain.scan)).close();
      expect([plain.calls.scans, ahead.calls.scans]).toEqual([1, 2]);
      // A clock set back is not trusted: the count could differ.
      vi.setSystemTime(new Date("2026-12-01T00:00:00Z"));
      (await keptScan(request(logs), plain.scan)).close();
      expect(plain.calls.scans).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
