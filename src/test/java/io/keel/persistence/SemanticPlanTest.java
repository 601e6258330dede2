package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.DescriptorPatterns.TriplePattern;
import io.keel.core.store.Visibility;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which way the database evaluates a semanticsFilter's basic graph pattern (TS-0004 7.3.3.18): per candidate when its
 * most selective triple pattern matches so many triples that walking the candidates up to the limit reads fewer rows
 * (matches² ≥ limit × resources), else by looking the matches up; the most selective triple pattern first.
 */
class SemanticPlanTest {
    private static final TriplePattern LIGHT = new TriplePattern("?d", "<rdf:type>", "<ex:Light>");
    private static final TriplePattern IN_42 = new TriplePattern("?d", "<ex:in>", "<ex:b42>");
    private static final TriplePattern ANYTHING = new TriplePattern("?s", "?p", "?o");
    private static final Map<TriplePattern, Long> MATCHES = Map.of(LIGHT, 3_334L, IN_42, 100L);

    private static SemanticPlan plan(long wanted, long resources, List<List<TriplePattern>> anyOf) {
        return SemanticPlan.of(new DescriptorPatterns(anyOf, 24, Visibility.EVERYTHING, 1000), wanted, resources,
                (tp, bound) -> Math.min(MATCHES.get(tp), bound));
    }

    @Test
    void ts0004_7_3_3_18_aBroadPatternIsTestedPerCandidate_aSelectiveOneLookedUp() {
        // sqrt(101 × 20 000) ≈ 1 422: a third of 10 000 descriptors is broad, 100 of them selective.
        assertEquals(List.of(true), plan(101, 20_000, List.of(List.of(LIGHT))).perCandidate());
        assertEquals(List.of(false), plan(101, 20_000, List.of(List.of(IN_42))).perCandidate());
        // Wanting every match, or a CSE of 10^6 resources, makes the lookup the cheaper one.
        assertEquals(List.of(false), plan(1_000_000, 20_000, List.of(List.of(LIGHT))).perCandidate());
        assertEquals(List.of(false), plan(101, 1_000_000, List.of(List.of(LIGHT))).perCandidate());
    }

    @Test
    void ts0004_7_3_3_18_theMostSelectiveTriplePatternComesFirstAndDecides() {
        SemanticPlan p = plan(101, 20_000, List.of(List.of(LIGHT, IN_42), List.of(LIGHT)));
        assertEquals(List.of(List.of(IN_42, LIGHT), List.of(LIGHT)), p.orders());
        assertEquals(List.of(false, true), p.perCandidate(), "each basic graph pattern is planned on its own");
    }

    @Test
    void ts0004_7_3_3_18_aPatternOfVariablesOnlyMatchesEverythingAndIsNotCounted() {
        SemanticPlan p = SemanticPlan.of(new DescriptorPatterns(List.of(List.of(ANYTHING)), 24, Visibility.EVERYTHING, 1000), 101, 20_000,
                (tp, bound) -> {
                    throw new AssertionError("counted " + tp);
                });
        assertEquals(List.of(true), p.perCandidate());
    }
}
