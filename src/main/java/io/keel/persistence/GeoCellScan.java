package io.keel.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The resource_geo entries of some grid cells ({@link GeoCells}) in structured-name order: each cell is a run the
 * database reads in srn order from its (cell, srn) key, a few entries at a time; the runs are merged here, a name
 * listed in several cells comes out once, and only entries passing a test come out at all. The runs needing more
 * entries are refilled together, in one statement, each asking for twice as many as the time before; so a discovery
 * reads about as many entries as it returns, plus a few per cell.
 * <p>
 * Each round trip costs more than some entries too many (one statement of a SELECT per run, parsed by H2 each time): the
 * first read of a cell of the query level asks for its share of what the caller wants and some more, counting only
 * the part of its entries the window lets pass ({@link GeoCells.Plan#share}), so that one round trip usually suffices;
 * the large entries of the coarser levels are few, and their cells are read {@value #LARGE_FIRST} at a time first.
 */
final class GeoCellScan {
    /** An entry: a location's cell, the resource's structured name and ri, and the location's bounding box. */
    record Entry(long cell, String srn, String ri, double minLon, double minLat, double maxLon, double maxLat) {
        boolean point() {
            return minLon == maxLon && minLat == maxLat;
        }
    }

    /** A read of one run: the first {@code size} entries of {@code cell} after the name {@code after}. */
    record Read(long cell, String after, int size) {
    }

    /** Answers several reads at once (the entries of all of them, in any order). */
    interface Source {
        List<Entry> read(List<Read> reads);
    }

    private static final class Run {
        final long cell;
        final Deque<Entry> buffer = new ArrayDeque<>();
        String last;
        int size;
        boolean exhausted;

        Run(long cell, String after, int size) {
            this.cell = cell;
            this.last = after;
            this.size = size;
        }
    }

    /** The first read of a cell of large entries. */
    static final int LARGE_FIRST = 4;

    private final Source source;
    private final Predicate<Entry> passes;
    private final List<Run> runs = new ArrayList<>();
    private String emitted;

    /**
     * @param after the name the entries come after (exclusive)
     * @param wanted about how many passing entries the caller expects to need, to size the first reads
     */
    GeoCellScan(Source source, GeoCells.Plan cells, String after, int wanted, Predicate<Entry> passes) {
        this.source = source;
        this.passes = passes;
        // The cell's part of the entries read for wanted to pass, and three standard deviations more (how many of a
        // cell's entries come before a name is about Poisson): the first reads of the cells rarely fall short, and are
        // not twice what a page needs. No more than twice wanted (a window without area lets few pass, and the next
        // reads double).
        double expected = wanted / (Math.max(1, cells.indexed().size()) * Math.max(cells.share(), 1e-6));
        int size = (int) Math.max(LARGE_FIRST, Math.min(2L * wanted + 1, Math.ceil(expected + 3 * Math.sqrt(expected)) + 1));
        cells.indexed().forEach(c -> runs.add(new Run(c, after, size)));
        cells.large().forEach(c -> runs.add(new Run(c, after, LARGE_FIRST)));
    }

    /** The next at most {@code n} passing entries, fewer only at the end. */
    List<Entry> next(int n) {
        List<Entry> out = new ArrayList<>();
        while (out.size() < n) {
            Run smallest = null;
            for (Run run : runs) {
                if (run.buffer.isEmpty() && !run.exhausted) {
                    refill();
                    smallest = null;
                    break;
                }
            }
            for (Run run : runs) {
                if (!run.buffer.isEmpty() && (smallest == null || run.buffer.peekFirst().srn().compareTo(smallest.buffer.peekFirst().srn()) < 0)) {
                    smallest = run;
                }
            }
            if (smallest == null) {
                break; // every run is exhausted and drained
            }
            Entry e = smallest.buffer.pollFirst();
            if (!e.srn().equals(emitted) && passes.test(e)) {
                out.add(e);
                emitted = e.srn();
            }
        }
        return out;
    }

    /** Reads more of every run that is empty or running low, in one round trip. */
    private void refill() {
        List<Read> reads = new ArrayList<>();
        Map<Long, Run> byCell = new HashMap<>();
        for (Run run : runs) {
            if (!run.exhausted && run.buffer.size() < run.size / 4 + 1) {
                reads.add(new Read(run.cell, run.last, run.size));
                byCell.put(run.cell, run);
            }
        }
        Map<Long, List<Entry>> read = new HashMap<>();
        for (Entry e : source.read(reads)) {
            read.computeIfAbsent(e.cell(), c -> new ArrayList<>()).add(e);
        }
        for (Read r : reads) {
            Run run = byCell.get(r.cell());
            List<Entry> entries = read.getOrDefault(r.cell(), new ArrayList<>());
            entries.sort(Comparator.comparing(Entry::srn));
            run.buffer.addAll(entries);
            run.exhausted = entries.size() < r.size();
            if (!entries.isEmpty()) {
                run.last = entries.get(entries.size() - 1).srn();
            }
            run.size *= 2;
        }
    }
}
