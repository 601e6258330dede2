-- Requests queued for AEs that poll (TS-0009 5.1, <pollingChannel>): kept until fetched through pcu or expired,
-- so a restart loses none. seq orders them (the CSE's microsecond clock, strictly increasing per instance).
CREATE TABLE polling_request (
    id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    pch     VARCHAR(255) NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    seq     BIGINT       NOT NULL,
    expires BIGINT       NOT NULL,
    request ${document_type} NOT NULL
);
CREATE INDEX polling_request_queue ON polling_request (pch, seq);
CREATE INDEX polling_request_expiry ON polling_request (expires);
