package io.keel.core.resource.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What members get of a subscription made through a group's fanOutPoint (TS-0004 7.4.14.2.3; TS-0001 10.2.7.10). */
class GroupSubscriptionRulesTest {
    private static final String GROUP_ID = "/id-in/grp1";
    private final Resource group = new Resource();

    GroupSubscriptionRulesTest() {
        group.ri = "grp1";
        group.srn = "cse-in/app/team";
    }

    private static Map<String, Object> sub(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void ts0004_7_4_14_2_3_withNfuTheMembersNotifyTheGroupAndCarryItsGpi() {
        Map<String, Object> members = GroupSubscriptionRules.forMembers(sub("nu", List.of("http://s/n"), "nfu", "http://s/n"),
                true, group, GROUP_ID, false);
        assertEquals(List.of(GROUP_ID), members.get("nu"));
        assertEquals(GROUP_ID, members.get("gpi"));
        assertEquals("http://s/n", members.get("nfu"));
        Map<String, Object> xml = GroupSubscriptionRules.forMembers(sub("nu", " http://s/n ", "nfu", "http://s/n"),
                true, group, GROUP_ID, false);
        assertEquals(List.of(GROUP_ID), xml.get("nu"), "an XML list of one target");
    }

    @Test
    void ts0001_10_2_7_10_withoutNfuOnlyGpiIsSet() {
        Map<String, Object> members = GroupSubscriptionRules.forMembers(sub("nu", List.of("http://s/n")), true, group, GROUP_ID, false);
        assertEquals(List.of("http://s/n"), members.get("nu"));
        assertEquals(GROUP_ID, members.get("gpi"));
    }

    @Test
    void ts0001_10_2_7_10_aSubGroupPassesOnWhatTheOuterGroupMade() {
        Map<String, Object> given = sub("nu", List.of("/id-in/outer"), "nfu", "http://s/n", "gpi", "/id-in/outer");
        assertSame(given, GroupSubscriptionRules.forMembers(given, true, group, GROUP_ID, true));
    }

    @Test
    void ts0001_table_9_6_8_2_badGpiAndNfuAre4000NamingThem() {
        List<Map<String, Object>> bad = List.of(
                sub("nu", List.of("http://s/n"), "gpi", "/id-in/other"),
                sub("nu", List.of("http://s/n"), "nfu", "http://s/other"),
                sub("nu", List.of("http://s/n", "http://s/m"), "nfu", "http://s/n"),
                sub("nu", List.of("http://s/n"), "nfu", 7L),
                sub("nu", List.of(GROUP_ID), "nfu", GROUP_ID));
        for (Map<String, Object> b : bad) {
            OneM2MException e = assertThrows(OneM2MException.class, () -> GroupSubscriptionRules.forMembers(b, true, group,
                    GROUP_ID, false), b::toString);
            assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
            assertTrue(e.getMessage().contains(b.containsKey("gpi") ? "gpi" : "nfu"), e.getMessage());
        }
        Map<String, Object> removeNfu = new LinkedHashMap<>();
        removeNfu.put("nfu", null);
        assertThrows(OneM2MException.class, () -> GroupSubscriptionRules.forMembers(removeNfu, false, group, GROUP_ID, false));
    }
}
