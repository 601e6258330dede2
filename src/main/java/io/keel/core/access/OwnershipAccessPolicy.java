package io.keel.core.access;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.persistence.TreeTransaction;
import io.keel.persistence.Visibility;
import java.util.List;
import io.keel.primitive.Operation;

/**
 * The default access policy for resources without accessControlPolicyIDs (TS-0001 9.6.1.3.2, shared/spec §10.5):
 * the admin originator and the CSE itself may do everything; the originator that created a resource may do
 * everything on it, and so may the AE it lives under; a registered AE may retrieve the CSEBase. All else is denied.
 */
public final class OwnershipAccessPolicy implements AccessPolicy {
    private final CseIdentity cse;

    public OwnershipAccessPolicy(CseIdentity cse) {
        this.cse = cse;
    }

    @Override
    public boolean allows(TreeTransaction tx, String originator, Operation op, Resource target) {
        if (originator == null || originator.isEmpty()) {
            return false;
        }
        String who = localId(originator);
        if (who.equals(cse.adminOriginator()) || who.equals(cse.cseId())) {
            return true;
        }
        if (who.equals(target.origin) || (target.ty == ResourceTypes.AE && who.equals(target.ri))) {
            return true;
        }
        if (target.ty == ResourceTypes.CSE_BASE) {
            return op == Operation.RETRIEVE && isRegisteredAe(tx, who);
        }
        Resource ae = owningAe(tx, target);
        return ae != null && who.equals(ae.ri);
    }

    /** What it created, and everything under its own AE (the same resources {@link #allows} lets it retrieve). */
    @Override
    public Visibility discoverable(TreeTransaction tx, String originator) {
        if (originator == null || originator.isEmpty()) {
            return new Visibility(false, "", List.of());
        }
        String who = localId(originator);
        if (who.equals(cse.adminOriginator()) || who.equals(cse.cseId())) {
            return Visibility.EVERYTHING;
        }
        Resource ae = tx.find(who);
        return new Visibility(false, who, ae != null && ae.ty == ResourceTypes.AE ? List.of(ae.srn) : List.of());
    }

    /** The AE a resource lives under: the second segment of its structured ID, if that is an AE. */
    private Resource owningAe(TreeTransaction tx, Resource r) {
        String[] segments = r.srn.split("/", 3);
        if (segments.length < 3) {
            return null;
        }
        Resource top = tx.findByStructuredName(segments[0] + "/" + segments[1]);
        return top != null && top.ty == ResourceTypes.AE ? top : null;
    }

    private static boolean isRegisteredAe(TreeTransaction tx, String id) {
        Resource r = tx.find(id);
        return r != null && r.ty == ResourceTypes.AE;
    }

    /** An originator in SP-relative form of this CSE ({@code /id-in/Cxyz}) is the same as its CSE-relative form. */
    private String localId(String originator) {
        String prefix = cse.spRelativeCseId() + "/";
        if (originator.startsWith(prefix)) {
            return originator.substring(prefix.length());
        }
        if (originator.equals(cse.spRelativeCseId())) {
            return cse.cseId();
        }
        return originator;
    }
}
