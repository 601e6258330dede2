-- Two counters every instance with a cache of rows moves around each commit of a write transaction: "begun" just
-- before its COMMIT, "ended" once it has committed or failed, before the write is acknowledged. Where both read the
-- same, no commit runs anywhere, and an instance's cached rows read at that count are still what the database holds
-- (RowCache, SharedCommits). Sequences, not a row: moving them takes no lock a commit would wait for.
CREATE SEQUENCE row_cache_commits_begun;
CREATE SEQUENCE row_cache_commits_ended;
