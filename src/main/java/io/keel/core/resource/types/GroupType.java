package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.NotifyRecipient;
import io.keel.core.resource.Resource;
import io.keel.core.resource.PendingWrite;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.VirtualChild;
import io.keel.core.routing.Route;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <group>} (ty 9, m2m:grp), TS-0004 7.4.13, 7.4.14, 7.3.3.15; TS-0001 9.6.13: resources of this or other CSEs
 * named by their IDs (mid), which requests to the virtual child {@code fopt} reach all at once, whose semantic
 * descriptors the virtual child {@code sfop} queries together, and which an
 * accessControlPolicy may name in acor by the group's ID. The member rules are {@link GroupMembers}.
 */
public final class GroupType extends ResourceType {
    public static final String FAN_OUT_POINT = "fopt";
    public static final String SEMANTIC_FAN_OUT_POINT = "sfop";
    public static final String MEMBER_IDS = "mid";
    public static final String MEMBER_TYPE = "mt";
    /** membersAccessControlPolicyIDs: the policies that govern requests through fopt instead of acpi. */
    public static final String MEMBERS_ACCESS_CONTROL_POLICY_IDS = "macp";
    /** notifyAggregation (m2m:batchNotify): how the notifications of subscriptions made through fopt are collected. */
    public static final String NOTIFY_AGGREGATION = "nar";
    /** semanticSupportIndicator: the hosting CSE offers semantic discovery and query through sfop (TS-0004 7.4.35.1). */
    public static final String SEMANTIC_SUPPORT_INDICATOR = "ssi";

    public GroupType() {
        super(ResourceTypes.GROUP, "grp", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.createOnly(MEMBER_TYPE, AttributeType.MEMBER_TYPE, Presence.OPTIONAL),
                AttributeDef.createOnly("spty", AttributeType.SPECIALIZATION_TYPE, Presence.OPTIONAL).since("3"),
                AttributeDef.readOnly("cnm", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.mandatory("mnm", AttributeType.POSITIVE_INTEGER),
                AttributeDef.mandatory(MEMBER_IDS, AttributeType.LIST_OF_ANY_URI),
                AttributeDef.optional(MEMBERS_ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly("mtv", AttributeType.BOOLEAN),
                AttributeDef.createOnly("csy", AttributeType.CONSISTENCY_STRATEGY, Presence.OPTIONAL),
                AttributeDef.optional("gn", AttributeType.STRING),
                AttributeDef.readOnly(SEMANTIC_SUPPORT_INDICATOR, AttributeType.BOOLEAN),
                AttributeDef.optional(NOTIFY_AGGREGATION, AttributeType.BATCH_NOTIFY)));
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        return List.of("mt", "spty", "cnm", "mnm", "mid", "mtv", "csy", "gn", NOTIFY_AGGREGATION);
    }

    /**
     * The notifications of subscriptions made through its fanOutPoint with a notificationForwardingURI come to the group
     * itself, which aggregates them for the subscriber (TS-0004 7.4.14.2.3, 7.5.1.2.6).
     */
    @Override
    public NotifyRecipient notifyRecipient() {
        return NotifyRecipient.GROUP;
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION, ResourceTypes.SEMANTIC_DESCRIPTOR);
    }

    @Override
    public Map<String, VirtualChild> virtualChildren() {
        return Map.of(FAN_OUT_POINT, FanOutPoint.INSTANCE, SEMANTIC_FAN_OUT_POINT, SemanticFanOutPoint.INSTANCE);
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    /**
     * Members on other CSEs are retrieved before the transaction, as the originator, when their type is to be validated
     * (a memberType other than mixed, or a specializationType; TS-0004 7.4.13.2.1 and 7.4.13.2.3): the hosting CSE may
     * retrieve them to check their resourceType, and no lock is held while the other CSEs answer.
     */
    @Override
    public boolean worksBeforeTransaction() {
        return true;
    }

    @Override
    public void beforeTransaction(PendingWrite write) {
        if (!(write.given().get(MEMBER_IDS) instanceof List<?> mid)) {
            return;
        }
        Object mt = write.given().containsKey(MEMBER_TYPE) ? write.given().get(MEMBER_TYPE) : write.resource().get(MEMBER_TYPE);
        Object spty = write.given().containsKey("spty") ? write.given().get("spty") : write.resource().get("spty");
        if ((mt == null || ((Number) mt).longValue() == GroupMembers.MIXED) && spty == null) {
            return;
        }
        for (Object id : new java.util.LinkedHashSet<>(mid)) {
            String member = String.valueOf(id);
            if (write.remote().ofAnotherCse(member)) {
                write.retrieved().put(member, write.remote().retrieve(member, write.request()));
            }
        }
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        Resource grp = op.resource;
        grp.attributes.putIfAbsent(MEMBER_TYPE, GroupMembers.MIXED);
        grp.attributes.putIfAbsent("csy", GroupMembers.ABANDON_MEMBER);
        grp.attributes.put(SEMANTIC_SUPPORT_INDICATOR, true); // Keel's sfop serves every group (TS-0004 table 7.4.13.1-3)
        op.references.requirePolicies(grp.get(MEMBERS_ACCESS_CONTROL_POLICY_IDS));
        validateMembers(op);
    }

    /** The members that are resources of this CSE are indexed, so that deleting one of them finds this group. */
    @Override
    public void afterCreate(ResourceOperation op) {
        op.members.setMembers(op.resource.ri, localMembers(op));
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        // A group stored before Keel generated ssi gets it with its next update.
        op.resource.attributes.put(SEMANTIC_SUPPORT_INDICATOR, true);
        op.references.requirePolicies(op.given.get(MEMBERS_ACCESS_CONTROL_POLICY_IDS));
        if (op.given.containsKey(MEMBER_IDS)) {
            validateMembers(op);
            op.members.setMembers(op.resource.ri, localMembers(op));
        } else if (op.given.containsKey("mnm") && op.resource.getLong("mnm", 0) < op.resource.getLong("cnm", 0)) {
            throw new OneM2MException(ResponseStatusCode.MAX_NUMBER_OF_MEMBER_EXCEEDED,
                    "mnm " + op.resource.get("mnm") + " is below the group's " + op.resource.get("cnm") + " members");
        }
    }

    /** Filter criteria for the groups whose members are not all validated (mtv false), as the store evaluates them. */
    public static FilterCriteria notValidated() {
        FilterCriteria fc = new FilterCriteria();
        fc.resourceTypes.add(ResourceTypes.GROUP);
        fc.attributes.add(new FilterCriteria.AttributeCondition("mtv", "false"));
        return fc;
    }

    /**
     * Whether a group's members are worth validating again later: some were not validated (mtv false) and the group
     * checks their type (a memberType other than mixed, or a specializationType) — a mixed group retrieves none.
     */
    public static boolean revalidates(Resource grp) {
        return Boolean.FALSE.equals(grp.get("mtv"))
                && (grp.getLong(MEMBER_TYPE, GroupMembers.MIXED) != GroupMembers.MIXED || grp.get("spty") != null);
    }

    /**
     * The memberType validation again, for a stored group whose members were not all validated (TS-0004 7.4.13.2.1,
     * 7.4.13.2.3: "as soon as any unreachable sub-group resource becomes reachable"), with the members of other CSEs
     * retrieved before, as the group's creator ({@link #beforeTransaction} with {@code op.given} holding mid): the same
     * rules as at Create and Update, then the consistencyStrategy — ABANDON_MEMBER drops the members that do not
     * conform, SET_MIXED makes the group mixed — and mtv true once every member is validated. Changes {@code
     * op.resource} in place.
     *
     * @return false when the group is to be deleted: its consistencyStrategy is ABANDON_GROUP and a member does not
     *         conform
     */
    public boolean revalidate(ResourceOperation op) {
        Object before = op.resource.get(MEMBER_IDS);
        try {
            validateMembers(op, true);
        } catch (OneM2MException e) {
            if (e.rsc() == ResponseStatusCode.GROUP_MEMBER_TYPE_INCONSISTENT) {
                return false;
            }
            throw e;
        }
        if (!before.equals(op.resource.get(MEMBER_IDS))) {
            op.members.setMembers(op.resource.ri, localMembers(op));
        }
        return true;
    }

    private static void validateMembers(ResourceOperation op) {
        validateMembers(op, false);
    }

    @SuppressWarnings("unchecked")
    private static void validateMembers(ResourceOperation op, boolean later) {
        Resource grp = op.resource;
        GroupMembers.Validated v = GroupMembers.validate((List<String>) grp.get(MEMBER_IDS), grp.getLong(MEMBER_TYPE, 0),
                grp.get("spty"), grp.getLong("csy", GroupMembers.ABANDON_MEMBER), grp.getLong("mnm", 0), op.references, later);
        grp.attributes.put(MEMBER_IDS, v.members());
        grp.attributes.put(MEMBER_TYPE, v.memberType());
        grp.attributes.put("cnm", (long) v.members().size());
        grp.attributes.put("mtv", v.typeValidated());
    }

    /**
     * A member deleted from this CSE, alone or with a subtree, leaves mid, and cnm drops (TS-0004 7.4.13.1), so that a
     * fan-out never addresses a resource that is gone. Members on other CSEs are not known here and stay.
     */
    @Override
    public void beforeAnyDelete(ResourceOperation op) {
        Resource deleted = op.resource;
        op.members.naming(deleted.srn).forEach((groupRi, mids) -> {
            Resource grp = op.tree.lock(groupRi);
            if (grp == null || grp.srn.equals(deleted.srn) || grp.srn.startsWith(deleted.srn + "/")) {
                return; // gone already, or going with the subtree
            }
            @SuppressWarnings("unchecked")
            List<String> remaining = new ArrayList<>((List<String>) grp.get(MEMBER_IDS));
            remaining.removeAll(mids);
            grp.attributes.put(MEMBER_IDS, remaining);
            grp.attributes.put("cnm", (long) remaining.size());
            grp.lt = op.now.isAfter(grp.lt) ? op.now : grp.lt;
            op.tree.update(grp);
            op.members.removeMembers(groupRi, mids);
        });
    }

    /** Each mid entry that names a stored resource of this CSE → that resource's structured name. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> localMembers(ResourceOperation op) {
        Map<String, String> local = new LinkedHashMap<>();
        for (String id : (List<String>) op.resource.get(MEMBER_IDS)) {
            if (op.references.route(id) instanceof Route.Local member) {
                local.put(id, member.resource().srn);
            }
        }
        return local;
    }

    /**
     * {@code fopt}: a request to it, or to a path below it, goes to every member (TS-0004 7.4.14); the router makes it
     * a fan-out, which {@code core.operation.FanOutOperation} runs.
     */
    private static final class FanOutPoint extends VirtualChild {
        static final FanOutPoint INSTANCE = new FanOutPoint();

        private FanOutPoint() {
            super(FAN_OUT_POINT);
        }

        @Override
        public boolean fansOut() {
            return true;
        }
    }

    /**
     * {@code sfop}: a Retrieve of it is a semantic discovery or query over the descriptors of the members (TS-0004
     * 7.4.35), which {@code core.operation.SemanticFanOutOperation} answers.
     */
    private static final class SemanticFanOutPoint extends VirtualChild {
        static final SemanticFanOutPoint INSTANCE = new SemanticFanOutPoint();

        private SemanticFanOutPoint() {
            super(SEMANTIC_FAN_OUT_POINT);
        }

        @Override
        public boolean semanticFanOut() {
            return true;
        }
    }
}
