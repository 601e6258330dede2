package io.keel.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.InMemoryTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/** Where an originator is (TS-0003 rq_loc): the Release 4 loc point of its AE, else of its node; never guessed. */
class RegisteredLocationsTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private final InMemoryTree tree = new InMemoryTree();
    private final RegisteredLocations locations = new RegisteredLocations(CSE);

    private static Map<String, Object> loc(int typ, String crd) {
        return Map.of("typ", (long) typ, "crd", crd);
    }

    private static Point point(double lon, double lat) {
        return new GeometryFactory().createPoint(new Coordinate(lon, lat));
    }

    @Test
    void anAeIsWhereItsLocSays() {
        tree.add("cse-in", null, ResourceTypes.CSE_BASE, "cse-in");
        tree.add("Cae", "cse-in", ResourceTypes.AE, "cse-in/ae").attributes.put("loc", loc(1, "[11.58, 48.14]"));
        for (String form : List.of("Cae", "/id-in/Cae", "//keel.example.net/id-in/Cae")) {
            assertEquals(point(11.58, 48.14), locations.positionOf(tree, form), form);
        }
        // Another CSE's AE of the same ID, or no originator, is not this one.
        assertNull(locations.positionOf(tree, "/id-mn/Cae"));
        assertNull(locations.positionOf(tree, null));
    }

    @Test
    void withoutALocOfItsOwnAnEntityIsWhereItsNodeIs() {
        tree.add("cse-in", null, ResourceTypes.CSE_BASE, "cse-in");
        tree.add("nd1", "cse-in", ResourceTypes.NODE, "cse-in/gateway").attributes.put("loc", loc(1, "[2.35, 48.86]"));
        tree.add("Cae", "cse-in", ResourceTypes.AE, "cse-in/ae").attributes.put("nl", "nd1");
        Resource csr = tree.add("id-mn", "cse-in", ResourceTypes.REMOTE_CSE, "cse-in/mn");
        csr.attributes.put("csi", "/id-mn");
        csr.attributes.put("nl", "nd1");
        assertEquals(point(2.35, 48.86), locations.positionOf(tree, "Cae"));
        assertEquals(point(2.35, 48.86), locations.positionOf(tree, "/id-mn"));
        assertEquals(point(2.35, 48.86), locations.positionOf(tree, "//keel.example.net/id-mn"));
    }

    @Test
    void onlyAPointIsAPosition() {
        tree.add("cse-in", null, ResourceTypes.CSE_BASE, "cse-in");
        tree.add("Carea", "cse-in", ResourceTypes.AE, "cse-in/area").attributes.put("loc",
                loc(3, "[[[0, 0], [1, 0], [1, 1], [0, 0]]]"));
        tree.add("Cnone", "cse-in", ResourceTypes.AE, "cse-in/none");
        tree.add("box", "cse-in", ResourceTypes.CONTAINER, "cse-in/box").attributes.put("loc", loc(1, "[0, 0]"));
        assertNull(locations.positionOf(tree, "Carea"));
        assertNull(locations.positionOf(tree, "Cnone"));
        assertNull(locations.positionOf(tree, "Cunknown"));
        assertNull(locations.positionOf(tree, "box"), "a container is no originator");
    }

    @Test
    void aSourceThatKnowsMoreComesFirst() {
        tree.add("cse-in", null, ResourceTypes.CSE_BASE, "cse-in");
        tree.add("Cae", "cse-in", ResourceTypes.AE, "cse-in/ae").attributes.put("loc", loc(1, "[11.58, 48.14]"));
        OriginatorLocations reported = (tx, originator) -> originator.equals("Cmoved") ? point(16.37, 48.21) : null;
        OriginatorLocations both = reported.orElse(locations);
        assertEquals(point(16.37, 48.21), both.positionOf(tree, "Cmoved"));
        assertEquals(point(11.58, 48.14), both.positionOf(tree, "Cae"));
    }
}
