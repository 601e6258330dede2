-- timeSeries (TS-0001 10.2.4.29): the dataGenerationTimes of the instances; per monitored series the next expected dataGenerationTime
-- and its detection time (due, what the detector polls), and per missing-data subscription its window. Rows go with
-- the resource they belong to.
CREATE TABLE time_series_watch (
    ri       VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES resource (ri) ON DELETE CASCADE,
    expected BIGINT NOT NULL,
    due      BIGINT NOT NULL
);
CREATE INDEX time_series_watch_due ON time_series_watch (due);

-- The dataGenerationTime of each timeSeriesInstance, by series: unique within a series (TS-0004 7.4.39.2.1), and
-- in order for the quota (oldest dgt first) and for the detector's range checks, each one index range.
CREATE TABLE time_series_point (
    ri     VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES resource (ri) ON DELETE CASCADE,
    series VARCHAR(255) NOT NULL,
    dgt    BIGINT NOT NULL
);
CREATE UNIQUE INDEX time_series_point_order ON time_series_point (series, dgt);

CREATE TABLE missing_data_window (
    sub    VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES resource (ri) ON DELETE CASCADE,
    ends   BIGINT NOT NULL,
    missed BIGINT NOT NULL,
    -- The expected dataGenerationTimes not yet notified, separated by spaces.
    unreported ${document_type} NOT NULL
);
