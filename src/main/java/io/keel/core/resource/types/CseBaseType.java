package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.NotifyRecipient;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <CSEBase>} (ty 5, m2m:cb): created by the CSE at first start from the settings (its acpi too:
 * {@code keel.cse.acpi}), never created, updated or deleted by a request (TS-0004 7.4.3.2.1, 7.4.3.2.3, 7.4.3.2.4).
 */
public final class CseBaseType extends ResourceType {
    public CseBaseType() {
        super(ResourceTypes.CSE_BASE, "cb", List.of(
                AttributeDef.readOnly(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly("cst", AttributeType.CSE_TYPE),
                AttributeDef.readOnly("csi", AttributeType.ID),
                AttributeDef.readOnly("srt", AttributeType.RESOURCE_TYPE_LIST),
                AttributeDef.readOnly("poa", AttributeType.POA_LIST),
                AttributeDef.readOnly("csz", AttributeType.SERIALIZATIONS).since("3"),
                AttributeDef.readOnly("srv", AttributeType.LIST_OF_RELEASE_VERSIONS).since("2a"),
                AttributeDef.readOnly("ctm", AttributeType.TIMESTAMP).since("4"),
                // RO (TS-0001 table 9.6.3-2): the CSE sets it when a <node> names the CSEBase in its hostedCSELink.
                AttributeDef.readOnly(NodeLinks.NODE_LINK, AttributeType.ANY_URI)));
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.ACCESS_CONTROL_POLICY, ResourceTypes.AE, ResourceTypes.CONTAINER, ResourceTypes.FLEX_CONTAINER,
                ResourceTypes.GROUP, ResourceTypes.LOCATION_POLICY, ResourceTypes.MGMT_CMD, ResourceTypes.NODE, ResourceTypes.REMOTE_CSE, ResourceTypes.SCHEDULE,
                ResourceTypes.SUBSCRIPTION, ResourceTypes.TIME_SERIES, ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION,
                ResourceTypes.ONTOLOGY_REPOSITORY, ResourceTypes.NOTIFICATION_TARGET_POLICY,
                ResourceTypes.M2M_SERVICE_SUBSCRIPTION_PROFILE, ResourceTypes.SERVICE_SUBSCRIBED_APP_RULE,
                ResourceTypes.ROLE, ResourceTypes.TOKEN,
                ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION, ResourceTypes.AUTHORIZATION_DECISION,
                ResourceTypes.AUTHORIZATION_POLICY, ResourceTypes.AUTHORIZATION_INFORMATION);
    }

    @Override
    public boolean hasExpirationTime() {
        return false;
    }

    @Override
    public boolean creatableByRequest() {
        return false;
    }

    @Override
    public boolean updatable() {
        return false;
    }

    @Override
    public boolean deletable() {
        return false;
    }

    /** A Notify to the CSEBase is for the CSE itself. */
    @Override
    public NotifyRecipient notifyRecipient() {
        return NotifyRecipient.THIS_CSE;
    }

    /** currentTime (Release 4): the CSE's clock when the representation is made, for entities to synchronize with. */
    @Override
    protected void computed(Resource r, Map<String, Object> representation) {
        representation.put("ctm", Timestamps.format(Instant.now()));
    }
}
