import { readAcceptedFindings, type AcceptedFindings } from "../accept/accepted-findings.js";

export interface AcceptedArgs {
  readonly accepted: string | undefined;
}

/** `--accepted FILE`, the same in drift and ecs audit (docs/accepted-findings.md). */
export const acceptedOption = {
  type: "string",
  describe: "a file of accepted findings (docs/accepted-findings.md): shown apart and not failed on until each entry expires",
} as const;

/** The file of --accepted, read and checked; before any log or task definition is read, so a bad entry costs nothing. */
export function readAcceptedOption(args: AcceptedArgs): AcceptedFindings | undefined {
  return args.accepted === undefined ? undefined : readAcceptedFindings(args.accepted);
}
