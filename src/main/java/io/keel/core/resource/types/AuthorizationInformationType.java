package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.List;
import java.util.Set;

/**
 * {@code <authorizationInformation>} (ty 37, m2m:auif), TS-0004 7.4.45; TS-0001 9.6.43: a PIP. An Update of fr is an
 * access control information request for the roles and tokens of that originator. Keel keeps no roles nor tokens of
 * originators, so it answers sus 2 (NOT_APPLICABLE) and no rids/tids; the request is not kept.
 */
public final class AuthorizationInformationType extends ResourceType {
    /** The attributes of an access control information request (TS-0004 7.4.45.2.3 step 1a). */
    private static final List<String> REQUEST = List.of("fr", "rids", "tids");

    AuthorizationInformationType() {
        super(ResourceTypes.AUTHORIZATION_INFORMATION, "auif", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly(AuthorizationStatus.ATTRIBUTE, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("fr", AttributeType.ID),
                AttributeDef.optional("rids", AttributeType.LIST),
                AttributeDef.optional("tids", AttributeType.LIST)));
    }

    /** TS-0004 table 7.4.45.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        REQUEST.forEach(op.resource.attributes::remove);
    }

    /**
     * TS-0004 7.4.45.2.3: an Update of fr (with rids and tids, the information asked for) must update nothing else and
     * must give fr (4000); one without any of them is an ordinary one.
     */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (REQUEST.stream().noneMatch(op.given::containsKey)) {
            return;
        }
        if (!REQUEST.containsAll(op.given.keySet()) || op.given.get("fr") == null) {
            throw OneM2MException.badRequest("an access control information request gives fr (and rids, tids), and nothing else");
        }
        REQUEST.forEach(op.resource.attributes::remove);
        op.resource.attributes.put(AuthorizationStatus.ATTRIBUTE, AuthorizationStatus.NOT_APPLICABLE.value);
    }
}
