package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A request's target and ancestors read in one query ({@code ResourceTree.prefetch}) answer the lookups that follow
 * as the single queries would: the same resources, none for a name that does not exist, and a change made in the
 * same transaction afterwards is what later lookups see.
 */
class PrefetchTest {
    @Test
    void prefetchedNamesAnswerAsTheirQueriesWould() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-prefetch")) {
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                tx.tree().insert(StoredResource.of("Cae", "id-in", 2, "cse-in/ae"));
                tx.tree().insert(StoredResource.of("cnt1", "Cae", 3, "cse-in/ae/cnt"));
                return null;
            });
            List<String> names = List.of("cse-in", "cse-in/ae", "cse-in/ae/cnt", "cse-in/ae/cnt/none");
            store.read(tx -> {
                tx.tree().prefetch(names);
                assertEquals("cnt1", tx.tree().findByStructuredName("cse-in/ae/cnt").ri);
                assertEquals("Cae", tx.tree().find("Cae").ri);
                assertEquals("cse-in/ae", tx.tree().find("Cae").srn);
                assertEquals("id-in", tx.tree().findByStructuredName("cse-in").ri);
                assertNull(tx.tree().findByStructuredName("cse-in/ae/cnt/none"));
                assertNull(tx.tree().find("none"));
                // A name not prefetched is still looked up.
                assertEquals("cnt1", tx.tree().find("cnt1").ri);
                return null;
            });
            store.write(tx -> {
                tx.tree().prefetch(names);
                Resource cnt = tx.tree().findByStructuredName("cse-in/ae/cnt");
                cnt.attributes.put("mni", 7);
                tx.tree().update(cnt);
                tx.tree().insert(StoredResource.of("cin1", "cnt1", 4, "cse-in/ae/cnt/none"));
                assertEquals(7, ((Number) tx.tree().findByStructuredName("cse-in/ae/cnt").get("mni")).intValue());
                assertEquals("cin1", tx.tree().findByStructuredName("cse-in/ae/cnt/none").ri);
                return null;
            });
        }
    }
}
