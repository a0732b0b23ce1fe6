-- Every call seen in the window from any principal, successful or not: which data event types
-- the trail records is judged from these.
SELECT DISTINCT event_source, event_name
FROM usage
WHERE row_kind = 'usage'
ORDER BY event_source, event_name;
