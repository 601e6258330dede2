package io.keel.core.resource.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.References;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.routing.Route;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The member rules of a group (TS-0004 7.4.13.2.1). */
class GroupMembersTest {
    private static final Resource CNT1 = resource("cnt1", "cse-in/ae/c1", ResourceTypes.CONTAINER);
    private static final Resource CNT2 = resource("cnt2", "cse-in/ae/c2", ResourceTypes.CONTAINER);
    private static final Resource AE = resource("Cae", "cse-in/ae", ResourceTypes.AE);
    private static final Resource SECRET = resource("cnt9", "cse-in/ae/secret", ResourceTypes.CONTAINER);
    private static final Resource FIRMWARE = mgmtObj("fwr1", 1001);
    private static final Resource BATTERY = mgmtObj("bat1", 1006);

    /** A CSE holding the resources above by ri and structured name; {@code /id-mn/…} is another CSE. */
    private static final References REFS = new References() {
        private final Map<String, Resource> byId = Map.of("cnt1", CNT1, "cse-in/ae/c1", CNT1, "cnt2", CNT2, "Cae", AE,
                "cnt9", SECRET, "fwr1", FIRMWARE, "bat1", BATTERY);

        @Override
        public Route route(String id) {
            if (id.startsWith("/id-mn/")) {
                return new Route.Remote(null, "id-mn", null);
            }
            if (id.endsWith("/la")) {
                return new Route.Virtual(new ContainerType().virtualChildren().get("la"), byId.get(id.substring(0, id.length() - 3)));
            }
            Resource r = byId.get(id);
            if (r == null) {
                throw OneM2MException.notFound("resource " + id + " not found");
            }
            return new Route.Local(r);
        }

        @Override
        public void requirePolicies(Object ids) {
            throw new AssertionError("member rules name no policies");
        }

        @Override
        public boolean retrievable(Resource r) {
            return !Set.of("cnt9").contains(r.ri);
        }
    };

    private static Resource mgmtObj(String ri, long mgd) {
        Resource r = resource(ri, "cse-in/node/" + ri, ResourceTypes.MGMT_OBJ);
        r.attributes.put("mgd", mgd);
        return r;
    }

    private static Resource resource(String ri, String srn, int ty) {
        Resource r = new Resource();
        r.ri = ri;
        r.srn = srn;
        r.ty = ty;
        return r;
    }

    private static GroupMembers.Validated validate(List<String> mid, long mt, long csy, long mnm) {
        return GroupMembers.validate(mid, mt, null, csy, mnm, REFS);
    }

    private static ResponseStatusCode failure(List<String> mid, long mt, long csy, long mnm) {
        return assertThrows(OneM2MException.class, () -> validate(mid, mt, csy, mnm)).rsc();
    }

    @Test
    void ts0004_7_4_13_2_1_duplicatesAreRemovedAlsoInAnotherIdForm() {
        GroupMembers.Validated v = validate(List.of("cnt1", "cnt2", "cnt1", "cse-in/ae/c1"), 3, 1, 2);
        assertEquals(List.of("cnt1", "cnt2"), v.members());
        assertEquals(3, v.memberType());
        assertTrue(v.typeValidated());
    }

    @Test
    void ts0004_7_4_13_2_1_moreMembersThanMnmIs6010() {
        assertEquals(ResponseStatusCode.MAX_NUMBER_OF_MEMBER_EXCEEDED, failure(List.of("cnt1", "cnt2"), 0, 1, 1));
    }

    @Test
    void ts0004_7_4_13_2_1_anEmptyGroupIsValid() {
        GroupMembers.Validated v = validate(List.of(), 3, 1, 1);
        assertEquals(List.of(), v.members());
        assertTrue(v.typeValidated());
    }

    @Test
    void ts0004_7_4_13_2_1_abandonMemberDropsMembersOfAnotherType() {
        GroupMembers.Validated v = validate(List.of("cnt1", "Cae", "cnt2"), ResourceTypes.CONTAINER, GroupMembers.ABANDON_MEMBER, 5);
        assertEquals(List.of("cnt1", "cnt2"), v.members());
        assertEquals(ResourceTypes.CONTAINER, v.memberType());
    }

    @Test
    void ts0004_7_4_13_2_1_abandonGroupRejectsIt() {
        assertEquals(ResponseStatusCode.GROUP_MEMBER_TYPE_INCONSISTENT,
                failure(List.of("cnt1", "Cae"), ResourceTypes.CONTAINER, GroupMembers.ABANDON_GROUP, 5));
    }

    @Test
    void ts0004_7_4_13_2_1_setMixedKeepsEveryMemberAndMakesTheGroupMixed() {
        GroupMembers.Validated v = validate(List.of("cnt1", "Cae"), ResourceTypes.CONTAINER, GroupMembers.SET_MIXED, 5);
        assertEquals(List.of("cnt1", "Cae"), v.members());
        assertEquals(GroupMembers.MIXED, v.memberType());
    }

    @Test
    void ts0004_7_4_13_2_1_aMemberOfAnotherSpecializationDoesNotConform() {
        assertEquals(ResponseStatusCode.GROUP_MEMBER_TYPE_INCONSISTENT, assertThrows(OneM2MException.class,
                () -> GroupMembers.validate(List.of("cnt1"), ResourceTypes.CONTAINER, Map.of("cnd", "org.example.spec"), GroupMembers.ABANDON_GROUP, 5, REFS)).rsc());
        GroupMembers.Validated abandoned = GroupMembers.validate(List.of("cnt1", "cnt2"), ResourceTypes.CONTAINER, Map.of("cnd", "org.example.spec"),
                GroupMembers.ABANDON_MEMBER, 5, REFS);
        assertEquals(List.of(), abandoned.members());
        GroupMembers.Validated mixed = GroupMembers.validate(List.of("cnt1", "Cae"), 0, "org.example.spec", GroupMembers.ABANDON_GROUP, 5, REFS);
        assertEquals(List.of("cnt1", "Cae"), mixed.members(), "a mixed group checks no specialization");
    }

    @Test
    void ts0004_7_4_13_2_1_anMgmtObjConformsToTheSpecializationTypeOfItsMgmtDefinition() {
        GroupMembers.Validated firmware = GroupMembers.validate(List.of("fwr1", "bat1"), ResourceTypes.MGMT_OBJ,
                Map.of("mgd", 1001), GroupMembers.ABANDON_MEMBER, 5, REFS);
        assertEquals(List.of("fwr1"), firmware.members(), "the battery is no firmware");
        assertEquals(ResponseStatusCode.GROUP_MEMBER_TYPE_INCONSISTENT, assertThrows(OneM2MException.class,
                () -> GroupMembers.validate(List.of("bat1"), ResourceTypes.MGMT_OBJ, Map.of("mgd", 1001),
                        GroupMembers.ABANDON_GROUP, 5, REFS)).rsc());
    }

    @Test
    void ts0004_7_4_13_2_1_aMixedGroupTakesAnyType() {
        assertEquals(List.of("cnt1", "Cae"), validate(List.of("cnt1", "Cae"), 0, GroupMembers.ABANDON_GROUP, 5).members());
    }

    @Test
    void ts0004_7_4_13_2_1_aMemberTheOriginatorMayNotRetrieveIs5105() {
        assertEquals(ResponseStatusCode.RECEIVER_HAS_NO_PRIVILEGE, failure(List.of("cnt1", "cnt9"), 0, 1, 5));
    }

    @Test
    void ts0004_7_4_13_2_1_aLocalMemberThatDoesNotExistIs4004() {
        assertEquals(ResponseStatusCode.NOT_FOUND, failure(List.of("cnt1", "gone"), 0, 1, 5));
    }

    @Test
    void ts0004_7_4_13_2_1_aMemberOfAnotherCseIsKeptUnvalidated() {
        GroupMembers.Validated v = validate(List.of("cnt1", "/id-mn/cnt7"), ResourceTypes.CONTAINER, GroupMembers.ABANDON_GROUP, 5);
        assertEquals(List.of("cnt1", "/id-mn/cnt7"), v.members());
        assertFalse(v.typeValidated());
    }

    @Test
    void ts0004_7_4_13_2_1_aVirtualResourceIsNoMember() {
        assertEquals(ResponseStatusCode.NOT_IMPLEMENTED, failure(List.of("cnt1/la"), 0, 1, 5));
    }
}
