package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The merge of grid-cell runs in structured-name order. */
class GeoCellScanTest {
    /** Cells of sorted entries; counts the round trips and the entries handed out. */
    private static final class Cells implements GeoCellScan.Source {
        final Map<Long, List<GeoCellScan.Entry>> cells = new TreeMap<>();
        int trips;
        int served;

        void add(long cell, String srn, double lon) {
            cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(new GeoCellScan.Entry(cell, srn, "ri-" + srn, lon, 0, lon, 0));
        }

        /** Each cell in name order, as its (cell, srn) key reads it. */
        Cells sorted() {
            cells.values().forEach(l -> l.sort(Comparator.comparing(GeoCellScan.Entry::srn)));
            return this;
        }

        @Override
        public List<GeoCellScan.Entry> read(List<GeoCellScan.Read> reads) {
            trips++;
            List<GeoCellScan.Entry> out = new ArrayList<>();
            for (GeoCellScan.Read r : reads) {
                cells.getOrDefault(r.cell(), List.of()).stream().filter(e -> e.srn().compareTo(r.after()) > 0).limit(r.size())
                        .forEach(out::add);
            }
            java.util.Collections.reverse(out); // no order across or within runs is promised
            served += out.size();
            return out;
        }
    }

    private static List<String> all(GeoCellScan scan, int chunk) {
        List<String> out = new ArrayList<>();
        while (true) {
            List<GeoCellScan.Entry> next = scan.next(chunk);
            next.forEach(e -> out.add(e.srn()));
            if (next.size() < chunk) {
                return out;
            }
        }
    }

    @Test
    void release4_runsMergeInNameOrderEachNameOnceOnlyPassingEntries() {
        Cells cells = new Cells();
        Random random = new Random(3);
        TreeSet<String> expected = new TreeSet<>();
        Predicate<GeoCellScan.Entry> passes = e -> e.minLon() < 0.7;
        for (int i = 0; i < 2000; i++) {
            String srn = "cse-in/ae/c" + random.nextInt(100_000);
            double lon = random.nextDouble();
            int copies = 1 + random.nextInt(3); // a location crossing cell borders is listed in several cells
            for (int c = 0; c < copies; c++) {
                cells.add(random.nextInt(12), srn, lon);
            }
            if (lon < 0.7) {
                expected.add(srn);
            }
        }
        cells.sorted();
        // Entries of one name agree on the box; names drawn twice keep the last box: recompute what passes.
        expected.clear();
        cells.cells.values().forEach(l -> l.stream().filter(passes).forEach(e -> expected.add(e.srn())));
        for (int chunk : new int[] {1, 7, 100, 5000}) {
            GeoCellScan scan = new GeoCellScan(cells, new GeoCells.Plan(List.copyOf(cells.cells.keySet()), List.of(), 1), "cse-in/", chunk, passes);
            assertEquals(new ArrayList<>(expected), all(scan, chunk), "chunks of " + chunk);
        }
        String after = expected.higher("cse-in/ae/c5");
        GeoCellScan scan = new GeoCellScan(cells, new GeoCells.Plan(List.copyOf(cells.cells.keySet()), List.of(), 1), after, 50, passes);
        assertEquals(new ArrayList<>(expected.tailSet(after, false)), all(scan, 50), "after a name (keyset)");
    }

    @Test
    void release4_aFirstPageReadsAboutWhatItReturnsInFewRoundTrips() {
        Cells cells = new Cells();
        for (int i = 0; i < 100_000; i++) {
            cells.add(i % 16, String.format("cse-in/ae/c%06d", (i * 7919) % 100_000), 0);
        }
        cells.sorted();
        GeoCellScan scan = new GeoCellScan(cells, new GeoCells.Plan(List.copyOf(cells.cells.keySet()), List.of(), 1), "cse-in/", 100, e -> true);
        List<GeoCellScan.Entry> page = scan.next(100);
        assertEquals(100, page.size());
        assertTrue(cells.served < 600, "entries read: " + cells.served);
        assertTrue(cells.trips <= 4, "round trips: " + cells.trips);
    }

    @Test
    void release4_aWindowCoveringPartOfItsCellsStillReadsItsFirstPageInOneRoundTrip() {
        // 16 cells of 1000 entries, a window letting a quarter of them pass: the first reads ask for enough.
        Cells cells = new Cells();
        for (int i = 0; i < 16_000; i++) {
            cells.add(i % 16, String.format("cse-in/ae/c%06d", (i * 7919) % 100_000), (i / 16) % 4 == 0 ? 0 : 1);
        }
        cells.add(100, "cse-in/ae/large", 0); // a cell of large entries of a coarser level
        cells.sorted();
        GeoCellScan scan = new GeoCellScan(cells, new GeoCells.Plan(List.copyOf(cells.cells.keySet()).subList(0, 16), List.of(100L), 0.25),
                "cse-in/", 100, e -> e.minLon() == 0);
        assertEquals(100, scan.next(100).size());
        assertEquals(1, cells.trips, "round trips");
        assertTrue(cells.served < 1000, "entries read: " + cells.served);
    }
}
