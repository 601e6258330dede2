package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code <dynamicAuthorizationConsultation>} (ty 34, m2m:dac), TS-0004 7.4.36; TS-0001 9.6.43: where the CSE asks for a
 * decision when no accessControlPolicy grants (TS-0004 7.3.3.15). Resources link to it by their
 * dynamicAuthorizationConsultationIDs ({@link #IDS}); {@code io.keel.core.access.DynamicAuthorization} consults it.
 */
public final class DynamicAuthorizationConsultationType extends ResourceType {
    /** dynamicAuthorizationConsultationIDs, the common attribute of the types that have acpi (TS-0004 table 6.3.6-2). */
    public static final String IDS = ResourceType.DYNAMIC_AUTHORIZATION_CONSULTATION_IDS;
    public static final String ENABLED = "dae";
    /** dynamicAuthorizationPoA: where the decision point is (TS-0004 8.2.3: dap). */
    public static final String POINT_OF_ACCESS = "dap";
    public static final String LIFETIME = "dal";
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");

    public DynamicAuthorizationConsultationType() {
        super(ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION, "dac", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.mandatory(ENABLED, AttributeType.BOOLEAN),
                AttributeDef.mandatory(POINT_OF_ACCESS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional(LIFETIME, AttributeType.TIMESTAMP)));
    }

    /** TS-0004 table 7.4.36.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        checkPointsOfAccess(op.resource);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        checkPointsOfAccess(op.resource);
    }

    /**
     * Each dap entry is a URL of a decision point (m2m:poaList) or, a Keel leniency, the oneM2M ID of an AE or CSE whose
     * point of access serves as one (4000 otherwise).
     */
    private static void checkPointsOfAccess(Resource dac) {
        int i = 0;
        for (Object o : (List<?>) dac.get(POINT_OF_ACCESS)) {
            String entry = (String) o;
            if (entry.contains("://") && !URL.matcher(entry).matches()) {
                throw OneM2MException.badRequest("dap[" + i + "] " + entry + " is neither a URL (<scheme>://host[:port][/path]) "
                        + "nor the oneM2M ID of a decision point");
            }
            i++;
        }
    }

    /**
     * Every ID in a daci value names a dynamicAuthorizationConsultation of this CSE by its resourceID (TS-0001 9.6.1.3:
     * 4000 otherwise).
     */
    public static void checkReferences(ResourceTree tree, Object daci) {
        for (String ri : ids(daci)) {
            Resource dac = tree.find(ri);
            if (dac == null || dac.ty != ResourceTypes.DYNAMIC_AUTHORIZATION_CONSULTATION) {
                throw OneM2MException.badRequest("daci names " + ri + ", which is not the resourceID of a "
                        + "dynamicAuthorizationConsultation here");
            }
        }
    }

    /** The IDs of a daci value; none when it is absent. */
    public static List<String> ids(Object daci) {
        List<String> out = new ArrayList<>();
        if (daci instanceof List<?> l) {
            l.forEach(ri -> out.add((String) ri));
        }
        return out;
    }

    /** Whether the consultation is enabled: dae true (TS-0001 9.6.43: otherwise the CSE shall not consult). */
    public static boolean enabled(Resource dac) {
        return Boolean.TRUE.equals(dac.get(ENABLED));
    }
}
