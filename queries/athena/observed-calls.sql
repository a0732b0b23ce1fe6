-- Every call seen in the window from any principal, successful or not: which data event types
-- the trail records is judged from these (queries/local/observed-calls.sql).
--
-- Markers, each replaced by a fixed SQL fragment whose placeholders take execution parameters (never
-- by a value; see src/engines/athena/query-text.ts):
--   TABLE        "database"."table", both checked against ^[A-Za-z0-9_]+$
--   SCAN_FILTER  partition days, accounts and regions, and the window on eventtime
SELECT DISTINCT
  coalesce(eventsource, '') AS event_source,
  coalesce(eventname, '') AS event_name
FROM /*TABLE*/
WHERE /*SCAN_FILTER*/
ORDER BY event_source, event_name
