package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import org.junit.jupiter.api.Test;

/** H2 reads a resource's attributes (a CLOB) as a string, whether stored in place (small) or apart (large). */
class KeelH2PlatformTest {
    @Test
    void smallAndLargeAttributesReadBackUnchanged() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-h2-platform")) {
            String large = "é€𝄞".repeat(40_000); // beyond H2's in-place LOB size, with 2-, 3- and 4-byte UTF-8
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                Resource small = StoredResource.of("small", "id-in", 3, "cse-in/small");
                small.attributes.put("or", "a");
                tx.tree().insert(small);
                Resource big = StoredResource.of("big", "id-in", 3, "cse-in/big");
                big.attributes.put("or", large);
                tx.tree().insert(big);
                return null;
            });
            assertEquals("a", store.read(tx -> tx.tree().find("small")).attributes.get("or"));
            assertEquals(large, store.read(tx -> tx.tree().find("big")).attributes.get("or"));
        }
    }
}
