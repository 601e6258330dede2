package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.ContentCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * accessControlObjectDetails (TS-0004 6.3.5.27; TS-0001 9.6.2.4; TS-0003 7.1.5 res_objd): which Creates a rule with
 * acod grants, and a readable 4000 for every shape it cannot have.
 */
class ObjectDetailsTest {
    private static final Requester AE1 = new Requester("Cae1", "127.0.0.1", Instant.parse("2026-11-25T06:30:00Z"));
    private static final int AE = 2;
    private static final int CONTAINER = 3;
    private static final int CONTENT_INSTANCE = 4;
    private static final int FLEX_CONTAINER = 28;
    private static final int MGMT_OBJ = 13;

    private static AccessControlRule rule(String acod) {
        Object pv = SetOfAcrs.normalize("pv", ContentCodec.fromJson("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":63,\"acod\":" + acod + "}]}"), false);
        return SetOfAcrs.rules(ContentCodec.fromJson(ContentCodec.toJson(pv)), UnaryOperator.identity()).get(0);
    }

    private static boolean creates(AccessControlRule rule, Integer target, int child, String cnd, Long mgd) {
        return rule.grants(AE1, Permission.CREATE, new ChildCreation(target, child, cnd, mgd));
    }

    @Test
    void ts0003_7_1_5_childResourceTypeAloneDecidesUnderAnyTarget() {
        AccessControlRule r = rule("[{\"chty\":[4]}]");
        assertTrue(creates(r, CONTAINER, CONTENT_INSTANCE, null, null));
        assertTrue(creates(r, AE, CONTENT_INSTANCE, null, null));
        assertFalse(creates(r, CONTAINER, CONTAINER, null, null));
    }

    @Test
    void ts0001_9_6_2_4_resourceTypeMustMatchTheTargetBeforeChildTypesCount() {
        AccessControlRule r = rule("[{\"ty\":2,\"chty\":[3]}]");
        assertTrue(creates(r, AE, CONTAINER, null, null));
        assertFalse(creates(r, CONTAINER, CONTAINER, null, null));
        assertFalse(creates(r, null, CONTAINER, null, null), "no target type (a mixed group's members) matches no ty");
    }

    @Test
    void ts0003_7_1_5_specializationIsMatchedAgainstTheCreatedContent() {
        AccessControlRule flex = rule("[{\"spty\":{\"cnd\":\"org.onem2m.common.moduleclass.temperature\"},\"chty\":[28]}]");
        assertTrue(creates(flex, AE, FLEX_CONTAINER, "org.onem2m.common.moduleclass.temperature", null));
        assertFalse(creates(flex, AE, FLEX_CONTAINER, "org.onem2m.common.moduleclass.binarySwitch", null));
        AccessControlRule mgmt = rule("[{\"ty\":14,\"spty\":{\"mgd\":1001},\"chty\":[13]}]");
        assertTrue(creates(mgmt, 14, MGMT_OBJ, null, 1001L));
        assertFalse(creates(mgmt, 14, MGMT_OBJ, null, 1006L));
    }

    @Test
    void ts0003_7_1_5_anyOfSeveralObjectDetailsGrants() {
        AccessControlRule r = rule("[{\"ty\":2,\"chty\":[3]},{\"ty\":3,\"chty\":[4]}]");
        assertTrue(creates(r, AE, CONTAINER, null, null));
        assertTrue(creates(r, CONTAINER, CONTENT_INSTANCE, null, null));
        assertFalse(creates(r, AE, CONTENT_INSTANCE, null, null));
    }

    @Test
    void ts0003_7_1_5_objectDetailsApplyToCreateOnly() {
        AccessControlRule r = rule("[{\"ty\":2,\"chty\":[3]}]");
        for (Permission p : List.of(Permission.RETRIEVE, Permission.UPDATE, Permission.DELETE, Permission.NOTIFY, Permission.DISCOVERY)) {
            assertTrue(r.grants(AE1, p), p.name());
        }
        assertFalse(r.grants(AE1, Permission.CREATE), "a Create of which nothing is known is not granted");
    }

    @Test
    void ts0003_7_1_5_theOtherConditionsStillHold() {
        AccessControlRule r = rule("[{\"chty\":[4]}]");
        Requester other = new Requester("Cae2", "127.0.0.1", AE1.time());
        assertFalse(r.grants(other, Permission.CREATE, new ChildCreation(CONTAINER, CONTENT_INSTANCE, null, null)));
    }

    @Test
    void ts0004_8_3_objectDetailsFromXmlText() {
        Object pv = SetOfAcrs.normalize("pv", Map.of("acr", Map.of("acor", "Cae1", "acop", "63",
                "acod", Map.of("ty", "2", "spty", Map.of("mgd", "1001"), "chty", "3 13"))), true);
        Map<?, ?> acod = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) pv).get("acr")).get(0)).get("acod")).get(0);
        assertEquals(Map.of("ty", 2L, "spty", Map.of("mgd", 1001L), "chty", List.of(3L, 13L)), acod);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"ty\":3}]                                      | pv.acr[0].acod[0] needs chty",
            "[{\"chty\":[]}]                                   | pv.acr[0].acod[0].chty must list at least one",
            "[{\"chty\":4}]                                    | pv.acr[0].acod[0].chty must be a list",
            "[{\"chty\":[\"4\"]}]                              | pv.acr[0].acod[0].chty must be a resourceType",
            "[{\"chty\":[33]}]                                 | pv.acr[0].acod[0].chty must be a resourceType",
            "[{\"ty\":99,\"chty\":[4]}]                        | pv.acr[0].acod[0].ty must be a resourceType",
            "[{\"spty\":{},\"chty\":[4]}]                      | either cnd (containerDefinition) or mgd",
            "[{\"spty\":{\"mgd\":5},\"chty\":[13]}]            | pv.acr[0].acod[0].spty.mgd must be a mgmtDefinition",
            "[{\"spty\":{\"cnd\":\"x\",\"mgd\":1001},\"chty\":[13]}] | either cnd",
            "[{\"chty\":[4],\"what\":1}]                       | unknown element what",
            "{\"chty\":[4]}                                    | pv.acr[0].acod must be a list"})
    void ts0004_6_3_5_27_badObjectDetailsAreBadRequests(String acod, String reason) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> rule(acod));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
