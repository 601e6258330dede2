package io.keel.persistence;

import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.DescriptorPatterns.TriplePattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the database evaluates a semanticsFilter's basic graph patterns (TS-0004 7.3.3.18), one choice per pattern:
 * <ul>
 * <li>by lookup: the descriptors matching its most selective triple pattern are found first and the candidates they
 * describe read by id. Its cost follows the number of matches, whatever the discovery's limit;</li>
 * <li>per candidate: the candidates are walked in structured-name order and each is tested with one probe of the
 * triples of the descriptors describing it, so the discovery stops at its limit. Its cost follows the candidates it
 * walks, about limit × candidates / matches.</li>
 * </ul>
 * The second is cheaper when {@code matches² > limit × resources}. Neither changes which resources match; only
 * the cost is estimated, from {@link TriplePatternCounts}. A filter of one basic graph pattern with a pattern of
 * constant predicate and object is walked instead ({@link ResourceQuery#walkable}), in this plan's order.
 *
 * @param orders  per basic graph pattern, its triple patterns, the most selective first (the database joins them in
 *                that order when its own estimates tie)
 * @param perCandidate per basic graph pattern, whether it is tested per candidate
 */
record SemanticPlan(List<List<TriplePattern>> orders, List<Boolean> perCandidate) {
    /**
     * @param wanted    how many resources the discovery reads at most (offset and limit)
     * @param resources about how many resources the CSE holds
     * @param matches   about how many triples match a pattern, counted up to the given bound (a pattern of variables
     *                  only is not counted: it matches everything)
     */
    static SemanticPlan of(DescriptorPatterns described, long wanted, long resources, Matches matches) {
        long threshold = (long) Math.ceil(Math.sqrt((double) Math.max(1, wanted) * Math.max(1, resources)));
        List<List<TriplePattern>> orders = new ArrayList<>();
        List<Boolean> perCandidate = new ArrayList<>();
        for (List<TriplePattern> bgp : described.anyOf()) {
            List<Counted> counted = new ArrayList<>();
            for (TriplePattern tp : bgp) {
                counted.add(new Counted(tp, constants(tp) == 0 ? Long.MAX_VALUE : matches.count(tp, threshold)));
            }
            counted.sort(Comparator.comparingLong(Counted::matches));
            orders.add(counted.stream().map(Counted::pattern).toList());
            perCandidate.add(counted.isEmpty() || counted.get(0).matches() >= threshold);
        }
        return new SemanticPlan(List.copyOf(orders), List.copyOf(perCandidate));
    }

    private record Counted(TriplePattern pattern, long matches) {
    }

    private static int constants(TriplePattern tp) {
        int n = 0;
        for (String term : tp.terms()) {
            n += DescriptorPatterns.isVariable(term) ? 0 : 1;
        }
        return n;
    }

    /** The number of indexed triples matching a pattern's constant terms, counted up to {@code bound}. */
    interface Matches {
        long count(TriplePattern pattern, long bound);
    }
}
