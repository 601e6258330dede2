package io.keel.core.resource;

import io.keel.core.Target;

/**
 * What a type's hooks may ask about resources other than the one under way: what an ID names, and whether the
 * originator of the request may retrieve it (a group's members, TS-0004 7.4.13).
 */
public interface References {
    /**
     * @param id a resource ID in any of the three forms
     * @return what the ID addresses on this CSE, or null when it names a resource of another CSE
     * @throws io.keel.primitive.OneM2MException 4004 when this CSE has no such resource, 4000 for an invalid ID
     */
    Target local(String id);

    /** Whether the originator of the request under way has the Retrieve privilege on the resource. */
    boolean retrievable(Resource r);
}
