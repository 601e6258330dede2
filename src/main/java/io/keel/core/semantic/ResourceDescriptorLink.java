package io.keel.core.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The annotation property m2m:resourceDescriptorLink (TS-0004 7.3.3.18.1, TS-0001 10.2.14): a triple of a descriptor
 * with it as predicate names another {@code <semanticDescriptor>} whose triples join the descriptor's when a SPARQL
 * request is evaluated over it. Keel reads the property in the oneM2M base ontology's namespace, and its object as
 * the address of the linked descriptor: a literal's lexical form (oneM2M addresses such as {@code cse-in/ae/desc} or
 * {@code /id-mn/cse-mn/ae/desc} are no absolute IRIs), or an IRI as written.
 */
public final class ResourceDescriptorLink {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    public static final String IRI = "http://www.onem2m.org/ontology/Base_Ontology/base_ontology#resourceDescriptorLink";
    public static final Node PREDICATE = NodeFactory.createURI(IRI);
    /** The predicate as the semantic index stores terms. */
    static final String TERM = "<" + IRI + ">";

    private ResourceDescriptorLink() {
    }

    /** The addresses the descriptor's triples link. */
    public static List<String> addresses(Graph descriptor) {
        List<String> out = new ArrayList<>();
        descriptor.find(Node.ANY, PREDICATE, Node.ANY).forEachRemaining(t -> {
            String a = address(t.getObject());
            if (a != null && !out.contains(a)) {
                out.add(a);
            }
        });
        return out;
    }

    /**
     * The descriptor with the addresses its literal objects of the property name replaced by {@code readdress}'s
     * answer (same datatype and language); {@code descriptor} itself when none changes. IRI objects stay: they are
     * absolute, resolved at parsing.
     */
    public static Graph readdressed(Graph descriptor, UnaryOperator<String> readdress) {
        Graph out = GraphFactory.createDefaultGraph();
        boolean[] changed = {false};
        descriptor.find().forEachRemaining(t -> {
            Node o = t.getObject();
            if (t.getPredicate().equals(PREDICATE) && o.isLiteral()) {
                String address = o.getLiteralLexicalForm().strip();
                String next = readdress.apply(address);
                if (!next.equals(address)) {
                    changed[0] = true;
                    o = o.getLiteralLanguage().isEmpty() ? NodeFactory.createLiteralDT(next, o.getLiteralDatatype())
                            : NodeFactory.createLiteralLang(next, o.getLiteralLanguage());
                }
            }
            out.add(Triple.create(t.getSubject(), t.getPredicate(), o));
        });
        return changed[0] ? out : descriptor;
    }

    /** The address an object of the property names; null for a blank node. */
    static String address(Node object) {
        if (object.isLiteral()) {
            return object.getLiteralLexicalForm().strip();
        }
        return object.isURI() ? object.getURI() : null;
    }
}
