-- Every principal seen in the window, busiest first: queries/local/principals.sql over the
-- CloudTrail table, with the same columns and values.
--
-- Markers, each replaced by a fixed SQL fragment whose placeholders take execution parameters (never
-- by a value; see src/engines/athena/query-text.ts):
--   TABLE        "database"."table", both checked against ^[A-Za-z0-9_]+$
--   SCAN_FILTER  partition days, accounts and regions, and the window on eventtime
WITH events AS (
  SELECT
    coalesce(
      nullif(useridentity.sessioncontext.sessionissuer.arn, ''),
      nullif(useridentity.arn, ''),
      nullif(useridentity.invokedby, ''),
      nullif(useridentity.principalid, ''),
      nullif(useridentity.accountid, ''),
      '(unknown)'
    ) AS principal,
    coalesce(nullif(useridentity.type, ''), 'Unknown') AS principal_type,
    coalesce(eventsource, '') AS event_source,
    nullif(errorcode, '') AS error_code,
    try(from_iso8601_timestamp(eventtime) AT TIME ZONE 'UTC') AS event_time
  FROM /*TABLE*/
  WHERE /*SCAN_FILTER*/
),
per_source AS (
  SELECT
    principal, principal_type, event_source,
    count(*) AS calls,
    count_if(error_code IS NOT NULL) AS errors,
    min(event_time) AS first_seen,
    max(event_time) AS last_seen
  FROM events
  GROUP BY principal, principal_type, event_source
),
-- A principal seen under two identity types (rare: a role ARN both assumed and named directly)
-- is listed under the type of most of its calls.
typed AS (
  SELECT *, sum(calls) OVER (PARTITION BY principal, principal_type) AS type_calls
  FROM per_source
)
SELECT
  principal,
  max_by(principal_type, type_calls) AS principal_type,
  CAST(sum(calls) AS BIGINT) AS calls,
  json_format(CAST(array_sort(array_distinct(array_agg(event_source))) AS JSON)) AS services,
  CAST(sum(errors) AS BIGINT) AS errors,
  date_format(min(first_seen), '%Y-%m-%dT%H:%i:%sZ') AS first_seen,
  date_format(max(last_seen), '%Y-%m-%dT%H:%i:%sZ') AS last_seen
FROM typed
GROUP BY principal
ORDER BY calls DESC, principal
