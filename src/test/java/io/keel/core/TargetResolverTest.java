package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.persistence.TreeTransaction;
import io.keel.persistence.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The To parameter in every ID form (TS-0004 6.2.3, shared/spec §7) resolved to a resource or virtual child. */
class TargetResolverTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private final Tree tree = new Tree();
    private final TargetResolver resolver = new TargetResolver(CSE, new ResourceTypes());

    TargetResolverTest() {
        tree.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in");
        tree.add("Cae", "id-in", ResourceTypes.AE, "cse-in/app");
        tree.add("cnt1", "Cae", ResourceTypes.CONTAINER, "cse-in/app/box");
        tree.add("grp1", "Cae", ResourceTypes.GROUP, "cse-in/app/team");
    }

    private String resolve(String to) {
        Target t = resolver.resolve(tree, to);
        return t.resource().ri + (t.isVirtual() ? "/" + t.virtualChild() : "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cse-in/app/box", "-/app/box", "cnt1", "Cae/box", "/id-in/cse-in/app/box", "/id-in/-/app/box",
            "/id-in/cnt1", "//keel.example.net/id-in/cse-in/app/box", "//KEEL.example.net/id-in/cnt1"})
    void everyFormOfTheSameContainer(String to) {
        assertEquals("cnt1", resolve(to));
    }

    @Test
    void cseIdAndCseNameAddressTheCseBase() {
        assertEquals("id-in", resolve("/id-in"));
        assertEquals("id-in", resolve("cse-in"));
        assertEquals("id-in", resolve("-"));
        assertEquals("id-in", resolve("//keel.example.net/id-in"));
    }

    @Test
    void latestAndOldestAreVirtualChildrenOfAContainerOnly() {
        assertEquals("cnt1/la", resolve("cse-in/app/box/la"));
        assertEquals("cnt1/ol", resolve("cnt1/ol"));
        assertEquals(ResponseStatusCode.NOT_FOUND, assertThrows(OneM2MException.class, () -> resolve("cse-in/app/la")).rsc());
    }

    @Test
    void theFanOutPointOfAGroupKeepsThePathBehindIt() {
        assertEquals("grp1/fopt", resolve("cse-in/app/team/fopt"));
        Target t = resolver.resolve(tree, "grp1/fopt/box/la");
        assertEquals("grp1", t.resource().ri);
        assertEquals("fopt", t.virtualChild());
        assertEquals("box/la", t.relativePath());
        assertNull(resolver.resolve(tree, "/id-in/cse-in/app/team/fopt/").relativePath());
        assertEquals(ResponseStatusCode.NOT_FOUND, assertThrows(OneM2MException.class, () -> resolve("cnt1/fopt/la")).rsc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/id-other/cse-in", "//other.example.org/id-in/cse-in", "/id-other"})
    void anotherCseOrServiceProviderIsNotReachable(String to) {
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, assertThrows(OneM2MException.class, () -> resolve(to)).rsc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cse-in/app/nothing", "nothing", "nothing/box", "cse-in/app/box/deeper"})
    void unknownTargetsAre4004(String to) {
        assertEquals(ResponseStatusCode.NOT_FOUND, assertThrows(OneM2MException.class, () -> resolve(to)).rsc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "//keel.example.net", "/id-in//x"})
    void malformedIdsAre4000(String to) {
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class, () -> resolve(to)).rsc());
    }

    @Test
    void nullToIs4000() {
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class, () -> resolver.resolve(tree, null)).rsc());
        assertNull(tree.find("absent"));
    }

    /** Just enough of a resource tree: lookups by ri and by structured name. */
    private static final class Tree implements TreeTransaction {
        private final Map<String, Resource> byRi = new HashMap<>();
        private final Map<String, Resource> bySrn = new HashMap<>();

        void add(String ri, String pi, int ty, String srn) {
            Resource r = new Resource();
            r.ri = ri;
            r.pi = pi;
            r.ty = ty;
            r.srn = srn;
            r.rn = srn.substring(srn.lastIndexOf('/') + 1);
            byRi.put(ri, r);
            bySrn.put(srn, r);
        }

        @Override
        public Resource find(String ri) {
            return byRi.get(ri);
        }

        @Override
        public Resource findByStructuredName(String srn) {
            return bySrn.get(srn);
        }

        @Override
        public Resource lock(String ri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void insert(Resource r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Resource r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteSubtree(Resource r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T extends io.keel.persistence.TransactionListener> T listener(Class<T> type, java.util.function.Supplier<T> create) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void claimRequest(String ri, String instance, long nowMicros) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseRequest(String ri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void renewRequests(String instance, long heartbeatMicros) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> abandonedRequests(long beforeMicros) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void enqueue(io.keel.persistence.QueuedRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.keel.persistence.QueuedRequest dequeue(String pollingChannel, long nowMicros) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Resource newestOrOldestChild(String pi, int ty, boolean newest) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> oldestChildren(String pi, int ty, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> discover(Resource root, FilterCriteria fc, Visibility v, Integer maxDepth, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> discoverReferences(Resource root, FilterCriteria fc, Visibility v, Integer maxDepth, int offset, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<io.keel.persistence.Candidate> candidates(Resource root, FilterCriteria fc, java.util.Set<Integer> contentTypes,
                                                              Visibility v, Integer maxDepth, String after, int batch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.keel.persistence.Candidate candidate(Resource r, FilterCriteria fc) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean matches(Resource r, FilterCriteria fc) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> expired(Instant now, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> ofType(int ty) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setGoverningPolicies(String ri, List<String> acpRis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setGoverningPoliciesOfChildren(String pi, Collection<Integer> types, List<String> acpRis) {
            throw new UnsupportedOperationException();
        }
    }
}
