-- One scan of the logs -> the `usage` table: one row per distinct (principal, call, resource).
--
-- Bound parameters:
--   $since, $until   the window as UTC timestamps (text), either may be NULL (unbounded)
--   $sample          how many of the smallest keys to keep per key scope
-- The SOURCES placeholder below is replaced by a UNION ALL of trail_records(...) / trail_events(...)
-- over the files, PARAMETER_VALUES by a CASE on eventSource that lists the event's object key (S3
-- key, log stream; NULL for other services) and then the request parameters that name resources
-- (see engines/local/parameter-columns.ts).
--
-- Two stages keep memory and the rows that reach TypeScript bounded: the first groups by the full
-- object key (so distinct counts are exact), the second folds keys into their first path segment,
-- keeping the count, the smallest keys and the extremes (whose common prefix is everyone's).
-- The first stage also counts events per file (a grouping set of its own) so that files which
-- produced nothing can be named.
CREATE OR REPLACE TEMP TABLE usage AS
WITH raw AS (
  /*SOURCES*/
),
events AS (
  SELECT
    coalesce(
      nullif(e.userIdentity.sessionContext.sessionIssuer.arn, ''),
      nullif(e.userIdentity.arn, ''),
      nullif(e.userIdentity.invokedBy, ''),
      nullif(e.userIdentity.principalId, ''),
      nullif(e.userIdentity.accountId, ''),
      '(unknown)'
    ) AS principal,
    coalesce(nullif(e.userIdentity."type", ''), 'Unknown') AS principal_type,
    coalesce(e.eventSource, '') AS event_source,
    coalesce(e.eventName, '') AS event_name,
    coalesce(e.awsRegion, '') AS region,
    coalesce(e.recipientAccountId, e.userIdentity.accountId, '') AS account,
    nullif(e.errorCode, '') AS error_code,
    nullif(e.userIdentity.invokedBy, '') AS invoked_by,
    -- Per-object entries would make every S3 object its own group; the key is reduced below.
    -- (Not sorted: CloudTrail lists them in a stable order per API, and TypeScript merges anyway.)
    list_filter(e.resources, r -> r."ARN" IS NOT NULL AND r."type" IS DISTINCT FROM 'AWS::S3::Object') AS resources,
    coalesce(parameter_values[2:], []) AS parameters,
    parameter_values[1] AS object_key,
    try_cast(e.eventTime AS TIMESTAMP) AS event_time,
    filename
  FROM (SELECT e, filename, /*PARAMETER_VALUES*/ AS parameter_values FROM raw WHERE e IS NOT NULL)
),
windowed AS (
  SELECT *,
    ($since IS NULL OR event_time >= CAST($since AS TIMESTAMP))
    AND ($until IS NULL OR event_time < CAST($until AS TIMESTAMP)) AS in_window
  FROM events
),
per_key AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, object_key, filename,
    GROUPING(filename) = 0 AS is_file_count,
    -- A file counts all its events (to tell an unreadable file from one outside the window);
    -- usage counts only the window.
    count(*) AS events,
    count(*) FILTER (WHERE in_window) AS calls,
    min(event_time) FILTER (WHERE in_window) AS first_seen,
    max(event_time) FILTER (WHERE in_window) AS last_seen
  FROM windowed
  GROUP BY GROUPING SETS (
    (principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
     resources, parameters, object_key),
    (filename)
  )
)
SELECT
  principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
  resources, parameters,
  CASE WHEN object_key IS NULL THEN NULL
       WHEN strpos(object_key, '/') = 0 THEN ''
       ELSE object_key[1:strpos(object_key, '/')] END AS key_scope,
  count(object_key) AS key_count,
  min(object_key, $sample) AS key_sample,
  min(object_key) AS key_min,
  max(object_key) AS key_max,
  sum(calls)::BIGINT AS calls,
  min(first_seen) AS first_seen,
  max(last_seen) AS last_seen,
  NULL::VARCHAR AS filename
FROM per_key
WHERE NOT is_file_count AND calls > 0
GROUP BY ALL
UNION ALL
-- Per-file event counts ride in the same table, told apart by a non-NULL filename.
SELECT
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  events, NULL, NULL, filename
FROM per_key
WHERE is_file_count;
