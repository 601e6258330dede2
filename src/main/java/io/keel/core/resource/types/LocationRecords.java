package io.keel.core.resource.types;

import io.keel.core.Identifiers;
import io.keel.core.geo.Location;
import io.keel.core.location.GeofenceEvent;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.serialization.ContentCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contentInstances in which the CSE stores location information in the container of a {@code <locationPolicy>}
 * (TS-0001 10.2.9.7, TS-0004 7.4.10.2.1 step 6), made by the CSE as a Create of a contentInstance makes them: counted
 * by the container within its quotas, and raised as its child creation so that its subscribers are notified.
 * <p>
 * The content (the text leaves its format to the Location Server, TS-0004 7.4.10.2.1 NOTE 5) is JSON text
 * ({@code cnf} {@code application/json:0}): a position fix is the position as m2m:geoCoordinates,
 * {@code {"typ":1,"crd":"[139.7,35.6]"}}; a geofence event adds its m2m:geofenceEventCriteria,
 * {@code {"gec":1,"typ":1,"crd":"[139.7,35.6]"}}. The instance also carries the position as its Release 4 {@code loc}.
 */
final class LocationRecords {
    static final String CONTENT_INFO = "application/json:0";

    private LocationRecords() {
    }

    /** The content of a position fix ({@code event} null) or of a geofence event at {@code loc}. */
    static String content(Map<?, ?> loc, GeofenceEvent event) {
        Map<String, Object> con = new LinkedHashMap<>();
        if (event != null) {
            con.put("gec", event.code());
        }
        con.put("typ", loc.get("typ"));
        con.put("crd", loc.get("crd"));
        return ContentCodec.toJson(con);
    }

    /**
     * Stores a new contentInstance of {@code container} (locked by the caller) and records it on {@code op} as created,
     * so that the operation notifies the container's subscribers.
     */
    static Resource append(ResourceOperation op, String originator, Resource container, String con, Map<?, ?> loc) {
        Instant now = op.now.isAfter(container.lt) ? op.now : container.lt.plusNanos(1_000);
        Resource cin = new Resource();
        cin.ty = ResourceTypes.CONTENT_INSTANCE;
        cin.ri = Identifiers.newResourceId("cin");
        cin.pi = container.ri;
        cin.rn = cin.ri;
        cin.srn = container.srn + "/" + cin.rn;
        cin.ct = now;
        cin.lt = now;
        cin.et = container.et;
        cin.origin = originator;
        cin.attributes.put("cnf", CONTENT_INFO);
        cin.attributes.put("con", con);
        cin.attributes.put(Location.LOC, new LinkedHashMap<>(loc));
        cin.cs = ContentInstanceType.sizeOf(con);
        cin.cty = "application/json";
        InstanceHolderType.admit(container, cin);
        container.st++;
        cin.st = container.st;
        op.tree.insert(cin);
        if (container.get(ResourceType.ACCESS_CONTROL_POLICY_IDS) instanceof java.util.List<?> acpi && !acpi.isEmpty()) {
            // An instance takes its container's access decision (see GoverningPolicies).
            op.policyIndex().setGoverningPolicies(cin.ri, acpi.stream().map(String::valueOf).toList());
        }
        container.lt = now;
        InstanceHolderType.count(op, container, cin, InstanceHolderType::byCreation);
        op.tree.update(container);
        op.created(container, cin);
        return cin;
    }
}
