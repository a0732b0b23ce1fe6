-- Events read from each file that produced any; files absent here produced none.
SELECT filename, calls AS events FROM usage WHERE filename IS NOT NULL;
