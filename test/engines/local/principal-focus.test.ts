import { describe, expect, it } from "vitest";
import type { UsageSource } from "../../../src/engines/engine.js";
import { scanLocalLogs } from "../../../src/engines/local/local-engine.js";
import { inFocus } from "../../../src/engines/local/principal-focus.js";
import { matchesSpec, parseRoleArn, roleFocus } from "../../../src/engines/role-selection.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import { keptLocalScan } from "../../support/kept-scan.js";
import { ACCOUNT, recordsGzip, roleEvent, writeFile } from "../../support/trail.js";
import { ALL, scratchDir } from "./scratch.js";

const EXAMPLES = ["examples/cloudtrail"];

async function focusedScan(logs: string[], focus: readonly string[]): Promise<UsageSource> {
  return scanLocalLogs({ logs, window: ALL, selection: PARAMETER_SELECTION, names: "shapes", focus });
}

/** What a scan says besides its rows, without the time it took. */
function reportOf(source: UsageSource): unknown {
  const { elapsedMs: _elapsed, ...report } = source.report;
  return report;
}

describe("a scan focused on some principals", () => {
  it("gives their rows, every principal and every call as a full scan does (examples/cloudtrail)", async () => {
    const full = await keptLocalScan(EXAMPLES, ALL, { names: "shapes" });
    const principals = await full.principals();
    const roles = principals.map((p) => parseRoleArn(p.principal)).filter((role) => role !== null);
    // A task role and an execution role: S3 keys, secrets and log streams among their calls.
    const asked = roles.filter((role) => /^(payments-service-task|notifications-service-execution)$/.test(role.name));
    expect(asked).toHaveLength(2);
    const focused = await focusedScan(EXAMPLES, roleFocus(asked.map((role) => role.name))!);
    try {
      const arns = asked.map((role) => role.arn);
      const rows = await focused.usage(arns);
      expect(rows.some((row) => row.objectKeys !== null)).toBe(true);
      expect(rows).toEqual(await full.usage(arns));
      expect(await focused.principals()).toEqual(principals);
      expect(await focused.observedCalls()).toEqual(await full.observedCalls());
      expect(reportOf(focused)).toEqual(reportOf(full));
    } finally {
      focused.close();
      full.close();
    }
  });

  it("on no principal, lists every principal and call as a full scan does, and answers usage for none (tighten roles)", async () => {
    const full = await keptLocalScan(EXAMPLES, ALL, { names: "shapes" });
    const none = await focusedScan(EXAMPLES, []);
    try {
      const principals = await full.principals();
      expect(await none.principals()).toEqual(principals);
      expect(await none.observedCalls()).toEqual(await full.observedCalls());
      expect(reportOf(none)).toEqual(reportOf(full));
      await expect(none.usage([principals[0]!.principal])).rejects.toThrow(/asked of a scan focused on $/);
    } finally {
      none.close();
      full.close();
    }
  });

  it("keeps every principal's AddRoleToInstanceProfile and counts copies alike, and refuses the rows of a principal outside it", async () => {
    const root = scratchDir();
    const get = (role: string, key: string, eventID: string) =>
      roleEvent(role, "s3.amazonaws.com", "GetObject", { eventID, requestParameters: { bucketName: "media", key } });
    const addRole = roleEvent("ops/provisioner", "iam.amazonaws.com", "AddRoleToInstanceProfile", {
      eventID: "evt-add",
      requestParameters: { instanceProfileName: "web-profile", roleName: "web-role" },
    });
    const copied = get("ops/provisioner", "b/2.jpg", "evt-copied");
    writeFile(root, "a.json.gz", recordsGzip([get("media-task", "a/1.jpg", "evt-a"), copied, addRole]));
    writeFile(root, "b.json.gz", recordsGzip([copied, get("media-task", "a/1.jpg", "evt-a2")]));
    const full = await scanLocalLogs({ logs: [root], window: ALL, selection: PARAMETER_SELECTION, names: "shapes" });
    // Focus texts are bound, and matched as text: a quote or a LIKE wildcard is a character like any other.
    const focused = await focusedScan([root], [...roleFocus(["media-task"])!, "x'); DROP TABLE usage; --", "%"]);
    try {
      const task = `arn:aws:iam::${ACCOUNT}:role/media-task`;
      const rows = await focused.usage([task]);
      expect(rows.map((row) => [row.principal, row.eventName, row.count])).toEqual([
        [task, "GetObject", 2],
        [`arn:aws:iam::${ACCOUNT}:role/ops/provisioner`, "AddRoleToInstanceProfile", 1],
      ]);
      expect(rows).toEqual(await full.usage([task]));
      expect(focused.report.records?.duplicates).toBe(1);
      expect(reportOf(focused)).toEqual(reportOf(full));
      expect(await focused.principals()).toEqual(await full.principals());
      await expect(focused.usage([task, `arn:aws:iam::${ACCOUNT}:role/ops/provisioner`])).rejects.toThrow(
        /usage of arn:aws:iam::111122223333:role\/ops\/provisioner asked of a scan focused on media-task, x'\); DROP TABLE usage; --, %$/,
      );
    } finally {
      focused.close();
      full.close();
    }
  });
});

describe("roleFocus: what every role a --role spec names holds", () => {
  it("is the role's name for a name, a path/name and an ARN, and nothing for a glob", () => {
    expect(roleFocus(["payments-service-task"])).toEqual(["payments-service-task"]);
    expect(roleFocus(["ecs/payments-service-task", "arn:aws:iam::111122223333:role/ecs/payments-service-task"])).toEqual(["payments-service-task"]);
    expect(roleFocus(["billing-task", "payments-*"])).toBeUndefined();
    expect(roleFocus(["ecs/{a,b}-task"])).toBeUndefined();
    expect(roleFocus([])).toBeUndefined();
  });

  it("is held by the role ARN and the session ARN of every role the spec matches (the roles of examples/cloudtrail)", async () => {
    const source = await keptLocalScan(EXAMPLES, ALL, { names: "shapes" });
    const roles = (await source.principals()).map((p) => parseRoleArn(p.principal)).filter((role) => role !== null);
    expect(roles.length).toBeGreaterThan(3);
    for (const role of roles) {
      const session = `arn:aws:sts::${role.account}:assumed-role/${role.name}/session-1`;
      for (const spec of [role.name, `${role.path}${role.name}`, role.arn]) {
        expect(matchesSpec(spec, role), spec).toBe(true);
        const focus = roleFocus([spec])!;
        expect(inFocus(focus, role.arn) && inFocus(focus, session), spec).toBe(true);
      }
    }
    source.close();
  });
});
