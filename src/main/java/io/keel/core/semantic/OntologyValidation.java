package io.keel.core.semantic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Semantic validation of a descriptor against an ontology (TS-0004 7.4.34.2.1 Recv-6.5 j; what TS-0034 7.10.3 checks,
 * to the extent that is cheap and decidable without a reasoner). A descriptor is valid when
 * <ol>
 * <li>every class it uses as the object of rdf:type is declared in the ontology (a owl:Class or rdfs:Class);</li>
 * <li>every property it uses as a predicate is declared in the ontology (owl:ObjectProperty, owl:DatatypeProperty,
 * owl:AnnotationProperty, rdf:Property), except the RDF, RDFS, OWL and XSD vocabularies themselves;</li>
 * <li>a property's rdfs:domain holds for each subject the descriptor gives types: one of its types is the domain or a
 * subclass of it (rdfs:subClassOf, transitively); likewise rdfs:range for objects it gives types;</li>
 * <li>an owl:ObjectProperty never has a literal as object, an owl:DatatypeProperty never an IRI or blank node.</li>
 * </ol>
 * Resources without stated types are not held to domains and ranges: inferring their types is a reasoner's work.
 */
public final class OntologyValidation {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    private static final List<String> BUILT_IN = List.of(RDF.getURI(), RDFS.getURI(), OWL.getURI(),
            "http://www.w3.org/2001/XMLSchema#");

    private OntologyValidation() {
    }

    /** What is wrong with the descriptor, in words; empty when it is valid. */
    public static List<String> problems(Graph descriptor, Graph ontology) {
        List<String> out = new ArrayList<>();
        Set<Node> classes = declared(ontology, OWL.Class.asNode(), RDFS.Class.asNode());
        Set<Node> objectProperties = declared(ontology, OWL.ObjectProperty.asNode());
        Set<Node> datatypeProperties = declared(ontology, OWL.DatatypeProperty.asNode());
        Set<Node> properties = declared(ontology, OWL.AnnotationProperty.asNode(), RDF.Property.asNode());
        properties.addAll(objectProperties);
        properties.addAll(datatypeProperties);
        for (Triple t : descriptor.find().toList()) {
            Node p = t.getPredicate();
            if (p.equals(RDF.type.asNode())) {
                if (!builtIn(t.getObject()) && !classes.contains(t.getObject())) {
                    out.add("class " + t.getObject() + " is not defined in the ontology");
                }
                continue;
            }
            if (builtIn(p)) {
                continue;
            }
            if (!properties.contains(p)) {
                out.add("property " + p + " is not defined in the ontology");
                continue;
            }
            if (objectProperties.contains(p) && t.getObject().isLiteral()) {
                out.add("object property " + p + " has the literal " + t.getObject() + " as value");
            }
            if (datatypeProperties.contains(p) && !t.getObject().isLiteral()) {
                out.add("datatype property " + p + " has the resource " + t.getObject() + " as value");
            }
            check(out, ontology, descriptor, p, RDFS.domain.asNode(), t.getSubject(), "subject");
            check(out, ontology, descriptor, p, RDFS.range.asNode(), t.getObject(), "object");
        }
        return out;
    }

    /** The first problems in one line, and how many more there are. */
    public static String summary(List<String> problems) {
        return String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                + (problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : "");
    }

    private static void check(List<String> out, Graph ontology, Graph descriptor, Node p, Node rule, Node node, String role) {
        if (node.isLiteral()) {
            return;
        }
        Set<Node> types = objects(descriptor, node, RDF.type.asNode());
        if (types.isEmpty()) {
            return;
        }
        for (Node required : objects(ontology, p, rule)) {
            if (types.stream().noneMatch(t -> subClassOf(ontology, t, required))) {
                out.add("the " + role + " " + node + " of " + p + " is not a " + required + " (" + (rule.equals(RDFS.domain.asNode())
                        ? "rdfs:domain" : "rdfs:range") + ")");
            }
        }
    }

    private static boolean subClassOf(Graph ontology, Node c, Node of) {
        Set<Node> seen = new HashSet<>();
        List<Node> todo = new ArrayList<>(List.of(c));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (n.equals(of)) {
                return true;
            }
            if (seen.add(n)) {
                todo.addAll(objects(ontology, n, RDFS.subClassOf.asNode()));
            }
        }
        return false;
    }

    private static Set<Node> objects(Graph g, Node s, Node p) {
        Set<Node> out = new HashSet<>();
        g.find(s, p, Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
        return out;
    }

    private static Set<Node> declared(Graph ontology, Node... kinds) {
        Set<Node> out = new HashSet<>();
        for (Node kind : kinds) {
            ontology.find(Node.ANY, RDF.type.asNode(), kind).forEachRemaining(t -> out.add(t.getSubject()));
        }
        return out;
    }

    private static boolean builtIn(Node n) {
        return n.isURI() && BUILT_IN.stream().anyMatch(ns -> n.getURI().startsWith(ns));
    }
}
