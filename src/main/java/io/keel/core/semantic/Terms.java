package io.keel.core.semantic;

import io.keel.primitive.OneM2MException;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.util.NodeFactoryExtra;

/** RDF terms as the semantic index stores them: N-Triples form, a blank node by its label. */
final class Terms {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    /** Subjects and predicates longer than this are refused: they are indexed columns. */
    static final int LONGEST_IRI = 4000;

    private Terms() {
    }

    static String encode(Node n) {
        if (n.isURI()) {
            return "<" + n.getURI() + ">";
        }
        if (n.isBlank()) {
            return "_:" + n.getBlankNodeLabel();
        }
        if (n.isLiteral()) {
            return NodeFmtLib.strNT(n);
        }
        throw OneM2MException.badRequest("the descriptor holds a term this CSE does not store: " + n);
    }

    static Node decode(String term) {
        if (term.startsWith("<")) {
            return NodeFactory.createURI(term.substring(1, term.length() - 1));
        }
        if (term.startsWith("_:")) {
            return NodeFactory.createBlankNode(term.substring(2));
        }
        return NodeFactoryExtra.parseNode(term);
    }
}
