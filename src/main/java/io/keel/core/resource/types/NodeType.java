package io.keel.core.resource.types;

import io.keel.core.geo.Location;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Set;

/**
 * {@code <node>} (ty 14, m2m:nod), TS-0004 7.4.18 and TS-0001 9.6.18: an M2M Node, holding its {@code <mgmtObj>}s. Its
 * nodeID is unique among this CSE's nodes; hostedAELinks and hostedCSELink are kept in step with the nodeLink of the
 * AEs and CSEs they name ({@link NodeLinks}).
 */
public final class NodeType extends ResourceType {
    static final String NODE_ID = "ni";

    public NodeType() {
        super(ResourceTypes.NODE, "nod", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.mandatory(NODE_ID, AttributeType.ID),
                AttributeDef.optional(NodeLinks.HOSTED_CSE_LINK, AttributeType.ID),
                AttributeDef.optional(NodeLinks.HOSTED_AE_LINKS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional("hsl", AttributeType.LIST_OF_URIS),
                AttributeDef.optional("mgca", AttributeType.STRING),
                // roamingStatus and networkID: what the underlying network tells the CSE (NP, TS-0004 table 7.4.18.1-3).
                AttributeDef.readOnly("rms", AttributeType.BOOLEAN),
                AttributeDef.readOnly("nid", AttributeType.STRING),
                AttributeDef.optional(Location.LOC, AttributeType.GEO_COORDINATES).since("4")));
    }

    @Override
    public Set<Integer> childTypes() {
        // TS-0004 table 7.4.18.1-4, of the types Keel implements (no transaction).
        return Set.of(ResourceTypes.MGMT_OBJ, ResourceTypes.SCHEDULE, ResourceTypes.SUBSCRIPTION, ResourceTypes.SEMANTIC_DESCRIPTOR);
    }

    /** Announced as nodeAnnc (10014, m2m:nodA, TS-0004 8.2). */
    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public String announcedShortName() {
        return "nodA";
    }

    /** nodeID is MA (TS-0001 table 9.6.18-2). */
    @Override
    public List<String> mandatoryAnnounced() {
        return List.of(NODE_ID);
    }

    /** The OA attributes of TS-0001 table 9.6.18-2. */
    @Override
    public List<String> announcedAttributes() {
        return List.of(NodeLinks.HOSTED_CSE_LINK, NodeLinks.HOSTED_AE_LINKS, "hsl", "mgca", "rms", "nid");
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        requireUniqueNodeId(op);
        NodeLinks.requireHosted(op);
    }

    @Override
    public void afterCreate(ResourceOperation op) {
        NodeLinks.nodeWritten(op);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (op.given.containsKey(NODE_ID)) {
            requireUniqueNodeId(op);
        }
        NodeLinks.requireHosted(op);
        NodeLinks.nodeWritten(op);
    }

    @Override
    public void beforeDelete(ResourceOperation op) {
        NodeLinks.nodeDeleting(op, op.resource);
    }

    /**
     * A node's nodeID names one M2M Node (TS-0004 table 6.3.3-1: globally unique): a second node of this CSE with it is
     * 4105, the answer for a resource that already exists, since TS-0004 7.4.18 names none.
     */
    private static void requireUniqueNodeId(ResourceOperation op) {
        Object ni = op.resource.get(NODE_ID);
        for (Resource other : op.tree.ofType(ResourceTypes.NODE)) {
            if (!other.ri.equals(op.resource.ri) && ni.equals(other.get(NODE_ID))) {
                throw new OneM2MException(ResponseStatusCode.CONFLICT, "a <node> with the nodeID " + ni + " exists already: "
                        + other.ri);
            }
        }
    }
}
