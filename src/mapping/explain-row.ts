import type { UsageRow } from "../engines/usage-row.js";
import { type IamCatalog, qualifiedName, splitActionName } from "../iam/catalog.js";
import { partitionOf } from "../iam/partition.js";
import { resourcesFor } from "./action-resources.js";
import { failureText, outcomeOf } from "./error-codes.js";
import { actionsFor, type EventActions, OPERATIONS_WITHOUT_ACTION } from "./event-actions.js";
import type { ActionExplanation, RowExplanation, RowOutcome } from "./explanation.js";
import { DEFAULT_GENERALIZATION, type Generalization } from "./generalization.js";
import { kmsViaServiceCondition } from "./kms-via-service.js";
import { type InstanceProfileRoles, PASS_ROLE, passedRolesOf, passedToServiceCondition, rolePassingCall } from "./passed-roles.js";
import { servicePrefixWithSource } from "./service-prefix.js";
import { impliedBy } from "./implied-actions.js";
import { explainTagOnCreate } from "./tag-on-create.js";
import { explainDependentActions } from "./dependent-actions.js";
import { withNamesAsData } from "./log-names.js";

/**
 * How one usage row maps, step by step: service prefix, actions, and each action's resources,
 * each with where it came from. Resources are worked out for every outcome (a denied call shows
 * what it would have needed); which of them become Permissions is mapUsage's decision. A call that
 * passes a role also needs iam:PassRole, which CloudTrail never logs: it is added here, from the
 * role the request names (passed-roles.ts), or for an instance profile, from the role the trail's
 * AddRoleToInstanceProfile calls put in it (`profiles`, instanceProfileRoles over the scan). The
 * row the builders see has its names escaped (log-names.ts); the explanation keeps the row as logged.
 */
export function explainRow(
  logged: UsageRow,
  catalog: IamCatalog,
  generalization: Generalization = DEFAULT_GENERALIZATION,
  profiles?: InstanceProfileRoles,
): RowExplanation {
  const { prefix, via: servicePrefixVia } = servicePrefixWithSource(logged.eventSource);
  const base = { row: logged, servicePrefix: prefix, servicePrefixVia };
  if (prefix === "" || !catalog.hasService(prefix)) {
    return {
      ...base,
      outcome: "unknown-service",
      actions: [],
      note: prefix === "" ? `the event names no AWS service (eventSource ${JSON.stringify(logged.eventSource)})` : `iam-data has no service "${prefix}" for eventSource ${logged.eventSource}`,
    };
  }
  // From here on, every name the call carries is data (log-names.ts).
  const row = withNamesAsData(logged);
  const event = actionsFor(prefix, row.eventName, row.parameters);
  const outcome = rowOutcome(row, event, generalization.failedCalls === "grant");
  const own = event.names.map((name) => explainAction(name, event, row, catalog, generalization));
  const passes = outcome === "granted" || outcome === "denied" ? explainPassRole(prefix, row, catalog, profiles) : [];
  const implied = outcome === "granted" ? explainImplied(own, row, catalog, generalization) : [];
  // Tags given on create need the service's tag action on the new resource (tag-on-create.ts).
  const tagging = outcome === "granted" ? explainTagOnCreate(prefix, own, row, catalog, partitionOf(row.region)) : [];
  // What the service does with the caller's credentials or checks without a call (dependent-actions.ts).
  const dependent = outcome === "granted" ? explainDependentActions(prefix, [...own, ...passes, ...implied, ...tagging], row, catalog, partitionOf(row.region)) : [];
  return { ...base, outcome, actions: [...own, ...passes, ...implied, ...tagging, ...dependent], note: noteFor(outcome, row, event) };
}

function rowOutcome(row: UsageRow, event: EventActions, grantFailed: boolean): RowOutcome {
  const outcome = outcomeOf(row.errorCode, grantFailed);
  if (outcome === "denied") return "denied";
  if (outcome === "unauthenticated") return "unauthenticated";
  if (outcome === "unproven") return "failed";
  return event.names.length === 0 ? "no-permission-needed" : "granted";
}

function noteFor(outcome: RowOutcome, row: UsageRow, event: EventActions): string | null {
  if (outcome === "unauthenticated") return `failed authentication (${row.errorCode}) before IAM evaluated the call`;
  if (outcome === "failed") return `${failureText(row.errorCode ?? "")}: not granted (--grant-failed grants such calls)`;
  if (outcome === "no-permission-needed") return `needs no permission (${event.via})`;
  return null;
}

function explainAction(name: string, event: EventActions, row: UsageRow, catalog: IamCatalog, generalization: Generalization): ActionExplanation {
  const action = catalog.action(...splitActionName(name));
  const undetermined = event.undetermined !== null && (event.undeterminedNames === undefined || event.undeterminedNames.includes(name)) ? event.undetermined : null;
  const common = { actionVia: event.via, candidate: undetermined !== null };
  if (action === undefined) {
    const why = OPERATIONS_WITHOUT_ACTION[name];
    const unmapped = why === undefined ? `iam-data has no action ${name}` : `iam-data has no action ${name}: ${why}`;
    return { ...common, action: name, exists: false, resources: [], resourcesVia: null, unmapped };
  }
  const qualified = qualifiedName(action);
  const result = resourcesFor(action, row, catalog, generalization);
  if (undetermined !== null) {
    const on = "arns" in result ? ` (on ${result.arns.join(", ")})` : "";
    const unmapped = `${row.eventName} may need ${qualified}${on}: ${undetermined.why}`;
    return { ...common, action: qualified, exists: true, resources: [], resourcesVia: null, unmapped };
  }
  if ("reason" in result) {
    return { ...common, action: qualified, exists: true, resources: [], resourcesVia: null, unmapped: result.reason };
  }
  const via = kmsViaServiceCondition(row, action.service);
  const conditions = via === null ? {} : { conditions: via, conditionsVia: `invokedBy ${row.invokedBy} (KMS_VIA_SERVICES)` };
  const names = result.names === undefined ? {} : { names: result.names };
  return { ...common, action: qualified, exists: true, resources: result.arns, resourcesVia: result.via, unmapped: null, ...names, ...conditions };
}

/**
 * Actions CloudTrail never records that a granted action of the call implies (implied-actions.ts),
 * on the resources the same call names for them: `logs:PutLogEvents` on the streams of the group
 * a `logs:CreateLogStream` created one in. An implied action the call itself already needs is not repeated.
 */
function explainImplied(own: readonly ActionExplanation[], row: UsageRow, catalog: IamCatalog, generalization: Generalization): ActionExplanation[] {
  const names = new Set(own.map((a) => a.action.toLowerCase()));
  const implied: ActionExplanation[] = [];
  for (const trigger of own) {
    if (!trigger.exists || trigger.unmapped !== null || trigger.candidate) continue;
    for (const rule of impliedBy(trigger.action)) {
      for (const name of rule.implies) {
        if (names.has(name.toLowerCase())) continue;
        names.add(name.toLowerCase());
        const action = catalog.action(...splitActionName(name));
        const actionVia = `implied by ${trigger.action}: ${rule.source}`;
        if (action === undefined) {
          implied.push({ action: name, exists: false, actionVia, candidate: false, resources: [], resourcesVia: null, unmapped: `iam-data has no action ${name}`, implied: rule.why });
          continue;
        }
        const result = resourcesFor(action, row, catalog, generalization);
        const common = { action: qualifiedName(action), exists: true, actionVia, candidate: false, implied: rule.why };
        implied.push(
          "reason" in result
            ? { ...common, resources: [], resourcesVia: null, unmapped: result.reason }
            : { ...common, resources: result.arns, resourcesVia: result.via, unmapped: null, ...(result.names === undefined ? {} : { names: result.names }) },
        );
      }
    }
  }
  return implied;
}

/**
 * iam:PassRole for each role the call passed, on the role's ARN and conditioned on the service it
 * was passed to; Unmapped for roles it passed that the event does not name.
 */
function explainPassRole(prefix: string, row: UsageRow, catalog: IamCatalog, profiles: InstanceProfileRoles | undefined): ActionExplanation[] {
  const call = rolePassingCall(prefix, row.eventName);
  if (call === undefined) return [];
  const { passed, unnamed } = passedRolesOf(call, row, partitionOf(row.region), profiles);
  const exists = catalog.hasService("iam") && catalog.action(...splitActionName(PASS_ROLE)) !== undefined;
  const common = { action: PASS_ROLE, exists, candidate: false };
  if (!exists) return [{ ...common, actionVia: `passes a role: ${call.source}`, resources: [], resourcesVia: null, unmapped: `iam-data has no action ${PASS_ROLE}` }];
  const explanations: ActionExplanation[] = passed.map(({ arns, via, passedTo }) => {
    const conditions = passedToServiceCondition(passedTo);
    return {
      ...common,
      actionVia: `passes ${via}${passedTo === null ? "" : ` to ${passedTo}`}: ${call.source}`,
      resources: arns,
      resourcesVia: via,
      unmapped: null,
      ...(conditions === undefined ? {} : { conditions, conditionsVia: `iam:PassedToService: the service ${via} is passed to` }),
    };
  });
  if (unnamed !== null) {
    explanations.push({ ...common, actionVia: `passes a role: ${call.source}`, resources: [], resourcesVia: null, unmapped: unnamed });
  }
  return explanations;
}
