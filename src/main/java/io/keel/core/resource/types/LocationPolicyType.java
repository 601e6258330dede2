package io.keel.core.resource.types;

import io.keel.core.Identifiers;
import io.keel.core.geo.GeoCoordinates;
import io.keel.core.geo.GeometryType;
import io.keel.core.geo.Location;
import io.keel.core.location.EndedSubscriptions;
import io.keel.core.location.GeofenceEvent;
import io.keel.core.location.NetworkLocationSource;
import io.keel.core.location.SharedPositions;
import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.LocationWatches;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;

/**
 * {@code <locationPolicy>} (ty 10, m2m:lcp), TS-0004 7.4.10, TS-0001 9.6.10 and 10.2.9: how the location of an M2M node
 * is obtained. Its Create makes the {@code <container>} (beside it, under the CSEBase) in which the CSE stores the
 * location as contentInstances ({@link LocationRecords}); its Delete deletes that container.
 * <ul>
 * <li>Device-based (los 2): the device reports its position as the Release 4 {@code loc} of its {@code <AE>} (or of
 * its {@code <node>}); the target is the AE or node {@code lot} names (AE-ID or nodeID), else the originator's AE. Each
 * new loc is a position fix at once (in the Update that sets it), and with a locationUpdatePeriod the current loc is
 * fixed again at every period ({@code LocationTracker}).</li>
 * <li>Network-based (los 1): the Location Server of the Underlying Network ({@link NetworkLocationSource}) positions
 * {@code lot} once at creation and at every period; without a Location Server interface the Create is 4000.</li>
 * <li>Sharing-based (los 3): the target (as for device-based) is given the position of the closest node of its M2M
 * Area Network that has one, else that of the Hosting CSE's node ({@link SharedPositions}): at creation and at every
 * period.</li>
 * </ul>
 * Without a period (lou absent or 0) and without locationUpdateEventCriteria, a network- or sharing-based policy
 * positions when its container's {@code <latest>} is retrieved (TS-0001 10.2.9.7, see {@link #positionsOnRetrieve});
 * with locationUpdateEventCriteria Location_Change, a network-based one stores a position only when it changed: the
 * Location Server notifies them when the CSE has a callback URL and the interface subscribes (as it may notify every
 * period), else it is asked at every round of the tracker. A device-based policy's positions are the device's own reports,
 * each stored when reported.
 * With locationInformationType 2 each fix is judged against geographicalTargetArea ({@link GeofenceEvent}) and stored
 * as a geofence event when it is of geofenceEventCriteria (every event without it); whether the last position was
 * inside is kept in the database ({@link LocationWatches}), so Entering and Leaving survive a restart.
 */
public final class LocationPolicyType extends ResourceType {
    public static final String SOURCE = "los";
    public static final String INFORMATION_TYPE = "lit";
    public static final String UPDATE_PERIOD = "lou";
    public static final String TARGET = "lot";
    public static final String SERVER = "lor";
    public static final String CONTAINER_ID = "loi";
    public static final String CONTAINER_NAME = "lon";
    public static final String STATUS = "lost";
    public static final String TARGET_AREA = "gta";
    public static final String GEOFENCE_CRITERIA = "gec";
    public static final String AUTH_ID = "aid";
    public static final String LAST_KNOWN = "rlkl";
    public static final String UPDATE_EVENT_CRITERIA = "luec";
    // m2m:locationSource (TS-0004 6.3.4.2.3)
    public static final long NETWORK_BASED = 1;
    public static final long DEVICE_BASED = 2;
    public static final long SHARING_BASED = 3;
    // m2m:locationInformationType (TS-0004 6.3.4.2.46)
    static final long POSITION_FIX = 1;
    static final long GEOFENCE_EVENT = 2;
    /** locationStatus: no position obtained yet; then the status code of the last positioning (2000: it succeeded). */
    public static final String STATUS_PENDING = "1000";
    public static final String STATUS_OK = "2000";
    /** locationStatus when the target has no position (its loc is absent, or it is gone). */
    public static final String STATUS_NO_POSITION = "4004";
    /** The attributes that apply only when a Location Server provides the location (TS-0001 table 9.6.10-2). */
    private static final List<String> NETWORK_ONLY = List.of(SERVER, AUTH_ID, LAST_KNOWN, UPDATE_EVENT_CRITERIA);
    private final NetworkLocationSource network;

    /** @param network the Location Server interface; null when the CSE has none */
    public LocationPolicyType(NetworkLocationSource network) {
        super(ResourceTypes.LOCATION_POLICY, "lcp", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.createOnly(SOURCE, AttributeType.LOCATION_SOURCE, Presence.MANDATORY),
                AttributeDef.optional(INFORMATION_TYPE, AttributeType.LOCATION_INFORMATION_TYPE).since("3"),
                AttributeDef.optional(UPDATE_PERIOD, AttributeType.LIST_OF_DURATIONS),
                AttributeDef.createOnly(TARGET, AttributeType.STRING, Presence.OPTIONAL),
                AttributeDef.createOnly(SERVER, AttributeType.ANY_URI, Presence.OPTIONAL),
                AttributeDef.readOnly(CONTAINER_ID, AttributeType.ANY_URI),
                AttributeDef.createOnly(CONTAINER_NAME, AttributeType.RESOURCE_NAME, Presence.OPTIONAL),
                AttributeDef.readOnly(STATUS, AttributeType.STRING),
                AttributeDef.optional(TARGET_AREA, AttributeType.GEO_COORDINATES).since("3"),
                AttributeDef.optional(GEOFENCE_CRITERIA, AttributeType.GEOFENCE_EVENT_CRITERIA).since("3"),
                AttributeDef.createOnly(AUTH_ID, AttributeType.EXTERNAL_ID, Presence.OPTIONAL),
                AttributeDef.optional(LAST_KNOWN, AttributeType.BOOLEAN).since("3"),
                AttributeDef.optional(UPDATE_EVENT_CRITERIA, AttributeType.LOCATION_UPDATE_EVENT_CRITERIA).since("3")));
        this.network = network;
    }

    /** The Location Server interface, if the CSE has one. */
    public Optional<NetworkLocationSource> network() {
        return Optional.ofNullable(network);
    }

    /** Announced as locationPolicyAnnc (10010, m2m:lcpA), its specific attributes OA (TS-0001 table 9.6.10-2). */
    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    @Override
    public List<String> announcedAttributes() {
        return List.of(SOURCE, INFORMATION_TYPE, UPDATE_PERIOD, TARGET, SERVER, CONTAINER_ID, CONTAINER_NAME, STATUS,
                TARGET_AREA, GEOFENCE_CRITERIA, AUTH_ID, LAST_KNOWN, UPDATE_EVENT_CRITERIA);
    }

    /** TS-0004 table 7.4.10.1-4: subscription and transaction; Keel has no transaction. */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /**
     * TS-0004 7.4.10.2.1: the attributes checked together, the source made ready (4000 when the target or the Location
     * Server cannot be obtained), the container's name checked (TS-0001 10.2.9.6: 4105 when taken) and its resourceID
     * put in locationContainerID.
     */
    @Override
    public void prepareCreate(ResourceOperation op) {
        Resource policy = op.resource;
        policy.attributes.putIfAbsent(INFORMATION_TYPE, POSITION_FIX);
        checkCombination(policy);
        long source = (Long) policy.get(SOURCE);
        if (source == NETWORK_BASED) {
            prepareNetwork(policy);
        } else {
            deviceTarget(op, policy);
        }
        String name = (String) policy.get(CONTAINER_NAME);
        if (name != null && (name.equals(policy.rn) || op.tree.findByStructuredName(op.parent.srn + "/" + name) != null)) {
            throw new OneM2MException(ResponseStatusCode.CONFLICT, "lon: a resource named " + name + " exists under "
                    + op.parent.srn + " already");
        }
        policy.attributes.put(CONTAINER_ID, Identifiers.newResourceId("cnt"));
        policy.attributes.put(STATUS, STATUS_PENDING);
    }

    /**
     * The container (TS-0004 7.4.10.2.1, TS-0001 10.2.9.6): beside the policy, named lon (else its resourceID), its
     * locationID the policy's; it lives as long as the policy, has the policy's originator as its creator and is governed
     * by the policy's accessControlPolicyIDs (kept the same by an Update of the policy's), so that whoever may read the
     * policy may read where its target is. A device-based policy whose target has a position stores it at once.
     */
    @Override
    public void afterCreate(ResourceOperation op) {
        Resource policy = op.resource;
        Resource container = new Resource();
        container.ty = ResourceTypes.CONTAINER;
        container.ri = (String) policy.get(CONTAINER_ID);
        container.pi = op.parent.ri;
        container.rn = policy.get(CONTAINER_NAME) instanceof String name ? name : container.ri;
        container.srn = op.parent.srn + "/" + container.rn;
        container.ct = op.now;
        container.lt = op.now;
        container.et = policy.et;
        container.origin = policy.origin;
        if (policy.get(ACCESS_CONTROL_POLICY_IDS) instanceof List<?> acpi) {
            container.attributes.put(ACCESS_CONTROL_POLICY_IDS, List.copyOf(acpi));
        }
        container.attributes.put("cni", 0L);
        container.attributes.put("cbs", 0L);
        container.attributes.put("li", policy.ri);
        op.tree.insert(container);
        governedLikeThePolicy(op, container);
        op.created(op.parent, container);
        long source = (Long) policy.get(SOURCE);
        Resource target = source == NETWORK_BASED ? null : deviceTarget(op, policy);
        // A network-based policy is positioned by the tracker at once, outside this transaction.
        Instant due = source == NETWORK_BASED ? op.now : nextFix(policy, op.now);
        LocationWatches.Watch watch = new LocationWatches.Watch(policy.ri, target == null ? null : target.ri, null, due);
        if (source == SHARING_BASED) {
            SharedPositions.Shared shared = SharedPositions.of(op.tree, op.cse, target);
            if (shared != null) {
                watch = fix(op, policy, watch, shared.loc());
            } else {
                status(op, policy, STATUS_NO_POSITION);
            }
        } else if (target != null && target.get(Location.LOC) instanceof Map<?, ?> loc) {
            watch = fix(op, policy, watch, loc);
        }
        op.locations().put(watch);
    }

    /**
     * TS-0004 7.4.10.2.3: the combination checked again; a new geographicalTargetArea starts judging afresh (the last
     * position was judged against the old one), a new period moves the next fix; a subscription at the Location Server
     * made from what changed (lou, luec, et, rlkl) is ended, to be made anew; the container lives as long as the
     * policy.
     */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        Resource policy = op.resource;
        policy.attributes.putIfAbsent(INFORMATION_TYPE, POSITION_FIX);
        checkCombination(policy);
        boolean networkBased = Long.valueOf(NETWORK_BASED).equals(policy.get(SOURCE));
        if (networkBased && op.given.containsKey(LAST_KNOWN)) {
            checkLastKnown(policy);
        }
        boolean timing = op.given.containsKey(UPDATE_PERIOD) || op.given.containsKey(UPDATE_EVENT_CRITERIA);
        // A subscription at the Location Server reports as it was made: for the old timing, until the old expirationTime
        // (monitorExpireTime, duration), from the API rlkl chose (lot, lor, aid cannot change). Ended, made anew at the
        // next round.
        boolean madeFrom = timing || op.given.containsKey("et") || op.given.containsKey(LAST_KNOWN);
        boolean resubscribe = networkBased && madeFrom && EndedSubscriptions.of(op, network, policy.ri);
        LocationWatches.Watch watch = op.locations().of(policy.ri);
        if (watch != null && (op.given.containsKey(TARGET_AREA) || op.given.containsKey(INFORMATION_TYPE) || timing
                || resubscribe)) {
            // Watching for location changes starts at once (the tracker's next round), a period a period from now.
            Instant due = resubscribe ? op.now : !timing ? watch.due() : onLocationChange(policy) ? op.now
                    : nextFix(policy, op.now);
            boolean rejudge = op.given.containsKey(TARGET_AREA) || op.given.containsKey(INFORMATION_TYPE);
            op.locations().put(new LocationWatches.Watch(policy.ri, watch.target(), rejudge ? null : watch.inside(), due));
        }
        boolean acpi = op.given.containsKey(ACCESS_CONTROL_POLICY_IDS);
        if ((op.given.containsKey("et") || acpi) && policy.get(CONTAINER_ID) instanceof String loi) {
            Resource container = op.tree.lock(loi);
            if (container != null) {
                container.et = policy.et;
                if (policy.get(ACCESS_CONTROL_POLICY_IDS) instanceof List<?> ids) {
                    container.attributes.put(ACCESS_CONTROL_POLICY_IDS, List.copyOf(ids));
                } else {
                    container.attributes.remove(ACCESS_CONTROL_POLICY_IDS);
                }
                op.tree.update(container);
                if (acpi) {
                    governedLikeThePolicy(op, container);
                }
            }
        }
    }

    /** The container is governed by the policies in its acpi, as any resource is (see GoverningPolicies). */
    private static void governedLikeThePolicy(ResourceOperation op, Resource container) {
        List<String> ids = new java.util.ArrayList<>();
        if (container.get(ACCESS_CONTROL_POLICY_IDS) instanceof List<?> l) {
            l.forEach(id -> ids.add((String) id));
        }
        op.policyIndex().setGoverningPolicies(container.ri, ids);
        op.policyIndex().setGoverningPoliciesOfChildren(container.ri, List.of(ResourceTypes.CONTENT_INSTANCE), ids);
    }

    /**
     * TS-0004 7.4.10.2.4: the container and its contentInstances go with the policy, and so does its subscription at
     * the Location Server (deleted there after the commit).
     */
    @Override
    public void beforeDelete(ResourceOperation op) {
        if (Long.valueOf(NETWORK_BASED).equals(op.resource.get(SOURCE))) {
            EndedSubscriptions.of(op, network, op.resource.ri);
        }
        if (op.resource.get(CONTAINER_ID) instanceof String loi) {
            Resource container = op.tree.find(loi);
            if (container != null && container.ty == ResourceTypes.CONTAINER) {
                op.alsoDelete(container);
            }
        }
    }

    /** A device-based policy's target reported a new position: a position fix of each policy it feeds. */
    @Override
    public void afterAnyUpdate(ResourceOperation op) {
        if (!op.given.containsKey(Location.LOC) || !(op.resource.get(Location.LOC) instanceof Map<?, ?> loc)) {
            return;
        }
        for (LocationWatches.Watch w : op.locations().ofTarget(op.resource.ri)) {
            Resource policy = op.tree.lock(w.policy());
            LocationWatches.Watch current = op.locations().of(w.policy()); // as it is now that the policy is locked
            if (policy != null && current != null && Long.valueOf(DEVICE_BASED).equals(policy.get(SOURCE))) {
                op.locations().put(fix(op, policy, current, loc));
            }
        }
    }

    /**
     * One position fix of the policy at {@code loc} (TS-0004 7.4.10.2.1 step 6): stored in its container as a position
     * fix, or judged against the target area and stored when its event is the one geofenceEventCriteria asks for (any,
     * without it); locationStatus 2000. The caller stores the returned watch.
     */
    public static LocationWatches.Watch fix(ResourceOperation op, Resource policy, LocationWatches.Watch watch, Map<?, ?> loc) {
        LocationWatches.Watch next = watch;
        String content = null;
        if (Long.valueOf(GEOFENCE_EVENT).equals(policy.get(INFORMATION_TYPE))) {
            boolean inside = GeofenceEvent.inside(area(policy), Location.of(Map.of(Location.LOC, loc)));
            GeofenceEvent event = GeofenceEvent.of(watch.inside(), inside);
            next = watch.judged(inside);
            Object wanted = policy.get(GEOFENCE_CRITERIA);
            if (wanted == null || wanted.equals(event.code())) {
                content = LocationRecords.content(loc, event);
            }
        } else {
            content = LocationRecords.content(loc, null);
        }
        String status = STATUS_OK;
        Resource container = policy.get(CONTAINER_ID) instanceof String loi ? op.tree.lock(loi) : null;
        if (content != null && container != null) {
            try {
                LocationRecords.append(op, op.cse.cseId(), container, content, loc);
            } catch (OneM2MException e) {
                status = String.valueOf(e.rsc().code()); // the container refuses it (mbs): the device's own Update stands
            }
        }
        status(op, policy, status);
        return next;
    }

    /** Records the outcome of the last positioning in locationStatus (a change of the policy only when it differs). */
    public static void status(ResourceOperation op, Resource policy, String status) {
        if (!status.equals(policy.get(STATUS))) {
            policy.attributes.put(STATUS, status);
            op.tree.update(policy);
        }
    }

    /**
     * The active locationUpdatePeriod (TS-0004 7.4.10.2.1: the first of the list), or null when there is none or it is
     * zero.
     */
    public static Duration period(Resource policy) {
        if (policy.get(UPDATE_PERIOD) instanceof List<?> l && !l.isEmpty()) {
            Duration d = Duration.parse(String.valueOf(l.get(0)));
            return d.isZero() ? null : d;
        }
        return null;
    }

    /**
     * Whether a Retrieve of the container's {@code <latest>} positions first (TS-0001 10.2.9.7, table 9.6.10-2
     * locationUpdatePeriod): no period and no locationUpdateEventCriteria, for the sources the CSE positions itself
     * (network- and sharing-based; a device-based policy stores what the device reports when it reports it).
     */
    public static boolean positionsOnRetrieve(Resource policy) {
        return !Long.valueOf(DEVICE_BASED).equals(policy.get(SOURCE)) && period(policy) == null
                && policy.get(UPDATE_EVENT_CRITERIA) == null;
    }

    /** Whether a position is stored only when it changed (locationUpdateEventCriteria Location_Change, the one value). */
    public static boolean onLocationChange(Resource policy) {
        return policy.get(UPDATE_EVENT_CRITERIA) != null;
    }

    /** When the next periodic fix after {@code now} is due; null without a period. */
    public static Instant nextFix(Resource policy, Instant now) {
        Duration period = period(policy);
        return period == null ? null : now.plus(period);
    }

    /** The geographicalTargetArea of a stored policy (checked when it was written). */
    static Geometry area(Resource policy) {
        Map<?, ?> gta = (Map<?, ?>) policy.get(TARGET_AREA);
        return GeoCoordinates.parse(TARGET_AREA + ".crd", GeometryType.of(((Number) gta.get("typ")).longValue()),
                (String) gta.get("crd"));
    }

    /**
     * The rules between attributes (TS-0001 table 9.6.10-2, TS-0004 7.4.10.2.1), each 4000 naming the attribute: a
     * geofence (lit 2) needs a polygon area, gta and gec belong to geofences only; lor, aid, rlkl and luec to the
     * network-based source only; luec needs lou absent or zero; lou holds 0 only alone.
     */
    static void checkCombination(Resource policy) {
        boolean geofence = Long.valueOf(GEOFENCE_EVENT).equals(policy.get(INFORMATION_TYPE));
        if (geofence && policy.get(TARGET_AREA) == null) {
            throw OneM2MException.badRequest("gta (geographicalTargetArea) is required when lit is 2 (Geofence event)");
        }
        for (String sn : List.of(TARGET_AREA, GEOFENCE_CRITERIA)) {
            if (!geofence && policy.get(sn) != null) {
                throw OneM2MException.badRequest(sn + " applies to geofence events only (lit 2), not to lit "
                        + policy.get(INFORMATION_TYPE));
            }
        }
        if (policy.get(TARGET_AREA) instanceof Map<?, ?> gta) {
            GeometryType typ = GeometryType.of(((Number) gta.get("typ")).longValue());
            if (typ != GeometryType.POLYGON && typ != GeometryType.MULTI_POLYGON) {
                throw OneM2MException.badRequest("gta.typ: a geographicalTargetArea is an area, typ 3 (Polygon) or"
                        + " 6 (MultiPolygon), not " + typ.label());
            }
        }
        if (!Long.valueOf(NETWORK_BASED).equals(policy.get(SOURCE))) {
            for (String sn : NETWORK_ONLY) {
                if (policy.get(sn) != null) {
                    throw OneM2MException.badRequest(sn + " applies only when a Location Server provides the location"
                            + " (los 1, Network_based), not to los " + policy.get(SOURCE));
                }
            }
        }
        List<?> lou = policy.get(UPDATE_PERIOD) instanceof List<?> l ? l : List.of();
        boolean zero = lou.stream().anyMatch(d -> Duration.parse(String.valueOf(d)).isZero());
        if (zero && lou.size() > 1) {
            throw OneM2MException.badRequest("lou: 0 cannot be stored with other periods (TS-0001 table 9.6.10-2)");
        }
        if (policy.get(UPDATE_EVENT_CRITERIA) != null && period(policy) != null) {
            throw OneM2MException.badRequest("luec applies only when lou is 0 or absent");
        }
    }

    /**
     * Network-based (TS-0004 7.4.10.2.1 step 3): a Location Server interface, the locationTargetID and a Location Server
     * (given, or derived by the interface) are needed; any of them missing is 4000 naming it.
     */
    private void prepareNetwork(Resource policy) {
        if (network == null) {
            throw OneM2MException.badRequest("los 1 (Network_based): this CSE has no Location Server interface"
                    + " (NetworkLocationSource), so no Location Server can be obtained; use 2 (Device_based)");
        }
        if (!(policy.get(TARGET) instanceof String target)) {
            throw OneM2MException.badRequest("lot (locationTargetID) is required when los is 1 (Network_based)");
        }
        checkLastKnown(policy);
        if (policy.get(SERVER) instanceof String lor && !network.reaches(lor)) {
            throw OneM2MException.badRequest("lor (locationServer) " + lor + " is not a Location Server this CSE is"
                    + " provisioned with; omit lor to use the provisioned one");
        }
        if (policy.get(SERVER) == null) {
            String server = network.serverFor(target, Boolean.TRUE.equals(policy.get(LAST_KNOWN))).orElseThrow(() -> OneM2MException.badRequest("lor (locationServer)"
                    + " is required: no Location Server can be derived for lot " + target));
            policy.attributes.put(SERVER, server);
        }
    }

    /**
     * TS-0004 7.4.10.2.1 step 3: with retrieveLastKnownLocation true only the 3GPP Monitoring Event API serves the
     * policy; a CSE without it cannot obtain the Location Server (4000 naming rlkl).
     */
    private void checkLastKnown(Resource policy) {
        if (Boolean.TRUE.equals(policy.get(LAST_KNOWN)) && network != null && !network.servesLastKnownLocation()) {
            throw OneM2MException.badRequest("rlkl (retrieveLastKnownLocation) true is served only through the 3GPP"
                    + " Monitoring Event API, and this CSE has none (keel.location.scef), so no Location Server can be"
                    + " obtained; omit rlkl or set it false");
        }
    }

    /**
     * Device- and sharing-based: the resource whose loc is the device's position (device-based) or which is given a shared
     * one (sharing-based): the {@code <AE>} of the AE-ID, or the
     * {@code <node>} of the nodeID, lot names, else the originator's own AE. 4000 naming lot when there is none; 4103 when
     * the originator may not retrieve it (its position would be disclosed to the originator).
     */
    private static Resource deviceTarget(ResourceOperation op, Resource policy) {
        String lot = (String) policy.get(TARGET);
        String id = lot != null ? lot : op.request == null ? null : op.request.from;
        Resource target = id == null ? null : entity(op, id);
        if (target == null) {
            throw OneM2MException.badRequest(lot != null ? "lot " + lot + " names no AE (by AE-ID) nor node (by nodeID) of"
                    + " this CSE" : "lot is required: the originator " + id + " has no AE on this CSE whose loc could be"
                    + " the position");
        }
        if (lot != null && !op.references.retrievable(target)) {
            throw OneM2MException.noPrivilege("originator " + op.request.from + " may not retrieve " + target.srn
                    + ", the target lot names");
        }
        return target;
    }

    /** The AE with this AE-ID (CSE-relative or SP-relative), or the node with this nodeID; null when none. */
    private static Resource entity(ResourceOperation op, String id) {
        String prefix = op.cse.spRelativeCseId() + "/";
        String relative = id.startsWith(prefix) ? id.substring(prefix.length()) : id;
        Resource ae = relative.isEmpty() || relative.contains("/") ? null : op.tree.find(relative);
        if (ae != null && ae.ty == ResourceTypes.AE && relative.equals(ae.get("aei"))) {
            return ae;
        }
        return op.tree.ofType(ResourceTypes.NODE).stream().filter(n -> id.equals(n.get("ni"))).findFirst().orElse(null);
    }
}
