package io.keel.core.semantic;

import static io.keel.core.store.DescriptorPatterns.isVariable;

import io.keel.core.store.DescriptorPatterns.TriplePattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.ElementTriplesBlock;

/**
 * The WHERE pattern of a semanticsFilter when it is a basic graph pattern the database can match as one join
 * (TS-0004 7.3.3.18): triple patterns only (no FILTER, OPTIONAL, UNION, GRAPH, VALUES, property path, subquery),
 * each with at least one term fixed, all linked by shared variables. A fixed term lets an index find a pattern's
 * triples, and linked patterns keep the join from growing as a product of unrelated ones; anything else is left to the
 * SPARQL engine, which counts what it reads.
 */
final class BasicGraphPattern {
    static {
        JenaStart.ready(); // before any Jena class (JenaStart)
    }

    private BasicGraphPattern() {
    }

    /** The triple patterns, terms in the semantic index's form; null when the pattern is no such one. */
    static List<TriplePattern> of(Query query) {
        if (query.hasValues()) {
            return null;
        }
        List<Triple> triples = new ArrayList<>();
        if (!collect(query.getQueryPattern(), triples) || triples.isEmpty()) {
            return null;
        }
        List<TriplePattern> out = new ArrayList<>();
        for (Triple t : triples) {
            String s = term(t.getSubject());
            String p = term(t.getPredicate());
            String o = term(t.getObject());
            if (s == null || p == null || o == null || isVariable(s) && isVariable(p) && isVariable(o)) {
                return null;
            }
            out.add(new TriplePattern(s, p, o));
        }
        return linked(out) ? out : null;
    }

    private static boolean collect(Element e, List<Triple> into) {
        if (e instanceof ElementGroup g) {
            for (Element inner : g.getElements()) {
                if (!collect(inner, into)) {
                    return false;
                }
            }
            return true;
        }
        if (e instanceof ElementPathBlock b) {
            for (TriplePath tp : b.getPattern().getList()) {
                if (!tp.isTriple()) {
                    return false;
                }
                into.add(tp.asTriple());
            }
            return true;
        }
        if (e instanceof ElementTriplesBlock b) {
            into.addAll(b.getPattern().getList());
            return true;
        }
        return false;
    }

    /** A variable as {@code ?name} (blank nodes of a query pattern are variables too); null for what is no term. */
    private static String term(Node n) {
        if (n.isVariable()) {
            return "?" + n.getName();
        }
        return n.isURI() || n.isLiteral() ? Terms.encode(n) : null;
    }

    /** Whether every pattern with a variable reaches every other through shared variables. */
    private static boolean linked(List<TriplePattern> patterns) {
        List<TriplePattern> left = new ArrayList<>(patterns.stream().filter(p -> !variables(p).isEmpty()).toList());
        if (left.isEmpty()) {
            return true;
        }
        Set<String> reached = new HashSet<>(variables(left.remove(0)));
        boolean grew = true;
        while (!left.isEmpty() && grew) {
            grew = left.removeIf(p -> {
                List<String> vars = variables(p);
                if (vars.stream().noneMatch(reached::contains)) {
                    return false;
                }
                reached.addAll(vars);
                return true;
            });
        }
        return left.isEmpty();
    }

    private static List<String> variables(TriplePattern p) {
        return p.terms().stream().filter(t -> isVariable(t)).toList();
    }
}
