package io.keel.core.resource.types;

import io.keel.core.management.ActionOutcome;
import io.keel.core.management.ActionTarget;
import io.keel.core.management.ManagementAction;
import io.keel.core.management.ManagementActions;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ManagementQueue;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <execInstance>} (ty 8, m2m:exin), TS-0004 7.4.17, TS-0001 9.6.17: one execution of its parent
 * {@code <mgmtCmd>} on one node, created by the CSE only. Its execStatus and execResult follow the command on the
 * device ({@link ManagementActions}); an Update with execDisable true cancels it, a Delete cancels what is pending.
 */
public final class ExecInstanceType extends ResourceType implements ActionTarget {
    /** The action an execInstance records: its mgmtCmd's execution. */
    public static final String EXECUTE = "exe";
    static final String STATUS = "exs";
    static final String RESULT = "exr";
    static final String DISABLE = "exd";
    static final String TARGET = "ext";
    // m2m:execStatusType (TS-0004 table 6.3.4.2.15-1).
    static final long INITIATED = 1;
    static final long PENDING = 2;
    static final long FINISHED = 3;
    static final long CANCELLED = 5;
    static final long STATUS_NON_CANCELLABLE = 6;
    /** execResult STATUS_SUCCESS (TS-0004 table 6.3.4.2.16-1). */
    static final long SUCCESS = 0;

    public ExecInstanceType() {
        super(ResourceTypes.EXEC_INSTANCE, "exin", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly(STATUS, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly(RESULT, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional(DISABLE, AttributeType.BOOLEAN),
                AttributeDef.readOnly(TARGET, AttributeType.ID),
                AttributeDef.readOnly(MgmtCmdType.MODE, AttributeType.EXEC_MODE),
                AttributeDef.readOnly(MgmtCmdType.FREQUENCY, AttributeType.DURATION),
                AttributeDef.readOnly(MgmtCmdType.DELAY, AttributeType.DURATION),
                AttributeDef.readOnly(MgmtCmdType.NUMBER, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.readOnly(MgmtCmdType.ARGUMENTS, AttributeType.ANY)));
    }

    /** TS-0004 7.4.17.2.0: not via the API (4005). */
    @Override
    public boolean creatableByRequest() {
        return false;
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /** Update (Cancel), TS-0004 7.4.17.2.1: execDisable true cancels; false is stored and does nothing else. */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (Boolean.TRUE.equals(op.given.get(DISABLE))) {
            cancel(op, op.resource, true);
            op.resource.attributes.put(STATUS, CANCELLED);
        }
    }

    /** Delete, TS-0004 7.4.17.2.3: a pending command is cancelled first; one that cannot be keeps the resource. */
    @Override
    public void beforeDelete(ResourceOperation op) {
        if (op.request != null) { // an expiry deletes whatever is pending
            cancel(op, op.resource, false);
        }
    }

    /**
     * Cancels what the execInstance has pending (TS-0004 7.4.17.2.1, 7.4.17.2.3): a run waiting in the CSE is dropped; one
     * on the device is cancelled there when its cmdType allows it (6026 when the device does not cancel it), else 6029
     * and the status STATUS_NON_CANCELLABLE. With nothing pending an Update is 6028 ALREADY_COMPLETE, a Delete just
     * deletes.
     */
    static void cancel(ResourceOperation op, Resource exin, boolean update) {
        ManagementQueue.Entry pending = op.management.find(exin, EXECUTE);
        if (pending == null) {
            if (update) {
                throw new OneM2MException(ResponseStatusCode.ALREADY_COMPLETE, "execInstance " + exin.srn
                        + " has nothing pending to cancel (execStatus " + exin.get(STATUS) + ")");
            }
            return;
        }
        if (!pending.running()) {
            op.management.forget(exin, EXECUTE);
            return;
        }
        Resource mgmtCmd = op.tree.find(exin.pi);
        if (mgmtCmd != null && !CommandType.of(mgmtCmd.get(MgmtCmdType.COMMAND_TYPE)).cancellable) {
            op.management.keepOnRefusal(exin, Map.of(STATUS, STATUS_NON_CANCELLABLE));
            throw new OneM2MException(ResponseStatusCode.MGMT_COMMAND_NOT_CANCELLABLE, "the " + CommandType.of(
                    mgmtCmd.get(MgmtCmdType.COMMAND_TYPE)).name() + " pending on the device cannot be cancelled");
        }
        op.management.cancel(exin, EXECUTE);
    }

    @Override
    public Resource node(ResourceTree tree, Resource target) {
        Resource node = target.get(TARGET) instanceof String ri ? tree.find(ri) : null;
        return node != null && node.ty == ResourceTypes.NODE ? node : null;
    }

    /** The mgmtCmd's cmdType and the execReqArgs of the execution, for the adapter. */
    @Override
    public ManagementAction action(ResourceTree tree, Resource target, Resource node, String action) {
        Resource mgmtCmd = tree.find(target.pi);
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (mgmtCmd != null) {
            arguments.put(MgmtCmdType.COMMAND_TYPE, mgmtCmd.get(MgmtCmdType.COMMAND_TYPE));
        }
        if (target.get(MgmtCmdType.ARGUMENTS) != null) {
            arguments.put(MgmtCmdType.ARGUMENTS, target.get(MgmtCmdType.ARGUMENTS));
        }
        return new ManagementAction(String.valueOf(node.get("ni")), target.ri, null, action, arguments);
    }

    /** TS-0004 7.4.16.2.3.2: handed to the device, the execution is PENDING. */
    @Override
    public Set<String> started(Resource target, String action) {
        target.attributes.put(STATUS, PENDING);
        return Set.of(STATUS);
    }

    /**
     * After the device's completion response the execution is FINISHED (TS-0004 7.4.16.2.3.2), its execResult what the
     * device reported ({@code exr} of the outcome), else STATUS_SUCCESS or STATUS_INTERNAL_ERROR; a repeating one stays
     * PENDING until its last run.
     */
    @Override
    public Set<String> finished(Resource target, String action, ActionOutcome outcome, boolean more) {
        Object reported = outcome.results().get(RESULT);
        long result = reported instanceof Number n ? n.longValue() : outcome.succeeded() ? SUCCESS : ManagementActions.INTERNAL_ERROR;
        target.attributes.put(RESULT, result);
        target.attributes.put(STATUS, more ? PENDING : FINISHED);
        return Set.of(STATUS, RESULT);
    }

    /** execFrequency between the runs of a repeating execution. */
    @Override
    public Duration interval(Resource target) {
        return target.get(MgmtCmdType.FREQUENCY) instanceof String d ? Duration.parse(d) : Duration.ZERO;
    }
}
