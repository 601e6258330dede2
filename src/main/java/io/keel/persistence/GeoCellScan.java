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

    private final Source source;
    private final Predicate<Entry> passes;
    private final List<Run> runs = new ArrayList<>();
    private String emitted;

    /**
     * @param after the name the entries come after (exclusive)
     * @param wanted about how many passing entries the caller expects to need, to size the first reads
     */
    GeoCellScan(Source source, List<Long> cells, String after, int wanted, Predicate<Entry> passes) {
        this.source = source;
        this.passes = passes;
        int size = Math.max(4, 2 * wanted / Math.max(1, cells.size()) + 1);
        cells.forEach(c -> runs.add(new Run(c, after, size)));
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
