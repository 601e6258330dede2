package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The first path segment {@code .well-known} is Keel's own: no resource may be named or identified like it. */
class IdentifiersTest {
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
