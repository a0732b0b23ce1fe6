-- One scan of the logs -> the `usage` table: one row per distinct (principal, call, resource).
--
-- Bound parameters:
--   $since, $until   the window as UTC timestamps (text), either may be NULL (unbounded)
--   $sample          how many of the smallest names to keep per mask
--   $templates       how many masks to keep per call; past it, names fold by first path segment
--   $exact_names     true: every distinct name is an entry of its own (replay), not folded into its template
--   $by_hour         true: calls are also grouped by the hour they were made in, so that a caller can
--                    split the window at any hour after one scan (backtest)
--   $future          events after this UTC time (text; a day after the scan) are counted as future
--   $focus_N         (only with a focus) parts of the principals the caller will ask usage for
-- The SOURCES placeholder below is replaced by a UNION ALL of trail_records(...) / trail_events(...)
-- over the files, EXTRACTED_VALUES by a CASE on eventSource that extracts the request parameters
-- each service needs (only for the principals in focus, when the scan has one:
-- engines/local/principal-focus.ts), PARAMETER_VALUES by one that reduces them to the event's
-- object key (S3 key, log stream; NULL for other services) and then the request parameters that
-- name resources (see engines/local/parameter-columns.ts), NAME_MASK by the expression that turns a name into
-- its mask (engines/name-template-sql.ts: mapping/name-tokens.ts nameMask), FOLD_SCOPE by the one
-- that gives a mask its literal folder (mapping/name-tokens.ts foldScope).
--
-- Names (S3 keys, log streams) are reduced to their shapes, not to a sample: the first stage groups
-- by the full name (so counts are exact), the second by the name's mask (`uploads/{#}/thumb-{#}.jpg`:
-- every token that may vary masked), keeping per mask the names, calls, first and last use, the
-- extremes (whose common prefix every name shares) and the smallest names (all of them while few).
-- What reaches TypeScript is one row per call with a bounded list of shapes, which the mapping
-- reads token by token (mapping/name-patterns.ts).
-- The first stage also counts records per file (a grouping set of its own) so that files which
-- produced nothing, or lost lines, can be named.
--
-- CloudTrail may deliver an event more than once. A copy is an event with the eventID and the
-- eventTime of another and the same call: it falls in the same first-stage group, where it is
-- counted once. Generated logs (this project's benchmark, test fixtures) reuse eventIDs for other
-- calls; those are different groups and count as the calls they are. A third grouping set counts
-- the events per (hash of the first-stage key, hash of eventID and eventTime); a group of it with
-- more than one event holds copies, which are taken off the first-stage group whose key hashes
-- alike. Its state is fixed-size, which DuckDB spills to disk like any other group. The earlier
-- way, a per-group list of event hashes, could not be spilled: 10M benchmark events needed a 1 GB
-- limit, 105 s and 1.4 GiB peak; this way they run at 512 MB in 73 s, 0.8 GiB (5-10% more CPU at
-- 1M, where nothing spills). The price is a hash collision: two different events of one call with
-- equal hashes (about n^2 / 2^65 for n events, under 10^-5 at 10M) would count once, a count one
-- short, never a call missing; two keys with equal hashes (2^-64 per pair) would share copies.
--
-- Each row keeps one of its events to point a reviewer at: the smallest eventID in the window
-- (by UTF-8 bytes, as Athena's min orders it), so that both engines name the same one. An eventID
-- as CloudTrail writes it (a lowercase UUID) is kept as a UUID, 16 bytes in the group's state,
-- whose order is the text's; only another text is kept as text. A minimum kept as text is a string
-- DuckDB allocates per group outside what it can spill: at 10M events, one per event in the third
-- grouping set, 0.6 GB more peak memory.
--
-- The table holds two kinds of rows, told apart by row_kind: 'usage' (the aggregated calls,
-- `copies` dropped from each) and 'file' (per-file counts in file_counts).
CREATE OR REPLACE TEMP TABLE usage AS
WITH raw AS (
  /*SOURCES*/
),
identified AS (
  SELECT e, unreadable, filename,
    coalesce(
      nullif(e.userIdentity.sessionContext.sessionIssuer.arn, ''),
      nullif(e.userIdentity.arn, ''),
      nullif(e.userIdentity.invokedBy, ''),
      nullif(e.userIdentity.principalId, ''),
      nullif(e.userIdentity.accountId, ''),
      '(unknown)'
    ) AS principal
  FROM raw
),
-- A projection of its own, which the reductions in `events` read as a column (parameter-columns.ts).
extracted AS (
  SELECT *, /*EXTRACTED_VALUES*/ AS extracted_values FROM identified
),
events AS (
  SELECT
    principal,
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
    -- The instant in UTC. DuckDB's cast to TIMESTAMP drops an offset ('12:00:00+02:00' -> 12:00),
    -- so a time with one goes through TIMESTAMPTZ (10:00 UTC), as Athena's from_iso8601_timestamp
    -- reads it. CloudTrail writes 'Z', the fast path; a time without a zone is UTC.
    CASE
      WHEN e.eventTime LIKE '%Z' OR NOT regexp_matches(e.eventTime, '[+-]\d\d:?\d\d$') THEN try_cast(e.eventTime AS TIMESTAMP)
      ELSE timezone('UTC', try_cast(e.eventTime AS TIMESTAMPTZ))
    END AS event_time,
    e.eventID AS event_id,
    -- A Records item that is not a JSON object (a number, a string, a list, null) arrives as NULL
    -- or as a struct of NULLs, as does an object with none of these fields: not an event.
    NOT unreadable AND e IS NOT NULL AND NOT (
      e.eventVersion IS NULL AND e.eventID IS NULL AND e.eventTime IS NULL AND e.eventSource IS NULL
      AND e.eventName IS NULL AND e.awsRegion IS NULL AND e.recipientAccountId IS NULL AND e.errorCode IS NULL
      AND e.userIdentity IS NULL AND e.requestParameters IS NULL AND e.resources IS NULL
    ) AS is_event,
    unreadable,
    filename
  FROM (SELECT e, unreadable, filename, principal, /*PARAMETER_VALUES*/ AS parameter_values FROM extracted)
),
in_time AS (
  SELECT *,
    CASE WHEN $by_hour THEN date_trunc('hour', event_time) END AS hour,
    is_event AND CASE
      -- Without a time an event lies in no window and no hour; it is read only when neither is asked.
      WHEN event_time IS NULL THEN $since IS NULL AND $until IS NULL AND NOT $by_hour
      ELSE ($since IS NULL OR event_time >= CAST($since AS TIMESTAMP))
        AND ($until IS NULL OR event_time < CAST($until AS TIMESTAMP))
    END AS in_window
  FROM events
),
windowed AS (
  SELECT *,
    CASE WHEN in_window AND event_id IS NOT NULL THEN hash(event_id, event_time) END AS event_hash,
    -- The UUID only when it reads back as the same text (not an uppercase or brace-wrapped form).
    CASE WHEN try_cast(event_id AS UUID)::VARCHAR = event_id THEN try_cast(event_id AS UUID) END AS event_uuid,
    CASE WHEN in_window AND event_id IS NOT NULL THEN
      hash(principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
           resources, parameters, hour, object_key)
    END AS key_hash
  FROM in_time
),
per_key AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, object_key, filename, key_hash,
    GROUPING(filename) = 0 AS is_file_count,
    GROUPING(key_hash) = 0 AS is_copy_count,
    -- A file counts all its records (to tell an unreadable file from one outside the window, and
    -- to name what was lost in it); usage counts only the events in the window.
    {
      'events': count(*) FILTER (WHERE is_event),
      'unreadable': count(*) FILTER (WHERE unreadable),
      'not_events': count(*) FILTER (WHERE NOT is_event AND NOT unreadable),
      'undated': count(*) FILTER (WHERE is_event AND event_time IS NULL),
      'future': count(*) FILTER (WHERE in_window AND event_time > CAST($future AS TIMESTAMP))
    } AS file_counts,
    count(*) FILTER (WHERE in_window) AS calls,
    min(event_time) FILTER (WHERE in_window) AS first_seen,
    max(event_time) FILTER (WHERE in_window) AS last_seen,
    min(event_uuid) FILTER (WHERE in_window) AS event_uuid,
    min(nullif(event_id, '')) FILTER (WHERE in_window AND event_uuid IS NULL) AS event_text
  FROM windowed
  GROUP BY GROUPING SETS (
    (principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
     resources, parameters, hour, object_key),
    (filename),
    (key_hash, event_hash)
  )
  -- Of the third set only the groups with copies go on (few or none), not one row per event.
  HAVING GROUPING(key_hash) = 1 OR (event_hash IS NOT NULL AND count(*) > 1)
),
copies AS (
  SELECT key_hash, sum(calls - 1) AS copies FROM per_key WHERE is_copy_count GROUP BY key_hash
),
named AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, object_key, calls - copies AS calls, copies, first_seen, last_seen, event_id,
    CASE WHEN object_key IS NULL THEN NULL ELSE /*NAME_MASK*/ END AS mask
  FROM (
    SELECT per_key.*, coalesce(copies.copies, 0) AS copies,
      CASE
        WHEN event_uuid IS NULL THEN event_text
        WHEN event_text IS NULL THEN event_uuid::VARCHAR
        ELSE least(event_uuid::VARCHAR, event_text)
      END AS event_id
    FROM per_key LEFT JOIN copies ON copies.key_hash = hash(
      per_key.principal, per_key.principal_type, per_key.event_source, per_key.event_name, per_key.region,
      per_key.account, per_key.error_code, per_key.invoked_by, per_key.resources, per_key.parameters,
      per_key.hour, per_key.object_key)
    WHERE NOT is_file_count AND NOT is_copy_count AND calls > 0
  )
),
per_mask AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, mask,
    count(object_key) AS names,
    sum(calls) AS calls,
    sum(copies) AS copies,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen,
    min(event_id) AS event_id,
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
-- The busiest shapes stay apart; the rest fold by the literal folder before their first generated
-- part (FOLD_SCOPE), so that a bucket of countless hand-named files costs one entry per folder
-- and two tenants' folders never fold into one.
folded AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour,
    CASE WHEN (min(rank) <= $templates OR $exact_names) THEN any_value(mask) END AS template,
    sum(names) AS names,
    sum(calls) AS calls,
    sum(copies) AS copies,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen,
    min(event_id) AS event_id,
    min(name_min) AS name_min,
    max(name_max) AS name_max,
    CASE WHEN (min(rank) <= $templates OR $exact_names) THEN any_value(sample) ELSE [] END AS sample
  FROM ranked
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour,
    CASE WHEN rank <= $templates OR $exact_names THEN rank END,
    CASE WHEN rank > $templates AND NOT $exact_names THEN
      /*FOLD_SCOPE*/
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
    'first_seen': coalesce(strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ'), ''),
    'last_seen': coalesce(strftime(last_seen, '%Y-%m-%dT%H:%M:%SZ'), ''),
    'min': name_min,
    'max': name_max,
    'sample': list_sort(sample)
  } ORDER BY template NULLS LAST, name_min) END AS key_shapes,
  sum(calls)::BIGINT AS calls,
  min(first_seen) AS first_seen,
  max(last_seen) AS last_seen,
  sum(copies)::BIGINT AS copies,
  min(event_id) AS event_id,
  'usage' AS row_kind,
  NULL::VARCHAR AS filename,
  NULL AS file_counts
FROM folded
GROUP BY ALL
UNION ALL
SELECT
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, 'file', filename, file_counts
FROM per_key
WHERE is_file_count;
