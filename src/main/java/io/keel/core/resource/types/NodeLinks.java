package io.keel.core.resource.types;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.routing.Route;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The two directions of TS-0001 table 9.4.2-1 kept in step by the CSE: an AE's or a CSE's nodeLink (nl) names the
 * {@code <node>} it is hosted on, and that node's hostedAELinks (hael) lists the AE, its hostedCSELink (hcl) names the
 * CSE. TS-0004 7.4.3–7.4.5 and 7.4.18 leave the upkeep unsaid; Keel keeps both sides true for the nodes and entities of
 * this CSE, whichever side a request changes, and lets go of the other side when either is deleted. A nodeLink naming a
 * node of another CSE is stored as given: that CSE keeps its own node.
 */
final class NodeLinks {
    static final String NODE_LINK = "nl";
    static final String HOSTED_AE_LINKS = "hael";
    static final String HOSTED_CSE_LINK = "hcl";

    private NodeLinks() {
    }

    /** The node a hosted entity's hael or hcl is kept in. */
    private static String linkOf(Resource hosted) {
        return hosted.ty == ResourceTypes.AE ? HOSTED_AE_LINKS : HOSTED_CSE_LINK;
    }

    // ------------------------------------------------------------------------------- the hosted entity's side (nl)

    /**
     * The node a nodeLink given in a request names: its resource on this CSE, stored back in {@code nl} by its
     * resourceID; null when the value is null or names a resource of another CSE. Anything but a node here is 4000.
     */
    static Resource requireNode(ResourceOperation op, Object nl) {
        if (nl == null) {
            return null;
        }
        Route route;
        try {
            route = op.references.route((String) nl);
        } catch (OneM2MException e) {
            throw OneM2MException.badRequest("attribute nl " + nl + " names no resource of this CSE: it must be a <node>'s ID");
        }
        if (route instanceof Route.Remote) {
            return null;
        }
        if (!(route instanceof Route.Local local) || local.resource().ty != ResourceTypes.NODE) {
            throw OneM2MException.badRequest("attribute nl " + nl + " names no <node> (m2m:nod) but "
                    + (route.resource() == null ? "nothing" : "a resource of type " + route.resource().ty));
        }
        requireRetrievable(op, NODE_LINK, nl, local.resource());
        op.resource.attributes.put(NODE_LINK, local.resource().ri);
        return local.resource();
    }

    /** Checks the nodeLink of an AE or CSE being created ({@link #requireNode}). */
    static void creating(ResourceOperation op) {
        requireNode(op, op.given.get(NODE_LINK));
    }

    /** After an AE or CSE is created with a nodeLink to a node here: the node lists it. */
    static void created(ResourceOperation op) {
        Resource node = op.resource.get(NODE_LINK) instanceof String nl ? op.tree.find(nl) : null;
        if (node != null && node.ty == ResourceTypes.NODE) {
            addToNode(op, op.resource, node.ri);
        }
    }

    /** Before an Update of an AE or CSE is stored: if it changes nl, the old node lets go of it and the new one lists it. */
    static void updating(ResourceOperation op) {
        if (!op.given.containsKey(NODE_LINK)) {
            return;
        }
        Resource node = requireNode(op, op.given.get(NODE_LINK));
        Object before = op.previous.get(NODE_LINK);
        if (before != null && (node == null || !before.equals(node.ri))) {
            removeFromNode(op, op.resource.ri, linkOf(op.resource), (String) before);
        }
        if (node != null && !node.ri.equals(before)) {
            addToNode(op, op.resource, node.ri);
        }
    }

    /** Before an AE or CSE is deleted: its node no longer lists it. */
    static void deleting(ResourceOperation op) {
        if (op.resource.get(NODE_LINK) instanceof String nl) {
            removeFromNode(op, op.resource.ri, linkOf(op.resource), nl);
        }
    }

    private static void addToNode(ResourceOperation op, Resource hosted, String nodeRi) {
        Resource node = op.tree.lock(nodeRi);
        if (node == null) {
            return;
        }
        if (hosted.ty == ResourceTypes.AE) {
            List<String> hael = list(node.get(HOSTED_AE_LINKS));
            if (!hael.contains(hosted.ri)) {
                hael.add(hosted.ri);
                node.attributes.put(HOSTED_AE_LINKS, hael);
                op.tree.update(node);
            }
            return;
        }
        if (node.get(HOSTED_CSE_LINK) instanceof String other && !other.equals(hosted.ri)) {
            clearNodeLink(op, other, node.ri); // a node hosts one CSE: the one it named before is no longer on it
        }
        node.attributes.put(HOSTED_CSE_LINK, hosted.ri);
        op.tree.update(node);
    }

    private static void removeFromNode(ResourceOperation op, String hostedRi, String link, String nodeRi) {
        Resource node = op.tree.find(nodeRi) == null ? null : op.tree.lock(nodeRi);
        if (node == null || node.ty != ResourceTypes.NODE) {
            return;
        }
        if (link.equals(HOSTED_AE_LINKS)) {
            List<String> hael = list(node.get(HOSTED_AE_LINKS));
            if (hael.remove(hostedRi)) {
                putOrRemove(node, HOSTED_AE_LINKS, hael);
                op.tree.update(node);
            }
        } else if (hostedRi.equals(node.get(HOSTED_CSE_LINK))) {
            node.attributes.remove(HOSTED_CSE_LINK);
            op.tree.update(node);
        }
    }

    // ------------------------------------------------------------------------------------ the node's side (hael, hcl)

    /** hael and hcl of a Create or Update of a node: each ID must name an AE (hael) or the CSEBase or a remoteCSE (hcl) here. */
    static void requireHosted(ResourceOperation op) {
        if (op.given.get(HOSTED_AE_LINKS) instanceof List<?> hael) {
            List<String> ris = new ArrayList<>();
            for (Object id : hael) {
                ris.add(local(op, HOSTED_AE_LINKS, (String) id, ResourceTypes.AE, "an <AE>").ri);
            }
            op.resource.attributes.put(HOSTED_AE_LINKS, ris.stream().distinct().toList());
        }
        if (op.given.get(HOSTED_CSE_LINK) instanceof String hcl) {
            Resource cse = local(op, HOSTED_CSE_LINK, hcl, ResourceTypes.REMOTE_CSE, "the <CSEBase> or a <remoteCSE>");
            op.resource.attributes.put(HOSTED_CSE_LINK, cse.ri);
        }
    }

    private static Resource local(ResourceOperation op, String sn, String id, int ty, String expected) {
        Route route;
        try {
            route = op.references.route(id);
        } catch (OneM2MException e) {
            throw OneM2MException.badRequest("attribute " + sn + " holds " + id + ", which names no resource of this CSE: it must be "
                    + expected + " here");
        }
        Resource r = route instanceof Route.Local l ? l.resource() : null;
        boolean fits = r != null && (r.ty == ty || (ty == ResourceTypes.REMOTE_CSE && r.ty == ResourceTypes.CSE_BASE));
        if (!fits) {
            throw OneM2MException.badRequest("attribute " + sn + " holds " + id + ", which is not " + expected + " of this CSE");
        }
        requireRetrievable(op, sn, id, r);
        return r;
    }

    /**
     * A link changes the other side too: the originator must at least see what it links to (its Retrieve privilege),
     * else 4103. Keel asks no more (not the Update privilege on the other side): the text names none.
     */
    private static void requireRetrievable(ResourceOperation op, String sn, Object id, Resource other) {
        if (op.request != null && !op.references.retrievable(other)) {
            throw new OneM2MException(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "attribute " + sn + ": the originator"
                    + " may not retrieve " + id + ", which it links to");
        }
    }

    /** After a node is created, or before an Update of it is stored: the entities it lists or no longer lists follow. */
    static void nodeWritten(ResourceOperation op) {
        Resource node = op.resource;
        if (op.given.containsKey(HOSTED_AE_LINKS)) {
            List<String> before = list(op.previous.get(HOSTED_AE_LINKS));
            List<String> now = list(node.get(HOSTED_AE_LINKS));
            before.stream().filter(ri -> !now.contains(ri)).forEach(ri -> clearNodeLink(op, ri, node.ri));
            now.stream().filter(ri -> !before.contains(ri)).forEach(ri -> setNodeLink(op, ri, node));
        }
        if (op.given.containsKey(HOSTED_CSE_LINK)) {
            Object before = op.previous.get(HOSTED_CSE_LINK);
            Object now = node.get(HOSTED_CSE_LINK);
            if (before instanceof String b && !b.equals(now)) {
                clearNodeLink(op, b, node.ri);
            }
            if (now instanceof String n && !n.equals(before)) {
                setNodeLink(op, n, node);
            }
        }
    }

    /** Before a node is deleted: the entities it lists lose their nodeLink to it. */
    static void nodeDeleting(ResourceOperation op, Resource node) {
        list(node.get(HOSTED_AE_LINKS)).forEach(ri -> clearNodeLink(op, ri, node.ri));
        if (node.get(HOSTED_CSE_LINK) instanceof String cse) {
            clearNodeLink(op, cse, node.ri);
        }
    }

    /** The hosted entity names the node; the node it named before here lets go of it. */
    private static void setNodeLink(ResourceOperation op, String hostedRi, Resource node) {
        Resource hosted = op.tree.lock(hostedRi);
        if (hosted == null || Objects.equals(hosted.get(NODE_LINK), node.ri)) {
            return;
        }
        if (hosted.get(NODE_LINK) instanceof String old) {
            removeFromNode(op, hostedRi, linkOf(hosted), old);
        }
        hosted.attributes.put(NODE_LINK, node.ri);
        op.tree.update(hosted);
    }

    /** The hosted entity no longer names the node (if it named it). */
    private static void clearNodeLink(ResourceOperation op, String hostedRi, String nodeRi) {
        Resource hosted = op.tree.find(hostedRi) == null ? null : op.tree.lock(hostedRi);
        if (hosted != null && nodeRi.equals(hosted.get(NODE_LINK))) {
            hosted.attributes.remove(NODE_LINK);
            op.tree.update(hosted);
        }
    }

    private static List<String> list(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    /** An empty link list is absent (TS-0001 table 9.6.18-2: not present when the node hosts no AE). */
    private static void putOrRemove(Resource node, String sn, List<String> values) {
        if (values.isEmpty()) {
            node.attributes.remove(sn);
        } else {
            node.attributes.put(sn, values);
        }
    }
}
