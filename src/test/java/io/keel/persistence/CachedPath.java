package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import java.util.List;

/** What the tests of the cache of rows read and write: cse-in / ae / cnt, a container with an mni to change. */
final class CachedPath {
    /** The structured names a retrieve of the container reads: it and its ancestors. */
    static final List<String> PATH = List.of("cse-in", "cse-in/ae", "cse-in/ae/cnt");

    private CachedPath() {
    }

    /** The rows of {@link #PATH}; the container (ri cnt1) with mni 7. */
    static void insert(ResourceStore store) {
        store.write(tx -> {
            tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
            tx.tree().insert(StoredResource.of("Cae", "id-in", 2, "cse-in/ae"));
            Resource cnt = StoredResource.of("cnt1", "Cae", 3, "cse-in/ae/cnt");
            cnt.attributes.put("mni", 7L);
            tx.tree().insert(cnt);
            return null;
        });
    }

    static void setMni(ResourceStore store, long mni) {
        store.write(tx -> {
            Resource cnt = tx.tree().lock("cnt1");
            cnt.attributes.put("mni", mni);
            tx.tree().update(cnt);
            return null;
        });
    }

    /** The container's mni as a retrieve reads it: the path at once, then each name. */
    static int mni(ResourceStore store) {
        return store.read(tx -> {
            tx.tree().prefetch(PATH);
            assertEquals("Cae", tx.tree().findByStructuredName("cse-in/ae").ri);
            return ((Number) tx.tree().findByStructuredName("cse-in/ae/cnt").get("mni")).intValue();
        });
    }
}
