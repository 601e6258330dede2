package io.keel.core.access;

import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One accessControlObjectDetails of an access control rule (TS-0004 6.3.5.27; TS-0001 9.6.2.4; TS-0003 7.1.3,
 * 7.1.5): {@code {"ty": n, "spty": {"cnd": ...} | {"mgd": n}, "chty": [n, ...]}}. It limits a rule's Create to the
 * listed child resource types, under a target of {@code ty} when given, of the specialization {@code spty} when given.
 *
 * @param resourceType ty, or null when absent
 * @param containerDefinition spty's cnd, or null
 * @param mgmtDefinition spty's mgd, or null
 * @param childResourceTypes chty, never empty
 */
public record ObjectDetails(Integer resourceType, String containerDefinition, Long mgmtDefinition,
                            Set<Integer> childResourceTypes) {
    private static final Set<String> KEYS = Set.of("ty", "spty", "chty");

    /**
     * res_objdetails of TS-0003 7.1.5: res_resourceType AND res_specializationType AND res_childResource; an absent
     * element matches. The specialization is compared with the one the Create's Content asks for.
     */
    boolean holds(ChildCreation create) {
        return (resourceType == null || resourceType.equals(create.targetType()))
                && (containerDefinition == null || containerDefinition.equals(create.containerDefinition()))
                && (mgmtDefinition == null || mgmtDefinition.equals(create.mgmtDefinition()))
                && childResourceTypes.contains(create.childType());
    }

    /** Reads one stored by {@link #normalize}. */
    static ObjectDetails of(Map<?, ?> stored) {
        Integer ty = stored.get("ty") instanceof Number n ? n.intValue() : null;
        Map<?, ?> spty = stored.get("spty") instanceof Map<?, ?> m ? m : Map.of();
        Set<Integer> chty = new java.util.LinkedHashSet<>();
        ((List<?>) stored.get("chty")).forEach(c -> chty.add(((Number) c).intValue()));
        return new ObjectDetails(ty, spty.get("cnd") instanceof String cnd ? cnd : null,
                spty.get("mgd") instanceof Number mgd ? mgd.longValue() : null, chty);
    }

    /** Checks one from a request (4000 naming the element) and returns the form stored. */
    static Map<String, Object> normalize(String where, Object value, boolean fromText) {
        Map<?, ?> acod = SetOfAcrs.map(where, value, KEYS);
        Map<String, Object> out = new LinkedHashMap<>();
        if (acod.get("ty") != null) {
            out.put("ty", resourceType(where + ".ty", acod.get("ty"), fromText));
        }
        if (acod.get("spty") != null) {
            out.put("spty", specializationType(where + ".spty", acod.get("spty"), fromText));
        }
        if (acod.get("chty") == null) {
            throw OneM2MException.badRequest(where + " needs chty: the child resource types a Create may make");
        }
        Object given = acod.get("chty");
        List<?> items = fromText && given instanceof String s ? List.of(s.trim().split("\\s+")) : SetOfAcrs.list(where + ".chty", given, fromText);
        if (items.isEmpty()) {
            throw OneM2MException.badRequest(where + ".chty must list at least one resourceType");
        }
        List<Long> chty = new ArrayList<>();
        for (Object t : items) {
            chty.add(resourceType(where + ".chty", t, fromText));
        }
        out.put("chty", chty);
        return out;
    }

    /** m2m:specializationType (TS-0004 6.3.5.67): either a containerDefinition (cnd) or a mgmtDefinition (mgd). */
    private static Map<String, Object> specializationType(String where, Object value, boolean fromText) {
        Map<?, ?> spty = SetOfAcrs.map(where, value, Set.of("cnd", "mgd"));
        Object cnd = spty.get("cnd");
        Object mgd = spty.get("mgd");
        if ((cnd == null) == (mgd == null)) {
            throw OneM2MException.badRequest(where + " holds either cnd (containerDefinition) or mgd (mgmtDefinition)");
        }
        if (cnd != null) {
            if (!(cnd instanceof String s) || s.isBlank()) {
                throw OneM2MException.badRequest(where + ".cnd must be a containerDefinition URI");
            }
            return Map.of("cnd", s.trim());
        }
        Object n = fromText && mgd instanceof String s && s.trim().matches("\\d{1,5}") ? Long.valueOf(s.trim()) : mgd;
        if (!(n instanceof Long || n instanceof Integer) || !(((Number) n).longValue() == 0
                || (((Number) n).longValue() >= 1001 && ((Number) n).longValue() <= 1026))) {
            throw OneM2MException.badRequest(where + ".mgd must be a mgmtDefinition: 0 or 1001-1026");
        }
        return Map.of("mgd", ((Number) n).longValue());
    }

    private static long resourceType(String where, Object v, boolean fromText) {
        Object n = fromText && v instanceof String s && s.trim().matches("\\d{1,5}")
                ? Long.valueOf(s.trim()) : v;
        if (!(n instanceof Long || n instanceof Integer) || !ResourceTypes.isDefined(((Number) n).intValue())) {
            throw OneM2MException.badRequest(where + " must be a resourceType of TS-0004 table 6.3.4.2.1-1, not " + v);
        }
        return ((Number) n).longValue();
    }
}
