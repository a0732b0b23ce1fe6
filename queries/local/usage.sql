-- One scan of the logs -> the `usage` table: one row per distinct (principal, call, resource).
--
-- Bound parameters:
--   $since, $until   the window as UTC timestamps (text), either may be NULL (unbounded)
--   $sample          how many of the smallest names to keep per mask
--   $templates       how many masks to keep per call; past it, names fold by first path segment
--   $exact_names     true: every distinct name is an entry of its own (replay), not folded into its template
--   $by_hour         true: calls are also grouped by the hour they were made in, so that a caller can
--                    split the window at any hour after one scan (backtest)
-- The SOURCES placeholder below is replaced by a UNION ALL of trail_records(...) / trail_events(...)
-- over the files, PARAMETER_VALUES by a CASE on eventSource that lists the event's object key (S3
-- key, log stream; NULL for other services) and then the request parameters that name resources
-- (see engines/local/parameter-columns.ts), NAME_MASK by the expression that turns a name into
-- its mask (engines/name-template-sql.ts: mapping/name-tokens.ts nameMask).
--
-- Names (S3 keys, log streams) are reduced to their shapes, not to a sample: the first stage groups
-- by the full name (so counts are exact), the second by the name's mask (`uploads/{#}/thumb-{#}.jpg`:
-- every token that may vary masked), keeping per mask the names, calls, first and last use, the
-- extremes (whose common prefix every name shares) and the smallest names (all of them while few).
-- What reaches TypeScript is one row per call with a bounded list of shapes, which the mapping
-- reads token by token (mapping/name-patterns.ts).
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
    CASE WHEN $by_hour THEN date_trunc('hour', event_time) END AS hour,
    ($since IS NULL OR event_time >= CAST($since AS TIMESTAMP))
    AND ($until IS NULL OR event_time < CAST($until AS TIMESTAMP)) AS in_window
  FROM events
),
per_key AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, object_key, filename,
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
     resources, parameters, hour, object_key),
    (filename)
  )
),
named AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, object_key, calls, first_seen, last_seen,
    CASE WHEN object_key IS NULL THEN NULL ELSE /*NAME_MASK*/ END AS mask
  FROM per_key
  WHERE NOT is_file_count AND calls > 0
),
per_mask AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, mask,
    count(object_key) AS names,
    sum(calls) AS calls,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen,
    min(object_key) AS name_min,
    max(object_key) AS name_max,
    min(object_key, $sample) AS sample
  FROM named
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, mask, CASE WHEN $exact_names THEN object_key END
),
ranked AS (
  SELECT *,
    row_number() OVER (
      PARTITION BY principal, principal_type, event_source, event_name, region, account, error_code, invoked_by, resources, parameters, hour
      ORDER BY names DESC, mask, name_min
    ) AS rank
  FROM per_mask
),
-- The busiest shapes stay apart; the rest fold by their first path segment, so that a bucket of
-- countless hand-named files costs one entry per folder.
folded AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour,
    CASE WHEN (min(rank) <= $templates OR $exact_names) THEN any_value(mask) END AS template,
    sum(names) AS names,
    sum(calls) AS calls,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen,
    min(name_min) AS name_min,
    max(name_max) AS name_max,
    CASE WHEN (min(rank) <= $templates OR $exact_names) THEN any_value(sample) ELSE [] END AS sample
  FROM ranked
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour,
    CASE WHEN rank <= $templates OR $exact_names THEN rank END,
    CASE WHEN rank > $templates AND NOT $exact_names THEN
      CASE WHEN strpos(name_min, '/') = 0 THEN '' ELSE name_min[1:strpos(name_min, '/')] END
    END
)
SELECT
  principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
  resources, parameters, hour,
  sum(names)::BIGINT AS key_count,
  CASE WHEN sum(names) = 0 THEN NULL ELSE list({
    'template': template,
    'names': names,
    'calls': calls,
    'first_seen': strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ'),
    'last_seen': strftime(last_seen, '%Y-%m-%dT%H:%M:%SZ'),
    'min': name_min,
    'max': name_max,
    'sample': list_sort(sample)
  } ORDER BY template NULLS LAST, name_min) END AS key_shapes,
  sum(calls)::BIGINT AS calls,
  min(first_seen) AS first_seen,
  max(last_seen) AS last_seen,
  NULL::VARCHAR AS filename
FROM folded
GROUP BY ALL
UNION ALL
-- Per-file event counts ride in the same table, told apart by a non-NULL filename.
SELECT
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  events, NULL, NULL, filename
FROM per_key
WHERE is_file_count;
