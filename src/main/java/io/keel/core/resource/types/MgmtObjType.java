package io.keel.core.resource.types;

import io.keel.core.management.ActionOutcome;
import io.keel.core.management.ActionTarget;
import io.keel.core.management.ManagementAction;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.mgmt.MgmtCatalogue;
import io.keel.core.resource.mgmt.MgmtSpecialization;
import io.keel.core.resource.mgmt.MgmtSpecialization.Action;
import io.keel.core.resource.mgmt.MgmtSpecialization.Range;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <mgmtObj>} (ty 13), TS-0004 7.4.15 and Annex D, TS-0001 9.6.15: one instance per specialization of the
 * catalogue ({@code core.resource.mgmt}), whose root element ({@code m2m:fwr}) and objectAttributes are those of the
 * specialization; its mgmtDefinition (mgd) names it, and a stored mgmtObj is typed by it. The {@link #generic} one
 * stands for the resource type as such (supported types, child type rules). An Update setting an action attribute
 * ({@link #actions}) to true hands the action to the management adapter of the parent node's device
 * ({@link io.keel.core.management.ManagementActions}); its status attribute follows the device's outcome.
 */
public final class MgmtObjType extends ResourceType implements ActionTarget {
    // m2m:status (TS-0004 table 6.3.4.2.20-1).
    private static final long SUCCESSFUL = 1;
    private static final long FAILURE = 2;
    private static final long IN_PROCESS = 3;
    /** mgmtDefinition (TS-0004 table 7.4.15.1-2: M on create, NP on update). */
    public static final String MGMT_DEFINITION = "mgd";
    /** mgmtSchema: present only with mgmtDefinition 0, self-defined (TS-0004 table 7.4.15.1-2). */
    private static final String MGMT_SCHEMA = "mgs";
    private final MgmtSpecialization specialization;
    private final MgmtCatalogue catalogue;
    private final Map<String, String> actions;

    private MgmtObjType(String shortName, MgmtSpecialization specialization, MgmtCatalogue catalogue) {
        super(ResourceTypes.MGMT_OBJ, shortName, attributes(specialization));
        this.specialization = specialization;
        this.catalogue = catalogue;
        Map<String, String> a = new LinkedHashMap<>();
        if (specialization != null) {
            specialization.actions().forEach(action -> a.put(action.trigger(), action.status()));
        }
        this.actions = Collections.unmodifiableMap(a);
    }

    /** The type of the resources of one specialization. */
    public static MgmtObjType of(MgmtSpecialization s, MgmtCatalogue catalogue) {
        return new MgmtObjType(s.shortName(), s, catalogue);
    }

    /**
     * The resource type without a specialization: TS-0004 defines no root element for it, Keel calls it
     * {@code m2m:mgo}; no request can create one.
     */
    public static MgmtObjType generic(MgmtCatalogue catalogue) {
        return new MgmtObjType("mgo", null, catalogue);
    }

    private static List<AttributeDef> attributes(MgmtSpecialization s) {
        List<AttributeDef> all = new ArrayList<>(List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.createOnly(MGMT_DEFINITION, AttributeType.MGMT_DEFINITION, Presence.MANDATORY),
                AttributeDef.createOnly("obis", AttributeType.LIST_OF_ANY_URI, Presence.OPTIONAL),
                AttributeDef.createOnly("obps", AttributeType.LIST_OF_ANY_URI, Presence.OPTIONAL),
                AttributeDef.optional("dc", AttributeType.STRING),
                AttributeDef.createOnly(MGMT_SCHEMA, AttributeType.ANY_URI, Presence.OPTIONAL)));
        if (s != null) {
            all.addAll(s.attributes());
        }
        return all;
    }

    /** The specialization, or null for the generic type. */
    public MgmtSpecialization specialization() {
        return specialization;
    }

    /**
     * The action attributes of this specialization (TS-0004 7.4.15.2.4, Annex D), each with the status attribute
     * that reports its outcome, or null when Annex D gives it none (reboot's rbo, far): firmware {@code ud → uds},
     * software {@code in, un → ins} and {@code act, dea → acts}, deviceCapability {@code ena, dis → cas}, eventLog
     * {@code lga, lgo → lgst}.
     */
    public Map<String, String> actions() {
        return actions;
    }

    /**
     * The action attributes an Update sets to true, in declaration order: the procedures it asks for, to be carried
     * out after the update of the other attributes (TS-0004 7.4.15.2.4).
     */
    public List<String> triggered(Map<String, Object> given) {
        return actions.keySet().stream().filter(sn -> Boolean.TRUE.equals(given.get(sn))).toList();
    }

    @Override
    public Set<Integer> childTypes() {
        // TS-0004 table 7.4.15.1-3, of the types Keel implements (no transaction).
        return Set.of(ResourceTypes.SUBSCRIPTION, ResourceTypes.SEMANTIC_DESCRIPTOR);
    }

    /** TS-0004 table 7.4.15.1-1 gives every mgmtObj at and aa; see {@link #prepareCreate} for those TS-0001 does not announce. */
    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    /** Whether the specialization has an announced variant (TS-0001 table 9.6.18-1: the cmdh ones have none). */
    public boolean announced() {
        return specialization == null || specialization.announced();
    }

    /** mgmtDefinition is MA (TS-0001 table 9.6.15-2): the announced resource names its specialization too. */
    @Override
    public List<String> mandatoryAnnounced() {
        return List.of(MGMT_DEFINITION);
    }

    /** OA (TS-0001 table 9.6.15-2 and Annex D): description, the object IDs and paths, and the objectAttributes. */
    @Override
    public List<String> announcedAttributes() {
        List<String> out = new ArrayList<>(List.of("obis", "obps", MGMT_SCHEMA, "dc"));
        if (specialization != null) {
            specialization.attributes().forEach(d -> out.add(d.sn()));
        }
        return out;
    }

    @Override
    public boolean creatableByRequest() {
        return specialization != null;
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        Object mgd = op.resource.attributes.get(MGMT_DEFINITION);
        if (!Long.valueOf(specialization.mgd()).equals(mgd)) {
            MgmtSpecialization named = mgd instanceof Long n ? catalogue.byMgd(n) : null;
            throw OneM2MException.badRequest("attribute mgd " + mgd + (named == null ? " is not " : " names "
                    + named.rootElement() + ", not ") + rootElement() + " (" + specialization.mgd() + ")");
        }
        if (op.given.get(MGMT_SCHEMA) != null) {
            throw OneM2MException.badRequest("attribute mgs is present only with mgd 0 (self-defined), not with "
                    + specialization.mgd() + " (TS-0004 table 7.4.15.1-2)");
        }
        requireAnnounceable(op);
        checkValues(op.given);
        if (specialization.maxPerNode() > 0) {
            long held = op.tree.children(op.parent.ri, ResourceTypes.MGMT_OBJ).stream()
                    .filter(r -> mgd.equals(r.get(MGMT_DEFINITION))).count();
            if (held >= specialization.maxPerNode()) {
                throw new OneM2MException(ResponseStatusCode.CONFLICT, "the node already holds " + held + " "
                        + specialization.longName() + " (" + rootElement() + "), at most " + specialization.maxPerNode()
                        + " (TS-0001 table 9.6.18-1)");
            }
        }
    }

    /**
     * TS-0004 7.4.15.2.4: the action attributes the Update sets to true are carried out after the other attributes are
     * updated, on the device of the parent node (7.3.4.1), through its management adapter (6003 without one: nothing
     * stored). The Update answers at once, each action's status attribute In_Process.
     */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        requireAnnounceable(op);
        checkValues(op.given);
        List<String> triggered = triggered(op.given);
        if (triggered.isEmpty()) {
            return;
        }
        Resource node = node(op.tree, op.resource);
        if (node == null) {
            throw new OneM2MException(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, "the " + specialization.longName()
                    + " is not under a node: no device to carry out " + String.join(", ", triggered));
        }
        op.management.requireAdapter(node);
        for (String action : triggered) {
            op.management.start(op.resource, action, op.now, 1);
        }
    }

    /** The parent {@code <node>} (TS-0004 7.3.4.1). */
    @Override
    public Resource node(ResourceTree tree, Resource target) {
        Resource parent = target.pi == null ? null : tree.find(target.pi);
        return parent != null && parent.ty == ResourceTypes.NODE ? parent : null;
    }

    /** The mgmtObj's objectAttributes but the action and status attributes (a firmware's url, vr, fwn) go along. */
    @Override
    public ManagementAction action(ResourceTree tree, Resource target, Resource node, String action) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (AttributeDef d : specialization.attributes()) {
            if (!actions.containsKey(d.sn()) && !actions.containsValue(d.sn()) && target.get(d.sn()) != null) {
                arguments.put(d.sn(), target.get(d.sn()));
            }
        }
        return new ManagementAction(String.valueOf(node.get("ni")), target.ri, specialization.mgd(), action, arguments);
    }

    /** The status attribute of the action, if it has one: {action, In_Process}. */
    @Override
    public Set<String> started(Resource target, String action) {
        return status(target, action, IN_PROCESS);
    }

    /** The status attribute of the action: Successful or Failure (TS-0004 table 6.3.4.2.20-1). */
    @Override
    public Set<String> finished(Resource target, String action, ActionOutcome outcome, boolean more) {
        return status(target, action, outcome.succeeded() ? SUCCESSFUL : FAILURE);
    }

    /** m2m:actionStatus (TS-0004 6.3.5.14): acn the action attribute's short name, sus the status. */
    private Set<String> status(Resource target, String action, long status) {
        String sn = actions.get(action);
        if (sn == null) {
            return Set.of(); // reboot, factory reset: Annex D gives no status attribute
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("acn", action);
        value.put("sus", status);
        target.attributes.put(sn, value);
        return Set.of(sn);
    }

    private void requireAnnounceable(ResourceOperation op) {
        if (!specialization.announced() && op.given.get(ANNOUNCE_TO) instanceof List<?> at && !at.isEmpty()) {
            throw OneM2MException.badRequest("attribute at: " + specialization.longName() + " (" + rootElement()
                    + ") has no announced variant (TS-0001 table 9.6.18-1)");
        }
    }

    /** The rules of Annex D its declarations do not say: ranges, always-true actions, actions exclusive of each other. */
    private void checkValues(Map<String, Object> given) {
        for (Map.Entry<String, Range> e : specialization.ranges().entrySet()) {
            if (given.get(e.getKey()) instanceof Long n && (n < e.getValue().min() || n > e.getValue().max())) {
                throw OneM2MException.badRequest("attribute " + e.getKey() + " must be " + e.getValue().min() + "-"
                        + e.getValue().max() + ", not " + n + " (TS-0004 " + specialization.clause() + ")");
            }
        }
        for (Action a : specialization.actions()) {
            Object v = given.get(a.trigger());
            if (a.onlyTrue() && Boolean.FALSE.equals(v)) {
                throw OneM2MException.badRequest("attribute " + a.trigger() + " is always true: set it to true to act (TS-0004 "
                        + specialization.clause() + ")");
            }
            if (Boolean.TRUE.equals(v) && a.exclusiveWith() != null && Boolean.TRUE.equals(given.get(a.exclusiveWith()))) {
                throw OneM2MException.badRequest("attributes " + a.trigger() + " and " + a.exclusiveWith()
                        + " cannot both be set to true in one request (TS-0004 " + specialization.clause() + ")");
            }
        }
    }

    /**
     * The mgmtDefinition a Create's content gives (a number, or XML text), which must be one of TS-0004 table
     * 6.3.4.2.22-1 (4000 otherwise).
     */
    static long definedMgmtDefinition(Object given) {
        Long n = given instanceof Long l ? l : given instanceof Integer i ? Long.valueOf(i) : null;
        if (given instanceof String text && text.strip().matches("\\d{1,9}")) {
            n = Long.parseLong(text.strip());
        }
        if (n == null || (n != 0 && (n < 1001 || n > 1026))) {
            throw OneM2MException.badRequest("attribute mgd " + given + " is no mgmtDefinition of TS-0004 table 6.3.4.2.22-1"
                    + " (those of Annex D are 1001-1019)");
        }
        return n;
    }

    /** The mgmtDefinition of a stored mgmtObj (or of its announced variant), or null. */
    static Long mgmtDefinition(Resource r) {
        return r.get(MGMT_DEFINITION) instanceof Long n ? n : null;
    }
}
