-- Every principal seen in the scanned window, busiest first. A principal seen under two identity
-- types (rare: a role ARN both assumed and named directly) is listed under the type of most of its
-- calls, summed over its rows; on a tie, the first type by name (src/engines/athena/usage-summaries.ts).
SELECT
  principal,
  any_value(principal_type ORDER BY type_calls DESC, principal_type) AS principal_type,
  sum(calls)::BIGINT AS calls,
  list_sort(list_distinct(list(event_source))) AS services,
  (sum(calls) FILTER (WHERE error_code IS NOT NULL))::BIGINT AS errors,
  min(first_seen) AS first_seen,
  max(last_seen) AS last_seen
FROM (
  SELECT *, sum(calls) OVER (PARTITION BY principal, principal_type) AS type_calls
  FROM usage
  WHERE row_kind = 'usage'
)
GROUP BY principal
ORDER BY calls DESC, principal;
