package io.keel.core.resource;

/**
 * Whom a representation is made for. Some attributes only their resource's own entity and the hosting CSE may see (an
 * AE's pointOfAccess, TS-0001 table 9.6.5-2); everyone else gets the representation without them.
 */
public record Viewer(String originator) {
    /** The hosting CSE, and the admin originator acting for it: sees everything. */
    public static final Viewer CSE = new Viewer(null);
    /** A receiver of notifications: whoever it is, not the entity a resource represents. */
    public static final Viewer OTHERS = new Viewer("");

    /** Whether the resource represents this viewer (an AE's resourceID is its AE-ID), or the viewer is the CSE. */
    public boolean sees(Resource r) {
        return originator == null || originator.equals(r.ri);
    }
}
