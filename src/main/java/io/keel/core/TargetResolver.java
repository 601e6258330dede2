package io.keel.core;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.GroupType;
import io.keel.persistence.TreeTransaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;

/**
 * Resolves the To parameter (TS-0004 6.2.3; shared/spec §7) in all three forms, structured or unstructured, to a
 * {@link Target}. A To naming another CSE or service provider is remote: 5103 until forwarding exists.
 */
public final class TargetResolver {
    private final CseIdentity cse;
    private final ResourceTypes types;

    public TargetResolver(CseIdentity cse, ResourceTypes types) {
        this.cse = cse;
        this.types = types;
    }

    public Target resolve(TreeTransaction tx, String to) {
        String local = toCseRelative(to);
        String[] segments = local.split("/", -1);
        String first = segments[0];
        String srn;
        if (first.equals(cse.cseName()) || first.equals("-")) {
            srn = cse.cseName() + rest(segments, 1);
        } else {
            Resource byRi = tx.find(first);
            if (byRi == null) {
                throw OneM2MException.notFound("resource " + first + " not found");
            }
            if (segments.length == 1) {
                return new Target(byRi, null);
            }
            srn = byRi.srn + rest(segments, 1);
        }
        Resource r = tx.findByStructuredName(srn);
        if (r != null) {
            return new Target(r, null);
        }
        // Not stored: maybe a virtual child (la, ol, fopt, pcu) of its parent.
        int cut = srn.lastIndexOf('/');
        if (cut > 0) {
            String name = srn.substring(cut + 1);
            Resource parent = tx.findByStructuredName(srn.substring(0, cut));
            if (parent != null) {
                ResourceType t = types.get(parent.ty);
                if (t != null && t.virtualChildren().contains(name)) {
                    return new Target(parent, name);
                }
            }
        }
        Target fanOut = fanOutPointWithPath(tx, srn);
        if (fanOut != null) {
            return fanOut;
        }
        throw OneM2MException.notFound("resource " + to + " not found");
    }

    /**
     * {@code <group>/fopt/<relative path>}: the path is not resolved here but appended to each member's ID when the
     * request is fanned out (TS-0004 7.4.14).
     */
    private Target fanOutPointWithPath(TreeTransaction tx, String srn) {
        String marker = "/" + GroupType.FAN_OUT_POINT + "/";
        for (int at = srn.indexOf(marker); at > 0; at = srn.indexOf(marker, at + 1)) {
            Resource group = tx.findByStructuredName(srn.substring(0, at));
            if (group != null && group.ty == ResourceTypes.GROUP) {
                String path = srn.substring(at + marker.length());
                return new Target(group, GroupType.FAN_OUT_POINT, path.isEmpty() ? null : path);
            }
        }
        return null;
    }

    /** Strips the SP-relative or absolute prefix of a To that names this CSE; anything else is remote. */
    String toCseRelative(String to) {
        if (to == null || to.isEmpty()) {
            throw OneM2MException.badRequest("To is missing");
        }
        String rest = to;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String sp = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            if (!sp.equalsIgnoreCase(cse.spId())) {
                throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE,
                        "service provider " + sp + " is not reachable from this CSE");
            }
            if (slash < 0) {
                throw OneM2MException.badRequest("To " + to + " names no CSE");
            }
            rest = rest.substring(slash);
        }
        if (rest.startsWith("/")) {
            int slash = rest.indexOf('/', 1);
            String csi = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
            if (!csi.equals(cse.cseId())) {
                throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE,
                        "CSE /" + csi + " is not reachable from this CSE");
            }
            // The CSE-ID alone addresses the CSEBase.
            rest = slash < 0 || slash == rest.length() - 1 ? cse.cseName() : rest.substring(slash + 1);
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
