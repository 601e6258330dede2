-- dataGenerationTime (dgt) of contentInstances (Release 4) and timeSeriesInstances as a column, in microseconds since
-- the epoch like ct, for the generation-time conditions of filter criteria (dgb, dga); NULL for every other type.
ALTER TABLE resource ADD COLUMN dgt BIGINT;
UPDATE resource SET dgt = (SELECT p.dgt FROM time_series_point p WHERE p.ri = resource.ri) WHERE ty = 30;
-- A range of generation times is the whole question of such a query (the data of a period, in a subtree or not).
CREATE INDEX resource_generated ON resource (dgt);
