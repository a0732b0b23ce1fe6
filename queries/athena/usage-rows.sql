-- The one query a command sends over the CloudTrail table: the usage rows of every principal, one
-- row per distinct (principal, call, resource), in one scan of the window. queries/local/usage.sql
-- and usage-rows.sql in Athena engine v3's SQL (Trino), with the same columns and values (see
-- src/engines/usage-row-parse.ts) and the same order, except between rows that differ only in their
-- list columns, which sort here by their JSON. The principals and the calls seen are sums over these
-- rows (src/engines/athena/usage-summaries.ts), as queries/local/principals.sql and
-- observed-calls.sql are over the local engine's: a second query would read the window again.
--
-- Markers, each replaced by a fixed SQL fragment (see src/engines/athena/query-text.ts). The file
-- holds no placeholder of its own; only SCAN_FILTER, in the one WHERE over the table, takes
-- execution parameters (the user's window, accounts and regions), since Athena binds parameters
-- only in WHERE clauses. The rest are tighten's own constants, as checked literals:
--   SELECTION    JSON {eventSource: [object key path or null, parameter path, ...]}: the JSON paths
--                of ParameterSelection, by source
--   FOLDERS      JSON [path, ...]: the parameters kept only up to their last "/"
--   ARN_PREFIXES JSON [path, ...]: the parameters kept only up to their last ":"
--   DERIVED_VALUES  `WHEN path = '<path>' THEN <expression>` branches, one per request feature
--                or nested name of ParameterSelection (flags, nested): the value read from
--                `requestparameters` itself and reduced as the local engine's parameter-columns.ts does
--   RESOURCE_KEY the object key read from resources[] (ParameterSelection.objectKeyResources), per
--                source, for calls whose request names none; NULL elsewhere
--   TABLE        "database"."table", both checked against ^[A-Za-z0-9_]+$
--   SCAN_FILTER  partition days, accounts and regions, and the window on eventtime
--   NAME_MASK    the expression that turns `object_key` into its mask (engines/name-template-sql.ts)
--   FOLD_SCOPE   the expression that gives a `mask` its literal folder, by which names past the
--                bound fold (engines/name-template-sql.ts)
--   NAME_SAMPLE, TEMPLATES_PER_CALL, EXACT_NAMES, BY_HOUR  names kept per mask, masks kept apart per
--                call, whether every name is its own entry, and whether calls are also grouped by
--                their hour (see queries/local/usage.sql)
--
-- Lists, maps and rows leave as JSON text (json_format), never as Athena's display text for them;
-- times as ISO 8601 UTC at second precision, '' for calls whose events carry no parseable eventtime
-- (read only when no window is asked), as the local engine writes them. event_id is the smallest
-- non-empty eventID of the row (varchar orders by code point, as DuckDB's by UTF-8 bytes).
--
-- Every CTE below is referenced once: Trino inlines a CTE at each reference, so a second reference
-- to `events` would scan the table a second time.
WITH settings AS (
  SELECT
    CAST(json_parse(/*SELECTION*/) AS MAP(VARCHAR, ARRAY(VARCHAR))) AS selection,
    CAST(json_parse(/*FOLDERS*/) AS ARRAY(VARCHAR)) AS folders,
    CAST(json_parse(/*ARN_PREFIXES*/) AS ARRAY(VARCHAR)) AS arn_prefixes
),
events AS (
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
    coalesce(eventname, '') AS event_name,
    coalesce(awsregion, '') AS region,
    coalesce(recipientaccountid, useridentity.accountid, '') AS account,
    nullif(errorcode, '') AS error_code,
    nullif(useridentity.invokedby, '') AS invoked_by,
    -- Per-object entries would make every S3 object its own group; the key is reduced below.
    -- Built as maps so that the JSON has CloudTrail's member names, as the local engine's has.
    json_format(CAST(
      transform(
        filter(resources, r -> r.arn IS NOT NULL AND r.type IS DISTINCT FROM 'AWS::S3::Object'),
        r -> MAP(ARRAY['ARN', 'accountId', 'type'], ARRAY[r.arn, r.accountid, r.type])
      ) AS JSON)) AS resources,
    requestparameters,
    /*RESOURCE_KEY*/ AS resource_key,
    -- The instant, in UTC: a time written with another offset is the same instant (the local
    -- engine reads it so too).
    try(from_iso8601_timestamp(eventtime) AT TIME ZONE 'UTC') AS event_time,
    eventid AS event_id
  FROM /*TABLE*/
  WHERE /*SCAN_FILTER*/
),
paths AS (
  SELECT e.*, element_at(s.selection, e.event_source) AS source_paths, s.folders, s.arn_prefixes
  FROM events e CROSS JOIN settings s
),
valued AS (
  SELECT p.*,
    -- A string, number or boolean as its text; an object or array as its JSON text; JSON null as NULL:
    -- what DuckDB's json_extract_string gives. Malformed requestParameters give NULL in both.
    transform(slice(source_paths, 2, greatest(cardinality(source_paths) - 1, 0)), path -> CASE
      /*DERIVED_VALUES*/
      ELSE coalesce(json_extract_scalar(requestparameters, path), nullif(json_format(json_extract(requestparameters, path)), 'null'))
    END) AS raw_values,
    slice(source_paths, 2, greatest(cardinality(source_paths) - 1, 0)) AS parameter_paths,
    coalesce(
      json_extract_scalar(requestparameters, element_at(source_paths, 1)),
      nullif(json_format(json_extract(requestparameters, element_at(source_paths, 1))), 'null'),
      CASE WHEN element_at(source_paths, 1) IS NOT NULL THEN resource_key END
    ) AS object_key
  FROM paths p
),
extracted AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by, resources,
    object_key, event_time, CASE WHEN /*BY_HOUR*/ THEN date_trunc('hour', event_time) END AS hour,
    nullif(event_id, '') AS event_id,
    -- What tells a copy of an event from another call: its eventID and its time (the time first,
    -- fixed-width, so that no two pairs make one text). NULL without an eventID: such events all count.
    CASE WHEN event_id IS NOT NULL THEN coalesce(date_format(event_time, '%Y-%m-%dT%H:%i:%s.%f'), '-') || event_id END AS copy_key,
    json_format(CAST(coalesce(
      zip_with(parameter_paths, raw_values, (path, value) ->
        CASE WHEN contains(folders, path)
          -- "srcbucket/in/2026/x.csv" plus a query string (chr(63) starts it) -> "srcbucket/in/2026/";
          -- NULL when there is no "/"
          THEN nullif(regexp_extract(split_part(value, chr(63), 1), '^(.*/)', 1), '')
          -- "arn:...:execution:MACHINE:run-42" -> "arn:...:execution:MACHINE:"
          WHEN contains(arn_prefixes, path) THEN nullif(regexp_extract(value, '^(.*:)', 1), '')
          ELSE value END),
      CAST(ARRAY[] AS ARRAY(VARCHAR))
    ) AS JSON)) AS parameters
  FROM valued
),
-- Grouped by the full object key first, so that distinct key counts are exact. CloudTrail may
-- deliver an event more than once: a copy has the eventID and eventTime of another and the same
-- call, so it falls in the same group, where it is counted once (queries/local/usage.sql).
per_key AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, object_key,
    count(*) - count(copy_key) + count(DISTINCT copy_key) AS calls,
    min(event_time) AS first_seen,
    max(event_time) AS last_seen,
    min(event_id) AS event_id
  FROM extracted
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, object_key
),
named AS (
  SELECT *, CASE WHEN object_key IS NULL THEN NULL ELSE /*NAME_MASK*/ END AS mask
  FROM per_key
),
-- Then names fold by mask (`uploads/{#}/original.jpg`), as queries/local/usage.sql does.
per_mask AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, mask,
    count(object_key) AS names,
    sum(calls) AS calls,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen,
    min(event_id) AS event_id,
    min(object_key) AS name_min,
    max(object_key) AS name_max,
    min(object_key, /*NAME_SAMPLE*/) AS sample
  FROM named
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, mask, CASE WHEN /*EXACT_NAMES*/ THEN object_key END
),
ranked AS (
  SELECT *,
    row_number() OVER (
      PARTITION BY principal, principal_type, event_source, event_name, region, account, error_code, invoked_by, resources, parameters, hour
      ORDER BY names DESC, mask, name_min
    ) AS rank
  FROM per_mask
),
folded AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour,
    CASE WHEN (min(rank) <= /*TEMPLATES_PER_CALL*/ OR /*EXACT_NAMES*/) THEN arbitrary(mask) END AS template,
    sum(names) AS names,
    sum(calls) AS calls,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen,
    min(event_id) AS event_id,
    min(name_min) AS name_min,
    max(name_max) AS name_max,
    CASE WHEN (min(rank) <= /*TEMPLATES_PER_CALL*/ OR /*EXACT_NAMES*/) THEN arbitrary(sample) ELSE CAST(ARRAY[] AS ARRAY(VARCHAR)) END AS sample
  FROM ranked
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour,
    CASE WHEN rank <= /*TEMPLATES_PER_CALL*/ OR /*EXACT_NAMES*/ THEN rank END,
    CASE WHEN rank > /*TEMPLATES_PER_CALL*/ AND NOT /*EXACT_NAMES*/ THEN
      /*FOLD_SCOPE*/
    END
),
per_call AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour,
    sum(names) AS key_count,
    CASE WHEN sum(names) = 0 THEN NULL ELSE json_format(CAST(array_agg(
      MAP(
        ARRAY['template', 'names', 'calls', 'first_seen', 'last_seen', 'min', 'max', 'sample'],
        ARRAY[
          CAST(template AS JSON), CAST(names AS JSON), CAST(calls AS JSON),
          CAST(coalesce(date_format(first_seen, '%Y-%m-%dT%H:%i:%sZ'), '') AS JSON),
          CAST(coalesce(date_format(last_seen, '%Y-%m-%dT%H:%i:%sZ'), '') AS JSON),
          CAST(name_min AS JSON), CAST(name_max AS JSON), CAST(array_sort(sample) AS JSON)
        ]
      ) ORDER BY template NULLS LAST, name_min) AS JSON)) END AS key_shapes,
    sum(calls) AS calls,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen,
    min(event_id) AS event_id
  FROM folded
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour
)
SELECT
  principal,
  principal_type,
  event_source,
  event_name,
  region,
  account,
  error_code,
  invoked_by,
  resources,
  parameters,
  CAST(key_count AS BIGINT) AS key_count,
  key_shapes,
  CAST(calls AS BIGINT) AS calls,
  coalesce(date_format(first_seen, '%Y-%m-%dT%H:%i:%sZ'), '') AS first_seen,
  coalesce(date_format(last_seen, '%Y-%m-%dT%H:%i:%sZ'), '') AS last_seen,
  event_id
FROM per_call
ORDER BY
  principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
  resources, parameters, key_count, key_shapes, calls, first_seen, last_seen, event_id
