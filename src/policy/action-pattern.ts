import { covers, lowerCased } from "./glob.js";
import { tokenize } from "./iam-string.js";

/**
 * Whether an Action pattern names an action. "*" names every action; otherwise the service prefix
 * must be equal and the action name matches with "*" and "?" wildcards, both case-insensitively
 * (IAM User Guide, "IAM JSON policy elements: Action": action names are not case-sensitive).
 * A wildcard in the service prefix names nothing: IAM refuses such a policy, and parsePolicy does.
 */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === "*") return true;
  const [patternService, patternName] = splitAction(pattern);
  const [service, name] = splitAction(action);
  if (patternName === undefined || name === undefined) return false;
  if (patternService.toLowerCase() !== service.toLowerCase()) return false;
  // Variables have no meaning in an Action, so "${" is plain text here.
  return covers(lowerCased(tokenize(patternName, { variables: false })), lowerCased(tokenize(name, { variables: false })));
}

function splitAction(action: string): [string, string | undefined] {
  const colon = action.indexOf(":");
  return colon < 0 ? [action, undefined] : [action.slice(0, colon), action.slice(colon + 1)];
}
