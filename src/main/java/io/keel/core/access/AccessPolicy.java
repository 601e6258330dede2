package io.keel.core.access;

import io.keel.core.resource.Resource;
import io.keel.persistence.TreeTransaction;
import io.keel.persistence.Visibility;
import io.keel.primitive.Operation;

/** Decides whether an originator may perform an operation on a resource (TS-0004 7.3.3.15). */
public interface AccessPolicy {
    /**
     * @param target the resource the privilege is checked on (for Create: the parent)
     * @return true when allowed
     */
    boolean allows(TreeTransaction tx, String originator, Operation op, Resource target);

    /** The resources the originator may discover, as a predicate discovery queries apply in the database. */
    Visibility discoverable(TreeTransaction tx, String originator);
}
