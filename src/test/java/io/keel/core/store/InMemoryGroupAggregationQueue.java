package io.keel.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** {@link GroupAggregationQueue} in memory, for unit tests; kept even when a write rolls back. */
public final class InMemoryGroupAggregationQueue implements GroupAggregationQueue {
    private static final class State {
        final Row row;
        Long taken;
        Integer rsc;

        State(Row row) {
            this.row = row;
        }
    }

    private final Map<String, State> rows = new LinkedHashMap<>();

    @Override
    public synchronized void add(List<Row> added) {
        added.forEach(r -> rows.put(r.id(), new State(r)));
    }

    private static boolean open(State s, long staleMicros) {
        return s.taken == null || (s.rsc == null && s.taken < staleMicros);
    }

    @Override
    public synchronized List<Row> collecting(Batch batch, long staleMicros) {
        return rows.values().stream().filter(s -> s.row.group().equals(batch.group()) && s.row.nfu().equals(batch.nfu()))
                .filter(s -> open(s, staleMicros)).map(s -> s.row).sorted(Comparator.comparingLong(Row::seq)).toList();
    }

    @Override
    public synchronized List<Row> sent(Batch batch) {
        return rows.values().stream().filter(s -> s.row.group().equals(batch.group()) && s.row.nfu().equals(batch.nfu()))
                .filter(s -> s.taken != null).map(s -> s.row).sorted(Comparator.comparingLong(Row::seq)).toList();
    }

    @Override
    public synchronized void take(Collection<String> ids, String sender, long nowMicros) {
        ids.stream().map(rows::get).filter(s -> s != null).forEach(s -> s.taken = nowMicros);
    }

    @Override
    public synchronized List<Batch> due(long nowMicros, long staleMicros) {
        LinkedHashSet<Batch> out = new LinkedHashSet<>();
        rows.values().stream().filter(s -> s.row.due() <= nowMicros && open(s, staleMicros))
                .forEach(s -> out.add(new Batch(s.row.group(), s.row.nfu())));
        return new ArrayList<>(out);
    }

    @Override
    public synchronized void answer(Collection<String> ids, int rsc) {
        ids.stream().map(rows::get).filter(s -> s != null).forEach(s -> s.rsc = rsc);
    }

    @Override
    public synchronized Map<String, Integer> answered(String instance) {
        Map<String, Integer> out = new LinkedHashMap<>();
        rows.values().stream().filter(s -> s.row.instance().equals(instance) && s.rsc != null).forEach(s -> out.put(s.row.id(), s.rsc));
        return out;
    }

    @Override
    public synchronized void remove(Collection<String> ids) {
        ids.forEach(rows::remove);
    }

    @Override
    public synchronized boolean hasAnsweredBefore(long beforeMicros) {
        return rows.values().stream().anyMatch(s -> s.rsc != null && s.row.due() < beforeMicros);
    }

    @Override
    public synchronized void removeAnsweredBefore(long beforeMicros) {
        rows.values().removeIf(s -> s.rsc != null && s.row.due() < beforeMicros);
    }

    /** How many rows are kept, whatever their state. */
    public synchronized int size() {
        return rows.size();
    }
}
