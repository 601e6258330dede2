-- Which CSE instance runs each pending non-blocking request, and when it last said it still does. A request whose
-- runner went quiet (crashed, or stopped and let go of it) is failed visibly by any instance on the database.
CREATE TABLE request_runner (
    ri        VARCHAR(255) NOT NULL PRIMARY KEY REFERENCES resource (ri) ON DELETE CASCADE,
    instance  VARCHAR(64)  NOT NULL,
    heartbeat BIGINT       NOT NULL
);
CREATE INDEX request_runner_instance ON request_runner (instance);
CREATE INDEX request_runner_heartbeat ON request_runner (heartbeat);
