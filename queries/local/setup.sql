-- The parts of a CloudTrail event tighten reads. Fields not listed (responseElements above all,
-- which can be megabytes) are skipped by the parser without being built. A value of an unexpected
-- type (an object where text was expected, a string for requestParameters) becomes its JSON text
-- or NULL: one odd event never fails its file.
CREATE TYPE trail_event AS STRUCT(
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

-- CloudTrail delivery objects: {"Records": [event, ...]}, one document per file. A truncated or
-- corrupt file yields no rows (ignore_errors); the engine finds and names such files afterwards.
CREATE MACRO trail_records(files, fmt, max_size) AS TABLE
  SELECT unnest(Records) AS e, filename
  FROM read_json(files, format = fmt, columns = {Records: 'trail_event[]'}, filename = true,
                 ignore_errors = true, maximum_object_size = max_size);

-- One event per line (CloudTrail Lake, Athena and LookupEvents exports) or a JSON array of events.
CREATE MACRO trail_events(files, fmt, max_size) AS TABLE
  SELECT e, filename
  FROM read_json(files, format = fmt, records = 'false', columns = {e: 'trail_event'}, filename = true,
                 ignore_errors = true, maximum_object_size = max_size);
