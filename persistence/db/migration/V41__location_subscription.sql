-- locationPolicy with locationUpdateEventCriteria (TS-0004 6.3.4.2.56): the subscription the CSE made at the Location
-- Server of the Underlying Network for reports of the target's location changes. The token is the last segment of the
-- URL the Location Server notifies (and the only credential it presents), so that every CSE instance on the database
-- accepts a notification and a restart keeps the subscription; api says how the notification is read ('3gpp' or
-- 'oma'), url is the subscription's resource at the Location Server (deleted there when the policy goes), expires when
-- it ends there (the largest BIGINT for never). The row goes with its policy.
CREATE TABLE location_subscription (
    token   VARCHAR(64)   NOT NULL PRIMARY KEY,
    ri      VARCHAR(255)  NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    api     VARCHAR(16)   NOT NULL,
    url     VARCHAR(2048) NOT NULL,
    expires BIGINT        NOT NULL
);
CREATE INDEX location_subscription_ri ON location_subscription (ri);
