package io.keel.core.routing;

import io.keel.core.AddressForm;
import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.VirtualChild;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classifies the To parameter of a request (TS-0004 6.2.3 and 7.3.2) once, in any of the three ID forms, structured or
 * unstructured, into a {@link Route}. A To naming another CSE or service provider is {@link Route.Remote} before the
 * tree is looked at; otherwise the stored resource, or the parent whose type declares the virtual child the last
 * segment names, or the group whose fanOutPoint the path passes through.
 */
public final class Router {
    private final CseIdentity cse;
    private final TypeRegistry types;
    /** The names fan-out points go by (fopt): only a path holding one can be a fan-out below its last segment. */
    private final Set<String> fanOutPoints;
    private final NextHopFinder nextHops;

    /** A router that finds no next hop for requests for other CSEs. */
    public Router(CseIdentity cse, TypeRegistry types) {
        this(cse, types, NextHopFinder.NONE);
    }

    public Router(CseIdentity cse, TypeRegistry types, NextHopFinder nextHops) {
        this.cse = cse;
        this.types = types;
        this.fanOutPoints = types.fanOutPoints();
        this.nextHops = nextHops;
    }

    /**
     * Like {@link #route(ResourceTree, String)}, and a request for another CSE also gets the CSE to pass it to
     * (TS-0004 7.3.2.6): a matching {@code <remoteCSE>}, else the registrar of an MN- or ASN-CSE, else none.
     */
    public Route route(Transaction tx, String to) {
        Route route = route(tx.tree(), to);
        if (route instanceof Route.Remote remote) {
            return new Route.Remote(remote.spId(), remote.cseId(), nextHops.find(tx, remote));
        }
        return route;
    }

    /** Whether the To names another CSE or service provider (TS-0004 7.3.2.8): this CSE is a transit CSE for it. */
    public boolean isRemote(String to) {
        return remote(to) != null;
    }

    public Route route(ResourceTree tree, String to) {
        Route.Remote remote = remote(to);
        if (remote != null) {
            return remote;
        }
        String[] segments = cseRelative(to).split("/", -1);
        String first = segments[0];
        String srn;
        if (first.equals(cse.cseName()) || first.equals("-")) {
            srn = cse.cseName() + rest(segments, 1);
        } else {
            Resource byRi = tree.find(first);
            if (byRi == null) {
                throw OneM2MException.notFound("resource " + first + " not found");
            }
            if (segments.length == 1) {
                return new Route.Local(byRi);
            }
            srn = byRi.srn + rest(segments, 1);
        }
        Resource r = tree.findByStructuredName(srn);
        if (r != null) {
            return new Route.Local(r);
        }
        int cut = srn.lastIndexOf('/');
        if (cut > 0) {
            Resource parent = tree.findByStructuredName(srn.substring(0, cut));
            VirtualChild child = parent == null ? null : virtualChild(parent, srn.substring(cut + 1));
            if (child != null) {
                return child.fansOut() ? new Route.FanOut(parent, child, null) : new Route.Virtual(child, parent);
            }
        }
        Route fanOut = fanOutWithPath(tree, srn);
        if (fanOut != null) {
            return fanOut;
        }
        throw OneM2MException.notFound("resource " + to + " not found");
    }

    /**
     * The structured names a request for this To reads first: the target's, which {@link #route(ResourceTree, String)}
     * looks up, and those of its ancestors (its parent holds a virtual child such as {@code la}, access control climbs
     * to where policies are, and the originator is often the AE above its data), when the To is a structured ID of
     * this CSE; none otherwise, also when the To is invalid (route says why).
     */
    public List<String> structuredNames(String to) {
        try {
            if (remote(to) != null) {
                return List.of();
            }
            String[] segments = cseRelative(to).split("/", -1);
            if (!segments[0].equals(cse.cseName()) && !segments[0].equals("-")) {
                return List.of();
            }
            List<String> names = new ArrayList<>(segments.length);
            StringBuilder srn = new StringBuilder(cse.cseName());
            names.add(srn.toString());
            for (int i = 1; i < segments.length; i++) {
                names.add(srn.append('/').append(segments[i]).toString());
            }
            return names;
        } catch (OneM2MException e) {
            return List.of();
        }
    }

    private VirtualChild virtualChild(Resource parent, String name) {
        return types.require(parent.ty).virtualChildren().get(name);
    }

    /**
     * {@code <group>/fopt/<relative path>}: the path is not resolved here but appended to each member's ID when the
     * request is fanned out (TS-0004 7.4.14).
     */
    private Route fanOutWithPath(ResourceTree tree, String srn) {
        for (String name : fanOutPoints) {
            String marker = "/" + name + "/";
            for (int at = srn.indexOf(marker); at > 0; at = srn.indexOf(marker, at + 1)) {
                Resource group = tree.findByStructuredName(srn.substring(0, at));
                VirtualChild point = group == null ? null : virtualChild(group, name);
                if (point != null && point.fansOut()) {
                    String path = srn.substring(at + marker.length());
                    return new Route.FanOut(group, point, path.isEmpty() ? null : path);
                }
            }
        }
        return null;
    }

    /**
     * A To in SP-relative or absolute form that names another CSE or service provider (TS-0004 6.2.3): remote, its
     * next hop not looked for yet.
     */
    private Route.Remote remote(String to) {
        if (to == null || to.isEmpty()) {
            throw OneM2MException.badRequest("To is missing");
        }
        AddressForm form = AddressForm.of(to);
        if (form.spId() != null && !form.spId().equalsIgnoreCase(cse.spId())) {
            return new Route.Remote(form.spId(), form.cseId(), null);
        }
        if (form.spId() != null && form.cseId() == null) {
            throw OneM2MException.badRequest("To " + to + " names no CSE");
        }
        return cse.cseRelative(to) == null ? new Route.Remote(null, form.cseId(), null) : null;
    }

    /** The CSE-relative form of a To that names this CSE. */
    String cseRelative(String to) {
        String rest = cse.cseRelative(to);
        if (rest.isEmpty() && AddressForm.of(to).cseId() != null) {
            return cse.cseName(); // the CSE-ID alone addresses the CSEBase
        }
        if (rest.isEmpty() || rest.startsWith("/") || rest.contains("//")) {
            throw OneM2MException.badRequest("To " + to + " is not a valid resource ID");
        }
        return rest;
    }

    private static String rest(String[] segments, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < segments.length; i++) {
            b.append('/').append(segments[i]);
        }
        return b.toString();
    }
}
