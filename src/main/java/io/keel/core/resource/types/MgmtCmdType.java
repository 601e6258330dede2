package io.keel.core.resource.types;

import io.keel.core.Identifiers;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.routing.Route;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code <mgmtCmd>} (ty 12, m2m:mgc), TS-0004 7.4.16, TS-0001 9.6.16: a management command for the node(s) of
 * execTarget. An Update setting execEnable to true executes it: one {@code <execInstance>} child per target node, run
 * through the node's management adapter as execMode, execDelay, execFrequency and execNumber say.
 */
public final class MgmtCmdType extends ResourceType {
    static final String COMMAND_TYPE = "cmt";
    static final String ARGUMENTS = "exra";
    static final String ENABLE = "exe";
    static final String TARGET = "ext";
    static final String MODE = "exm";
    static final String FREQUENCY = "exf";
    static final String DELAY = "exy";
    static final String NUMBER = "exn";
    // m2m:execModeType (TS-0004 table 6.3.4.2.14-1).
    private static final long IMMEDIATE_ONCE = 1;
    private static final long IMMEDIATE_REPEAT = 2;
    private static final long RANDOM_REPEAT = 4;
    /** What an Update may not change once an execInstance exists (TS-0004 7.4.16.2.3.1: 4005). */
    private static final List<String> FIXED_AFTER_EXECUTION = List.of(TARGET, MODE);

    public MgmtCmdType() {
        super(ResourceTypes.MGMT_CMD, "mgc", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional("dc", AttributeType.STRING),
                AttributeDef.createOnly(COMMAND_TYPE, AttributeType.NON_NEGATIVE_INTEGER, AttributeDef.Presence.MANDATORY),
                AttributeDef.optional(ARGUMENTS, AttributeType.ANY),
                AttributeDef.optional(ENABLE, AttributeType.BOOLEAN),
                AttributeDef.mandatory(TARGET, AttributeType.ID),
                AttributeDef.optional(MODE, AttributeType.EXEC_MODE),
                AttributeDef.optional(FREQUENCY, AttributeType.DURATION),
                AttributeDef.optional(DELAY, AttributeType.DURATION),
                AttributeDef.optional(NUMBER, AttributeType.NON_NEGATIVE_INTEGER)));
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION, ResourceTypes.EXEC_INSTANCE);
    }

    /**
     * TS-0004 7.4.16.2.1: cmdType and execReqArgs checked (6022, 6023, 6024); execMode defaults to IMMEDIATEONCE. A
     * Create does not execute, whatever execEnable says: execution is an Update's (TS-0001 9.6.16).
     */
    @Override
    public void prepareCreate(ResourceOperation op) {
        CommandType.of(op.resource.get(COMMAND_TYPE)).checkArguments(op.resource.get(ARGUMENTS));
        op.resource.attributes.putIfAbsent(MODE, IMMEDIATE_ONCE);
    }

    /** TS-0004 7.4.16.2.3.1 and 7.4.16.2.3.2. */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        Resource mgmtCmd = op.resource;
        List<String> fixed = FIXED_AFTER_EXECUTION.stream().filter(op.given::containsKey).toList();
        if (!fixed.isEmpty() && op.tree.newestOrOldestChild(mgmtCmd.ri, ResourceTypes.EXEC_INSTANCE, true) != null) {
            throw OneM2MException.notAllowed("the mgmtCmd has execInstances already: " + String.join(", ", fixed) + " cannot change");
        }
        mgmtCmd.attributes.putIfAbsent(MODE, IMMEDIATE_ONCE); // an Update may delete it: the default applies again
        CommandType type = CommandType.of(mgmtCmd.get(COMMAND_TYPE));
        type.checkArguments(mgmtCmd.get(ARGUMENTS));
        if (Boolean.TRUE.equals(op.given.get(ENABLE))) {
            execute(op, type);
        }
    }

    /**
     * Update (Execute), TS-0004 7.4.16.2.3.2: every target node reachable through an adapter (else 6003, nothing
     * stored), one execInstance per node, created INITIATED with the mgmtCmd's execution attributes; run at once
     * (then PENDING, a change of its own) unless execDelay puts it off.
     */
    private static void execute(ResourceOperation op, CommandType type) {
        Resource mgmtCmd = op.resource;
        type.requireConvertible(mgmtCmd.get(ARGUMENTS));
        List<Resource> nodes = targetNodes(op, (String) mgmtCmd.get(TARGET));
        nodes.forEach(op.management::requireAdapter);
        long mode = (Long) mgmtCmd.get(MODE);
        boolean repeats = mode == IMMEDIATE_REPEAT || mode == RANDOM_REPEAT;
        boolean delayed = mode > IMMEDIATE_REPEAT;
        Instant due = delayed && mgmtCmd.get(DELAY) instanceof String d ? op.now.plus(Duration.parse(d)) : op.now;
        long runs = repeats ? Math.max(1, mgmtCmd.getLong(NUMBER, 1)) : 1;
        for (Resource node : nodes) {
            Resource exin = execInstance(op, mgmtCmd, node, repeats, delayed);
            op.management.createChild(mgmtCmd, exin);
            op.created(mgmtCmd, exin);
            op.management.changed(exin, op.management.start(exin, ExecInstanceType.EXECUTE, due, runs));
        }
    }

    /** TS-0004 7.4.16.2.3.2: the execution attributes copied (those the mode uses), execTarget the node's resource ID. */
    private static Resource execInstance(ResourceOperation op, Resource mgmtCmd, Resource node, boolean repeats, boolean delayed) {
        Resource exin = new Resource();
        exin.ty = ResourceTypes.EXEC_INSTANCE;
        exin.ri = Identifiers.newResourceId("exin");
        exin.pi = mgmtCmd.ri;
        exin.rn = exin.ri;
        exin.srn = mgmtCmd.srn + "/" + exin.rn;
        exin.ct = op.now;
        exin.lt = op.now;
        exin.et = mgmtCmd.et;
        exin.origin = op.request == null ? mgmtCmd.origin : op.request.from;
        exin.attributes.put(ExecInstanceType.STATUS, ExecInstanceType.INITIATED);
        exin.attributes.put(ExecInstanceType.TARGET, node.ri);
        exin.attributes.put(MODE, mgmtCmd.get(MODE));
        if (repeats && mgmtCmd.get(FREQUENCY) != null) {
            exin.attributes.put(FREQUENCY, mgmtCmd.get(FREQUENCY));
        }
        if (delayed && mgmtCmd.get(DELAY) != null) {
            exin.attributes.put(DELAY, mgmtCmd.get(DELAY));
        }
        if (repeats) {
            exin.attributes.put(NUMBER, mgmtCmd.getLong(NUMBER, 1));
        }
        if (mgmtCmd.get(ARGUMENTS) != null) {
            exin.attributes.put(ARGUMENTS, mgmtCmd.get(ARGUMENTS));
        }
        return exin;
    }

    /**
     * The nodes execTarget names (TS-0004 7.3.4.1): a {@code <node>} by its address, a {@code <group>} of nodes (each
     * member), or a node by its nodeID (ni). 6003 when it names none of this CSE.
     */
    private static List<Resource> targetNodes(ResourceOperation op, String ext) {
        Resource addressed = local(op, ext);
        if (addressed != null && addressed.ty == ResourceTypes.GROUP) {
            List<Resource> nodes = new ArrayList<>();
            for (Object mid : addressed.get(GroupType.MEMBER_IDS) instanceof List<?> l ? l : List.of()) {
                Resource member = local(op, String.valueOf(mid));
                if (member == null || member.ty != ResourceTypes.NODE) {
                    throw unreachable("group member " + mid + " of ext " + ext + " is no node of this CSE");
                }
                nodes.add(member);
            }
            return nodes;
        }
        if (addressed != null && addressed.ty == ResourceTypes.NODE) {
            return List.of(addressed);
        }
        List<Resource> byNodeId = op.tree.ofType(ResourceTypes.NODE).stream().filter(n -> ext.equals(n.get("ni"))).toList();
        if (byNodeId.isEmpty()) {
            throw unreachable("ext " + ext + " names no node of this CSE (by address or nodeID), nor a group of nodes");
        }
        return byNodeId;
    }

    private static Resource local(ResourceOperation op, String id) {
        try {
            return op.references.route(id) instanceof Route.Local l ? l.resource() : null;
        } catch (OneM2MException e) {
            return null; // not an address: perhaps a nodeID
        }
    }

    private static OneM2MException unreachable(String why) {
        return new OneM2MException(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, why);
    }

    /**
     * Delete, TS-0004 7.4.16.2.4: the commands pending on devices are cancelled first; when one cannot be (6029) or
     * its cancellation fails (6026) the mgmtCmd stays.
     */
    @Override
    public void beforeDelete(ResourceOperation op) {
        if (op.request == null) {
            return; // an expiry deletes whatever is pending
        }
        for (Resource exin : op.tree.children(op.resource.ri, ResourceTypes.EXEC_INSTANCE)) {
            ExecInstanceType.cancel(op, exin, false);
        }
    }
}
