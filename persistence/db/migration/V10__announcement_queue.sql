-- Announcement work not done yet (TS-0004 7.3.3.10/7.3.3.11): per original resource and target CSE, announce (remote_id
-- empty: create or update the announced resource there) or delete the announced resource remote_id. Rows outlive the
-- original (its deletion queues the de-announcement), so there is no foreign key to resource.
CREATE TABLE announcement_task (
    ri        VARCHAR(255) NOT NULL,
    target    VARCHAR(255) NOT NULL,
    remote_id VARCHAR(4000) NOT NULL,
    attempts  INTEGER NOT NULL,
    due       BIGINT NOT NULL
);
CREATE UNIQUE INDEX announcement_task_key ON announcement_task (ri, target, remote_id);
CREATE INDEX announcement_task_due ON announcement_task (due);
