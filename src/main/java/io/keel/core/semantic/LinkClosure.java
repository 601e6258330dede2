package io.keel.core.semantic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The descriptors reached from some by following their links (relatedSemantics, m2m:resourceDescriptorLink) again and
 * again (TS-0004 7.4.34.2.1 Recv-6.5 c and f: "recursive links"), breadth first: each once, so a cycle ends where it
 * closes; at most {@link #MAX_DEPTH} links away from where it starts and at most {@code maxNodes} in all, so that a
 * chain or fan of links cannot grow one request's graph without bound.
 */
public final class LinkClosure {
    /** Most links followed one after another from a descriptor the request found. */
    public static final int MAX_DEPTH = 8;

    private LinkClosure() {
    }

    /**
     * What the start reaches, the start included.
     *
     * @param cut some links were not followed: the depth or the count bound was reached
     */
    public record Reached<N>(Set<N> nodes, boolean cut) {
    }

    public static <N> Reached<N> of(Collection<N> start, Function<N, Collection<N>> links, int maxDepth, int maxNodes) {
        Set<N> seen = new LinkedHashSet<>(start);
        List<N> level = new ArrayList<>(seen);
        boolean cut = false;
        for (int depth = 0; !level.isEmpty(); depth++) {
            List<N> next = new ArrayList<>();
            for (N n : level) {
                for (N linked : links.apply(n)) {
                    if (seen.contains(linked)) {
                        continue;
                    }
                    if (depth >= maxDepth || seen.size() >= maxNodes) {
                        cut = true;
                        continue;
                    }
                    seen.add(linked);
                    next.add(linked);
                }
            }
            level = next;
        }
        return new Reached<>(seen, cut);
    }
}
