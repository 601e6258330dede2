package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.store.DescriptorPatterns.TriplePattern;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which semanticsFilter patterns (TS-0004 7.3.3.18) the database matches as one join, and in which form: the rest is
 * left to the SPARQL engine.
 */
class BasicGraphPatternTest {
    private static final String EX = "PREFIX ex: <http://e/> ";

    private static List<TriplePattern> of(String query) {
        return BasicGraphPattern.of(Sparql.query(EX + query));
    }

    @Test
    void ts0004_7_3_3_18_linkedTriplePatternsWithFixedTermsAreOneJoin() {
        assertEquals(List.of(new TriplePattern("?d", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://e/Light>"),
                        new TriplePattern("?d", "<http://e/locatedIn>", "<http://e/b42>")),
                of("SELECT ?d WHERE { ?d a ex:Light ; ex:locatedIn ex:b42 }"));
        assertEquals(List.of(new TriplePattern("?s", "<http://e/floor>", "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>")),
                of("ASK { ?s ex:floor 3 }"), "literals in the index's N-Triples form");
        assertEquals(2, of("SELECT * WHERE { ?d ex:in ?b . { ?b ex:name \"B\" } }").size(), "nested groups");
        assertEquals(2, of("ASK { ex:a ex:p ex:b . ex:c ex:p ex:d }").size(), "fixed triples need no link");
        List<TriplePattern> blank = of("ASK { [] ex:in ?b . ?b a ex:Building }");
        assertEquals(2, blank.size());
        assertEquals(blank.get(0).s().charAt(0), '?', "a blank node of a query is a variable");
    }

    @Test
    void ts0004_7_3_3_18_otherPatternsAreLeftToTheSparqlEngine() {
        assertNull(of("SELECT * WHERE { ?a ?b ?c }"), "no fixed term: every triple");
        assertNull(of("SELECT * WHERE { ?a ex:p ?b . ?c ex:p ?d }"), "unlinked: a product");
        assertNull(of("SELECT * WHERE { ?a ex:p ?b FILTER (?b > 3) }"));
        assertNull(of("SELECT * WHERE { ?a ex:p ?b OPTIONAL { ?b ex:q ?c } }"));
        assertNull(of("SELECT * WHERE { { ?a ex:p ?b } UNION { ?a ex:q ?b } }"));
        assertNull(of("SELECT * WHERE { ?a ex:p/ex:q ?b }"), "a property path");
        assertNull(of("SELECT * WHERE { GRAPH ?g { ?a ex:p ?b } }"));
        assertNull(of("SELECT * WHERE { ?a ex:p ?b } VALUES ?b { ex:c }"));
        assertNull(of("ASK { }"), "the empty pattern");
    }
}
