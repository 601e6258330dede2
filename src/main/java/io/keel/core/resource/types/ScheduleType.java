package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.schedule.Schedule;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <schedule>} (ty 18, m2m:sch), TS-0004 7.4.9; TS-0001 9.6.9: time periods in the context of its parent, as
 * m2m:scheduleEntries ({@link io.keel.core.schedule.ScheduleEntry}). Under a subscription they are when notifications
 * may be sent ({@code core.notification} applies them); under the CSEBase when the CSE expects to be available, which
 * Keel stores only.
 */
public final class ScheduleType extends ResourceType {
    public static final String SCHEDULE_ELEMENT = "se";
    public static final String NETWORK_COORDINATED = "nco";
    /** TS-0004 table 7.4.8.1-4: a subscription's schedule has this name, and there is at most one. */
    public static final String NOTIFICATION_SCHEDULE = "notificationSchedule";

    public ScheduleType() {
        super(ResourceTypes.SCHEDULE, "sch", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.mandatory(SCHEDULE_ELEMENT, AttributeType.SCHEDULE_ENTRIES),
                AttributeDef.optional(NETWORK_COORDINATED, AttributeType.BOOLEAN).since("3")));
    }

    /** Announced as scheduleAnnc (10018, m2m:schA), with se and nco as its OA attributes (TS-0001 table 9.6.9-2). */
    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        return List.of(SCHEDULE_ELEMENT, NETWORK_COORDINATED);
    }

    /** TS-0001 table 9.6.9-1 lists subscription and transaction; Keel has no transaction. */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /**
     * nco only under a node (TS-0004 7.4.9.2.1: 4102); one schedule per CSEBase (TS-0004 table 7.4.3.1-4) and per
     * subscription, where it is named notificationSchedule (table 7.4.8.1-4): a second one conflicts by name (4105).
     */
    @Override
    public void prepareCreate(ResourceOperation op) {
        checkNetworkCoordinated(op.parent, op.given);
        if (op.parent.ty == ResourceTypes.SUBSCRIPTION) {
            if (op.given.containsKey("rn") && !NOTIFICATION_SCHEDULE.equals(op.given.get("rn"))) {
                throw OneM2MException.badRequest("the schedule of a subscription is named " + NOTIFICATION_SCHEDULE
                        + ", not " + op.given.get("rn"));
            }
            op.resource.rn = NOTIFICATION_SCHEDULE;
            op.resource.srn = op.parent.srn + "/" + NOTIFICATION_SCHEDULE;
        } else if (op.parent.ty == ResourceTypes.CSE_BASE
                && !op.tree.children(op.parent.ri, ResourceTypes.SCHEDULE).isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.CONFLICT, op.parent.srn + " has a schedule already");
        }
    }

    /** TS-0004 7.4.9.2.3: nco only for a node's schedule (4102). */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        checkNetworkCoordinated(op.tree.find(op.resource.pi), op.given);
    }

    private static void checkNetworkCoordinated(Resource parent, Map<String, Object> given) {
        if (given.get(NETWORK_COORDINATED) != null && (parent == null || parent.ty != ResourceTypes.NODE)) {
            throw new OneM2MException(ResponseStatusCode.CONTENTS_UNACCEPTABLE,
                    "nco (networkCoordinated) applies only to the schedule of a node");
        }
    }

    /** The time periods a stored schedule gives (validated when it was written). */
    @SuppressWarnings("unchecked")
    public static Schedule schedule(Resource schedule) {
        Map<String, Object> se = (Map<String, Object>) schedule.get(SCHEDULE_ELEMENT);
        return Schedule.of((List<String>) se.get("sce"));
    }
}
