package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.core.store.SemanticIndex;
import io.keel.primitive.OneM2MException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

/**
 * A semantic query over indexed descriptors joined with fetched ones (descriptors of other CSEs, TS-0004 7.4.35.2.2;
 * relatedSemantics, 7.3.3.19), and the per-descriptor match of discovery over a descriptor and its links (7.3.3.18.2).
 */
class SemanticQueryFetchedTest {
    private static final String P = "@prefix ex: <http://e/> .\n";
    private static final SemanticSettings LIMITS = SemanticSettings.DEFAULTS;

    /** The index as a list: what the store's table holds, matched by pattern. */
    private static final class ListIndex implements SemanticIndex {
        final List<Quad> quads = new ArrayList<>();

        @Override
        public void replace(String graph, List<Quad> triples) {
            quads.removeIf(q -> q.graph().equals(graph));
            quads.addAll(triples);
        }

        @Override
        public List<Quad> find(String graph, String s, String p, String o, int limit) {
            return quads.stream().filter(q -> (graph == null || q.graph().equals(graph)) && (s == null || q.s().equals(s))
                    && (p == null || q.p().equals(p)) && (o == null || q.o().equals(o))).limit(limit).toList();
        }
    }

    private static Graph turtle(String body) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new StringReader(P + body)).lang(Lang.TURTLE).build().parse(g);
        return g;
    }

    private static ListIndex index(Map<String, String> descriptors) {
        ListIndex index = new ListIndex();
        descriptors.forEach((ri, body) -> DescriptorIndexing.replace(index, ri, turtle(body)));
        return index;
    }

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void ts0004_7_4_35_2_2_onePatternJoinsIndexedAndFetchedDescriptors() throws Exception {
        ListIndex index = index(Map.of("d1", "ex:t a ex:Sensor ; ex:in ex:b .", "d2", "ex:x a ex:Light ; ex:in ex:b ."));
        Map<String, Graph> far = Map.of("/id-mn/cse-mn/lamp/desc", turtle("ex:l a ex:Light ; ex:in ex:b ."));
        SemanticQuery query = new SemanticQuery(LIMITS, 100);
        String ask = "PREFIX ex: <http://e/> ASK { ?t a ex:Sensor ; ex:in ?b . ?l a ex:Light ; ex:in ?b }";
        assertTrue(json(query.answer(index, Set.of("d1"), far, ask).json()).path("boolean").asBoolean(), "d1 with the fetched lamp");
        assertEquals(false, json(query.answer(index, Set.of("d1"), Map.of(), ask).json()).path("boolean").asBoolean(),
                "d2 is not in the scope, and without the fetched one there is no light");
        String lights = "PREFIX ex: <http://e/> SELECT ?l WHERE { GRAPH ?g { ?l a ex:Light } }";
        JsonNode rows = json(query.answer(index, Set.of("d1"), far, lights).json()).path("results").path("bindings");
        assertEquals(1, rows.size(), "a fetched descriptor is a named graph too: " + rows);
        assertEquals("http://e/l", rows.get(0).path("l").path("value").asText());
    }

    @Test
    void ts0004_7_3_3_19_fetchedTriplesCountAgainstTheReadBudget() {
        Graph big = GraphFactory.createDefaultGraph();
        Graph src = turtle("ex:a ex:p 1 . ex:a ex:p 2 . ex:a ex:p 3 . ex:a ex:p 4 .");
        src.find().forEachRemaining(big::add);
        SemanticQuery query = new SemanticQuery(new SemanticSettings(1 << 20, 100, 5_000, 3, true), 100);
        OneM2MException e = assertThrows(OneM2MException.class, () -> query.answer(new ListIndex(), Set.of(), Map.of("far", big),
                "PREFIX ex: <http://e/> SELECT ?o WHERE { ex:a ex:p ?o }"));
        assertTrue(e.getMessage().contains("keel.semantics.query-max-triples"), e.getMessage());
    }

    @Test
    void ts0004_7_3_3_18_2_aDescriptorJoinedWithItsLinksHasTheSolutionNeitherHasAlone() {
        ListIndex index = index(Map.of("sensor", "ex:s ex:in ex:room1 .", "plan", "ex:room1 ex:partOf ex:B ."));
        var pattern = Sparql.query("PREFIX ex: <http://e/> SELECT ?s WHERE { ?s ex:in ?r . ?r ex:partOf ex:B }");
        assertEquals(false, SemanticDiscovery.hasSolution(new IndexedDescriptors(index, Set.of("sensor"), LIMITS), pattern));
        assertEquals(false, SemanticDiscovery.hasSolution(new IndexedDescriptors(index, Set.of("plan"), LIMITS), pattern));
        assertTrue(SemanticDiscovery.hasSolution(new IndexedDescriptors(index, Set.of("sensor", "plan"), LIMITS), pattern));
    }

    @Test
    void ts0004_7_3_3_19_aDataBasisLargerThanTheScanBoundIs4000() {
        SemanticQuery query = new SemanticQuery(LIMITS, 2);
        assertEquals(Set.of("a"), query.bounded(2, Set.of("a")));
        OneM2MException e = assertThrows(OneM2MException.class, () -> query.bounded(3, Set.of()));
        assertTrue(e.getMessage().contains("keel.discovery.content-scan-max"), e.getMessage());
    }
}
