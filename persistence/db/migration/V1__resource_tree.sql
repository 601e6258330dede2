-- The resource tree: one row per resource of any type (see ResourceEntity).
-- ${document_type} is the large-text type of the database (H2: CLOB, PostgreSQL: TEXT).
CREATE TABLE resource (
    ri    VARCHAR(255)  NOT NULL PRIMARY KEY,
    pi    VARCHAR(255),
    ty    INTEGER       NOT NULL,
    rn    VARCHAR(255)  NOT NULL,
    srn   VARCHAR(4000) NOT NULL,
    ct    BIGINT        NOT NULL,
    lt    BIGINT        NOT NULL,
    et    BIGINT,
    st    BIGINT        NOT NULL,
    cr    VARCHAR(255),
    -- The originator that created the resource: the default access decision rests on it (TS-0001 9.6.1.3.2).
    origin VARCHAR(255),
    cs    BIGINT,
    attrs ${document_type} NOT NULL,
    CONSTRAINT resource_sibling_name UNIQUE (pi, rn),
    CONSTRAINT resource_structured_name UNIQUE (srn)
);

-- Children of a type in creation order: la/ol, quota trimming, child lists.
CREATE INDEX resource_children ON resource (pi, ty, ct, ri);
-- Children of any type in creation order.
CREATE INDEX resource_children_any ON resource (pi, ct, ri);
-- The expiry sweeper.
CREATE INDEX resource_expiry ON resource (et);

CREATE TABLE resource_label (
    ri  VARCHAR(255) NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    lbl VARCHAR(1024) NOT NULL,
    PRIMARY KEY (ri, lbl)
);
CREATE INDEX resource_label_value ON resource_label (lbl);
