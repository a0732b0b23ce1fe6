-- Every principal seen in the scanned window, busiest first.
SELECT
  principal,
  any_value(principal_type ORDER BY calls DESC) AS principal_type,
  sum(calls)::BIGINT AS calls,
  list_sort(list_distinct(list(event_source))) AS services,
  (sum(calls) FILTER (WHERE error_code IS NOT NULL))::BIGINT AS errors,
  min(first_seen) AS first_seen,
  max(last_seen) AS last_seen
FROM usage
WHERE row_kind = 'usage'
GROUP BY principal
ORDER BY calls DESC, principal;
