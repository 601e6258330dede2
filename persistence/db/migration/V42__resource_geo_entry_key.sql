-- A geo-query's cell read (io.keel.persistence.GeoCellReads) needs an entry's ri and box besides its key (cell, srn).
-- With them in the key's index the database answers it from the index alone: H2 otherwise looked up the row of every
-- entry read, more than half of a broad geo-query at 10^6 locations; PostgreSQL can scan the index only. On PostgreSQL
-- the key stays (cell, srn), the rest included; H2 has no INCLUDE, so its key is every column (a resource lists each
-- of its cells once, ResourceEntity.geo, which keeps (cell, srn) unique there too).
ALTER TABLE resource_geo DROP CONSTRAINT resource_geo_cell_srn;
ALTER TABLE resource_geo ADD CONSTRAINT resource_geo_cell_srn PRIMARY KEY ${geo_entry_key};
