import { compareText } from "../mapping/order.js";
import { eventIdOf, smallerEventId, type Denied } from "../mapping/permission.js";
import type { PolicyStatement } from "../policy/policy-document.js";
import type { DeniedCalls } from "./drift-report.js";

/**
 * Denied calls grouped by (call, errorCode), with the statement that would allow them. The
 * mapping keeps calls apart by resource; a reviewer decides per call and error, so those merge
 * here. Sorted by call, then error code.
 */
export function groupDenied(denied: readonly Denied[]): DeniedCalls[] {
  const groups = new Map<
    string,
    { call: string; errorCode: string; actions: Set<string>; resources: Set<string>; calls: number; firstSeen: string; lastSeen: string; eventId: string | undefined }
  >();
  for (const refused of denied) {
    const call = `${refused.eventSource}:${refused.eventName}`;
    const key = JSON.stringify([call, refused.errorCode]);
    const group = groups.get(key) ?? { call, errorCode: refused.errorCode, actions: new Set(), resources: new Set(), calls: 0, firstSeen: refused.evidence.firstSeen, lastSeen: "", eventId: undefined };
    for (const action of refused.actions) group.actions.add(action);
    for (const resource of refused.resources) group.resources.add(resource);
    group.calls += refused.evidence.count;
    if (refused.evidence.firstSeen < group.firstSeen) group.firstSeen = refused.evidence.firstSeen;
    if (refused.evidence.lastSeen > group.lastSeen) group.lastSeen = refused.evidence.lastSeen;
    group.eventId = smallerEventId(group.eventId, refused.evidence.eventId);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => compareText(a.call, b.call) || compareText(a.errorCode, b.errorCode))
    .map((group): DeniedCalls => {
      const actions = [...group.actions].sort(compareText);
      const resources = [...group.resources].sort(compareText);
      return {
        actions: actions.length > 0 ? actions : [group.call],
        call: group.call,
        errorCode: group.errorCode,
        calls: group.calls,
        firstSeen: group.firstSeen,
        lastSeen: group.lastSeen,
        ...eventIdOf(group.eventId),
        resources,
        suggestion: deniedSuggestion(actions, resources),
      };
    });
}

/**
 * The Allow statement naming exactly the actions and resources the refused calls needed, or null
 * when the mapping knows none of either: a statement with a guessed action, or with `*` for a
 * resource it could not name, is the wildcard this review exists to remove. Shown, never applied:
 * a refusal may be right (the role should not do that), or come from elsewhere (an SCP, a
 * resource policy, a permissions boundary), which an identity policy statement does not fix.
 */
export function deniedSuggestion(actions: readonly string[], resources: readonly string[]): PolicyStatement | null {
  if (actions.length === 0 || resources.length === 0) return null;
  return { Effect: "Allow", Action: [...actions].sort(compareText), Resource: [...resources].sort(compareText) };
}
