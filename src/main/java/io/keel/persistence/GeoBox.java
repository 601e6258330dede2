package io.keel.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;

/** The bounding box of a resource's location (loc), as geo-queries narrow their candidates by it. */
@Embeddable
public class GeoBox {
    @Column(name = "min_lon")
    double minLon;
    @Column(name = "min_lat")
    double minLat;
    @Column(name = "max_lon")
    double maxLon;
    @Column(name = "max_lat")
    double maxLat;
    /** The larger side, 0 for a point: see resource_geo in V21. */
    @Column(name = "span")
    double span;

    protected GeoBox() {
    }

    GeoBox(Envelope e) {
        this.minLon = e.getMinX();
        this.minLat = e.getMinY();
        this.maxLon = e.getMaxX();
        this.maxLat = e.getMaxY();
        this.span = Math.max(e.getWidth(), e.getHeight());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeoBox b && b.minLon == minLon && b.minLat == minLat && b.maxLon == maxLon && b.maxLat == maxLat;
    }

    @Override
    public int hashCode() {
        return Objects.hash(minLon, minLat, maxLon, maxLat);
    }
}
