/**
 * The name a reviewer scans for: the role's name after its path. Two roles of one name in
 * different accounts (or paths) are told apart by their account, and by the whole ARN when that
 * is not enough. A value that is not a role ARN is shown whole.
 */
export function roleNames(given: readonly string[]): Map<string, string> {
  const arns = [...new Set(given)];
  const short = new Map(arns.map((arn) => [arn, nameOf(arn)]));
  const seen = new Map<string, number>();
  for (const name of short.values()) seen.set(name, (seen.get(name) ?? 0) + 1);
  const withAccount = new Map(arns.map((arn) => [arn, (seen.get(short.get(arn)!) ?? 0) > 1 ? `${accountOf(arn)}/${short.get(arn)!}` : short.get(arn)!]));
  const again = new Map<string, number>();
  for (const name of withAccount.values()) again.set(name, (again.get(name) ?? 0) + 1);
  return new Map(arns.map((arn) => [arn, (again.get(withAccount.get(arn)!) ?? 0) > 1 ? arn : withAccount.get(arn)!]));
}

function nameOf(arn: string): string {
  return /^arn:[^:]*:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] ?? arn;
}

function accountOf(arn: string): string {
  return /^arn:[^:]*:iam::([^:]*):/.exec(arn)?.[1] ?? "";
}
