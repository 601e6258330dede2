package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code <group>} (TS-0004 7.4.13.1, 7.4.13.2) through the dispatcher; the member rules alone are GroupMembersTest's. */
class GroupTest {
    private final CoreFixture cse = new CoreFixture();

    GroupTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box1");
        cse.container("cnt2", "Cae1", "box2");
        cse.container("cnt3", "Cae1", "box3");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private ResponsePrimitive createGroup(Object... attributes) {
        return cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.GROUP, map("m2m:grp", map(attributes))));
    }

    private ResponsePrimitive update(Object... attributes) {
        return cse.send(cse.update("cse-in/app1/grp", "Cae1", map("m2m:grp", map(attributes))));
    }

    @Test
    void ts0004_7_4_13_1_memberTypeAndConsistencyStrategyDefaultToMixedAndAbandonMember() {
        ResponsePrimitive rsp = createGroup("mnm", 3, "mid", List.of("cnt1", "Cae1"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> grp = body(rsp, "m2m:grp");
        assertEquals(0L, grp.get("mt"));
        assertEquals(1L, grp.get("csy"));
        assertEquals(2L, grp.get("cnm"));
        assertEquals(true, grp.get("mtv"));
    }

    @Test
    void ts0004_7_4_13_1_memberTypeSpecializationTypeAndConsistencyStrategyCannotBeUpdated() {
        assertRsc(ResponseStatusCode.CREATED, createGroup("rn", "grp", "mt", 3, "mnm", 3, "mid", List.of("cnt1")));

        for (Object[] attribute : List.of(new Object[] {"mt", 0}, new Object[] {"csy", 3}, new Object[] {"spty", "x"},
                new Object[] {"cnm", 5}, new Object[] {"mtv", false})) {
            assertRsc(ResponseStatusCode.BAD_REQUEST, update(attribute));
        }
        Map<String, Object> stored = cse.tree.findByStructuredName("cse-in/app1/grp").attributes;
        assertEquals(3L, stored.get("mt"));
        assertEquals(1L, stored.get("csy"));
        assertEquals(1L, stored.get("cnm"));
    }

    @Test
    void ts0004_7_4_13_2_3_anUpdateRemovesDuplicateMembersAndRecountsThem() {
        assertRsc(ResponseStatusCode.CREATED, createGroup("rn", "grp", "mnm", 3, "mid", List.of("cnt1")));

        ResponsePrimitive rsp = update("mid", List.of("cnt2", "cnt3", "cnt2", "cse-in/app1/box3", "/id-in/cnt2"));

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        assertEquals(List.of("cnt2", "cnt3"), body(rsp, "m2m:grp").get("mid"));
        assertEquals(2L, body(rsp, "m2m:grp").get("cnm"));
    }

    @Test
    void ts0004_7_4_13_2_3_moreMembersThanMaxNrOfMembersOrAMaximumBelowTheCurrentNumberIs6010() {
        assertRsc(ResponseStatusCode.CREATED, createGroup("rn", "grp", "mnm", 2, "mid", List.of("cnt1", "cnt2")));

        assertRsc(ResponseStatusCode.MAX_NUMBER_OF_MEMBER_EXCEEDED, update("mid", List.of("cnt1", "cnt2", "cnt3")));
        assertRsc(ResponseStatusCode.MAX_NUMBER_OF_MEMBER_EXCEEDED, update("mnm", 1));
        assertRsc(ResponseStatusCode.MAX_NUMBER_OF_MEMBER_EXCEEDED, update("mnm", 2, "mid", List.of("cnt1", "cnt2", "cnt3")));

        Map<String, Object> stored = cse.tree.findByStructuredName("cse-in/app1/grp").attributes;
        assertEquals(List.of("cnt1", "cnt2"), stored.get("mid"));
        assertEquals(2L, stored.get("mnm"));
        assertRsc(ResponseStatusCode.UPDATED, update("mnm", 3, "mid", List.of("cnt1", "cnt2", "cnt3")));
    }

    @Test
    void ts0004_7_4_13_2_3_membersOfAnotherTypeFollowTheConsistencyStrategy() {
        assertRsc(ResponseStatusCode.CREATED, createGroup("rn", "grp", "mt", 3, "csy", 2, "mnm", 3, "mid", List.of("cnt1")));
        assertRsc(ResponseStatusCode.GROUP_MEMBER_TYPE_INCONSISTENT, update("mid", List.of("cnt1", "Cae1")));
        assertEquals(List.of("cnt1"), cse.tree.findByStructuredName("cse-in/app1/grp").get("mid"));

        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.GROUP,
                map("m2m:grp", map("rn", "abandon", "mt", 3, "mnm", 3, "mid", List.of("cnt1"))))));
        ResponsePrimitive abandoned = cse.send(cse.update("cse-in/app1/abandon", "Cae1", map("m2m:grp", map("mid", List.of("cnt1", "Cae1")))));
        assertEquals(List.of("cnt1"), body(abandoned, "m2m:grp").get("mid"));
        assertEquals(true, body(abandoned, "m2m:grp").get("mtv"));

        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.GROUP,
                map("m2m:grp", map("rn", "mixed", "mt", 3, "csy", 3, "mnm", 3, "mid", List.of("cnt1"))))));
        ResponsePrimitive mixed = cse.send(cse.update("cse-in/app1/mixed", "Cae1", map("m2m:grp", map("mid", List.of("cnt1", "Cae1")))));
        assertEquals(List.of("cnt1", "Cae1"), body(mixed, "m2m:grp").get("mid"));
        assertEquals(0L, body(mixed, "m2m:grp").get("mt"));
        assertEquals(true, body(mixed, "m2m:grp").get("mtv"));
    }
}
