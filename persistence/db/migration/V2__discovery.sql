-- Discovery (filter criteria as database queries).

-- depth: segments of the structured name (the CSEBase is 1), for the level (lvl) limit.
ALTER TABLE resource ADD COLUMN depth INTEGER;
UPDATE resource SET depth = LENGTH(srn) - LENGTH(REPLACE(srn, '/', '')) + 1;
ALTER TABLE resource ALTER COLUMN depth SET NOT NULL;

-- cty: the media-type part of a contentInstance's contentInfo, for the contentType (cty) condition.
ALTER TABLE resource ADD COLUMN cty VARCHAR(255);

-- Discovery walks a subtree (srn prefix) for some types, in srn order. ${pattern_ops} lets PostgreSQL use the
-- index for LIKE prefixes whatever the collation (empty on H2).
CREATE INDEX resource_type_subtree ON resource (ty, srn ${pattern_ops});
CREATE INDEX resource_created ON resource (ct);
CREATE INDEX resource_modified ON resource (lt);
CREATE INDEX resource_creator ON resource (cr);
CREATE INDEX resource_origin ON resource (origin);

-- Scalar values of type-specific attributes (one row per list item), for attribute conditions (atr, catr, patr).
CREATE TABLE resource_attr (
    ri  VARCHAR(255)  NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    nm  VARCHAR(64)   NOT NULL,
    val VARCHAR(1024) NOT NULL
);
CREATE INDEX resource_attr_value ON resource_attr (nm, val);
CREATE INDEX resource_attr_owner ON resource_attr (ri);
