-- Management actions under way or scheduled (TS-0004 7.4.15.2.4, 7.4.16.2.3.2): per target resource (the mgmtObj, the
-- execInstance) and action attribute, waiting to start at due, or running on the device (by instance) until the
-- deadline due. Whatever instance finds one past due starts it or, when it runs, records its failure: a restart or a
-- stopped instance leaves no action "in progress" for ever. Rows go with their target.
CREATE TABLE management_action (
    ri          VARCHAR(255) NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    action_name VARCHAR(64)  NOT NULL,
    running     BOOLEAN      NOT NULL,
    due         BIGINT       NOT NULL,
    runs_left   BIGINT       NOT NULL,
    instance    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (ri, action_name)
);
CREATE INDEX management_action_due ON management_action (due);
CREATE INDEX management_action_instance ON management_action (instance);
