package io.keel.core.resource;

import io.keel.core.routing.Route;

/**
 * What a type's hooks may ask about resources other than the one under way: what an ID names, whether the originator
 * of the request may retrieve it (a group's members, TS-0004 7.4.13), and whether IDs name accessControlPolicies.
 */
public interface References {
    /**
     * @param id a resource ID in any of the three forms
     * @return where the ID leads: on this CSE, or {@link Route.Remote} for a resource of another CSE
     * @throws io.keel.primitive.OneM2MException 4004 when this CSE has no such resource, 4000 for an invalid ID
     */
    Route route(String id);

    /** Whether the originator of the request under way has the Retrieve privilege on the resource. */
    boolean retrievable(Resource r);

    /**
     * A resource of another CSE as the type's {@link ResourceType#beforeTransaction} hook retrieved it for this
     * request, or null when it did not; under a semanticDescriptor's own ri, the semanticValidation that found it
     * valid (TS-0004 7.4.34.2.1 c).
     */
    default RemoteResources.Retrieved retrieved(String id) {
        return null;
    }

    /** Every ID in the value (a list of IDs, or null) must be the resourceID of an accessControlPolicy here, else 4000. */
    void requirePolicies(Object ids);
}
