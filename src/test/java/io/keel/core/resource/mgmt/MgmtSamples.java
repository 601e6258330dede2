package io.keel.core.resource.mgmt;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Valid content for each mgmtObj specialization of the catalogue, for the unit and integration tests. */
public final class MgmtSamples {
    private MgmtSamples() {
    }

    public static Stream<MgmtSpecialization> specializations() {
        return MgmtCatalogueLoader.builtIn().all().stream();
    }

    public static MgmtSpecialization spec(int mgd) {
        return MgmtCatalogueLoader.builtIn().byMgd(mgd);
    }

    /** A valid value of each data type the catalogue uses, as JSON carries it; {@code id} stands for any resource ID. */
    public static Object sample(AttributeType type, String id) {
        return switch (type) {
            case STRING -> "text";
            case ANY_URI, ID -> id;
            case BOOLEAN -> true;
            case UNSIGNED_INT, NON_NEGATIVE_INTEGER, POSITIVE_INTEGER, LONG -> 5L;
            case ANY -> new LinkedHashMap<>(Map.of("any", "thing"));
            case TIMESTAMP -> "20250101T120000";
            case LIST_OF_URIS -> List.of(id);
            case LIST -> List.of("application/x-lwm2m");
            case ACTION_STATUS -> new LinkedHashMap<>(Map.of("acn", "ud", "sus", 1L));
            case BATTERY_STATUS, LOG_TYPE_ID, LOG_STATUS -> 1L;
            case EVENT_CAT -> 2L;
            case LIST_OF_EVENT_CAT -> List.of(2L, 100L);
            case LIST_OF_EVENT_CAT_WITH_DEF -> List.of(0L);
            case LIST_OF_MIN_MAX -> List.of(10L, -1L);
            case LIST_OF_BOOLEANS -> List.of(false, true);
            case BACK_OFF_PARAMETERS -> Map.of("bops", List.of(Map.of("ibt", 1L, "abt", 2L, "mbt", 3L)));
            default -> throw new IllegalArgumentException("no sample of " + type);
        };
    }

    /** The mandatory attributes of a specialization (mgd first) with sample values. */
    public static Map<String, Object> minimal(MgmtSpecialization s, String id) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("mgd", (long) s.mgd());
        for (AttributeDef d : s.attributes()) {
            if (d.onCreate() == Presence.MANDATORY) {
                a.put(d.sn(), sample(d.type(), id));
            }
        }
        return a;
    }
}
