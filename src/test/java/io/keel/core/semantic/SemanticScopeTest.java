package io.keel.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.store.DescriptorLinkage;
import io.keel.core.store.ResourceSearch;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.SemanticIndex;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whether the database may match a semanticsFilter (TS-0004 7.3.3.18) is decided once per request, from one lookup
 * across the CSE when it holds no descriptor that links others (7.3.3.18.1, 7.3.3.18.2) and no announced one; only
 * what it holds is looked up below the target. The SPARQL of the filter is parsed once, when the request is checked.
 */
class SemanticScopeTest {
    private final SemanticDiscovery discovery = new SemanticDiscovery(SemanticSettings.DEFAULTS, 100);
    private final Resource root = new Resource();
    /** The lookups whether any is below the target, by the type they ask for (24 with relatedSemantics, 10024). */
    private final List<Integer> lookups = new ArrayList<>();
    private List<Resource> linkingBelow = List.of();
    private List<Resource> announcedBelow = List.of();
    private DescriptorLinkage cse;

    SemanticScopeTest() {
        root.ri = "id-in";
        root.srn = "cse-in";
    }

    private final ResourceSearch search = (ResourceSearch) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ResourceSearch.class}, (proxy, method, args) -> {
                if (!method.getName().equals("discoverReferences")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                FilterCriteria fc = (FilterCriteria) args[1];
                int ty = fc.resourceTypes.get(0);
                if (ty == ResourceTypes.SEMANTIC_DESCRIPTOR && fc.attributes.isEmpty()) {
                    return List.of(); // the descriptors in reach, whose links the scope follows
                }
                lookups.add(ty);
                if (ty == ResourceTypes.SEMANTIC_DESCRIPTOR) {
                    assertEquals(SemanticDescriptorType.RELATED_SEMANTICS, fc.attributes.get(0).name());
                    return linkingBelow;
                }
                return announcedBelow;
            });

    private final SemanticIndex index = new SemanticIndex() {
        @Override
        public void replace(String graph, List<Quad> triples) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public List<Quad> find(String graph, String s, String p, String o, int limit) {
            return List.of();
        }

        @Override
        public DescriptorLinkage linkage(DescriptorLinkage.Kinds kinds) {
            assertEquals(new DescriptorLinkage.Kinds(ResourceTypes.SEMANTIC_DESCRIPTOR, SemanticDescriptorType.RELATED_SEMANTICS,
                    ResourceDescriptorLink.TERM, 10_000 + ResourceTypes.SEMANTIC_DESCRIPTOR), kinds);
            return cse;
        }
    };

    private final ResourceTree tree = (ResourceTree) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ResourceTree.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    private SemanticDiscovery.Scope scope() {
        return discovery.scope(tree, search, index, root, null, Visibility.EVERYTHING);
    }

    private static Resource descriptor(int ty) {
        Resource d = new Resource();
        d.ri = "d" + ty;
        d.ty = ty;
        d.srn = "cse-in/ae/d" + ty;
        return d;
    }

    @Test
    void ts0004_7_3_3_18_aCseWithoutLinksOrAnnouncedDescriptorsNeedsNoLookupBelowTheTarget() {
        cse = new DescriptorLinkage(false, false, false);
        assertSame(SemanticDiscovery.Scope.OWN_GRAPHS, scope());
        assertEquals(List.of(), lookups);
    }

    @Test
    void ts0004_7_3_3_18_anAnnouncedDescriptorElsewhereIsLookedForBelowTheTarget() {
        cse = new DescriptorLinkage(false, false, true);
        assertEquals(new SemanticDiscovery.Scope(false, Set.of()), scope());
        announcedBelow = List.of(descriptor(10_024));
        assertEquals(new SemanticDiscovery.Scope(true, Set.of()), scope());
        assertEquals(List.of(10_024, 10_024), lookups);
    }

    @Test
    void ts0004_7_3_3_18_2_relatedSemanticsElsewhereAreLookedForBelowTheTarget() {
        cse = new DescriptorLinkage(true, false, false);
        assertEquals(new SemanticDiscovery.Scope(false, Set.of()), scope());
        assertEquals(List.of(ResourceTypes.SEMANTIC_DESCRIPTOR), lookups);
    }

    @Test
    void ts0004_7_3_3_18_1_anAnnotationAnywhereLeavesTheMatchToTheEngine() {
        cse = new DescriptorLinkage(false, true, false);
        // No descriptor below the target: nothing of another CSE to read, but the engine matches.
        assertEquals(new SemanticDiscovery.Scope(true, Set.of()), scope());
    }

    @Test
    void ts0004_7_3_3_18_theSparqlIsParsedOnceWhenTheRequestIsChecked() {
        FilterCriteria fc = new FilterCriteria();
        fc.semanticsFilter.add("SELECT ?d WHERE { ?d a <urn:Light> }");
        SemanticDiscovery.check(fc);
        assertSame(SemanticDiscovery.queries(fc), SemanticDiscovery.queries(fc));
        assertSame(SemanticDiscovery.queries(fc).get(0), SemanticDiscovery.queries(fc).get(0));
        // Texts changed after the check (or a copy, which carries no parse) are parsed as they are.
        fc.semanticsFilter.set(0, "ASK { ?d a <urn:Sensor> }");
        assertEquals(true, SemanticDiscovery.queries(fc).get(0).isAskType());
        assertNotSame(SemanticDiscovery.queries(fc).get(0), SemanticDiscovery.queries(fc).get(0));
        assertNull(fc.copy().semanticsFilterParsed);
    }
}
