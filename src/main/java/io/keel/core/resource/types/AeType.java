package io.keel.core.resource.types;

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
import java.util.regex.Pattern;

/**
 * {@code <AE>} (ty 2, m2m:ae): creating one registers an application (TS-0001 10.2.2.2, TS-0004 7.4.5,
 * 7.4.5.2.1). Its ri and aei are the AE-ID-Stem, which the AE uses as originator from then on.
 */
public final class AeType extends ResourceType {
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    private static final Set<String> SERIALIZATIONS = Set.of("json", "xml", "cbor",
            "application/json", "application/xml", "application/cbor",
            "application/vnd.onem2m-res+json", "application/vnd.onem2m-res+xml", "application/vnd.onem2m-res+cbor");

    public AeType() {
        super(ResourceTypes.AE, "ae", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_TOKENS),
                AttributeDef.optional("apn", AttributeType.STRING),
                AttributeDef.createOnly("api", AttributeType.TOKEN, Presence.MANDATORY),
                AttributeDef.readOnly("aei", AttributeType.TOKEN),
                AttributeDef.optional("poa", AttributeType.LIST_OF_TOKENS),
                AttributeDef.optional("or", AttributeType.TOKEN),
                AttributeDef.optional("nl", AttributeType.TOKEN),
                AttributeDef.mandatory("rr", AttributeType.BOOLEAN),
                AttributeDef.optional("csz", AttributeType.LIST_OF_TOKENS),
                AttributeDef.optional("mei", AttributeType.TOKEN),
                AttributeDef.mandatory("srv", AttributeType.LIST_OF_RELEASE_VERSIONS),
                AttributeDef.optional("tren", AttributeType.BOOLEAN),
                AttributeDef.optional("tri", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("trn", AttributeType.NON_NEGATIVE_INTEGER)));
    }

    /**
     * Defined by TS-0004 table 7.4.5.1-3 but not supported: Keel has no end-to-end security, tracks no registration
     * points or status, and does not use session capabilities or activity patterns.
     */
    @Override
    public Map<String, String> unsupportedAttributes() {
        return Map.of("esi", "e2eSecInfo", "regs", "registrationStatus", "trps", "trackRegistrationPoints",
                "scp", "sessionCapabilities", "ape", "activityPatternElements");
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.ACCESS_CONTROL_POLICY, ResourceTypes.CONTAINER, ResourceTypes.GROUP,
                ResourceTypes.SUBSCRIPTION, ResourceTypes.POLLING_CHANNEL);
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
        if (op.cse.aeAllowedOriginators().stream().noneMatch(p -> Identifiers.matchesWildcard(p, stem))) {
            throw new OneM2MException(ResponseStatusCode.APP_RULE_VALIDATION_FAILED,
                    "originator " + stem + " is not allowed to register (keel.ae.allowed-originators)");
        }
        if (op.tree.find(stem) != null) {
            throw new OneM2MException(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED,
                    "an AE with the AE-ID " + stem + " is already registered");
        }
        String api = (String) op.given.get("api");
        char first = api.isEmpty() ? ' ' : api.charAt(0);
        if (first != 'r' && first != 'R' && first != 'N') {
            throw OneM2MException.badRequest("api must start with 'r', 'R' (registered) or 'N' (non-registered): " + api);
        }
        if (first == 'r' && ReleaseVersion.isAtLeast(op.request.releaseVersionIndicator, "4")) {
            // TS-0001 table 7.2-1: 'r' is forbidden from Release 4 on.
            throw OneM2MException.badRequest("api: from Release 4 on a registered App-ID starts with 'R', not 'r': " + api);
        }
        checkUris(op.resource);
        Resource ae = op.resource;
        ae.ri = stem;
        if (!op.given.containsKey("rn")) {
            ae.rn = stem;
            ae.srn = op.parent.srn + "/" + stem;
        }
        ae.attributes.put("aei", stem);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        checkUris(op.resource);
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

    private static void checkUris(Resource ae) {
        // m2m:triggerRecipientID is a port number (TS-0004 table 6.3.3-1), triggerReferenceNumber an xs:unsignedInt.
        if (ae.getLong("tri", 0) > 65_535) {
            throw OneM2MException.badRequest("tri must be a port number, 0-65535: " + ae.get("tri"));
        }
        if (ae.getLong("trn", 0) > 4_294_967_295L) {
            throw OneM2MException.badRequest("trn must be an xs:unsignedInt: " + ae.get("trn"));
        }
        Object poa = ae.get("poa");
        if (poa instanceof List<?> l) {
            for (Object p : l) {
                if (!URI.matcher((String) p).matches()) {
                    throw OneM2MException.badRequest("poa entries must be URIs with a scheme, e.g. http://host:port/path: " + p);
                }
            }
        }
        Object csz = ae.get("csz");
        if (csz instanceof List<?> l) {
            for (Object c : l) {
                if (!SERIALIZATIONS.contains(c)) {
                    throw OneM2MException.badRequest("csz entries must be json, xml or cbor (or their media types): " + c);
                }
            }
        }
    }
}
