package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first path segment {@code .well-known} is Keel's own: no resource may be named or identified like it. New
 * resource IDs are unique, valid as IDs and as names, and sort by creation.
 */
class IdentifiersTest {
    @Test
    void ts0001_9_6_1_3_1_newResourceIdsAreUniqueValidNamesThatSortByCreation() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 2_000; j++) {
                ids.add(Identifiers.newResourceId("cin"));
            }
            Thread.sleep(2); // the next millisecond
        }
        assertEquals(ids.size(), new HashSet<>(ids).size());
        for (String id : ids) {
            assertTrue(Identifiers.isId(id) && Identifiers.isResourceName(id), id);
            assertEquals("cin".length() + 15, id.length(), id);
        }
        for (int batch = 1; batch < 5; batch++) {
            String last = ids.get(batch * 2_000 - 1);
            String next = ids.get(batch * 2_000);
            assertTrue(last.compareTo(next) < 0, last + " sorts before " + next);
        }
    }

    @Test
    void noNameOrIdStartsWithADot() {
        assertFalse(Identifiers.isResourceName(".well-known"));
        assertFalse(Identifiers.isId(".well-known"));
        assertFalse(Identifiers.isId("."));
    }

    @Test
    void dotsElsewhereAndTheOtherUnreservedCharactersStayAllowed() {
        assertTrue(Identifiers.isId("Cmy.app"));
        assertTrue(Identifiers.isId("~x_y-z"));
        assertTrue(Identifiers.isResourceName("room.kitchen"));
    }
}
