/**
 * Each command's name and one-line description, apart from the command itself: `tighten --help`
 * and `tighten --version` list and parse with these alone, and only the command a run names is
 * loaded with what it imports (DuckDB, the AWS SDK, iam-data). The command modules take their
 * `command` and `describe` from here, so the two never differ.
 */
export const COMMAND_SUMMARIES = {
  roles: { command: "roles", describe: "list every principal seen: calls, services, errors, first and last seen" },
  generate: { command: "generate", describe: "least-privilege policies from the calls each role made" },
  explain: { command: "explain", describe: "how each call became actions and resources, and why; --summary for coverage" },
  diff: { command: "diff", describe: "what replacing a role's current policy with the generated one removes, narrows, keeps and adds" },
  drift: { command: "drift", describe: "what changed since the last review: unused grants, new usage, denied calls, wildcards, ECS role mix-ups" },
  verify: { command: "verify", describe: "replay every call a role made through a policy; exit 1 if the policy would deny one" },
  backtest: {
    command: "backtest",
    describe: "would the generated policy have broken us? generate from the calls before --split, replay every later call through it",
  },
  convert: {
    command: "convert [file]",
    describe:
      "any IAM policy JSON to Terraform (an aws_iam_policy_document data source). A Terraform reference such as " +
      "`${aws_kms_key.key.arn}` stays live, as iam-policy-json-to-terraform keeps it; for JSON you did not write, --literal",
  },
  athena: { command: "athena", describe: "set up Athena to read a trail's logs in S3" },
  ecs: { command: "ecs <command>", describe: "ECS fleets: services to roles, execution roles from task definitions, secrets in environment" },
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;
