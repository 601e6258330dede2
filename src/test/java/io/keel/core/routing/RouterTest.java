package io.keel.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.keel.core.CseIdentity;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.InMemoryTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The To parameter in every ID form (TS-0004 6.2.3) classified once into a route: local, virtual, fan-out or remote. */
class RouterTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private final InMemoryTree tree = new InMemoryTree();
    private final Router router = new Router(CSE, new TypeRegistry());

    RouterTest() {
        tree.add("id-in", null, ResourceTypes.CSE_BASE, "cse-in");
        tree.add("Cae", "id-in", ResourceTypes.AE, "cse-in/app");
        tree.add("cnt1", "Cae", ResourceTypes.CONTAINER, "cse-in/app/box");
        tree.add("grp1", "Cae", ResourceTypes.GROUP, "cse-in/app/team");
        tree.add("pch1", "Cae", ResourceTypes.POLLING_CHANNEL, "cse-in/app/inbox");
    }

    private String resolve(String to) {
        Route route = router.route(tree, to);
        if (route instanceof Route.Virtual v) {
            return v.parent().ri + "/" + v.child().name();
        }
        if (route instanceof Route.FanOut f) {
            return f.group().ri + "/" + f.point().name();
        }
        return route.resource().ri;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cse-in/app/box", "-/app/box", "cnt1", "Cae/box", "/id-in/cse-in/app/box", "/id-in/-/app/box",
            "/id-in/cnt1", "//keel.example.net/id-in/cse-in/app/box", "//KEEL.example.net/id-in/cnt1"})
    void ts0004_6_2_3_everyFormOfTheSameContainer(String to) {
        assertEquals("cnt1", resolve(to));
    }

    /** What a request reads first, in one query: a structured To's target and ancestors; nothing for other forms. */
    @Test
    void structuredNamesOfATargetAreItsOwnAndItsAncestors() {
        List<String> box = List.of("cse-in", "cse-in/app", "cse-in/app/box");
        assertEquals(box, router.structuredNames("cse-in/app/box"));
        assertEquals(box, router.structuredNames("-/app/box"));
        assertEquals(box, router.structuredNames("//keel.example.net/id-in/cse-in/app/box"));
        assertEquals(List.of("cse-in", "cse-in/app", "cse-in/app/box", "cse-in/app/box/la"), router.structuredNames("/id-in/-/app/box/la"));
        assertEquals(List.of("cse-in"), router.structuredNames("/id-in"));
        assertEquals(List.of(), router.structuredNames("Cae/box"));
        assertEquals(List.of(), router.structuredNames("/id-mn/cse-mn/x"));
        assertEquals(List.of(), router.structuredNames("cse-in//x"));
    }

    @Test
    void ts0004_6_2_3_cseIdAndCseNameAddressTheCseBase() {
        assertEquals("id-in", resolve("/id-in"));
        assertEquals("id-in", resolve("cse-in"));
        assertEquals("id-in", resolve("-"));
        assertEquals("id-in", resolve("//keel.example.net/id-in"));
    }

    @Test
    void ts0004_7_4_6_latestAndOldestAreVirtualChildrenOfAContainerOnly() {
        assertEquals("cnt1/la", resolve("cse-in/app/box/la"));
        assertEquals("cnt1/ol", resolve("cnt1/ol"));
        assertEquals(ResponseStatusCode.NOT_FOUND, assertThrows(OneM2MException.class, () -> resolve("cse-in/app/la")).rsc());
    }

    @Test
    void ts0004_7_4_14_theFanOutPointOfAGroupKeepsThePathBehindIt() {
        assertEquals("grp1/fopt", resolve("cse-in/app/team/fopt"));
        Route.FanOut f = assertInstanceOf(Route.FanOut.class, router.route(tree, "grp1/fopt/box/la"));
        assertEquals("grp1", f.group().ri);
        assertEquals("fopt", f.point().name());
        assertEquals("box/la", f.relativePath());
        assertNull(assertInstanceOf(Route.FanOut.class, router.route(tree, "/id-in/cse-in/app/team/fopt/")).relativePath());
        assertEquals(ResponseStatusCode.NOT_FOUND, assertThrows(OneM2MException.class, () -> resolve("cnt1/fopt/la")).rsc());
    }

    @Test
    void ts0004_7_4_22_pcuIsAVirtualChildOfAPollingChannelOnly() {
        Route.Virtual pcu = assertInstanceOf(Route.Virtual.class, router.route(tree, "cse-in/app/inbox/pcu"));
        assertEquals("pch1", pcu.parent().ri);
        assertEquals("pcu", pcu.child().name());
        assertEquals("pch1/pcu", resolve("pch1/pcu"));
        for (String to : List.of("cse-in/app/box/pcu", "cse-in/app/team/la", "cse-in/app/inbox/la", "cse-in/app/inbox/fopt", "cse-in/pcu")) {
            assertEquals(ResponseStatusCode.NOT_FOUND, assertThrows(OneM2MException.class, () -> resolve(to)).rsc(), to);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/id-in/cnt1/la", "/id-in/cse-in/app/box/la", "//keel.example.net/id-in/cnt1/la",
            "//keel.example.net/id-in/-/app/box/la", "Cae/box/la"})
    void ts0004_6_2_3_aVirtualChildIsReachedInEveryIdForm(String to) {
        assertEquals("cnt1/la", resolve(to));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//keel.example.net/id-in/grp1/fopt/box/la", "/id-in/grp1/fopt/box/la", "Cae/team/fopt/box/la"})
    void ts0004_7_4_14_aFanOutWithAPathIsReachedInEveryIdForm(String to) {
        Route.FanOut f = assertInstanceOf(Route.FanOut.class, router.route(tree, to));
        assertEquals("grp1", f.group().ri);
        assertEquals("box/la", f.relativePath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/id-other/cse-in", "//other.example.org/id-in/cse-in", "/id-other"})
    void ts0004_6_2_3_anotherCseOrServiceProviderIsRemoteWithoutALookup(String to) {
        InMemoryTree empty = new InMemoryTree();
        Route.Remote remote = assertInstanceOf(Route.Remote.class, router.route(empty, to));
        assertNull(remote.nextHop(), "no registrar and no remoteCSE: no next hop");
    }

    @Test
    void ts0004_6_2_3_theRemoteRouteNamesTheCseAndTheOtherServiceProvider() {
        assertEquals(new Route.Remote(null, "id-mn", null), router.route(tree, "/id-mn/cse-mn/x"));
        assertEquals(new Route.Remote("other.example.org", "id-in", null), router.route(tree, "//other.example.org/id-in/cse-in"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cse-in/app/nothing", "nothing", "nothing/box", "cse-in/app/box/deeper"})
    void ts0004_6_2_3_unknownTargetsAre4004(String to) {
        assertEquals(ResponseStatusCode.NOT_FOUND, assertThrows(OneM2MException.class, () -> resolve(to)).rsc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "//keel.example.net", "/id-in//x"})
    void ts0004_6_2_3_malformedIdsAre4000(String to) {
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class, () -> resolve(to)).rsc());
    }

    @Test
    void ts0004_6_2_3_nullToIs4000() {
        assertEquals(ResponseStatusCode.BAD_REQUEST, assertThrows(OneM2MException.class, () -> router.route(tree, null)).rsc());
    }
}
