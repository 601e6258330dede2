package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

/** What a valid descriptor is against an ontology (TS-0004 7.4.34.2.1 Recv-6.5 j; Keel's reading, see the class). */
class OntologyValidationTest {
    private static final String P = "@prefix ex: <http://e/> . @prefix owl: <http://www.w3.org/2002/07/owl#> ."
            + " @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";
    private static final Graph ONTOLOGY = turtle("ex:Device a owl:Class . ex:Sensor a owl:Class ; rdfs:subClassOf ex:Device ."
            + " ex:Place a owl:Class . ex:in a owl:ObjectProperty ; rdfs:domain ex:Device ; rdfs:range ex:Place ."
            + " ex:value a owl:DatatypeProperty .");

    private static Graph turtle(String body) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new StringReader(P + body)).lang(Lang.TURTLE).build().parse(g);
        return g;
    }

    private static List<String> problems(String descriptor) {
        return OntologyValidation.problems(turtle(descriptor), ONTOLOGY);
    }

    @Test
    void ts0004_7_4_34_2_1_aDescriptorUsingTheOntologyAsDeclaredIsValid() {
        assertEquals(List.of(), problems("ex:s a ex:Sensor ; ex:in ex:room ; ex:value 3 . ex:room a ex:Place ."
                + " ex:s rdfs:label \"built-in vocabulary is always allowed\" ."));
        assertEquals(List.of(), problems("ex:untyped ex:in ex:room ."), "untyped resources are not held to domains");
    }

    @Test
    void ts0004_7_4_34_2_1_undeclaredTermsDomainsRangesAndValueKindsAreProblems() {
        assertTrue(problems("ex:s a ex:Toaster .").get(0).contains("http://e/Toaster"));
        assertTrue(problems("ex:s ex:colour ex:red .").get(0).contains("http://e/colour"));
        assertTrue(problems("ex:p a ex:Place ; ex:in ex:room .").get(0).contains("rdfs:domain"));
        assertTrue(problems("ex:s a ex:Sensor ; ex:in ex:other . ex:other a ex:Device .").get(0).contains("rdfs:range"));
        assertTrue(problems("ex:s ex:in \"kitchen\" .").get(0).contains("literal"));
        assertTrue(problems("ex:s ex:value ex:three .").get(0).contains("datatype property"));
    }
}
