-- The crossResourceSubscriptions being created, one row per CSE hosting one of their targets: while their target
-- subscriptions are made or joined, such a CSE may verify the crossResourceSubscription, which is stored only after
-- (TS-0004 7.4.58.2.1 c) ii) 2)), and its request may reach any instance on the database. Committed before the
-- requests to the targets go, deleted when they are done; past expires, a row left by an instance that stopped
-- meanwhile answers nothing and is removed by the next creation.
CREATE TABLE cross_resource_linking (
    ri      VARCHAR(255) NOT NULL,
    host    VARCHAR(255) NOT NULL,
    expires BIGINT       NOT NULL,
    PRIMARY KEY (ri, host)
);
CREATE INDEX cross_resource_linking_expires ON cross_resource_linking (expires);
