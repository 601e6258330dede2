package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The graph a descriptor's links assemble (TS-0004 7.4.34.2.1 Recv-6.5 c, f: recursive links), as {@link LinkClosure} bounds it. */
class LinkClosureTest {
    @Test
    void ts0004_7_4_34_2_1_linksAreFollowedRecursively() {
        Map<String, List<String>> links = Map.of("a", List.of("b"), "b", List.of("c", "d"), "c", List.of(), "d", List.of());
        LinkClosure.Reached<String> r = LinkClosure.of(List.of("a"), n -> links.getOrDefault(n, List.of()), 8, 100);
        assertEquals(Set.of("a", "b", "c", "d"), r.nodes());
        assertFalse(r.cut());
    }

    @Test
    void ts0004_7_4_34_2_1_aCycleEndsWhereItCloses_eachDescriptorReadOnce() {
        Map<String, List<String>> links = Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a", "b"));
        AtomicInteger reads = new AtomicInteger();
        LinkClosure.Reached<String> r = LinkClosure.of(List.of("a"), n -> {
            reads.incrementAndGet();
            return links.get(n);
        }, 8, 100);
        assertEquals(Set.of("a", "b", "c"), r.nodes());
        assertEquals(3, reads.get(), "each descriptor's links are read once");
        assertFalse(r.cut(), "a cycle is complete, not cut");
    }

    @Test
    void aSelfLinkAddsNothing() {
        LinkClosure.Reached<String> r = LinkClosure.of(List.of("a"), n -> List.of("a"), 8, 100);
        assertEquals(Set.of("a"), r.nodes());
        assertFalse(r.cut());
    }

    @Test
    void aChainLongerThanTheDepthIsCutThere() {
        // n0 -> n1 -> n2 -> ... without end
        LinkClosure.Reached<String> r = LinkClosure.of(List.of("n0"), n -> List.of("n" + (Integer.parseInt(n.substring(1)) + 1)), 3, 100);
        assertEquals(Set.of("n0", "n1", "n2", "n3"), r.nodes(), "three links from the start, no more");
        assertTrue(r.cut());
    }

    @Test
    void aFanWiderThanTheCountIsCutThere() {
        LinkClosure.Reached<Integer> r = LinkClosure.of(List.of(0), n -> n == 0 ? List.of(1, 2, 3, 4, 5) : List.of(), 8, 3);
        assertEquals(3, r.nodes().size());
        assertTrue(r.nodes().contains(0));
        assertTrue(r.cut());
    }

    @Test
    void everyStartIsReachedEvenWithoutLinks() {
        LinkClosure.Reached<String> r = LinkClosure.of(List.of("a", "b"), n -> List.of(), 0, 100);
        assertEquals(Set.of("a", "b"), r.nodes());
        assertFalse(r.cut());
    }
}
