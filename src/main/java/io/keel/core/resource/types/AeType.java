package io.keel.core.resource.types;

import io.keel.core.geo.Location;
import io.keel.core.CseIdentity;
import io.keel.core.Identifiers;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.NotifyRecipient;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <AE>} (ty 2, m2m:ae): creating one registers an application (TS-0001 10.2.2.2, TS-0004 7.4.5,
 * 7.4.5.2.1). Its ri and aei are the AE-ID-Stem, which the AE uses as originator from then on.
 */
public final class AeType extends ResourceType {
    private static final String SUPPORTED_RELEASE_VERSIONS = "srv";
    /** The first release whose AEs must state their srv (README, "Releases served"). */
    private static final String SRV_MANDATORY_FROM = "3";

    public AeType() {
        super(ResourceTypes.AE, "ae", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional("apn", AttributeType.STRING),
                AttributeDef.createOnly("api", AttributeType.APP_ID, Presence.MANDATORY),
                AttributeDef.readOnly("aei", AttributeType.ID),
                AttributeDef.optional("poa", AttributeType.POA_LIST),
                AttributeDef.optional("or", AttributeType.ANY_URI),
                AttributeDef.optional("nl", AttributeType.ANY_URI),
                AttributeDef.mandatory("rr", AttributeType.BOOLEAN),
                AttributeDef.optional("csz", AttributeType.SERIALIZATIONS).since("2"),
                AttributeDef.optional("mei", AttributeType.EXTERNAL_ID).since("2"),
                // Mandatory from Release 3 on, see prepareCreate; an AE without it is of Release 1 (TS-0001 9.6.5).
                AttributeDef.optional(SUPPORTED_RELEASE_VERSIONS, AttributeType.LIST_OF_RELEASE_VERSIONS).since("2a"),
                AttributeDef.optional("tren", AttributeType.BOOLEAN).since("3"),
                AttributeDef.optional("tri", AttributeType.TRIGGER_RECIPIENT_ID).since("2"),
                AttributeDef.optional("trn", AttributeType.UNSIGNED_INT).since("2"),
                AttributeDef.optional(Location.LOC, AttributeType.GEO_COORDINATES).since("4")));
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        return List.of("apn", "api", "aei", "poa", "or", "nl", "rr", "csz", "srv");
    }

    @Override
    public Map<String, String> unsupportedAttributes() {
        return Map.of("esi", "e2eSecInfo", "regs", "registrationStatus", "trps", "trackRegistrationPoints",
                "scp", "sessionCapabilities", "ape", "activityPatternElements");
    }

    /** Its pointOfAccess is for the AE and this CSE only (TS-0001 table 9.6.5-2). */
    @Override
    public Set<String> ownerOnlyAttributes() {
        return Set.of("poa");
    }

    /** Trigger_Received_For_AE_Resource (TS-0004 table 6.3.4.2.19-1). */
    @Override
    public Set<Long> ownEventTypes() {
        return Set.of(6L);
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.ACCESS_CONTROL_POLICY, ResourceTypes.CONTAINER, ResourceTypes.FLEX_CONTAINER, ResourceTypes.GROUP,
                ResourceTypes.SUBSCRIPTION, ResourceTypes.POLLING_CHANNEL, ResourceTypes.TIME_SERIES,
                ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION, ResourceTypes.SEMANTIC_DESCRIPTOR,
                ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION);
    }

    @Override
    public boolean isRegistration() {
        return true;
    }

    /** A Notify to an AE goes on to the application (TS-0004 7.3.3.9). */
    @Override
    public NotifyRecipient notifyRecipient() {
        return NotifyRecipient.ENTITY;
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        String stem = assignStem(op.request.from, op.cse);
        AppRuleValidation.check(op, stem);
        if (op.tree.find(stem) != null) {
            throw new OneM2MException(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED,
                    "an AE with the AE-ID " + stem + " is already registered");
        }
        String api = (String) op.given.get("api");
        if (api.charAt(0) == 'r' && ReleaseVersion.isAtLeast(op.request.releaseVersionIndicator, "4")) {
            // TS-0001 table 7.2-1: 'r' is forbidden from Release 4 on.
            throw OneM2MException.badRequest("api: from Release 4 on a registered App-ID starts with 'R', not 'r': " + api);
        }
        if (op.given.get(SUPPORTED_RELEASE_VERSIONS) == null && srvMandatory(op)) {
            throw OneM2MException.badRequest("attribute srv is missing: m2m:ae requires it from Release " + SRV_MANDATORY_FROM + " on");
        }
        Resource ae = op.resource;
        ae.ri = stem;
        if (!op.given.containsKey("rn")) {
            ae.rn = stem;
            ae.srn = op.parent.srn + "/" + stem;
        }
        ae.attributes.put("aei", stem);
        NodeLinks.creating(op);
    }

    /** The node its nodeLink names lists it in hostedAELinks (see {@link NodeLinks}). */
    @Override
    public void afterCreate(ResourceOperation op) {
        NodeLinks.created(op);
    }

    @Override
    public void beforeDelete(ResourceOperation op) {
        NodeLinks.deleting(op);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        if (op.given.containsKey(SUPPORTED_RELEASE_VERSIONS) && op.given.get(SUPPORTED_RELEASE_VERSIONS) == null
                && srvMandatory(op)) {
            throw OneM2MException.badRequest("attribute srv is mandatory from Release " + SRV_MANDATORY_FROM + " on and cannot be deleted");
        }
        NodeLinks.updating(op);
    }

    private static boolean srvMandatory(ResourceOperation op) {
        return ReleaseVersion.knows(op.request.releaseVersionIndicator, SRV_MANDATORY_FROM);
    }

    /**
     * The AE-ID-Stem for a registering originator: none, empty or {@code C} → a new C-stem; {@code S} → a new
     * S-stem; a complete stem (also in its SP-relative form) is taken as it is.
     */
    static String assignStem(String from, CseIdentity cse) {
        if (from == null || from.isEmpty() || from.equals("C")) {
            return "C" + Identifiers.random(12);
        }
        if (from.equals("S")) {
            return "S" + Identifiers.random(12);
        }
        String stem = from;
        String ownPrefix = cse.spRelativeCseId() + "/";
        if (stem.startsWith(ownPrefix)) {
            stem = stem.substring(ownPrefix.length());
        } else if (stem.startsWith("/") && stem.indexOf('/', 1) < 0) {
            stem = stem.substring(1); // SP-relative S-stem: /Sxyz
        }
        if (!Identifiers.isId(stem)) {
            throw new OneM2MException(ResponseStatusCode.APP_RULE_VALIDATION_FAILED,
                    "originator " + from + " is not a valid AE-ID-Stem");
        }
        return stem;
    }
}
