-- Per file that produced any record: its events (copies included), what in it was not an event
-- (lines that are not JSON, records that are not objects), and its undated and future events.
-- Files absent here produced nothing.
SELECT
  filename,
  file_counts.events AS events,
  file_counts.unreadable AS unreadable,
  file_counts.not_events AS not_events,
  file_counts.undated AS undated,
  file_counts.future AS future
FROM usage
WHERE row_kind = 'file';
