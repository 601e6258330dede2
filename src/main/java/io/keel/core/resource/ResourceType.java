package io.keel.core.resource;

import io.keel.core.CseIdentity;
import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.store.ResourceTree;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Keel knows about one resource type, in one place: its number and short name, its attributes as data,
 * the child types it accepts, its virtual children, and the rules that cannot be said as data (hooks). The operations
 * ask the type; they never test a type number.
 */
public abstract class ResourceType {
    /**
     * accessControlPolicyIDs: the policies governing a resource, declared by each type that has it (TS-0001
     * 9.6.1.3.2); resources of types without it take their parent's decision.
     */
    public static final String ACCESS_CONTROL_POLICY_IDS = "acpi";
    /**
     * dynamicAuthorizationConsultationIDs: where the CSE asks when no policy grants (TS-0004 7.3.3.15), declared with
     * acpi by every type that has it.
     */
    public static final String DYNAMIC_AUTHORIZATION_CONSULTATION_IDS = "daci";
    /**
     * custodian (Release 4): the AE or CSE with custodial rights to the resource, beside acpi on every type that has it
     * and on the accessControlPolicy (see core.access.OwnershipRules for what it grants).
     */
    public static final String CUSTODIAN = "cstn";
    /** announceTo: the CSE-IDs to announce to, then the addresses of the announced resources (TS-0001 9.6.1.3). */
    public static final String ANNOUNCE_TO = "at";
    /** announcedAttribute: the optional announced (OA) attributes the announced resources carry (TS-0001 9.6.1.3). */
    public static final String ANNOUNCED_ATTRIBUTE = "aa";
    /** Attributes every type has and only the CSE sets. */
    private static final List<AttributeDef> UNIVERSAL_READ_ONLY = List.of(
            AttributeDef.readOnly("ty", AttributeType.RESOURCE_TYPE),
            AttributeDef.readOnly("ri", AttributeType.ID),
            AttributeDef.readOnly("pi", AttributeType.NH_URI),
            AttributeDef.readOnly("ct", AttributeType.TIMESTAMP),
            AttributeDef.readOnly("lt", AttributeType.TIMESTAMP));

    private final int ty;
    private final String prefix;
    private final String shortName;
    private final Map<String, AttributeDef> attributes = new LinkedHashMap<>();
    private final List<AttributeDef> specific;

    protected ResourceType(int ty, String shortName, List<AttributeDef> specificAttributes) {
        this(ty, "m2m", shortName, specificAttributes);
    }

    /**
     * A type whose representation lives in another namespace than m2m: (flexContainer specializations, TS-0004 7.4.37:
     * {@code cod:binSh}).
     */
    protected ResourceType(int ty, String prefix, String shortName, List<AttributeDef> specificAttributes) {
        this.ty = ty;
        this.prefix = prefix;
        this.shortName = shortName;
        List<AttributeDef> all = new ArrayList<>(UNIVERSAL_READ_ONLY);
        all.add(AttributeDef.createOnly("rn", AttributeType.RESOURCE_NAME, resourceNameOnCreate()));
        if (hasExpirationTime()) {
            all.add(new AttributeDef("et", AttributeType.TIMESTAMP, expirationTimeOnCreate(), Presence.OPTIONAL));
        }
        all.add(AttributeDef.optional("lbl", AttributeType.LABELS));
        if (hasStateTag()) {
            all.add(AttributeDef.readOnly("st", AttributeType.NON_NEGATIVE_INTEGER));
        }
        if (hasCreator()) {
            // Only the value null is allowed; the CSE stores the originator (TS-0004 7.3.3.3).
            all.add(AttributeDef.createOnly("cr", AttributeType.ID, Presence.OPTIONAL));
        }
        List<AttributeDef> own = new ArrayList<>(specificAttributes);
        specificAttributes.stream().filter(d -> d.sn().equals(ACCESS_CONTROL_POLICY_IDS)).findFirst().ifPresent(acpi ->
                // dynamicAuthorizationConsultationIDs: beside acpi, as it may be given (TS-0004 table 6.3.6-2).
                own.add(own.indexOf(acpi) + 1, new AttributeDef(DYNAMIC_AUTHORIZATION_CONSULTATION_IDS, AttributeType.LIST_OF_URIS,
                        acpi.onCreate(), acpi.onUpdate())));
        if (!isAnnouncedVariant() && (governsItself() || own.stream().anyMatch(d -> d.sn().equals(ACCESS_CONTROL_POLICY_IDS)))) {
            own.add(AttributeDef.optional(CUSTODIAN, AttributeType.ID).since("4"));
        }
        if (supportsAnnouncement()) {
            // announceTo and announcedAttribute (TS-0001 9.6.1.3): the hosting CSE announces, see core.announcement.
            own.add(AttributeDef.optional(ANNOUNCE_TO, AttributeType.LIST_OF_ANY_URI));
            own.add(AttributeDef.optional(ANNOUNCED_ATTRIBUTE, AttributeType.LIST_OF_ANY_URI));
        }
        this.specific = List.copyOf(own);
        all.addAll(own);
        for (AttributeDef d : all) {
            attributes.put(d.sn(), d);
        }
    }

    public final int ty() {
        return ty;
    }

    /** Short name, the {@code m2m:<sn>} root element of its representation (or {@code <prefix>:<sn>}). */
    public final String shortName() {
        return shortName;
    }

    public final String rootElement() {
        return prefix + ":" + shortName;
    }

    /** The namespace prefix of its root element ({@code m2m}, {@code cod}). */
    public final String prefix() {
        return prefix;
    }

    /** The short name of its announced type (TS-0004 7.4.26: {@code cntA}), for a type that {@link #supportsAnnouncement}. */
    public String announcedShortName() {
        return shortName + "A";
    }

    public final AttributeDef attribute(String sn) {
        return attributes.get(sn);
    }

    public final Map<String, AttributeDef> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** The type-specific attributes, in the order representations list them. */
    public final List<AttributeDef> specificAttributes() {
        return specific;
    }

    /** The full representation of a resource of this type, universal attributes first, as {@code m2m:<sn>} carries it. */
    public final Map<String, Object> representation(Resource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rn", r.rn);
        m.put("ty", r.ty);
        m.put("ri", r.ri);
        m.put("pi", r.pi == null ? "" : r.pi);
        m.put("ct", Timestamps.format(r.ct));
        m.put("lt", Timestamps.format(r.lt));
        if (r.et != null) {
            m.put("et", Timestamps.format(r.et));
        }
        if (!r.lbl.isEmpty()) {
            m.put("lbl", r.lbl);
        }
        if (hasStateTag()) {
            m.put("st", r.st);
        }
        if (r.cr != null) {
            m.put("cr", r.cr);
        }
        m.putAll(r.attributes);
        if (r.cs != null) {
            m.put("cs", r.cs);
        }
        computed(r, m);
        return m;
    }

    /** The representation as a viewer may see it: without the owner-only attributes unless the viewer may see them. */
    public final Map<String, Object> representation(Resource r, Viewer viewer) {
        Map<String, Object> m = representation(r);
        if (!ownerOnlyAttributes().isEmpty() && !viewer.sees(r)) {
            m.keySet().removeAll(ownerOnlyAttributes());
        }
        return m;
    }

    /** Attributes only the entity the resource represents and the hosting CSE may access (an AE's poa). */
    public Set<String> ownerOnlyAttributes() {
        return Set.of();
    }

    /** Adds the attributes a representation computes when it is made instead of storing them (CSEBase: ctm). */
    protected void computed(Resource r, Map<String, Object> representation) {
    }

    /** Whether the type declares accessControlPolicyIDs. */
    public final boolean hasAccessControlPolicyIds() {
        return attributes.containsKey(ACCESS_CONTROL_POLICY_IDS);
    }

    /**
     * Attributes oneM2M defines for this type that Keel does not support, short name → long name: a request that
     * sets one is refused as a known attribute, not reported as an unknown one.
     */
    public Map<String, String> unsupportedAttributes() {
        return Map.of();
    }

    /**
     * Whether resources of this type are announced to other CSEs (TS-0004 table 6.3.4.2.1-1 lists its Annc type):
     * they accept at/aa, and the announced resource is created on the CSEs of at. Called from the constructor: answer
     * from constants only.
     */
    public boolean supportsAnnouncement() {
        return false;
    }

    /**
     * The type-specific attributes the announced resource may carry (OA in TS-0001 9.6.x), when aa names them or
     * {@link #mandatoryAnnounced} lists them; the common ones (lbl, et) always go (MA).
     */
    public List<String> announcedAttributes() {
        return List.of();
    }

    /** The type-specific attributes every announced resource of this type carries (MA). */
    public List<String> mandatoryAnnounced() {
        return List.of();
    }

    /** Types a Create may put under a resource of this type. */
    public Set<Integer> childTypes() {
        return Set.of();
    }

    /**
     * The notificationEventTypes beyond 1–4 and 7 that only resources of this type raise (TS-0001 table 9.6.8-3: 5 for a
     * container, 6 for an AE, 8 for a timeSeries): a subscription to any other type naming one is 4000.
     */
    public Set<Long> ownEventTypes() {
        return Set.of();
    }

    /**
     * Whether a Retrieve of {@code r} with its child resources finds no content instance among them, which raises
     * notificationEventType 5 (TS-0001 table 9.6.8-3, TS-0004 table 6.3.4.2.19-1).
     */
    public boolean holdsNoContentInstance(Resource r) {
        return false;
    }

    /** The answer to a Create of this type under a parent whose type does not accept it (TS-0004 7.3.3.3: 4108). */
    public OneM2MException refusedUnder(ResourceType parentType) {
        return new OneM2MException(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE,
                rootElement() + " cannot be created under " + parentType.rootElement());
    }

    /** The virtual children (la, ol, fopt, pcu, …) addressed under resources of this type, by name. */
    public Map<String, VirtualChild> virtualChildren() {
        return Map.of();
    }

    /** Children that discovery and child lists never show, whoever asks (instances of a holder with disr). */
    public List<Visibility.HiddenChildren> hiddenChildren() {
        return List.of();
    }

    /** Whether resources of this type never have children (a deletion need not look below them). */
    public final boolean childless() {
        return childTypes().isEmpty();
    }

    /** Whether a Create may name the resource (TS-0004 7.4.1: O; called from the constructor). */
    protected Presence resourceNameOnCreate() {
        return Presence.OPTIONAL;
    }

    /** Whether a Create must, may or may not give et (TS-0004 7.4.1: O; called from the constructor). */
    protected Presence expirationTimeOnCreate() {
        return Presence.OPTIONAL;
    }

    public boolean hasStateTag() {
        return false;
    }

    public boolean hasCreator() {
        return false;
    }

    public boolean hasExpirationTime() {
        return true;
    }

    /** False for types only the CSE creates (CSEBase, request). */
    public boolean creatableByRequest() {
        return true;
    }

    /** False for types an Update may not change (CSEBase, contentInstance: 4005). */
    public boolean updatable() {
        return true;
    }

    /** False for types a Delete may not remove (CSEBase: 4005). */
    public boolean deletable() {
        return true;
    }

    /**
     * True for a type whose resources are registrations of other CSEs with this one ({@code <remoteCSE>}): the CSE is
     * told after each committed transaction that removed one, however it was removed (a Delete, its expiry).
     */
    public boolean registersCse() {
        return false;
    }

    /**
     * Whether creating one registers its originator (an AE, TS-0001 10.2.2.2): a Create that needs no privilege on
     * the parent and may come without an originator.
     */
    public boolean isRegistration() {
        return false;
    }

    /** The privileges on the parent a Create of this type needs. */
    public List<Permission> createPermissions() {
        return isRegistration() ? List.of() : List.of(Permission.CREATE);
    }

    /**
     * Checks on who may create a resource of this type, after the privileges of {@link #createPermissions} (which a
     * type may replace by this check: a remoteCSE is created by an authenticated CSE, TS-0004 7.4.4.2.1) and before
     * its attributes are looked at.
     */
    public void checkCreator(RequestPrimitive req, CseIdentity cse) {
    }

    /**
     * Whether this is the announced variant of another type (TS-0004 7.4.26), which carries the original's announced
     * attributes only. Called from the constructor: answer from constants only.
     */
    protected boolean isAnnouncedVariant() {
        return false;
    }

    /** Whether its resources are governed by their own privileges instead of acpi (accessControlPolicy: pvs). */
    public boolean governsItself() {
        return false;
    }

    /** Whether its resources carry content that a content filter (cfs/cfq) can test: see {@link #content}. */
    public boolean hasContent() {
        return false;
    }

    /** The content of a resource of this type, for content filters; null when it has none. */
    public ResourceContent content(Resource r) {
        return null;
    }

    /**
     * The attributes each member gets of a Create ({@code create}) or Update of a resource of this type made through a
     * group's fanOutPoint (TS-0004 7.4.14.2): those given, unless the type says otherwise. Runs before anything is
     * fanned out, so what it refuses reaches no member.
     *
     * @param given    the attributes of the request
     * @param groupId  the group's SP-relative ID
     * @param outerGroup whether the request was fanned out to this group by another group's fanOutPoint
     */
    public Map<String, Object> forGroupMembers(Map<String, Object> given, boolean create, Resource group, String groupId,
                                               boolean outerGroup) {
        return given;
    }

    /**
     * Whether {@code originator} may notify {@code r} whatever its accessControlPolicies say: the CSE hosting what the
     * resource itself subscribed to (a crossResourceSubscription's target subscriptions on another CSE).
     */
    public boolean notifiedBy(Resource r, String originator) {
        return false;
    }

    /** What a Notify addressed to a resource of this type reaches (TS-0004 7.3.3.9). */
    public NotifyRecipient notifyRecipient() {
        return NotifyRecipient.NONE;
    }

    /**
     * Checks a type makes on the Content of a Create or Update on Recv-1.0, before anything is looked up or access is
     * decided (an accessControlPolicy without selfPrivileges, TS-0004 7.4.2.2.1). {@code attributes} are the request's
     * own, not yet validated; everything else is checked later, in its place.
     */
    public void checkSyntax(Operation operation, Map<?, ?> attributes) {
    }

    /** The attributes of a Create or Update Content of this type, as sent; an empty map when it has another shape. */
    public final Map<?, ?> sentAttributes(Object content) {
        return content instanceof Map<?, ?> root && root.get(rootElement()) instanceof Map<?, ?> m ? m : Map.of();
    }

    /**
     * After the privilege check of a Retrieve, Update or Delete: refuses originators the type admits none but its own,
     * whatever the policies say (a pollingChannel serves its AE only, TS-0004 7.4.21.2.2–7.4.21.2.4: 4103).
     */
    public void checkOriginator(ResourceTree tree, RequestPrimitive req, Resource r) {
    }

    /**
     * Refuses a Retrieve or Delete of a resource when it may not be read at the moment, after the privilege check (a
     * contentInstance of a container with disr, TS-0004 7.4.6).
     */
    public void checkReadable(ResourceTree tree, Resource r) {
    }

    /**
     * Work a Create or Update must finish before its write transaction, holding no lock, after access is decided and
     * the attributes are checked: e.g. verifying a subscription's new notification targets (TS-0004 7.4.8.2.1).
     * Called only when {@link #worksBeforeTransaction}.
     */
    public void beforeTransaction(PendingWrite write) {
    }

    /** Whether {@link #beforeTransaction} has anything to do. */
    public boolean worksBeforeTransaction() {
        return false;
    }

    /**
     * Whether concurrent creates of this type under one parent may share one transaction and one durable commit
     * ({@link io.keel.core.store.ResourceStore#writeUnder}): true where a create changes only its parent and what it
     * adds (instances counted by their holder), so that sharing holds no lock longer than the parent's.
     */
    public boolean createsShareCommits() {
        return false;
    }

    /**
     * Type rules for a Create, run inside the write transaction with the parent locked, after the generic
     * attribute checks and before the new resource is stored: fill CSE-set attributes, check cross-attribute rules.
     */
    public void prepareCreate(ResourceOperation op) {
    }

    /** Type rules after the new resource is stored (e.g. a contentInstance updates its container). */
    public void afterCreate(ResourceOperation op) {
    }

    /** Type rules for an Update, before it is stored; {@code op.resource} already holds the new values. */
    public void prepareUpdate(ResourceOperation op) {
    }

    /** Type rules before a resource of this type is deleted (e.g. its container's counters). */
    public void beforeDelete(ResourceOperation op) {
    }

    /**
     * After any resource was updated and stored, whatever its type: for types whose resources follow attributes of
     * others (a locationPolicy the loc of its target, TS-0004 7.4.10). Work it does is part of the Update.
     */
    public void afterAnyUpdate(ResourceOperation op) {
    }

    /**
     * Before any resource and its subtree are deleted, whatever their type: for types whose resources name others and
     * must let go of them (a group's members, TS-0004 7.4.13.1).
     */
    public void beforeAnyDelete(ResourceOperation op) {
    }
}
