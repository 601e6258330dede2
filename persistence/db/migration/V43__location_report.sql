-- A one-time location report the CSE awaits after the SCEF/NEF answered 201 to a MonitoringEventSubscription with
-- maximumNumberOfReports 1 (TS-0004 annex G.3; 3GPP TS 29.122 as known): the token is the last segment of the
-- notificationDestination, so that whichever CSE instance on the database the report reaches stores it here (report:
-- the MonitoringNotification as JSON, null until it came) for the instance that asked, which reads it and deletes the
-- row. expires is when that wait ends (micros): a row left by an instance that stopped meanwhile is deleted after it.
CREATE TABLE location_report (
    token   VARCHAR(64)     NOT NULL PRIMARY KEY,
    report  VARCHAR(131072),
    expires BIGINT          NOT NULL
);
