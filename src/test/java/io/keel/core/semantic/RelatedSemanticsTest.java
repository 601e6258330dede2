package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.Visibility;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

/**
 * The graph a descriptor's links assemble (TS-0004 7.3.3.18.1, 7.3.3.18.2, 7.4.34.2.1 Recv-6.5 f): relatedSemantics,
 * else m2m:resourceDescriptorLink, for matching; both for validation; descriptors of this CSE and of others, cycles
 * through both ending where they close.
 */
class RelatedSemanticsTest {
    private static final String P = "@prefix ex: <http://e/> .\n@prefix m2m: <http://www.onem2m.org/ontology/Base_Ontology/base_ontology#> .\n";
    private static final CseIdentity IN = new CseIdentity("id-in", "cse-in", "sp", 1, "CAdmin", List.of(), 1, 1, 1, List.of());
    private final Map<String, Resource> byRi = new HashMap<>();
    private final ListIndex index = new ListIndex();
    private final RelatedSemantics related = new RelatedSemantics(DescriptorLinks.of(IN));

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

    /** Only what link resolution reads: a descriptor by ri or structured name. */
    private final ResourceTree tree = (ResourceTree) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{ResourceTree.class}, (proxy, method, args) -> switch (method.getName()) {
                case "find" -> byRi.get((String) args[0]);
                case "findByStructuredName" -> byRi.values().stream().filter(r -> r.srn.equals(args[0])).findFirst().orElse(null);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private static Graph turtle(String body) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new StringReader(P + body)).lang(Lang.TURTLE).build().parse(g);
        return g;
    }

    private void descriptor(String ri, String turtle, List<String> rels) {
        Resource r = new Resource();
        r.ri = ri;
        r.rn = "desc";
        r.ty = ResourceTypes.SEMANTIC_DESCRIPTOR;
        r.pi = "cnt-" + ri;
        r.srn = "cse-in/" + ri + "/desc";
        if (rels != null) {
            r.attributes.put(SemanticDescriptorType.RELATED_SEMANTICS, rels);
        }
        byRi.put(ri, r);
        DescriptorIndexing.replace(index, ri, turtle(turtle));
    }

    private RelatedSemantics.Reach reach(Collection<String> start, FetchedDescriptors fetched, LinkMethod method) {
        return related.reach(tree, null, index, Visibility.EVERYTHING, start, fetched, method, 100);
    }

    @Test
    void ts0004_7_3_3_18_1_resourceDescriptorLinkTriplesLinkWhenThereIsNoRelatedSemantics() {
        descriptor("a", "ex:s ex:in ex:r . ex:s m2m:resourceDescriptorLink \"cse-in/b/desc\" .", null);
        descriptor("b", "ex:r ex:partOf ex:B . ex:r m2m:resourceDescriptorLink \"/id-in/c\" .", null);
        descriptor("c", "ex:B ex:in ex:Town .", null);
        RelatedSemantics.Reach r = reach(List.of("a"), FetchedDescriptors.NONE, LinkMethod.MATCHING);
        assertEquals(Set.of("a", "b", "c"), r.local(), "by structured name, then SP-relative by ri");
        assertTrue(r.remote().isEmpty());
    }

    @Test
    void ts0004_7_3_3_18_2_withRelatedSemanticsTheAnnotationsMeanNothingToMatching_butBothCountForValidation() {
        descriptor("a", "ex:s m2m:resourceDescriptorLink \"c\" .", List.of("b"));
        descriptor("b", "ex:r ex:partOf ex:B .", null);
        descriptor("c", "ex:B ex:in ex:Town .", null);
        assertEquals(Set.of("a", "b"), reach(List.of("a"), FetchedDescriptors.NONE, LinkMethod.MATCHING).local());
        assertEquals(Set.of("a", "b", "c"), reach(List.of("a"), FetchedDescriptors.NONE, LinkMethod.VALIDATION).local());
    }

    @Test
    void ts0004_7_3_3_18_aCycleThroughThisAndAnotherCseEnds() {
        descriptor("a", "ex:s ex:in ex:r .", List.of("/id-mn/cse-mn/x/desc"));
        descriptor("b", "ex:r ex:partOf ex:B .", List.of("a"));
        RelatedSemantics.Reach before = reach(List.of("a"), FetchedDescriptors.NONE, LinkMethod.MATCHING);
        assertEquals(Set.of("a"), before.local());
        assertEquals(Set.of("/id-mn/cse-mn/x/desc"), before.remote(), "what the operation reads before it matches");
        // The MN's descriptor links back to b here, which links a: the cycle a -> x -> b -> a closes.
        FetchedDescriptors fetched = new FetchedDescriptors(Map.of("/id-mn/cse-mn/x/desc",
                new LinkedDescriptor(turtle("ex:x ex:near ex:r ."), List.of("/id-in/b"), List.of(), null)), Set.of());
        RelatedSemantics.Reach after = reach(List.of("a"), fetched, LinkMethod.MATCHING);
        assertEquals(Set.of("a", "b"), after.local());
        assertEquals(Set.of("/id-mn/cse-mn/x/desc"), after.remote());
        assertFalse(after.cut());
    }

    @Test
    void aLinkToNothingOrToWhatIsNoDescriptorAddsNothing() {
        descriptor("a", "ex:s m2m:resourceDescriptorLink \"cse-in/nothing\" . ex:s m2m:resourceDescriptorLink _:b .", null);
        Resource cnt = new Resource();
        cnt.ri = "cnt1";
        cnt.ty = ResourceTypes.CONTAINER;
        cnt.srn = "cse-in/cnt1";
        byRi.put("cnt1", cnt);
        descriptor("d", "ex:s m2m:resourceDescriptorLink \"cnt1\" .", null);
        assertEquals(Set.of("a"), reach(List.of("a"), FetchedDescriptors.NONE, LinkMethod.MATCHING).local());
        assertEquals(Set.of("d"), reach(List.of("d"), FetchedDescriptors.NONE, LinkMethod.MATCHING).local());
    }

    @Test
    void aLongChainIsCutAtTheDepth() {
        int n = LinkClosure.MAX_DEPTH + 3;
        for (int i = 0; i < n; i++) {
            descriptor("d" + i, "ex:s" + i + " ex:p ex:o .", List.of("d" + (i + 1)));
        }
        descriptor("d" + n, "ex:end ex:p ex:o .", null);
        RelatedSemantics.Reach r = reach(List.of("d0"), FetchedDescriptors.NONE, LinkMethod.MATCHING);
        assertEquals(LinkClosure.MAX_DEPTH + 1, r.local().size());
        assertTrue(r.cut());
    }

    @Test
    void theDescriptorsHoldingAnnotationLinksAreFoundAmongFewOrMany_evenWithMoreAnnotationsOnTheCseThanTheLimit() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            descriptor("d" + i, i % 5 == 0 ? "ex:s m2m:resourceDescriptorLink \"x\" ." : "ex:s ex:p ex:o .", null);
            all.add("d" + i);
        }
        assertEquals(Set.of("d0", "d5"), RelatedSemantics.annotating(index, List.of("d0", "d1", "d5"), 1000), "few: one by one");
        Set<String> expected = new java.util.HashSet<>();
        for (int i = 0; i < 100; i += 5) {
            expected.add("d" + i);
        }
        assertEquals(expected, RelatedSemantics.annotating(index, all, 1000), "many: one lookup of all annotations");
        assertEquals(expected, RelatedSemantics.annotating(index, all, 10), "more annotations than the limit: one by one");
    }
}
