package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * An entry of resource_geo, read by geo-queries as an uncorrelated subquery ({@code ri IN (…)}) on the cells a query
 * overlaps ({@link GeoCells}). {@link ResourceEntity#geo} writes these rows.
 */
@Entity
@org.eclipse.persistence.annotations.ReadOnly
@Table(name = "resource_geo")
@IdClass(GeoRow.Key.class)
public class GeoRow {
    @Id
    @Column(name = "cell")
    long cell;
    @Id
    @Column(name = "srn")
    String srn;
    @Column(name = "ri")
    String ri;
    @Column(name = "min_lon")
    double minLon;
    @Column(name = "min_lat")
    double minLat;
    @Column(name = "max_lon")
    double maxLon;
    @Column(name = "max_lat")
    double maxLat;

    /** The key of an entry: a name is listed once per cell. */
    public static class Key implements Serializable {
        long cell;
        String srn;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.cell == cell && Objects.equals(k.srn, srn);
        }

        @Override
        public int hashCode() {
            return Objects.hash(cell, srn);
        }
    }
}
