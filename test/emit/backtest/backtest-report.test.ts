import { describe, expect, it } from "vitest";
import { backtestRole } from "../../../src/backtest/backtest-role.js";
import { renderBacktestJson, renderBacktestMarkdown, renderBacktestText } from "../../../src/emit/backtest/backtest-report.js";
import type { Permission } from "../../../src/mapping/permission.js";
import type { Backtest } from "../../../src/backtest/backtest-report.js";
import type { ReplayedCall } from "../../../src/policy/replay.js";

const ROLE = { arn: "arn:aws:iam::111122223333:role/etl-task", kind: "role", partition: "aws", account: "111122223333", path: "/", name: "etl-task" } as const;
const EVIDENCE = { count: 1, firstSeen: "2026-10-28T10:00:00Z", lastSeen: "2026-10-28T10:00:00Z" };
const granted = (action: string, resource: string): Permission => ({ action, resource, evidence: EVIDENCE });

const replayed = (action: string, resource: string, count: number, decision: ReplayedCall["decision"], inPart = false): ReplayedCall => ({
  action,
  resource,
  context: {},
  decision,
  inPart,
  statements: [],
  calls: ["x.amazonaws.com:Call"],
  evidence: { ...EVIDENCE, count },
});

/** One role whose later calls are allowed, refused in two folders, and undetermined on a function's versions. */
function backtest(): Backtest {
  const policy = { Version: "2012-10-17", Statement: [] } as const;
  const permissions = [granted("s3:GetObject", "arn:aws:s3:::raw/in/*"), granted("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:dedupe:1*")];
  const calls = [
    replayed("s3:GetObject", "arn:aws:s3:::raw/in/a.json", 10, "allowed"),
    replayed("s3:GetObject", "arn:aws:s3:::raw/secrets/a.json", 3, "denied"),
    replayed("s3:GetObject", "arn:aws:s3:::raw/keys/b.json", 2, "denied"),
    replayed("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:dedupe:*", 4, "denied", true),
  ];
  const tally = { calls: 20, allowed: 10, refused: 5, conditional: 1, undetermined: 4, notReplayable: 0 };
  const role = backtestRole(ROLE, policy, permissions, 50, { calls, notReplayable: [], tally });
  return { range: { first: "2026-10-13T00:00:00Z", last: "2026-11-02T00:00:00Z" }, split: "2026-10-27T16:00:00Z", roles: [role] };
}

describe("backtest reports", () => {
  it("keep refusals of one action in two folders apart, each with its own reason", () => {
    const [role] = backtest().roles;
    expect(role!.refusals.map((r) => [r.action, r.calls, r.inPart, r.cause.why])).toEqual([
      ["lambda:InvokeFunction", 4, true, "lambda:InvokeFunction was granted on other resources only"],
      ["s3:GetObject", 3, false, 'a folder of bucket raw, "secrets/", the role never used before the split'],
      ["s3:GetObject", 2, false, 'a folder of bucket raw, "keys/", the role never used before the split'],
    ]);
  });

  it("show conditional and undetermined calls, so that a role's columns add up to its later calls", () => {
    const text = renderBacktestText(backtest());
    expect(text).toContain("5 of 20 later calls refused (25.0%), 4 undetermined (on patterns the policy grants in part)");
    const [header, row] = text.split("\n").slice(2, 4).map((line) => line.trim().split(/\s+/));
    expect(header).toEqual(["ROLE", "BEFORE", "LATER", "ALLOWED", "CONDITIONAL", "REFUSED", "UNDETERMINED", "SHARE", "NOT", "REPLAYABLE"]);
    expect(row).toEqual(["etl-task", "50", "20", "10", "1", "5", "4", "25.0%", "0"]);
    expect(text).toMatch(/lambda:InvokeFunction +new resource \(in part\) +4 /);
    expect(renderBacktestMarkdown(backtest())).toContain("| Role | Before | Later | Allowed | Conditional | Refused | Undetermined | Share | Not replayable |");
    const json = JSON.parse(renderBacktestJson(backtest())) as { roles: { refusals: { inPart: boolean }[] }[] };
    expect(json.roles[0]!.refusals.map((r) => r.inPart)).toEqual([true, false, false]);
  });
});
