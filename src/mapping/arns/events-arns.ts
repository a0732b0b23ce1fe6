import { parseArn } from "../../iam/arn.js";
import {
  type ArnBuilder,
  type ArnContext,
  byResourceType,
  type Found,
  found,
  foundInResources,
  missing,
  stringParameter,
  viaParameter,
} from "./arn-context.js";

/** The bus EventBridge uses when a call names none. Source: EventBridge API Reference, EventBusName. */
const DEFAULT_BUS = "default";

/** Calls whose `name` is the event bus itself (elsewhere `name` is a rule). Source: EventBridge API Reference. */
const BUS_NAMED_BY_NAME: ReadonlySet<string> = new Set(["CreateEventBus", "DeleteEventBus", "DescribeEventBus", "UpdateEventBus"]);

/** Bus calls that act on the default bus when they name none. Source: EventBridge API Reference, DescribeEventBus Name. */
const DEFAULT_BUS_WHEN_UNNAMED: ReadonlySet<string> = new Set(["DescribeEventBus"]);

/**
 * Calls that name their bus per entry, below the top level the engine keeps. Source: EventBridge
 * API Reference, PutEventsRequestEntry.EventBusName ("If you omit this, the default event bus is used").
 */
const BUS_IN_ENTRIES: Readonly<Record<string, string>> = {
  PutEvents: "PutEvents names its bus in each entry (entries[].eventBusName, the default bus when absent), which this usage row does not keep",
};
const ENTRY_BUSES = "entries[].eventBusName";

/**
 * Buses are `event-bus/NAME`; rules `rule/NAME` on the default bus and `rule/BUS/NAME` on others.
 * `eventBusName` is a name or an ARN (another account's bus). Source: EventBridge User Guide,
 * "Resource types defined by Amazon EventBridge" (Service Authorization Reference).
 */
export const eventsArns: ArnBuilder = (context) => {
  const result = byResourceType(context, {
    "event-bus": busArns,
    "rule-on-default-event-bus": (c) => ruleArns(c, "default"),
    "rule-on-custom-event-bus": (c) => ruleArns(c, "custom"),
  });
  const entriesReason = BUS_IN_ENTRIES[context.action.name];
  return "reason" in result && entriesReason !== undefined ? missing(entriesReason) : result;
};

/** The bus a call names, as account and name (the ARN's account for another account's bus). */
function busOf(context: ArnContext): { account: string; name: string; via: string } | undefined {
  const { row, action } = context;
  const named = stringParameter(row, "eventBusName");
  const byName = BUS_NAMED_BY_NAME.has(action.name) ? stringParameter(row, "name") : undefined;
  const value = named ?? byName;
  if (value === undefined) return undefined;
  const via = viaParameter(named !== undefined ? "eventBusName" : "name");
  const arn = parseArn(value);
  if (arn === undefined) return { account: row.account, name: value, via };
  return { account: arn.account, name: arn.resource.replace(/^event-bus\//, ""), via };
}

function busArns(context: ArnContext): Found {
  const { row, action, partition } = context;
  const arn = (account: string, name: string) => `arn:${partition}:events:${row.region}:${account}:event-bus/${name}`;
  if (BUS_IN_ENTRIES[action.name] !== undefined) {
    const entries = stringListOrEmpty(row.parameters[ENTRY_BUSES]);
    const buses = entries.map((value) => {
      const parsed = value === "" ? undefined : parseArn(value);
      if (parsed !== undefined) return arn(parsed.account, parsed.resource.replace(/^event-bus\//, ""));
      return arn(row.account, value === "" ? DEFAULT_BUS : value);
    });
    if (buses.length > 0) return found([...new Set(buses)], `${viaParameter(ENTRY_BUSES)}${entries.includes("") ? " (no name: the default bus)" : ""}`);
  }
  const bus = busOf(context);
  if (bus !== undefined) return found([arn(bus.account, bus.name)], bus.via);
  const named = foundInResources(context, "event-bus");
  if (named !== undefined) return named;
  if (DEFAULT_BUS_WHEN_UNNAMED.has(action.name)) return found([arn(row.account, DEFAULT_BUS)], "default event bus (none named)");
  return undefined;
}

function ruleArns(context: ArnContext, bus: "default" | "custom"): Found {
  const { row, partition } = context;
  const rule = stringParameter(row, "rule") ?? (BUS_NAMED_BY_NAME.has(context.action.name) ? undefined : stringParameter(row, "name"));
  if (rule === undefined) return foundInResources(context, `rule-on-${bus}-event-bus`);
  const named = busOf(context);
  const onDefault = named === undefined || named.name === DEFAULT_BUS;
  if (onDefault !== (bus === "default")) return undefined;
  const account = named?.account ?? row.account;
  const path = onDefault ? rule : `${named.name}/${rule}`;
  const via = [viaParameter(stringParameter(row, "rule") !== undefined ? "rule" : "name"), ...(named ? [named.via] : [])].join(" + ");
  return found([`arn:${partition}:events:${row.region}:${account}:rule/${path}`], via);
}

/** A nested list parameter's values, "" (an entry that names none) included. */
function stringListOrEmpty(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}
