-- The usage rows of the given principals ($principals: VARCHAR[]), in a stable order.
SELECT
  principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
  to_json(resources)::VARCHAR AS resources,
  parameters,
  key_count,
  to_json(key_shapes)::VARCHAR AS key_shapes,
  calls,
  strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ') AS first_seen,
  strftime(last_seen, '%Y-%m-%dT%H:%M:%SZ') AS last_seen
FROM usage
WHERE filename IS NULL AND list_contains($principals, principal)
ORDER BY ALL;
