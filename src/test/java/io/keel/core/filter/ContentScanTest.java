package io.keel.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.store.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Paging over matches of candidates streamed in keyset batches, and the cap on candidates examined. */
class ContentScanTest {
    /** Candidates c0000 … c(n-1) in structured-name order, served like the database: after a name, at most a size. */
    private static final class Rows implements ContentScan.Batches {
        final List<Candidate> all = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        int served;

        Rows(int n) {
            for (int i = 0; i < n; i++) {
                Resource r = new Resource();
                r.srn = String.format("cse-in/c%04d", i);
                r.rn = String.valueOf(i);
                all.add(new Candidate(r, 0, 0));
            }
        }

        @Override
        public List<Candidate> after(String srn, int size) {
            sizes.add(size);
            List<Candidate> out = new ArrayList<>();
            for (Candidate c : all) {
                if ((srn == null || c.resource().srn.compareTo(srn) > 0) && out.size() < size) {
                    out.add(c);
                }
            }
            served += out.size();
            return out;
        }
    }

    /** Every third candidate matches. */
    private static final Predicate<Candidate> EVERY_THIRD = c -> Integer.parseInt(c.resource().rn) % 3 == 0;

    private static List<String> names(ContentScan.Result r) {
        return r.matches().stream().map(x -> x.rn).toList();
    }

    @Test
    void pagesThroughMatchesAcrossBatchesWithoutSkippingOrRepeating() {
        Rows rows = new Rows(1000);
        List<String> all = names(ContentScan.scan(rows, EVERY_THIRD, 0, Integer.MAX_VALUE, 100_000));
        assertEquals(334, all.size());
        assertEquals("0", all.get(0));
        assertEquals("999", all.get(333));
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < all.size(); offset += 7) {
            ContentScan.Result page = ContentScan.scan(new Rows(1000), EVERY_THIRD, offset, 7, 100_000);
            assertFalse(page.cut());
            paged.addAll(names(page));
        }
        assertEquals(all, paged);
    }

    @Test
    void offsetCountsMatchesOnly() {
        assertEquals(List.of("30", "33"), names(ContentScan.scan(new Rows(1000), EVERY_THIRD, 10, 2, 100_000)));
        assertEquals(List.of(), names(ContentScan.scan(new Rows(1000), EVERY_THIRD, 334, 5, 100_000)));
    }

    @Test
    void batchesAreBoundedAndStopOnceTheLimitIsReached() {
        Rows rows = new Rows(1000);
        // The first batch is as large as the page (enough when all match), the rest full; the 70th match is candidate
        // 207, in the second batch.
        ContentScan.scan(rows, EVERY_THIRD, 0, 70, 100_000);
        assertEquals(List.of(70, ContentScan.BATCH), rows.sizes);
        assertEquals(270, rows.served);
        assertTrue(rows.sizes.stream().allMatch(s -> s <= ContentScan.BATCH));
    }

    @Test
    void theCapCutsTheScanAndSaysSo() {
        ContentScan.Result r = ContentScan.scan(new Rows(1000), EVERY_THIRD, 0, 1000, 450);
        assertTrue(r.cut());
        assertEquals(150, r.matches().size(), "matches among the first 450 candidates: 0, 3, … 447");
        assertEquals("447", r.matches().get(149).rn);
    }

    @Test
    void aCapThatIsNeverReachedCutsNothing() {
        // Exactly as many candidates as the cap: the one extra row fetched shows that nothing lies beyond.
        ContentScan.Result exact = ContentScan.scan(new Rows(450), EVERY_THIRD, 0, 1000, 450);
        assertFalse(exact.cut());
        assertEquals(150, exact.matches().size());
        ContentScan.Result oneMore = ContentScan.scan(new Rows(451), EVERY_THIRD, 0, 1000, 450);
        assertTrue(oneMore.cut());
        ContentScan.Result limitFirst = ContentScan.scan(new Rows(1000), EVERY_THIRD, 0, 10, 450);
        assertFalse(limitFirst.cut(), "the limit was reached before the cap");
    }

    @Test
    void aZeroLimitLooksAtNothing() {
        Rows rows = new Rows(10);
        assertEquals(List.of(), names(ContentScan.scan(rows, EVERY_THIRD, 0, 0, 100)));
        assertEquals(0, rows.served);
    }
}
