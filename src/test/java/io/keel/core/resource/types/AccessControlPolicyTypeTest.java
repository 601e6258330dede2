package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code <accessControlPolicy>}: TS-0004 7.4.2 and TS-0001 9.6.2, through the dispatcher. */
class AccessControlPolicyTypeTest {
    private static final String APP = "cse-in/app1";
    private final CoreFixture cse = new CoreFixture();

    AccessControlPolicyTypeTest() {
        cse.ae("Cae1", "app1");
        cse.ae("Cae2", "app2");
        cse.ae("Cae3", "app3");
        cse.acp("acp1", "Cae1", "policy", List.of("Cae2"), List.of("Cae1"));
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private static Map<String, Object> rules(String... originators) {
        return map("acr", originators.length == 0 ? List.of() : List.of(map("acor", List.of(originators), "acop", 63)));
    }

    private ResponsePrimitive createAcp(Map<String, Object> attributes) {
        return cse.send(cse.create(APP, "Cae1", ResourceTypes.ACCESS_CONTROL_POLICY, map("m2m:acp", attributes)));
    }

    @Test
    void ts0004_7_4_2_1_pvAndPvsAreMandatoryOnCreate4000() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, createAcp(map("pvs", rules("Cae1"))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createAcp(map("pv", rules("Cae1"))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_2_1_aPolicyIsCreatedWithItsRulesAndAnsweredAsStored() {
        ResponsePrimitive rsp = createAcp(map("rn", "p2", "pv", rules(), "pvs", rules("Cae1"), "lbl", List.of("x"),
                "et", "20990101T000000"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> acp = body(rsp, "m2m:acp");
        assertEquals(Map.of("acr", List.of()), acp.get("pv"), "an empty pv is an empty set of rules (TS-0001 9.6.2.0)");
        assertEquals(List.of("Cae1"), ((Map<?, ?>) ((List<?>) ((Map<?, ?>) acp.get("pvs")).get("acr")).get(0)).get("acor"));
        assertNotNull(cse.tree.findByStructuredName(APP + "/p2"));
    }

    @Test
    void ts0004_7_4_2_1_aPolicyHasNoAcpiOfItsOwn4000() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, createAcp(map("pv", rules(), "pvs", rules("Cae1"), "acpi", List.of("acp1"))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update(APP + "/policy", "Cae1",
                map("m2m:acp", map("acpi", List.of("acp1"))))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_2_2_1_aPolicyWithoutASelfPrivilegeRuleIs4000AndNotStored() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = createAcp(map("rn", "p2", "pv", rules("Cae1"), "pvs", rules()));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertRsc(ResponseStatusCode.BAD_REQUEST, createAcp(map("rn", "p2", "pv", rules("Cae1"), "pvs", map())));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_2_2_3_anUpdateRemovingEverySelfPrivilegeRuleIs4000AndChangesNothing() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update(APP + "/policy", "Cae1", map("m2m:acp", map("pvs", rules())))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update(APP + "/policy", "Cae1", map("m2m:acp", map("pvs", null)))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_2_2_3_pvAndPvsMayBeUpdatedAndAnEmptyPvGrantsNothing() {
        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(APP + "/policy", "Cae1",
                map("m2m:acp", map("pv", rules(), "pvs", rules("Cae1", "Cae3"))))));

        Map<?, ?> pv = (Map<?, ?>) cse.tree.stored("acp1").get("pv");
        assertEquals(List.of(), pv.get("acr"));
        assertRsc(ResponseStatusCode.OK, cse.send(cse.request(Operation.RETRIEVE, APP + "/policy", "Cae3")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"adri", "apri", "airi"})
    void ts0001_9_6_2_0_aPolicyWithoutRulesNamesPdpsPrpsOrPips(String sn) {
        ResponsePrimitive created = createAcp(map("rn", "p2", "pv", rules(), "pvs", rules("Cae1"), sn, List.of("cse-in/point")));

        assertRsc(ResponseStatusCode.CREATED, created);
        assertEquals(List.of("cse-in/point"), body(created, "m2m:acp").get(sn));
        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(APP + "/p2", "Cae1", map("m2m:acp", map(sn, List.of("/id-mn/point"))))));
        assertEquals(List.of("/id-mn/point"), cse.tree.findByStructuredName(APP + "/p2").get(sn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"adri", "apri"})
    void ts0001_9_6_2_0_adriAndApriOnlyWhilePvHoldsNoRule4000(String sn) {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive created = createAcp(map("pv", rules("Cae2"), "pvs", rules("Cae1"), sn, List.of("cse-in/point")));
        ResponsePrimitive updated = cse.send(cse.update(APP + "/policy", "Cae1", map("m2m:acp", map(sn, List.of("cse-in/point")))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, created);
        assertTrue(String.valueOf(created.content).contains(sn + " is present only while pv holds no rule"), String.valueOf(created.content));
        assertRsc(ResponseStatusCode.BAD_REQUEST, updated);
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0001_9_6_2_0_anUpdateGivingPvRulesToADelegatingPolicyIs4000() {
        assertRsc(ResponseStatusCode.CREATED, createAcp(map("rn", "p2", "pv", rules(), "pvs", rules("Cae1"), "adri", List.of("cse-in/pdp"))));
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update(APP + "/p2", "Cae1", map("m2m:acp", map("pv", rules("Cae2"))))));
        assertEquals(before, cse.snapshot());
        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(APP + "/p2", "Cae1",
                map("m2m:acp", map("pv", rules("Cae2"), "adri", null)))));
    }

    @Test
    void ts0001_9_6_2_0_adriAndApriNeverTogetherNorAiriWithAdri4000() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive both = createAcp(map("pv", rules(), "pvs", rules("Cae1"), "adri", List.of("cse-in/pdp"), "apri", List.of("cse-in/prp")));
        ResponsePrimitive airi = createAcp(map("pv", rules(), "pvs", rules("Cae1"), "adri", List.of("cse-in/pdp"), "airi", List.of("cse-in/pip")));

        assertRsc(ResponseStatusCode.BAD_REQUEST, both);
        assertTrue(String.valueOf(both.content).contains("never present together"), String.valueOf(both.content));
        assertRsc(ResponseStatusCode.BAD_REQUEST, airi);
        assertTrue(String.valueOf(airi.content).contains("airi does not go with adri"), String.valueOf(airi.content));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createAcp(map("pv", rules(), "pvs", rules("Cae1"), "adri", "cse-in/pdp")));
        assertEquals(before, cse.snapshot());
        assertRsc(ResponseStatusCode.CREATED, createAcp(map("pv", rules(), "pvs", rules("Cae1"), "apri", List.of("cse-in/prp"),
                "airi", List.of("cse-in/pip"))));
        assertRsc(ResponseStatusCode.CREATED, createAcp(map("pv", rules("Cae2"), "pvs", rules("Cae1"), "airi", List.of("cse-in/pip"))));
    }

    @Test
    void ts0001_9_6_2_0_aPolicyIsReadAndChangedByItsSelfPrivilegesNotItsPrivileges() {
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(cse.request(Operation.RETRIEVE, APP + "/policy", "Cae2")));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, cse.send(cse.request(Operation.DELETE, APP + "/policy", "Cae2")));
        assertRsc(ResponseStatusCode.OK, cse.send(cse.request(Operation.RETRIEVE, APP + "/policy", "Cae1")));
    }

    @Test
    void ts0004_7_4_2_1_aSubscriptionMayBeCreatedUnderAPolicy() {
        ResponsePrimitive rsp = cse.send(cse.create(APP + "/policy", "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("rn", "watch", "nu", List.of("Cae1")))));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertNotNull(cse.tree.findByStructuredName(APP + "/policy/watch"));
    }

    @Test
    void ts0004_7_4_2_1_onlySubscriptionsMayBeCreatedUnderAPolicy4108() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, cse.send(cse.create(APP + "/policy", "Cae1",
                ResourceTypes.CONTAINER, map("m2m:cnt", map("rn", "box")))));
        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, createAcpUnder(APP + "/policy"));
        assertEquals(before, cse.snapshot());
    }

    private ResponsePrimitive createAcpUnder(String parent) {
        return cse.send(cse.create(parent, "Cae1", ResourceTypes.ACCESS_CONTROL_POLICY,
                map("m2m:acp", map("pv", rules(), "pvs", rules("Cae1")))));
    }

    @Test
    void ts0004_7_4_2_2_1_aPolicyWithoutSelfPrivilegesIs4000OnRecv1BeforeAccessIsDecided() {
        ResponsePrimitive rsp = cse.send(cse.create(APP, "Cae2", ResourceTypes.ACCESS_CONTROL_POLICY,
                map("m2m:acp", map("pv", rules("Cae1"), "pvs", map("acr", List.of())))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp); // Cae2 may not create under the AE: that would be 4103
    }

    @Test
    void ts0004_7_4_2_2_3_anUpdateRemovingEverySelfPrivilegeIs4000OnRecv1BeforeAccessIsDecided() {
        ResponsePrimitive rsp = cse.send(cse.update(APP + "/policy", "Cae2", map("m2m:acp", map("pvs", map("acr", List.of())))));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp); // Cae2 is not in the policy's pvs: that would be 4103
    }
}
