-- Copies of events already counted (same eventID, eventTime and call), dropped from the usage rows.
SELECT coalesce(sum(copies), 0)::BIGINT AS copies FROM usage WHERE row_kind = 'usage';
