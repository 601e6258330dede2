package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * One entry of a resource's location (loc) in resource_geo: a grid cell ({@link GeoCells}) it is listed in, with its
 * structured name (the order a cell is read in) and its bounding box.
 */
@Embeddable
public class GeoBox {
    @Column(name = "cell")
    long cell;
    @Column(name = "srn")
    String srn;
    @Column(name = "min_lon")
    double minLon;
    @Column(name = "min_lat")
    double minLat;
    @Column(name = "max_lon")
    double maxLon;
    @Column(name = "max_lat")
    double maxLat;

    protected GeoBox() {
    }

    private GeoBox(long cell, String srn, Envelope e) {
        this.cell = cell;
        this.srn = srn;
        this.minLon = e.getMinX();
        this.minLat = e.getMinY();
        this.maxLon = e.getMaxX();
        this.maxLat = e.getMaxY();
    }

    /** The entries of a location with bounding box {@code e} of the resource named {@code srn}. */
    static Set<GeoBox> of(String srn, Envelope e) {
        Set<GeoBox> out = new HashSet<>();
        for (long cell : GeoCells.of(e)) {
            out.add(new GeoBox(cell, srn, e));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeoBox b && b.cell == cell && Objects.equals(b.srn, srn) && b.minLon == minLon && b.minLat == minLat
                && b.maxLon == maxLon && b.maxLat == maxLat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cell, srn, minLon, minLat, maxLon, maxLat);
    }
}
