import { parseArn } from "../../iam/arn.js";
import { type ArnBuilder, type ArnContext, byResourceType, type Found, found, foundInResources, missing, stringParameter, viaParameter } from "./arn-context.js";

/**
 * `arn:P:states:R:A:execution:MACHINE:NAME` (and `express:MACHINE:NAME:ID`), cut after the machine.
 * The value may arrive whole, or already cut to "...:execution:MACHINE:" by the engine.
 */
const EXECUTION_ARN = /^(arn:[^:]+:states:[^:]+:\d{12}:(?:execution|express):[^:]+):/;

/**
 * State machines are named by `stateMachineArn` (also a version or alias ARN, which IAM
 * authorizes as given; a numbered version is a new one with every publish, so
 * `stateMachine:NAME:3` is granted as `stateMachine:NAME:*`, every version and alias, as the
 * Developer Guide's "Version and alias authorization" does), activities by `activityArn`. Executions are one per run, so an execution
 * action is granted on every execution of its state machine, `execution:MACHINE:*`, the form the
 * Step Functions Developer Guide uses ("IAM policies for ... executions"). The engine keeps
 * `executionArn` only up to its state machine (ParameterSelection.arnPrefixes), since execution
 * names are as many as the runs. Source: Step Functions Developer Guide, "Creating granular
 * permissions for non-admin users".
 */
export const statesArns: ArnBuilder = (context) => {
  const result = byResourceType(context, {
    statemachine: (c) => arnParameter(c, "stateMachineArn") ?? foundInResources(c, "statemachine"),
    activity: (c) => arnParameter(c, "activityArn") ?? foundInResources(c, "activity"),
    execution: (c) => executions(c, "execution"),
    express: (c) => executions(c, "express"),
  });
  if ("reason" in result && isExecutionAction(context) && stringParameter(context.row, "executionArn") === undefined) {
    return missing("the event names no executionArn");
  }
  return result;
};

/** A published version's qualifier, `:3` after a state machine's name. */
const NUMBERED_VERSION = /^(arn:[^:]+:states:[^:]*:\d{12}:stateMachine:[^:]+):\d+$/;

function arnParameter(context: ArnContext, name: string): Found {
  const value = stringParameter(context.row, name);
  if (value === undefined || parseArn(value) === undefined) return undefined;
  const version = NUMBERED_VERSION.exec(value);
  if (version?.[1] !== undefined) return found([`${version[1]}:*`], `${viaParameter(name)} (a numbered version: any version)`);
  return found([value], viaParameter(name));
}

function executions(context: ArnContext, kind: "execution" | "express"): Found {
  const value = stringParameter(context.row, "executionArn");
  const machine = value === undefined ? null : EXECUTION_ARN.exec(value.endsWith(":") ? value : `${value}:`);
  if (machine?.[1] === undefined) return foundInResources(context, kind);
  if (!machine[1].includes(`:${kind}:`)) return undefined;
  return found([`${machine[1]}:*`], `${viaParameter("executionArn")} (every execution of its state machine)`);
}

function isExecutionAction(context: ArnContext): boolean {
  return context.action.resourceTypes.some((t) => t.name === "execution" || t.name === "express");
}
