package io.keel.core.access;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Visibility;
import io.keel.primitive.RequestPrimitive;
import java.util.Map;

/** Decides whether an originator may perform an operation on a resource (TS-0004 7.3.3.15). */
public interface AccessPolicy {
    /**
     * @param target the resource the privilege is checked on (for Create: the parent)
     * @return true when the request's originator, from its address and at this time, has the permission
     */
    boolean allows(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target);

    /**
     * Whether the originator may change the target's accessControlPolicyIDs: Update in the selfPrivileges of the
     * policies it references now (TS-0001 9.6.1.3.2).
     */
    boolean allowsAcpiChange(ResourceTree tx, RequestPrimitive req, Resource target);

    /**
     * Whether the originator may set, change or remove the target's custodian (cstn, Release 4), beside the Update
     * privilege the request needs anyway: the custodian may hand its rights on, the creator may while none is named.
     */
    boolean allowsCustodianChange(ResourceTree tx, RequestPrimitive req, Resource target);

    /**
     * Whether the originator may send a request of this permission through the group's fanOutPoint: the policies in
     * its membersAccessControlPolicyIDs decide, else those in its acpi (TS-0004 7.4.14.3.2–7.4.14.3.5).
     */
    boolean allowsFanOut(ResourceTree tx, RequestPrimitive req, Permission permission, Resource group);

    /**
     * The resources the originator has the permission on, as a predicate the database applies to discovery and child
     * lists, so that they never return nor count what it may not see.
     */
    Visibility visible(ResourceTree tx, RequestPrimitive req, Permission permission);

    /**
     * The Assigned Token Identifiers of the response (TS-0004 6.3.5.43): the Local-Token-IDs this CSE gave the tokens the
     * request carried, or null.
     */
    default Map<String, Object> assignedTokenIdentifiers(RequestPrimitive req) {
        return null;
    }

    /**
     * The Token Request Information (an m2m:dynAuthTokenReqInfo) for a request refused on the target whose originator
     * said it would request tokens (tqi): the Dynamic Authorization Servers that decide for the target and what to send
     * them (TS-0003 7.3.2.3 step 2); null when none decides for it.
     */
    default Map<String, Object> tokenRequestInformation(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        return null;
    }

    /** {@link #allows}, with why it refused when there is more to say than "no privilege". */
    default AccessDecision decide(ResourceTree tx, RequestPrimitive req, Permission permission, Resource target) {
        return AccessDecision.of(allows(tx, req, permission, target));
    }

    /** {@link #allowsFanOut}, with why it refused when there is more to say than "no privilege". */
    default AccessDecision decideFanOut(ResourceTree tx, RequestPrimitive req, Permission permission, Resource group) {
        return AccessDecision.of(allowsFanOut(tx, req, permission, group));
    }

    /**
     * The Authorization Signature Request Information of a successful response (TS-0003 7.3.2.2 step 5): true when the
     * originator is to sign tokens it carried; null otherwise.
     */
    default Boolean authorizationSignatureRequest(RequestPrimitive req) {
        return null;
    }

    /**
     * Answers a Notify to this CSE carrying an m2m:securityInfo (TS-0004 7.5.1.2.14: Dynamic Authorization Relationship
     * Mapping Request).
     *
     * @throws io.keel.primitive.OneM2MException 4000 when this CSE receives no such request
     */
    default io.keel.primitive.ResponsePrimitive relationshipMapping(RequestPrimitive req) {
        throw io.keel.primitive.OneM2MException.badRequest("this CSE receives no m2m:securityInfo");
    }
}
