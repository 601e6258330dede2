package io.keel.core.store;

import io.keel.primitive.OneM2MException;
import java.util.List;

/**
 * A semanticsFilter (TS-0004 7.3.3.18) that the database evaluates itself, as one more condition of the discovery
 * query: a resource meets it when one of its semanticDescriptor children that {@code descriptors} lets the originator
 * see has, in its own graph, a solution of one of the basic graph patterns.
 *
 * @param anyOf          one basic graph pattern per semanticsFilter, each a list of triple patterns
 * @param descriptorType the resource type of semanticDescriptor
 * @param descriptors   which descriptors the originator may discover
 * @param timeoutMillis how long the query may run (keel.semantics.query-timeout)
 */
public record DescriptorPatterns(List<List<TriplePattern>> anyOf, int descriptorType, Visibility descriptors, long timeoutMillis) {
    /** One triple pattern: each position an RDF term in N-Triples form, or a variable ({@code ?} and its name). */
    public record TriplePattern(String s, String p, String o) {
        public List<String> terms() {
            return List.of(s, p, o);
        }
    }

    /** No N-Triples term starts with '?'. */
    public static boolean isVariable(String term) {
        return term.startsWith("?");
    }

    /** The answer when the database did not finish in time, as an evaluation by the SPARQL engine would give. */
    public OneM2MException timedOut() {
        return OneM2MException.badRequest("the semanticsFilter did not finish within " + timeoutMillis
                + " ms (keel.semantics.query-timeout); narrow it");
    }
}
