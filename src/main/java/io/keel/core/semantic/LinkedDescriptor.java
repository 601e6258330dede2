package io.keel.core.semantic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.jena.graph.Graph;

/**
 * A descriptor as a request reads it from another CSE: its triples, the addresses it links, as this CSE reaches them,
 * and its ontologyRef (null for none). {@code related} is null when the descriptor has no relatedSemantics attribute,
 * which decides how it links (TS-0004 7.3.3.18 a, b).
 */
public record LinkedDescriptor(Graph graph, List<String> related, List<String> annotated, String ontologyRef) {
    /** The links a semantic discovery or query follows ({@link LinkMethod}). */
    public List<String> links(LinkMethod method) {
        return method.links(related, annotated);
    }

    /** How the descriptors a descriptor links are found. */
    public enum LinkMethod {
        /**
         * TS-0004 7.3.3.18 a, b (and the query's data basis, 7.3.3.19, built the same way): relatedSemantics when the
         * attribute exists (the resource link-based method, 7.3.3.18.2, where resourceDescriptorLink means nothing),
         * else m2m:resourceDescriptorLink (the annotation-based method, 7.3.3.18.1).
         */
        MATCHING,
        /** TS-0004 7.4.34.2.1 Recv-6.5 f, 7.4.48.2.3 c: both, for semantic validation. */
        VALIDATION;

        public List<String> links(List<String> related, List<String> annotated) {
            if (this == MATCHING) {
                return related != null ? related : annotated;
            }
            LinkedHashSet<String> both = new LinkedHashSet<>(related == null ? List.of() : related);
            both.addAll(annotated);
            return new ArrayList<>(both);
        }
    }
}
