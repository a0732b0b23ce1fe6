-- The usage rows of the given principals ($principals: VARCHAR[]), in a stable order. First and
-- last seen are '' for calls whose events carry no parseable eventTime (read when no window is asked).
SELECT
  principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
  to_json(resources)::VARCHAR AS resources,
  parameters,
  key_count,
  to_json(key_shapes)::VARCHAR AS key_shapes,
  calls,
  coalesce(strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ'), '') AS first_seen,
  coalesce(strftime(last_seen, '%Y-%m-%dT%H:%M:%SZ'), '') AS last_seen
FROM usage
WHERE row_kind = 'usage' AND list_contains($principals, principal)
ORDER BY ALL;
