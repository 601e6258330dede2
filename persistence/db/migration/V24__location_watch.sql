-- locationPolicy (TS-0004 7.4.10): per policy the resource whose loc is the position (device-based; '' for none),
-- whether the last position was inside the geographicalTargetArea (1 inside, 0 outside, -1 not judged yet: Entering
-- and Leaving survive a restart), and when its next periodic position fix is due (the largest BIGINT for none). The row
-- goes with its policy.
CREATE TABLE location_watch (
    ri     VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES resource (ri) ON DELETE CASCADE,
    target VARCHAR(255) NOT NULL,
    inside SMALLINT     NOT NULL,
    due    BIGINT       NOT NULL
);
-- An Update of a resource's loc finds the policies it feeds; the tracker finds the fixes due.
CREATE INDEX location_watch_target ON location_watch (target);
CREATE INDEX location_watch_due ON location_watch (due);
