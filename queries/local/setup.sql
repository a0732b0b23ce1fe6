-- The parts of a CloudTrail event tighten reads. Fields not listed (responseElements above all,
-- which can be megabytes) are skipped by the parser without being built. A value of an unexpected
-- type (an object where text was expected, a string for requestParameters) becomes its JSON text
-- or NULL: one odd event never fails its file.
CREATE TYPE trail_event AS STRUCT(
  eventVersion VARCHAR,
  -- CloudTrail may deliver an event more than once; the usage query counts a redelivered event once.
  eventID VARCHAR,
  eventTime VARCHAR,
  eventSource VARCHAR,
  eventName VARCHAR,
  awsRegion VARCHAR,
  recipientAccountId VARCHAR,
  errorCode VARCHAR,
  userIdentity STRUCT(
    "type" VARCHAR,
    arn VARCHAR,
    accountId VARCHAR,
    principalId VARCHAR,
    invokedBy VARCHAR,
    sessionContext STRUCT(sessionIssuer STRUCT("type" VARCHAR, arn VARCHAR))
  ),
  -- Kept as JSON text (cheap to read): the usage query extracts only what each service needs.
  requestParameters JSON,
  resources STRUCT("ARN" VARCHAR, accountId VARCHAR, "type" VARCHAR)[]
);

-- Both macros return (e, unreadable, filename): one row per record, and one row with a NULL e and
-- unreadable = true per document or line that is not JSON (ignore_errors keeps the rest of the file
-- readable), so that what was lost is counted per file. An item that is not a JSON object arrives
-- as a NULL e or as a struct of NULLs; the usage query counts it and leaves it out.
--
-- records = 'true' is not a detail: with 'auto' (the default) DuckDB 1.5 overflows its stack on a
-- deeply nested value anywhere in a document (signal 11, exit 139, at 20,000 levels: a 120 KB
-- requestParameters), while with 'true' or 'false' it read 2,000,000 levels. Measured, not documented.

-- CloudTrail delivery objects: {"Records": [event, ...]}, one document per file. A truncated or
-- corrupt file yields only its unreadable row; the engine finds and names such files afterwards.
CREATE MACRO trail_records(files, fmt, max_size) AS TABLE
  SELECT unnest(CASE WHEN Records IS NULL THEN [NULL::trail_event] ELSE Records END) AS e, Records IS NULL AS unreadable, filename
  FROM read_json(files, format = fmt, records = 'true', columns = {Records: 'trail_event[]'}, filename = true,
                 ignore_errors = true, maximum_object_size = max_size);

-- One event per line (CloudTrail Lake, Athena and LookupEvents exports) or a JSON array of events.
-- In a file of lines a NULL e is a line that is not JSON (or the line `null`); in an array, a null item.
CREATE MACRO trail_events(files, fmt, max_size) AS TABLE
  SELECT e, e IS NULL AND fmt = 'newline_delimited' AS unreadable, filename
  FROM read_json(files, format = fmt, records = 'false', columns = {e: 'trail_event'}, filename = true,
                 ignore_errors = true, maximum_object_size = max_size);
