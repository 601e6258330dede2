package io.keel.core.filter;

import io.keel.core.resource.Resource;
import io.keel.core.store.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Pages through discovery candidates that a condition tested in Java decides on (the content filter). The database
 * hands them out in structured-name order, a bounded batch at a time, each batch starting after the last name of the
 * one before (keyset), so none is skipped or seen twice and memory holds one batch. {@code offset} and {@code limit}
 * count matches only, as they would if the database had found them. At most {@code maxExamined} candidates are looked
 * at per request: past that the result is marked as cut.
 */
final class ContentScan {
    /** Candidates per database round trip. */
    static final int BATCH = 200;

    /** One batch of candidates after a structured name (null: from the first), at most {@code size} of them. */
    interface Batches {
        List<Candidate> after(String srn, int size);
    }

    /** The matches after the offset, at most the limit; {@code cut} when the cap stopped the scan before its end. */
    record Result(List<Resource> matches, boolean cut) {
    }

    private ContentScan() {
    }

    static Result scan(Batches batches, Predicate<Candidate> matches, int offset, int limit, int maxExamined) {
        List<Resource> found = new ArrayList<>();
        if (limit <= 0) {
            return new Result(found, false);
        }
        int skipped = 0;
        int examined = 0;
        String after = null;
        while (true) {
            int room = maxExamined - examined;
            int size = Math.min(BATCH, room + 1); // one beyond the cap tells whether the cap cuts anything off
            if (after == null) {
                size = (int) Math.min(size, (long) offset + limit); // enough when all match (a geo-query on points often does)
            }
            List<Candidate> batch = batches.after(after, size);
            for (int i = 0; i < batch.size(); i++) {
                if (i == room) {
                    return new Result(found, true);
                }
                examined++;
                Candidate c = batch.get(i);
                if (!matches.test(c)) {
                    continue;
                }
                if (skipped < offset) {
                    skipped++;
                } else {
                    found.add(c.resource());
                    if (found.size() == limit) {
                        return new Result(found, false);
                    }
                }
            }
            if (batch.size() < size) {
                return new Result(found, false);
            }
            after = batch.get(batch.size() - 1).resource().srn;
        }
    }
}
