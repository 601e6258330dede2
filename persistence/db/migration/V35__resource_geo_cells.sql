-- Geo-queries read resource_geo by grid cell (io.keel.persistence.GeoCells): square cells of longitude × latitude on
-- levels 0 (360°) to 7 (360° / 4^7, about 0.022°). A location is listed on every level 1..L in each cell its box
-- overlaps, L being its own level (the finest whose side is at least the box's larger side, so at most 2 × 2 cells
-- per level); one coarser than 7 is besides listed once on L as "large" (kind 8 + L). A cell read in srn order from
-- the key is a sorted run: a discovery merges the runs of the cells its box overlaps and stops at its limit, and a
-- continent-sized location is one large entry that widens no other query (the span of V21 goes).
CREATE TABLE resource_geo_cell (
    -- kind · 2^32 + x · 2^16 + y: kind the level (1..7) or 8 + the level of a large entry; x = floor((lon + 180) /
    -- side), y = floor((lat + 90) / side), clamped to 0..4^level.
    cell    BIGINT           NOT NULL,
    srn     VARCHAR(4000)    ${binary_collation} NOT NULL,
    ri      VARCHAR(255)     NOT NULL REFERENCES resource (ri) ON DELETE CASCADE,
    -- The bounding box: the exact geometry of a point, the prefilter of any other shape.
    min_lon DOUBLE PRECISION NOT NULL,
    min_lat DOUBLE PRECISION NOT NULL,
    max_lon DOUBLE PRECISION NOT NULL,
    max_lat DOUBLE PRECISION NOT NULL,
    CONSTRAINT resource_geo_cell_srn PRIMARY KEY (cell, srn)
);

-- The locations already stored, with the arithmetic GeoCells uses (the sides are exact binary fractions). A level
-- row: kind, side, the side of the next finer level for a large entry (a box larger than it belongs to this level;
-- -1 for the indexed levels, which take every box not larger than their side), the largest cell index.
INSERT INTO resource_geo_cell (cell, srn, ri, min_lon, min_lat, max_lon, max_lat)
SELECT b.kind * 4294967296 + (b.x0 + dx.d) * 65536 + (b.y0 + dy.d), r.srn, b.ri, b.min_lon, b.min_lat, b.max_lon, b.max_lat
FROM (SELECT g.ri, g.min_lon, g.min_lat, g.max_lon, g.max_lat, l.kind,
             GREATEST(0, LEAST(CAST(FLOOR((g.min_lon + 180) / l.side) AS BIGINT), l.cells)) AS x0,
             GREATEST(0, LEAST(CAST(FLOOR((g.max_lon + 180) / l.side) AS BIGINT), l.cells)) AS x1,
             GREATEST(0, LEAST(CAST(FLOOR((g.min_lat + 90) / l.side) AS BIGINT), l.cells)) AS y0,
             GREATEST(0, LEAST(CAST(FLOOR((g.max_lat + 90) / l.side) AS BIGINT), l.cells)) AS y1
      FROM resource_geo g
      JOIN (VALUES
    (1, CAST(90.0 AS DOUBLE PRECISION), CAST(-1 AS DOUBLE PRECISION), 4),
    (2, CAST(22.5 AS DOUBLE PRECISION), CAST(-1 AS DOUBLE PRECISION), 16),
    (3, CAST(5.625 AS DOUBLE PRECISION), CAST(-1 AS DOUBLE PRECISION), 64),
    (4, CAST(1.40625 AS DOUBLE PRECISION), CAST(-1 AS DOUBLE PRECISION), 256),
    (5, CAST(0.3515625 AS DOUBLE PRECISION), CAST(-1 AS DOUBLE PRECISION), 1024),
    (6, CAST(0.087890625 AS DOUBLE PRECISION), CAST(-1 AS DOUBLE PRECISION), 4096),
    (7, CAST(0.02197265625 AS DOUBLE PRECISION), CAST(-1 AS DOUBLE PRECISION), 16384),
    (8, CAST(360.0 AS DOUBLE PRECISION), CAST(90.0 AS DOUBLE PRECISION), 1),
    (9, CAST(90.0 AS DOUBLE PRECISION), CAST(22.5 AS DOUBLE PRECISION), 4),
    (10, CAST(22.5 AS DOUBLE PRECISION), CAST(5.625 AS DOUBLE PRECISION), 16),
    (11, CAST(5.625 AS DOUBLE PRECISION), CAST(1.40625 AS DOUBLE PRECISION), 64),
    (12, CAST(1.40625 AS DOUBLE PRECISION), CAST(0.3515625 AS DOUBLE PRECISION), 256),
    (13, CAST(0.3515625 AS DOUBLE PRECISION), CAST(0.087890625 AS DOUBLE PRECISION), 1024),
    (14, CAST(0.087890625 AS DOUBLE PRECISION), CAST(0.02197265625 AS DOUBLE PRECISION), 4096)
      ) AS l (kind, side, finer, cells)
        ON GREATEST(g.max_lon - g.min_lon, g.max_lat - g.min_lat) <= l.side
       AND GREATEST(g.max_lon - g.min_lon, g.max_lat - g.min_lat) > l.finer) b
JOIN resource r ON r.ri = b.ri
JOIN (VALUES (0), (1), (2)) AS dx (d) ON b.x0 + dx.d <= b.x1
JOIN (VALUES (0), (1), (2)) AS dy (d) ON b.y0 + dy.d <= b.y1;

DROP TABLE resource_geo;
ALTER TABLE resource_geo_cell RENAME TO resource_geo;
-- Deleting a resource finds its entries.
CREATE INDEX resource_geo_resource ON resource_geo (ri);
