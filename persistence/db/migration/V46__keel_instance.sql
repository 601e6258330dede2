-- The Keel instances running on this database, each renewing its row while it runs (SoleInstance). An instance
-- whose row says it holds the database alone (sole) caches rows checked against its own commits only; another
-- instance registering makes it give that up before the newcomer writes. expires_at is the database's clock.
CREATE TABLE keel_instance (
    id VARCHAR(64) PRIMARY KEY,
    sole BOOLEAN NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
