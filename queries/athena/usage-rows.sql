-- The usage rows of the given principals over the CloudTrail table, one row per distinct
-- (principal, call, resource): queries/local/usage.sql and usage-rows.sql in Athena engine v3's
-- SQL (Trino), with the same columns and values (see src/engines/usage-row-parse.ts) and the same
-- order, except between rows that differ only in their list columns, which sort here by their JSON.
--
-- Markers, each replaced by a fixed SQL fragment whose placeholders take execution parameters (never
-- by a value; see src/engines/athena/query-text.ts). The file holds no placeholder of its own, so
-- that parameters bind in marker order:
--   SELECTION    JSON {eventSource: [object key path or null, parameter path, ...]}: the JSON paths
--                of ParameterSelection, by source
--   FOLDERS      JSON [path, ...]: the parameters kept only up to their last "/"
--   TABLE        "database"."table", both checked against ^[A-Za-z0-9_]+$
--   SCAN_FILTER  partition days, accounts and regions, and the window on eventtime
--   PRINCIPALS   JSON [principal, ...]
--   KEY_SAMPLE   how many of the smallest keys to keep per key scope
--
-- Lists, maps and rows leave as JSON text (json_format), never as Athena's display text for them;
-- times as ISO 8601 UTC at second precision.
--
-- Athena's guide places execution parameters in WHERE clauses; SELECTION, FOLDERS and KEY_SAMPLE sit
-- in expressions outside one, relying on engine v3 (Trino) binding a parameter wherever an
-- expression may stand. Not yet run against Athena itself: should it refuse them, the query fails
-- with Athena's reason.
WITH settings AS (
  SELECT
    CAST(json_parse(/*SELECTION*/) AS MAP(VARCHAR, ARRAY(VARCHAR))) AS selection,
    CAST(json_parse(/*FOLDERS*/) AS ARRAY(VARCHAR)) AS folders
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
    -- Offsets other than Z are turned to UTC, as DuckDB's cast to TIMESTAMP does.
    try(from_iso8601_timestamp(eventtime) AT TIME ZONE 'UTC') AS event_time
  FROM /*TABLE*/
  WHERE /*SCAN_FILTER*/
),
chosen AS (
  SELECT * FROM events
  WHERE contains(CAST(json_parse(/*PRINCIPALS*/) AS ARRAY(VARCHAR)), principal)
),
paths AS (
  SELECT c.*, element_at(s.selection, c.event_source) AS source_paths, s.folders
  FROM chosen c CROSS JOIN settings s
),
valued AS (
  SELECT p.*,
    -- A string, number or boolean as its text; an object or array as its JSON text; JSON null as NULL:
    -- what DuckDB's json_extract_string gives. Malformed requestParameters give NULL in both.
    transform(slice(source_paths, 2, greatest(cardinality(source_paths) - 1, 0)), path ->
      coalesce(json_extract_scalar(requestparameters, path), nullif(json_format(json_extract(requestparameters, path)), 'null'))
    ) AS raw_values,
    slice(source_paths, 2, greatest(cardinality(source_paths) - 1, 0)) AS parameter_paths,
    coalesce(
      json_extract_scalar(requestparameters, element_at(source_paths, 1)),
      nullif(json_format(json_extract(requestparameters, element_at(source_paths, 1))), 'null')
    ) AS object_key
  FROM paths p
),
extracted AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by, resources,
    object_key, event_time,
    json_format(CAST(coalesce(
      zip_with(parameter_paths, raw_values, (path, value) ->
        CASE WHEN contains(folders, path)
          -- "srcbucket/in/2026/x.csv" plus a query string (chr(63) starts it) -> "srcbucket/in/2026/";
          -- NULL when there is no "/"
          THEN nullif(regexp_extract(split_part(value, chr(63), 1), '^(.*/)', 1), '')
          ELSE value END),
      CAST(ARRAY[] AS ARRAY(VARCHAR))
    ) AS JSON)) AS parameters
  FROM valued
),
-- Grouped by the full object key first, so that distinct key counts are exact.
per_key AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, object_key,
    count(*) AS calls,
    min(event_time) AS first_seen,
    max(event_time) AS last_seen
  FROM extracted
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, object_key
),
-- Then keys fold into their first path segment: the count, the smallest keys and the extremes.
per_scope AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters,
    CASE WHEN object_key IS NULL THEN NULL
         WHEN strpos(object_key, '/') = 0 THEN ''
         ELSE substr(object_key, 1, strpos(object_key, '/')) END AS key_scope,
    count(object_key) AS key_count,
    min(object_key, /*KEY_SAMPLE*/) AS key_sample,
    min(object_key) AS key_min,
    max(object_key) AS key_max,
    sum(calls) AS calls,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen
  FROM per_key
  GROUP BY
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters,
    CASE WHEN object_key IS NULL THEN NULL
         WHEN strpos(object_key, '/') = 0 THEN ''
         ELSE substr(object_key, 1, strpos(object_key, '/')) END
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
  key_scope,
  CAST(key_count AS BIGINT) AS key_count,
  json_format(CAST(array_sort(key_sample) AS JSON)) AS key_sample,
  key_min,
  key_max,
  CAST(calls AS BIGINT) AS calls,
  date_format(first_seen, '%Y-%m-%dT%H:%i:%sZ') AS first_seen,
  date_format(last_seen, '%Y-%m-%dT%H:%i:%sZ') AS last_seen
FROM per_scope
ORDER BY
  principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
  resources, parameters, key_scope, key_count, key_sample, key_min, key_max, calls, first_seen, last_seen
