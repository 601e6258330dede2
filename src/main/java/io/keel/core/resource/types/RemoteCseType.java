package io.keel.core.resource.types;

import io.keel.core.CseIdentity;
import io.keel.core.Identifiers;
import io.keel.core.access.Permission;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <remoteCSE>} (ty 16, m2m:csr, TS-0004 7.4.4, TS-0001 9.6.4): a CSE registered with this one, created by that
 * CSE itself (CSE registration, TS-0001 10.2.2.7), or this CSE's registrar, which this CSE creates for itself (see
 * {@code core.registration.Registration}). Its ri is the registered CSE's CSE-ID without the slash ({@code id-mn}), so
 * a CSE is registered once and its {@code <remoteCSE>} is found by the CSE-ID; {@code csi} holds the SP-relative
 * CSE-ID ({@code /id-mn}) and {@code poa} where that CSE is reached.
 */
public final class RemoteCseType extends ResourceType {
    private static final String CSE_ID = "csi";
    private static final String SUPPORTED_RELEASE_VERSIONS = "srv";
    /** cseTypeID of an ASN-CSE (TS-0004 6.3.4.2.2), which has no registrees. */
    private static final int ASN_CSE = 3;
    /** As for AEs: the first release whose registrees must state their srv (README, "Releases served"). */
    private static final String SRV_MANDATORY_FROM = "3";

    public RemoteCseType() {
        super(ResourceTypes.REMOTE_CSE, "csr", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.createOnly("cst", AttributeType.CSE_TYPE, Presence.OPTIONAL),
                AttributeDef.optional("poa", AttributeType.POA_LIST),
                AttributeDef.createOnly("cb", AttributeType.ANY_URI, Presence.MANDATORY),
                AttributeDef.createOnly(CSE_ID, AttributeType.ID, Presence.OPTIONAL),
                AttributeDef.optional("mei", AttributeType.EXTERNAL_ID).since("2"),
                AttributeDef.optional("tri", AttributeType.TRIGGER_RECIPIENT_ID).since("2"),
                AttributeDef.mandatory("rr", AttributeType.BOOLEAN),
                AttributeDef.optional("nl", AttributeType.ANY_URI),
                AttributeDef.optional("trn", AttributeType.UNSIGNED_INT).since("2"),
                AttributeDef.optional("csz", AttributeType.SERIALIZATIONS).since("2"),
                // Mandatory from Release 3 on, see prepareCreate, as for an AE.
                AttributeDef.optional(SUPPORTED_RELEASE_VERSIONS, AttributeType.LIST_OF_RELEASE_VERSIONS).since("2a"),
                AttributeDef.optional("tren", AttributeType.BOOLEAN).since("3"),
                // The CSEs registered below the registree, which it keeps up to date (TS-0004 7.4.4.2.1): the
                // next hop for them is this <remoteCSE> (7.3.2.6).
                AttributeDef.optional("dcse", AttributeType.LIST_OF_URIS)));
    }

    /**
     * Defined by TS-0004 table 7.4.4.1-3 but not supported: no end-to-end security, no multicast, no activity patterns.
     */
    @Override
    public Map<String, String> unsupportedAttributes() {
        return Map.of("esi", "e2eSecInfo", "mtcc", "multicastCapability",
                "egid", "externalGroupID", "ape", "activityPatternElements");
    }

    /** Announced as remoteCSEAnnc (10016, m2m:csrA) like the other announceable types (TS-0001 9.6.4). */
    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    /** The OA attributes of TS-0001 table 9.6.4-2 that Keel stores for a remoteCSE (esi, its one MA, it does not). */
    @Override
    public List<String> announcedAttributes() {
        return List.of("cst", "poa", "cb", "csi", "rr", "nl", "csz");
    }

    @Override
    public Set<Integer> childTypes() {
        // The announced resources a registered CSE announces to this one go below its <remoteCSE> (TS-0001 9.6.26,
        // table 9.6.4-1).
        return Set.of(ResourceTypes.ACCESS_CONTROL_POLICY, ResourceTypes.CONTAINER, ResourceTypes.FLEX_CONTAINER, ResourceTypes.GROUP,
                ResourceTypes.SUBSCRIPTION, ResourceTypes.POLLING_CHANNEL, ResourceTypes.TIME_SERIES, ResourceTypes.CROSS_RESOURCE_SUBSCRIPTION,
                ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION,
                AnnouncedType.OFFSET + ResourceTypes.ACCESS_CONTROL_POLICY,
                AnnouncedType.OFFSET + ResourceTypes.AE, AnnouncedType.OFFSET + ResourceTypes.CONTAINER,
                AnnouncedType.OFFSET + ResourceTypes.GROUP, AnnouncedType.OFFSET + ResourceTypes.REMOTE_CSE,
                AnnouncedType.OFFSET + ResourceTypes.LOCATION_POLICY,
                AnnouncedType.OFFSET + ResourceTypes.FLEX_CONTAINER, AnnouncedType.OFFSET + ResourceTypes.SCHEDULE,
                AnnouncedType.OFFSET + ResourceTypes.TIME_SERIES, AnnouncedType.OFFSET + ResourceTypes.NODE,
                AnnouncedType.OFFSET + ResourceTypes.SEMANTIC_DESCRIPTOR, AnnouncedType.OFFSET + ResourceTypes.ONTOLOGY_REPOSITORY);
    }

    /** Its removal changes the descendantCSEs this CSE tells its registrar (TS-0004 7.4.4.2.4). */
    @Override
    public boolean registersCse() {
        return true;
    }

    /** The credential check replaces the privilege check (TS-0004 7.4.4.2.1, Recv-6.3): see {@link #checkCreator}. */
    @Override
    public List<Permission> createPermissions() {
        return List.of();
    }

    /**
     * TS-0004 7.4.4.2.1 (Recv-6.3 replaced): an AE may not register as a CSE (4005), and the CSE that does must be
     * authenticated (4107, HTTP authentication, TS-0009 7.1). Keel says 4005 to an AE first, whether or not it is
     * authenticated: the clearer answer.
     */
    @Override
    public void checkCreator(RequestPrimitive req, CseIdentity cse) {
        registreeCseId(req.from, cse);
        if (!req.originatorAuthenticated) {
            throw new OneM2MException(ResponseStatusCode.SECURITY_ASSOCIATION_REQUIRED,
                    "a CSE registers with credentials this CSE knows (HTTP authentication)");
        }
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        if (op.cse.cseType() == ASN_CSE) {
            throw OneM2MException.notAllowed("an ASN-CSE has no registree CSEs (TS-0004 7.4.4.2.1)");
        }
        String csi = registreeCseId(op.request.from, op.cse);
        Object given = op.given.get(CSE_ID);
        if (given != null && !given.equals(csi)) {
            throw OneM2MException.badRequest("csi " + given + " is not the originator's CSE-ID " + csi
                    + ": a CSE registers itself");
        }
        if (op.given.get(SUPPORTED_RELEASE_VERSIONS) == null
                && ReleaseVersion.knows(op.request.releaseVersionIndicator, SRV_MANDATORY_FROM)) {
            throw OneM2MException.badRequest("attribute srv is missing: m2m:csr requires it from Release "
                    + SRV_MANDATORY_FROM + " on");
        }
        String ri = csi.substring(1);
        Resource existing = op.tree.find(ri);
        if (existing != null) {
            if (existing.ty == ResourceTypes.REMOTE_CSE) {
                throw new OneM2MException(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED,
                        "the CSE " + csi + " is already registered with this CSE");
            }
            throw new OneM2MException(ResponseStatusCode.CONFLICT, "the resource ID " + ri + " is taken");
        }
        Resource csr = op.resource;
        csr.ri = ri;
        if (!op.given.containsKey("rn")) {
            csr.rn = ri;
            csr.srn = op.parent.srn + "/" + ri;
        }
        csr.attributes.put(CSE_ID, csi);
        NodeLinks.creating(op);
    }

    /** The node its nodeLink names names it in hostedCSELink (see {@link NodeLinks}). */
    @Override
    public void afterCreate(ResourceOperation op) {
        NodeLinks.created(op);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        NodeLinks.updating(op);
    }

    /**
     * CSE de-registration (TS-0001 10.2.2.x, TS-0004 7.4.4.2.4), registree side: an administrator who deletes the
     * local {@code <remoteCSE>} of this CSE's registrar ends the registration. The CSEBase is marked in the same
     * transaction, so the registration sends the Delete of this CSE's {@code <remoteCSE>} on the registrar and does not
     * register again at the next start (see {@code core.registration.Registration}). A delete by anyone else (the
     * expiry of the local copy, the registrar) is no de-registration: the next start registers again.
     */
    @Override
    public void beforeDelete(ResourceOperation op) {
        NodeLinks.deleting(op);
        if (op.request != null && op.cse.hasRegistrar() && op.resource.ri.equals(op.cse.registrarCseId())
                && op.cse.adminOriginator() != null && op.cse.adminOriginator().equals(op.request.from)) {
            Resource base = op.parent; // a <remoteCSE> is a child of the CSEBase, locked for the delete
            String marker = deregisteredMarker(op.cse);
            if (base != null && !base.lbl.contains(marker)) {
                base.lbl.add(marker);
                op.tree.update(base);
            }
        }
    }

    /**
     * The label on the CSEBase that says this CSE de-registered from its configured registrar and stays so: visible
     * to anyone who retrieves the CSEBase, stored with the resources (H2 or PostgreSQL alike), and naming the
     * registrar, so that configuring another registrar registers with it.
     */
    public static String deregisteredMarker(CseIdentity cse) {
        return "keel:deregistered-from:/" + cse.registrarCseId();
    }

    /**
     * The SP-relative CSE-ID ({@code /id-mn}) an originator registers as: its own form, or the absolute form within
     * this service provider. AE-IDs (C…/S… stems, {@code /id-in/Cxyz}) and anything else are 4005 (TS-0004 7.4.4.2.1).
     */
    static String registreeCseId(String from, CseIdentity cse) {
        String id = from == null ? "" : from;
        String ownSp = "//" + cse.spId() + "/";
        if (id.startsWith(ownSp)) {
            id = id.substring(ownSp.length() - 1);
        } else if (id.startsWith("//")) {
            throw OneM2MException.notAllowed("originator " + from + " is a CSE of another M2M Service Provider:"
                    + " inter-provider registration is not supported");
        }
        if (!id.startsWith("/") || id.indexOf('/', 1) >= 0 || id.length() < 2 || !Identifiers.isId(id.substring(1))) {
            throw OneM2MException.notAllowed("originator " + from + " is no CSE-ID (/<CSE-ID>): an AE may not create"
                    + " a remoteCSE, only a CSE registering itself may");
        }
        if (id.equals(cse.spRelativeCseId())) {
            throw OneM2MException.notAllowed("originator " + from + " is this CSE, which does not register with itself");
        }
        return id;
    }
}
