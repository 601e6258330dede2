package io.keel.core.semantic;

import io.keel.core.store.SemanticIndex;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;

/** Writes a descriptor's (or an ontology's) triples into the semantic index, as its graph. */
public final class DescriptorIndexing {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    private DescriptorIndexing() {
    }

    /** An ontology's graph, or an announced descriptor's: no resource the database's semanticsFilter path matches. */
    public static void replace(SemanticIndex index, String ri, Graph g) {
        replace(index, ri, null, g);
    }

    /** A semanticDescriptor's graph, describing its parent {@code described}. */
    public static void replace(SemanticIndex index, String ri, String described, Graph g) {
        List<SemanticIndex.Quad> quads = new ArrayList<>();
        for (Triple t : g.find().toList()) {
            String s = Terms.encode(t.getSubject());
            String p = Terms.encode(t.getPredicate());
            if (s.length() > Terms.LONGEST_IRI || p.length() > Terms.LONGEST_IRI) {
                throw OneM2MException.badRequest("the descriptor has a subject or predicate longer than " + Terms.LONGEST_IRI
                        + " characters");
            }
            quads.add(new SemanticIndex.Quad(ri, s, p, Terms.encode(t.getObject())));
        }
        index.replace(ri, described, quads);
    }
}
