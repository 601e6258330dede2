package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of resource_geo, read by geo-queries as an uncorrelated subquery ({@code ri IN (…)}) on the box indexes.
 * {@link ResourceEntity#geo} writes these rows.
 */
@Entity
@org.eclipse.persistence.annotations.ReadOnly
@Table(name = "resource_geo")
public class GeoRow {
    @Id
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
    @Column(name = "span")
    double span;
}
