-- Notifications raised by committed changes whose outcome is not final yet (TS-0001 9.6.8 pendingNotification,
-- 10.2.10.7 batches): written in the change's own transaction, deleted once sent, dropped by the subscription's rules
-- or given up. Held ones (unreachable receiver, notificationSchedule, open batch) stay. The instance named by a row
-- alone delivers it; seq orders a channel's rows. No foreign key: a deletion notice outlives its subscription.
CREATE TABLE notification_outbox (
    id       VARCHAR(32)   NOT NULL PRIMARY KEY,
    instance VARCHAR(64)   NOT NULL,
    seq      BIGINT        NOT NULL,
    sub      VARCHAR(300)  NOT NULL,
    channel  VARCHAR(4400) NOT NULL,
    target   VARCHAR(4000) NOT NULL,
    event    VARCHAR(32)   NOT NULL,
    sgn      ${document_type} NOT NULL
);
-- What an instance owns, in order: a (re)start's load and a takeover read it.
CREATE INDEX notification_outbox_owner ON notification_outbox (instance, seq);
-- The instances that own rows, and when each last said it is alive: one whose heartbeat is older than the lease is
-- taken over (its row locked, SKIP LOCKED, so by one instance only).
CREATE TABLE notification_instance (
    instance  VARCHAR(64) NOT NULL PRIMARY KEY,
    heartbeat BIGINT      NOT NULL
);
CREATE INDEX notification_instance_heartbeat ON notification_instance (heartbeat);
