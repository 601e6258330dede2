package io.keel.core.geo;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceTree;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * The location an originator registered here gives of itself (Release 4 {@code loc}): its {@code <AE>}'s, or, when the
 * AE has none, that of the {@code <node>} its nodeLink names (the node it runs on); for a CSE, the node its
 * {@code <remoteCSE>}'s nodeLink names. Only a Point is a position: a line or an area says where something may be, not
 * where it is. An originator that is not registered here, or gives no point, has no known position.
 */
public final class RegisteredLocations implements OriginatorLocations {
    private static final String NODE_LINK = "nl";
    private final CseIdentity cse;

    public RegisteredLocations(CseIdentity cse) {
        this.cse = cse;
    }

    @Override
    public Point positionOf(ResourceTree tx, String originator) {
        Resource entity = registered(tx, originator);
        if (entity == null) {
            return null;
        }
        Point own = point(entity);
        if (own != null || !(entity.get(NODE_LINK) instanceof String nl)) {
            return own;
        }
        Resource node = tx.find(nl);
        return node != null && node.ty == ResourceTypes.NODE ? point(node) : null;
    }

    /** The originator's {@code <AE>} (by its AE-ID-Stem, its resourceID) or {@code <remoteCSE>} here; null if none. */
    public Resource registered(ResourceTree tx, String originator) {
        if (originator == null) {
            return null;
        }
        String id = originator;
        String ownSp = "//" + cse.spId() + "/";
        if (id.startsWith(ownSp)) {
            id = id.substring(ownSp.length() - 1);
        }
        if (id.startsWith(cse.spRelativeCseId() + "/")) {
            id = id.substring(cse.spRelativeCseId().length() + 1);
        }
        if (id.startsWith("/") && id.indexOf('/', 1) < 0) {
            Resource csr = tx.find(id.substring(1)); // a remoteCSE's ri is its CSE-ID without the slash
            return csr != null && csr.ty == ResourceTypes.REMOTE_CSE && id.equals(csr.get("csi")) ? csr : null;
        }
        if (id.isEmpty() || id.indexOf('/') >= 0) {
            return null;
        }
        Resource ae = tx.find(id);
        return ae != null && ae.ty == ResourceTypes.AE ? ae : null;
    }

    private static Point point(Resource r) {
        Geometry g = Location.of(r);
        return g instanceof Point p ? p : null;
    }
}
