-- Structured names sort by character code on every database: discovery answers in srn order, ofst/lim page through
-- that order, and it must not depend on the collation a PostgreSQL server was set up with (a language collation
-- sorts "alpha" before "Zeta" and ignores case and punctuation at first). ${binary_collation} is COLLATE "C" on
-- PostgreSQL and empty on H2, which compares strings by character code anyway.
DROP INDEX resource_type_subtree;
ALTER TABLE resource ALTER COLUMN srn SET DATA TYPE VARCHAR(4000) ${binary_collation};
-- With a bytewise collation the plain index serves both the srn-prefix LIKE and ORDER BY srn; the
-- varchar_pattern_ops index of V2 served only the LIKE, so discovery sorted every match before applying lim.
CREATE INDEX resource_type_subtree ON resource (ty, srn);
