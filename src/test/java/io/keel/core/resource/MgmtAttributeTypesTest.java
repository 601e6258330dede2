package io.keel.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The data types the mgmtObj specializations of TS-0004 Annex D use beyond those of the other types (6.3.3, 6.3.4,
 * 6.3.5): accepted in their JSON form and their XML text form, refused with 4000 naming the attribute otherwise.
 */
class MgmtAttributeTypesTest {
    private static final boolean JSON = false;
    private static final boolean XML = true;

    private static String refused(AttributeType type, Object value, boolean xml) {
        return assertThrows(OneM2MException.class, () -> type.normalize("x", value, xml)).getMessage();
    }

    @Test
    void ts0004_6_3_5_14_actionStatus() {
        assertEquals(Map.of("acn", "ud", "sus", 3L), AttributeType.ACTION_STATUS.normalize("uds", Map.of("acn", "ud", "sus", 3L), JSON));
        assertEquals(Map.of("sus", 1L), AttributeType.ACTION_STATUS.normalize("uds", Map.of("sus", " 1 "), XML));
        assertTrue(refused(AttributeType.ACTION_STATUS, Map.of("sus", 4L), JSON).contains("x.sus"));
        assertTrue(refused(AttributeType.ACTION_STATUS, Map.of("state", 1L), JSON).contains("x.state"));
        assertTrue(refused(AttributeType.ACTION_STATUS, "1", XML).contains("x"));
    }

    @Test
    void ts0004_6_3_4_2_enumerationsOfAnnexD() {
        assertEquals(7L, AttributeType.BATTERY_STATUS.normalize("bts", 7L, JSON));
        refused(AttributeType.BATTERY_STATUS, 0L, JSON);
        assertEquals(5L, AttributeType.LOG_TYPE_ID.normalize("lgt", "5", XML));
        refused(AttributeType.LOG_TYPE_ID, 6L, JSON);
        assertEquals(5L, AttributeType.LOG_STATUS.normalize("lgst", 5L, JSON));
        refused(AttributeType.LOG_STATUS, 6L, JSON);
        assertEquals(1019L, AttributeType.MGMT_DEFINITION.normalize("mgd", 1019L, JSON));
        assertEquals(0L, AttributeType.MGMT_DEFINITION.normalize("mgd", "0", XML));
        refused(AttributeType.MGMT_DEFINITION, 1000L, JSON);
    }

    @Test
    void ts0004_D_12_theCmdhListTypes() {
        assertEquals(List.of(0L, 2L, 101L), AttributeType.LIST_OF_EVENT_CAT_WITH_DEF.normalize("aec", "0 2 101", XML));
        refused(AttributeType.LIST_OF_EVENT_CAT_WITH_DEF, List.of(1L), JSON);
        refused(AttributeType.LIST_OF_EVENT_CAT_WITH_DEF, List.of(), JSON);
        assertEquals(List.of(2L), AttributeType.LIST_OF_EVENT_CAT.normalize("lec", List.of(2L), JSON));
        refused(AttributeType.LIST_OF_EVENT_CAT, List.of(0L), JSON);
        assertEquals(List.of(10L, -1L), AttributeType.LIST_OF_MIN_MAX.normalize("lqet", "10 -1", XML));
        refused(AttributeType.LIST_OF_MIN_MAX, List.of(10L), JSON);
        assertEquals(List.of(false, true), AttributeType.LIST_OF_BOOLEANS.normalize("lda", "0 1", XML));
        refused(AttributeType.LIST_OF_BOOLEANS, List.of("maybe"), JSON);
        assertEquals(-1L, AttributeType.LONG.normalize("dqet", -1L, JSON));
    }

    @Test
    void ts0004_6_3_5_54_backOffParameters() {
        Map<String, Object> set = Map.of("nwa", 1L, "ibt", 10L, "abt", 20L, "mbt", 30L);
        assertEquals(Map.of("bops", List.of(set)), AttributeType.BACK_OFF_PARAMETERS.normalize("bop", Map.of("bops", List.of(set)), JSON));
        Object xml = AttributeType.BACK_OFF_PARAMETERS.normalize("bop", Map.of("bops", Map.of("ibt", "1", "abt", "2", "mbt", "3")), XML);
        assertEquals(Map.of("bops", List.of(Map.of("ibt", 1L, "abt", 2L, "mbt", 3L))), xml, "one set in XML is one element");
        assertTrue(refused(AttributeType.BACK_OFF_PARAMETERS, Map.of("bops", List.of(Map.of("ibt", 1L))), JSON).contains("x.bops.abt"));
        refused(AttributeType.BACK_OFF_PARAMETERS, Map.of("bops", List.of()), JSON);
    }
}
