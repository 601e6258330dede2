package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.store.GeoWindow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** The grid cells of resource_geo: a query reads a cell of every location whose box reaches into its window. */
class GeoCellsTest {
    private static GeoWindow overlaps(Envelope w) {
        return new GeoWindow(w.getMinX(), w.getMinY(), w.getMaxX(), w.getMaxY(), GeoWindow.Relation.OVERLAPS, (lon, lat) -> true,
                w.getArea());
    }

    private static boolean found(Envelope box, Envelope window) {
        Set<Long> read = new HashSet<>(GeoCells.query(overlaps(window)));
        return GeoCells.of(box).stream().anyMatch(read::contains);
    }

    /** Boxes of every size, many on cell borders of some level, and windows of every size. */
    private static List<Envelope> boxes(Random random, int n) {
        List<Envelope> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int level = random.nextInt(GeoCells.FINEST + 1);
            double side = GeoCells.side(level);
            double lon = random.nextBoolean() ? -180 + side * random.nextInt((int) (360 / side) + 1) : -180 + 360 * random.nextDouble();
            double lat = random.nextBoolean() ? -90 + side * random.nextInt((int) (180 / side) + 1) : -90 + 180 * random.nextDouble();
            double size = switch (random.nextInt(4)) {
                case 0 -> 0; // a point
                case 1 -> side; // exactly a cell side
                case 2 -> side * random.nextDouble();
                default -> 400 * random.nextDouble() * random.nextDouble();
            };
            double width = random.nextBoolean() ? size : size * random.nextDouble();
            double height = random.nextBoolean() ? size : size * random.nextDouble();
            out.add(new Envelope(lon, Math.min(180, lon + width), lat, Math.min(90, lat + height)));
        }
        return out;
    }

    @Test
    void release4_everyBoxReachingIntoAWindowIsInACellTheQueryReads() {
        Random random = new Random(7);
        List<Envelope> boxes = boxes(random, 3000);
        List<Envelope> windows = boxes(random, 300);
        int overlapping = 0;
        for (Envelope w : windows) {
            for (Envelope b : boxes) {
                if (b.intersects(w)) {
                    overlapping++;
                    assertTrue(found(b, w), b + " in " + w);
                }
            }
        }
        assertTrue(overlapping > 10_000, "the samples overlap often: " + overlapping);
    }

    @Test
    void release4_aPointOnACellCornerIsFoundFromEveryCellAroundIt() {
        double side = GeoCells.side(GeoCells.FINEST);
        Envelope corner = new Envelope(side * 100 - 180, side * 100 - 180, side * 200 - 90, side * 200 - 90);
        double x = corner.getMinX();
        double y = corner.getMinY();
        for (Envelope w : List.of(new Envelope(x - side, x, y - side, y), new Envelope(x, x + side, y, y + side),
                new Envelope(x - side / 3, x, y, y + side / 3), new Envelope(x, x, y, y))) {
            assertTrue(found(corner, w), "" + w);
        }
    }

    @Test
    void release4_aPointIsListedOncePerIndexedLevelAndAContinentOnceOrTwicePerCoarseLevel() {
        assertEquals(GeoCells.FINEST, GeoCells.of(new Envelope(139.7, 139.7, 35.7, 35.7)).size());
        Envelope africa = new Envelope(-18, 52, -35, 37); // 72° larger side: level 1 (90°)
        assertEquals(1, GeoCells.ownLevel(africa));
        assertTrue(GeoCells.of(africa).size() <= 8, "at most 2 × 2 cells on level 1 and the same as large entries");
        assertEquals(0, GeoCells.ownLevel(new Envelope(-180, 180, -90, 90)));
        assertTrue(GeoCells.of(new Envelope(-180, 180, -90, 90)).size() <= 2, "a large entry on level 0 (its two cells)");
    }

    @Test
    void release4_aQueryReadsFewCellsWhateverItsSize() {
        Random random = new Random(11);
        for (Envelope w : boxes(random, 500)) {
            List<Long> cells = GeoCells.query(overlaps(w));
            assertTrue(cells.size() <= GeoCells.MAX_QUERY_CELLS + 6 * GeoCells.FINEST, w + ": " + cells.size());
        }
        // A 1° square reads cells of 0.35°, not the whole level of 0.022° cells (about 2000).
        assertTrue(GeoCells.query(overlaps(new Envelope(4, 5, 44, 45))).size() <= 40);
    }

    @Test
    void release4_aContinentIsNotReadByAQueryFarFromIt() {
        Envelope africa = new Envelope(-18, 52, -35, 37);
        assertFalse(found(africa, new Envelope(139, 140, 35, 36)), "Tokyo is far from Africa");
        assertTrue(found(africa, new Envelope(10, 10.1, 0, 0.1)));
    }

    @Test
    void aPlanSaysWhichCellsHoldIndexedAndWhichLargeEntriesAndTheShareTheWindowCovers() {
        GeoWindow square = overlaps(new Envelope(4, 5, 44, 45));
        GeoCells.Plan plan = GeoCells.plan(square);
        assertEquals(GeoCells.query(square), plan.all());
        assertEquals(16, plan.indexed().size()); // level 5 (0.35°): 4 × 4 cells, 1.98 square degrees
        assertEquals(1 / (16 * GeoCells.side(5) * GeoCells.side(5)), plan.share(), 1e-12);
        assertTrue(plan.large().stream().allMatch(c -> c >= GeoCells.key(8, 0, 0)), "large entries: kinds 8 and up");
        assertEquals(0, GeoCells.plan(overlaps(new Envelope(4, 4, 44, 44))).share(), "a point has no area");
    }
}
