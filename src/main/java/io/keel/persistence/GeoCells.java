package io.keel.persistence;

import io.keel.core.store.GeoWindow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * The grid cells of resource_geo (see V35): square cells of longitude × latitude in degrees, on levels 0 (the whole
 * plane, one cell of 360°) to {@link #FINEST} (about 0.022°, some 2 km), each level's side a quarter of the one above.
 * <p>
 * A location's own level is the finest whose side is at least its box's larger side, so its box overlaps at most
 * 2 × 2 cells there and on every coarser level. It is listed ("indexed") on every level from 1 to its own, in each
 * cell its box overlaps; a location of a coarser level than the finest is besides listed once more on its own level
 * as "large" (large-cell keys), so queries at finer levels still find it.
 * <p>
 * A query picks the finest level whose cells overlapping its box are at most {@link #MAX_QUERY_CELLS}; the indexed
 * entries of those cells hold every location of that level or a finer one, the large entries of the coarser levels'
 * cells overlapping the box the rest. Each cell, read in structured-name order from the (cell, srn) key, is one sorted
 * run: a discovery merges the runs and stops at its limit, however many locations lie in the area. A continent-sized
 * polygon is one large entry on a coarse level, read only by the queries whose box it overlaps.
 * <p>
 * The cell of a coordinate is floor((lon + 180) / side) and floor((lat + 90) / side), computed the same way by the
 * migration that fills the cells in SQL; the sides are exact binary fractions, so both agree. A query widens its box
 * by {@link #MARGIN} before it picks cells, so a coordinate on a cell border is found whichever side it was put on.
 */
final class GeoCells {
    /** The finest level. */
    static final int FINEST = 7;
    /** The most cells of one level a query reads its indexed entries from. */
    static final int MAX_QUERY_CELLS = 16;
    /** Degrees a query box is widened by before cells are picked (about 0.1 mm). */
    static final double MARGIN = 1e-9;
    /** Added to the level in a key of a large entry. */
    private static final int LARGE = 8;

    private GeoCells() {
    }

    /** The side of the cells of {@code level}, in degrees: 360 / 4^level (exact in binary). */
    static double side(int level) {
        return 360.0 / (1L << (2 * level));
    }

    /** The finest level whose cell side is at least the larger side of {@code box}. */
    static int ownLevel(Envelope box) {
        double span = Math.max(box.getWidth(), box.getHeight());
        int level = FINEST;
        while (level > 0 && side(level) < span) {
            level--;
        }
        return level;
    }

    /** The keys of the cells a location with this box is listed in (see the class comment). */
    static Set<Long> of(Envelope box) {
        Set<Long> keys = new LinkedHashSet<>();
        int own = ownLevel(box);
        for (int level = 1; level <= own; level++) {
            addCells(keys, level, level, box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
        }
        if (own < FINEST) {
            addCells(keys, LARGE + own, own, box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY());
        }
        return keys;
    }

    /**
     * The cells a query reads: {@code indexed}, those of the query level (indexed entries), and {@code large}, those
     * of every coarser level (large entries); {@code share}, the part of the indexed cells' area where points may meet
     * the query ({@link GeoWindow#area}), about the share of their entries that pass when locations are spread evenly
     * (0 for a query geometry without area).
     */
    record Plan(List<Long> indexed, List<Long> large, double share) {
        /** Every cell, indexed first. */
        List<Long> all() {
            List<Long> all = new ArrayList<>(indexed);
            all.addAll(large);
            return all;
        }
    }

    /** The cells a query with window {@code w} reads, in order: {@link Plan#all} of {@link #plan}. */
    static List<Long> query(GeoWindow w) {
        return plan(w).all();
    }

    /** The cells a query with window {@code w} reads (see the class comment). */
    static Plan plan(GeoWindow w) {
        double minLon = w.minLon() - MARGIN;
        double minLat = w.minLat() - MARGIN;
        double maxLon = w.maxLon() + MARGIN;
        double maxLat = w.maxLat() + MARGIN;
        int level = FINEST;
        while (level > 1 && count(level, minLon, minLat, maxLon, maxLat) > MAX_QUERY_CELLS) {
            level--;
        }
        Set<Long> indexed = new LinkedHashSet<>();
        addCells(indexed, level, level, minLon, minLat, maxLon, maxLat);
        Set<Long> large = new LinkedHashSet<>();
        for (int coarser = level - 1; coarser >= 0; coarser--) {
            addCells(large, LARGE + coarser, coarser, minLon, minLat, maxLon, maxLat);
        }
        double side = side(level);
        double area = count(level, minLon, minLat, maxLon, maxLat) * side * side;
        double share = Math.min(1, w.area() / area);
        return new Plan(new ArrayList<>(indexed), new ArrayList<>(large), share);
    }

    private static long count(int level, double minLon, double minLat, double maxLon, double maxLat) {
        double side = side(level);
        return (index(maxLon + 180, side) - index(minLon + 180, side) + 1) * (index(maxLat + 90, side) - index(minLat + 90, side) + 1);
    }

    private static void addCells(Set<Long> keys, int kind, int level, double minLon, double minLat, double maxLon, double maxLat) {
        double side = side(level);
        for (long x = index(minLon + 180, side); x <= index(maxLon + 180, side); x++) {
            for (long y = index(minLat + 90, side); y <= index(maxLat + 90, side); y++) {
                keys.add(key(kind, x, y));
            }
        }
    }

    /** The cell index of an offset coordinate; clamped to the plane, so a query reaching past it reads its edge. */
    private static long index(double offset, double side) {
        return Math.max(0, Math.min((long) Math.floor(offset / side), (long) Math.floor(360 / side)));
    }

    /** kind · 2^32 + x · 2^16 + y, as V35 computes it. */
    static long key(int kind, long x, long y) {
        return ((long) kind << 32) + (x << 16) + y;
    }
}
