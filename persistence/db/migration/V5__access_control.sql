-- Access control policies (TS-0004 7.3.3.15).
-- The accessControlPolicies governing each resource: its acpi, or for types without acpi (contentInstance) its
-- parent's. Discovery and child lists filter by it in the database. acp is not a foreign key: a resource may name a
-- policy that was deleted since, which then grants nothing.
CREATE TABLE resource_acp (
    ri  VARCHAR(255) NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    acp VARCHAR(255) NOT NULL,
    PRIMARY KEY (ri, acp)
);
CREATE INDEX resource_acp_policy ON resource_acp (acp);
