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
--   ARN_PREFIXES JSON [path, ...]: the parameters kept only up to their last ":"
--   TABLE        "database"."table", both checked against ^[A-Za-z0-9_]+$
--   SCAN_FILTER  partition days, accounts and regions, and the window on eventtime
--   PRINCIPALS   JSON [principal, ...]
--   NAME_MASK    the expression that turns `object_key` into its mask (engines/name-template-sql.ts)
--   FOLD_SCOPE   the expression that gives a `mask` its literal folder, by which names past the
--                bound fold (engines/name-template-sql.ts)
--   NAME_SAMPLE, TEMPLATES_PER_CALL, EXACT_NAMES, BY_HOUR  tighten's own constants, as literals:
--                names kept per mask, masks kept apart per call, whether every name is its own entry,
--                and whether calls are also grouped by their hour (see queries/local/usage.sql)
--
-- Lists, maps and rows leave as JSON text (json_format), never as Athena's display text for them;
-- times as ISO 8601 UTC at second precision.
--
-- Athena's guide places execution parameters in WHERE clauses; SELECTION and FOLDERS sit
-- in expressions outside one, relying on engine v3 (Trino) binding a parameter wherever an
-- expression may stand. Not yet run against Athena itself: should it refuse them, the query fails
-- with Athena's reason.
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
  SELECT c.*, element_at(s.selection, c.event_source) AS source_paths, s.folders, s.arn_prefixes
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
    object_key, event_time, CASE WHEN /*BY_HOUR*/ THEN date_trunc('hour', event_time) END AS hour,
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
-- Grouped by the full object key first, so that distinct key counts are exact.
per_key AS (
  SELECT
    principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
    resources, parameters, hour, object_key,
    count(*) AS calls,
    min(event_time) AS first_seen,
    max(event_time) AS last_seen
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
          CAST(date_format(first_seen, '%Y-%m-%dT%H:%i:%sZ') AS JSON), CAST(date_format(last_seen, '%Y-%m-%dT%H:%i:%sZ') AS JSON),
          CAST(name_min AS JSON), CAST(name_max AS JSON), CAST(array_sort(sample) AS JSON)
        ]
      ) ORDER BY template NULLS LAST, name_min) AS JSON)) END AS key_shapes,
    sum(calls) AS calls,
    min(first_seen) AS first_seen,
    max(last_seen) AS last_seen
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
  date_format(first_seen, '%Y-%m-%dT%H:%i:%sZ') AS first_seen,
  date_format(last_seen, '%Y-%m-%dT%H:%i:%sZ') AS last_seen
FROM per_call
ORDER BY
  principal, principal_type, event_source, event_name, region, account, error_code, invoked_by,
  resources, parameters, key_count, key_shapes, calls, first_seen, last_seen
