package io.keel.core.location;

import io.keel.core.CseIdentity;
import io.keel.core.geo.Location;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Point;

/**
 * Sharing-based positioning (TS-0004 7.4.10.2.1 step 5, TS-0001 10.2.9.2): an entity with no positioning of its
 * own is given the position of the closest {@code <node>} of this CSE that has one, closest by the fewest hops through
 * the M2M Area Network topology the nodes' areaNwkDeviceInfo (mgmtObj 1005) describe with listOfNeighbors; without
 * such a node, the position of the node of the Hosting CSE itself (its {@code <node>} whose hostedCSELink is the
 * CSEBase). A node's position is its Release 4 loc, a Point.
 * <p>
 * A neighbour (an entry of lnh) is the node whose nodeID or resourceID it is, or the node of the areaNwkDeviceInfo
 * whose devID it is; a link counts both ways, as the devices of one area network reach each other over it.
 */
public final class SharedPositions {
    /** Enough hops for any area network; what lies farther is not looked for. */
    static final int MAX_HOPS = 32;
    private static final int AREA_NWK_DEVICE_INFO = 1005;
    private static final String NEIGHBOURS = "lnh";
    private static final String DEVICE_ID = "dvd";
    private static final String NODE_ID = "ni";
    private static final String NODE_LINK = "nl";
    private static final String HOSTED_CSE_LINK = "hcl";
    private static final int PAGE = 1000;

    private SharedPositions() {
    }

    /** Where it was found: the loc of the node that shares it, and that node's resourceID. */
    public record Shared(Map<?, ?> loc, String node) {
    }

    /**
     * @param entity the {@code <AE>} or {@code <node>} to position (the policy's target)
     * @return the shared position, or null when neither a node of its area network nor the Hosting CSE's node has one
     */
    public static Shared of(ResourceTree tree, CseIdentity cse, Resource entity) {
        Resource start = entity == null ? null : entity.ty == ResourceTypes.NODE ? entity
                : entity.get(NODE_LINK) instanceof String nl ? tree.find(nl) : null;
        if (start != null && start.ty == ResourceTypes.NODE) {
            Shared closest = closest(tree, cse, start);
            if (closest != null) {
                return closest;
            }
        }
        String below = below(tree, cse);
        for (Resource own : tree.naming(HOSTED_CSE_LINK, List.of(cse.cseBaseRi()), below, 1)) {
            if (own.ty == ResourceTypes.NODE && point(own)) {
                return new Shared((Map<?, ?>) own.get(Location.LOC), own.ri);
            }
        }
        return null;
    }

    /** Breadth first from the start node: the first level holding a node with a position gives it (the oldest first). */
    private static Shared closest(ResourceTree tree, CseIdentity cse, Resource start) {
        Set<String> seen = new HashSet<>(Set.of(start.ri));
        List<Resource> level = List.of(start);
        for (int hops = 0; hops <= MAX_HOPS && !level.isEmpty(); hops++) {
            for (Resource node : level) {
                if (point(node)) {
                    return new Shared((Map<?, ?>) node.get(Location.LOC), node.ri);
                }
            }
            List<Resource> next = new ArrayList<>();
            for (Resource node : level) {
                for (Resource neighbour : neighbours(tree, cse, node)) {
                    if (seen.add(neighbour.ri)) {
                        next.add(neighbour);
                    }
                }
            }
            level = next;
        }
        return null;
    }

    /** The nodes this node names as neighbours, and those that name it. */
    private static java.util.Collection<Resource> neighbours(ResourceTree tree, CseIdentity cse, Resource node) {
        String below = below(tree, cse);
        Set<String> ids = new LinkedHashSet<>();
        ids.add(node.ri);
        if (node.get(NODE_ID) instanceof String ni) {
            ids.add(ni);
        }
        Set<String> named = new LinkedHashSet<>();
        for (Resource andi : areaNetworkDevices(tree, node)) {
            if (andi.get(DEVICE_ID) instanceof String dvd) {
                ids.add(dvd);
            }
            if (andi.get(NEIGHBOURS) instanceof List<?> lnh) {
                lnh.forEach(n -> named.add(String.valueOf(n)));
            }
        }
        Map<String, Resource> found = new java.util.LinkedHashMap<>();
        if (!named.isEmpty()) {
            for (String id : named) {
                Resource byRi = tree.find(id);
                if (byRi != null && byRi.ty == ResourceTypes.NODE) {
                    found.put(byRi.ri, byRi);
                }
            }
            tree.naming(NODE_ID, named, below, PAGE).stream().filter(r -> r.ty == ResourceTypes.NODE).forEach(r -> found.put(r.ri, r));
            for (Resource andi : tree.naming(DEVICE_ID, named, below, PAGE)) {
                nodeOf(tree, andi, found);
            }
        }
        for (Resource andi : tree.naming(NEIGHBOURS, ids, below, PAGE)) {
            nodeOf(tree, andi, found);
        }
        found.remove(node.ri);
        return found.values();
    }

    /** The structured name of the CSEBase, below which the nodes are. */
    private static String below(ResourceTree tree, CseIdentity cse) {
        Resource base = tree.find(cse.cseBaseRi());
        return base == null ? cse.cseName() : base.srn;
    }

    private static void nodeOf(ResourceTree tree, Resource andi, Map<String, Resource> into) {
        if (andi.ty == ResourceTypes.MGMT_OBJ && Long.valueOf(AREA_NWK_DEVICE_INFO).equals(mgd(andi))) {
            Resource parent = tree.find(andi.pi);
            if (parent != null && parent.ty == ResourceTypes.NODE) {
                into.put(parent.ri, parent);
            }
        }
    }

    private static List<Resource> areaNetworkDevices(ResourceTree tree, Resource node) {
        return tree.children(node.ri, ResourceTypes.MGMT_OBJ).stream()
                .filter(m -> Long.valueOf(AREA_NWK_DEVICE_INFO).equals(mgd(m))).toList();
    }

    private static Long mgd(Resource mgmtObj) {
        return mgmtObj.get("mgd") instanceof Number n ? n.longValue() : null;
    }

    private static boolean point(Resource node) {
        return Location.of(node) instanceof Point;
    }
}
