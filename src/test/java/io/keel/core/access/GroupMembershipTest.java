package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.routing.Router;
import io.keel.core.store.InMemoryTree;
import io.keel.serialization.ContentCodec;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Group IDs in acor (TS-0004 table 7.3.3.15-1): a rule naming a group names the group's members. */
class GroupMembershipTest {
    private static final CseIdentity CSE = new CseIdentity("id-in", "cse-in", "keel.example.net", 1, "CAdmin",
            List.of("C*"), 3600, 100, 1000, List.of());
    private static final Instant NOW = Instant.parse("2026-11-25T06:30:00Z");
    /** Target resolution looks resources up by ri and by structured name only. */
    private final InMemoryTree tx = new InMemoryTree();
    private final GroupMembership membership = new GroupMembership(new Router(CSE, new TypeRegistry()),
            new OwnershipRules(CSE)::localId);

    GroupMembershipTest() {
        add("id-in", ResourceTypes.CSE_BASE, "cse-in", null);
        add("Cae1", ResourceTypes.AE, "cse-in/one", null);
        add("Cae2", ResourceTypes.AE, "cse-in/two", null);
        add("Cae3", ResourceTypes.AE, "cse-in/three", null);
        add("cnt1", ResourceTypes.CONTAINER, "cse-in/one/box", null);
        // Members in each ID form: a structured ID, an SP-relative AE-ID, a container, a remote CSE, a vanished one.
        add("grp1", ResourceTypes.GROUP, "cse-in/one/team", List.of("cse-in/two", "/id-in/Cae3", "cnt1", "/id-mn", "Cgone"));
        add("grp2", ResourceTypes.GROUP, "cse-in/one/outer", List.of("grp1"));
    }

    private void add(String ri, int ty, String srn, List<String> mid) {
        Resource r = tx.add(ri, null, ty, srn);
        if (mid != null) {
            r.attributes.put("mid", mid);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "grp1,                         Cae2,   true",   // named by its AE's structured ID
            "grp1,                         Cae3,   true",   // named by its SP-relative AE-ID
            "grp1,                         /id-mn, true",   // a CSE named by its CSE-ID
            "grp1,                         Cae1,   false",  // owns the group but is no member
            "grp1,                         Cgone,  true",   // a member ID that matches the originator, resource or not
            "cse-in/one/team,              Cae2,   true",   // the group by its structured ID
            "/id-in/grp1,                  Cae3,   true",   // the group by its SP-relative ID
            "//keel.example.net/id-in/grp1, Cae2,  true",   // the group by its absolute ID
            "grp2,                         Cae2,   false",  // nested groups are not followed
            "cnt1,                         Cae2,   false",  // not a group
            "nothing,                      Cae2,   false",  // nothing at all
            "/id-mn/grp9,                  Cae2,   false"}) // another CSE's group
    void ts0001_9_6_2_1_anOriginatorIsInTheGroupsThatNameIt(String group, String originator, boolean member) {
        assertEquals(member, membership.of(tx, originator).test(group));
    }

    @Test
    void ts0001_9_6_2_1_aRuleNamingAGroupGrantsItsMembersOnly() {
        Object pv = SetOfAcrs.normalize("pv", ContentCodec.fromJson("{\"acr\":[{\"acor\":[\"/id-in/grp1\"],\"acop\":2}]}"), false);
        AccessControlRule rule = SetOfAcrs.rules(pv, new OwnershipRules(CSE)::localId).get(0);
        assertTrue(rule.grants(requester("Cae2"), Permission.RETRIEVE));
        assertFalse(rule.grants(requester("Cae2"), Permission.UPDATE));
        assertFalse(rule.grants(requester("Cae1"), Permission.RETRIEVE));
    }

    private Requester requester(String originator) {
        Predicate<String> groups = membership.of(tx, originator);
        return new Requester(originator, null, NOW, false, groups);
    }
}
