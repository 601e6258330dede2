-- The bounding box of a resource's location (loc, Release 4), for geo-queries in filter criteria (gmty/geom/gsf):
-- the database narrows the candidates by box, the CSE tests the exact geometry on those. One row per located
-- resource, written in the resource's transaction; it goes with the resource by ON DELETE CASCADE.
CREATE TABLE resource_geo (
    ri      VARCHAR(255)     NOT NULL PRIMARY KEY REFERENCES resource (ri) ON DELETE CASCADE,
    min_lon DOUBLE PRECISION NOT NULL,
    min_lat DOUBLE PRECISION NOT NULL,
    max_lon DOUBLE PRECISION NOT NULL,
    max_lat DOUBLE PRECISION NOT NULL,
    -- The larger side of the box (0 for a point). The largest span bounds how far left (below) of a query window a
    -- box that reaches into it can start, which turns the one-sided ranges of Intersects and Contains into two-sided
    -- ones on the leading index column.
    span    DOUBLE PRECISION NOT NULL
);
-- A box condition is a range on one column, the others tested from the same index entry; ri in the index lets the
-- database answer the subquery from the index alone. One index leads with longitude, one with latitude, so the
-- planner can take the narrower range.
CREATE INDEX resource_geo_lon ON resource_geo (min_lon, max_lon, min_lat, max_lat, ri);
CREATE INDEX resource_geo_lat ON resource_geo (min_lat, max_lat, min_lon, max_lon, ri);
-- The largest span, read from the end of this index.
CREATE INDEX resource_geo_span ON resource_geo (span);
