-- The usage rows of the given principals ($principals: VARCHAR[]), in a stable order. First and
-- last seen are '' for calls whose events carry no parseable eventTime (read when no window is asked).
-- event_id is the smallest eventID of the row's events, NULL when none has one.
-- Also every principal's successful AddRoleToInstanceProfile: the role of an instance profile a
-- call names is in them (mapping/passed-roles.ts isInstanceProfileRow; the Athena engine's usage()
-- keeps the same rows).
SELECT
  principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
  to_json(resources)::VARCHAR AS resources,
  parameters,
  key_count,
  to_json(key_shapes)::VARCHAR AS key_shapes,
  calls,
  coalesce(strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ'), '') AS first_seen,
  coalesce(strftime(last_seen, '%Y-%m-%dT%H:%M:%SZ'), '') AS last_seen,
  event_id
FROM usage
WHERE row_kind = 'usage' AND (
  list_contains($principals, principal)
  OR (event_source = 'iam.amazonaws.com' AND event_name = 'AddRoleToInstanceProfile' AND error_code IS NULL)
)
ORDER BY ALL;
