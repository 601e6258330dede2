package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
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

/** {@code <AE>}: TS-0004 7.4.5 and TS-0001 9.6.5 (registration as far as the resource goes), through the dispatcher. */
class AeTypeTest {
    private final CoreFixture cse = new CoreFixture();

    AeTypeTest() {
        cse.ae("Cae1", "app1");
        // The CSEBase is governed by a policy that grants nothing to the registering originators.
        cse.acp("acpCb", CoreFixture.CSE_BASE, "cbPolicy", List.of("Cnobody"), List.of("Cnobody"));
        cse.tree.stored(CoreFixture.CSE_BASE).attributes.put("acpi", List.of("acpCb"));
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private static Map<String, Object> ae(Object... more) {
        Map<String, Object> attributes = map("api", "Nmyapp", "rr", false, "srv", List.of("3"));
        attributes.putAll(map(more));
        return map("m2m:ae", attributes);
    }

    private ResponsePrimitive register(String from, Map<String, Object> content) {
        return cse.send(cse.create("cse-in", from, ResourceTypes.AE, content));
    }

    @Test
    void ts0004_7_4_5_2_1_aRegistrationNeedsNoCreatePrivilegeOnTheCseBase() {
        ResponsePrimitive rsp = register("Cnew", ae("rn", "newapp"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertNotNull(cse.tree.stored("Cnew"));
    }

    @Test
    void ts0004_7_4_5_2_1_anAeIdAlreadyRegisteredIs4117AndNothingChanges() {
        Map<String, String> before = cse.snapshot();

        ResponsePrimitive rsp = register("Cae1", ae("rn", "again"));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_ALREADY_REGISTERED, rsp);
        assertEquals(before, cse.snapshot());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Xapp", "app", "napp", "1app", "C123"})
    void ts0004_7_4_5_2_1_anAppIdNotStartingWithRorRorNIs4000(String api) {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, register("Cnew", ae("api", api)));
        assertEquals(before, cse.snapshot());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rapp", "Rapp", "Napp"})
    void ts0004_7_4_5_2_1_anAppIdStartingWithRorRorNIsTaken(String api) {
        assertRsc(ResponseStatusCode.CREATED, register("Cnew", ae("api", api)));
        assertEquals(api, cse.tree.stored("Cnew").get("api"));
    }

    @Test
    void ts0004_7_4_5_1_appIdAndRequestReachabilityAreMandatory4000() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, register("Cnew", map("m2m:ae", map("rr", true, "srv", List.of("3")))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, register("Cnew", map("m2m:ae", map("api", "Nmyapp", "srv", List.of("3")))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_5_1_appIdAndAeIdCannotBeUpdatedAndAeIdNotGiven4000() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update("cse-in/app1", "Cae1", map("m2m:ae", map("api", "Nother")))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update("cse-in/app1", "Cae1", map("m2m:ae", map("aei", "Cother")))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update("cse-in/app1", "Cae1", map("m2m:ae", map("rr", null)))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, register("Cnew", ae("aei", "Cnew")));
        assertEquals(before, cse.snapshot());
    }

    @ParameterizedTest
    @ValueSource(strings = {"esi", "regs", "trps", "scp", "ape"})
    void ts0004_7_4_5_1_attributesKeelDoesNotSupportAreRefusedByName(String sn) {
        ResponsePrimitive rsp = register("Cnew", ae(sn, List.of("x")));

        assertRsc(ResponseStatusCode.NOT_IMPLEMENTED, rsp);
        assertTrue(String.valueOf(rsp.content).contains("not supported"), String.valueOf(rsp.content));
        assertNull(cse.tree.stored("Cnew"));
    }

    @Test
    void ts0004_7_4_5_1_theOptionalAttributesAreStoredAndAnswered() {
        ResponsePrimitive rsp = register("Cnew", ae("rn", "full", "apn", "Heating", "poa", List.of("http://10.0.0.1:8080/n"),
                "or", "http://onto.example/h", "nl", "/id-mn/cse-mn/node1", "csz", List.of("json"), "mei", "ext-1@operator.example",
                "tren", true, "tri", 4000, "trn", 5, "lbl", List.of("room/1"), "et", "20990101T000000"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> created = body(rsp, "m2m:ae");
        assertEquals("Heating", created.get("apn"));
        assertEquals(List.of("http://10.0.0.1:8080/n"), created.get("poa"));
        assertEquals(true, created.get("tren"));
        assertEquals(4000L, created.get("tri"));
        assertEquals("ext-1@operator.example", created.get("mei"));
    }

    @Test
    void ts0001_9_6_5_theResourceIdAndTheAeIdAreTheAeIdStem() {
        ResponsePrimitive rsp = register("C", ae());

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> created = body(rsp, "m2m:ae");
        String stem = (String) created.get("ri");
        assertTrue(stem.startsWith("C") && stem.length() > 1, stem);
        assertEquals(stem, created.get("aei"));
        assertEquals(stem, created.get("rn"), "without rn the AE is named by its stem");
        assertEquals(CoreFixture.CSE_BASE, created.get("pi"));
    }

    @Test
    void ts0004_7_4_5_2_3_anUpdateByTheAeItselfChangesTheGivenAttributes() {
        ResponsePrimitive rsp = cse.send(cse.update("cse-in/app1", "Cae1",
                map("m2m:ae", map("rr", false, "apn", "renamed", "poa", List.of("http://10.0.0.2/n")))));

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        Resource stored = cse.tree.stored("Cae1");
        assertEquals(false, stored.get("rr"));
        assertEquals("renamed", stored.get("apn"));
        assertEquals(List.of("http://10.0.0.2/n"), stored.get("poa"));
        assertEquals("Napp", stored.get("api"));
    }

    @Test
    void ts0004_7_4_5_2_4_deregistrationDeletesTheAeAndEverythingBelowIt() {
        cse.container("cnt1", "Cae1", "box");
        cse.instance("cin1", "cnt1", "i1", "x");

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/app1", "Cae1")));

        assertNull(cse.tree.stored("Cae1"));
        assertNull(cse.tree.stored("cnt1"));
        assertNull(cse.tree.stored("cin1"));
        assertRsc(ResponseStatusCode.CREATED, register("Cae1", ae("rn", "app1")));
    }

    @Test
    void ts0004_7_4_5_1_anAeHoldsNoContentInstanceNorAe4108() {
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, cse.send(cse.create("cse-in/app1", "Cae1",
                ResourceTypes.CONTENT_INSTANCE, map("m2m:cin", map("con", "x")))));
        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, cse.send(cse.create("cse-in/app1", "Cnew",
                ResourceTypes.AE, ae())));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0001_9_6_5_thePointOfAccessIsShownToTheAeAndTheCseOnly() {
        Resource owner = cse.ae("Cowner", "owner");
        owner.attributes.put("poa", List.of("http://10.0.0.9:9000/n"));
        owner.attributes.put("acpi", List.of("acpPeer"));
        cse.ae("Cpeer", "peer");
        cse.acp("acpPeer", "Cowner", "bothMayRead", List.of("Cowner", "Cpeer"), List.of("Cowner"));

        Map<String, Object> byItself = body(cse.send(cse.request(Operation.RETRIEVE, "cse-in/owner", "Cowner")), "m2m:ae");
        Map<String, Object> byTheAdmin = body(cse.send(cse.request(Operation.RETRIEVE, "cse-in/owner", "CAdmin")), "m2m:ae");
        ResponsePrimitive byAPeer = cse.send(cse.request(Operation.RETRIEVE, "cse-in/owner", "Cpeer"));

        assertEquals(List.of("http://10.0.0.9:9000/n"), byItself.get("poa"));
        assertEquals(List.of("http://10.0.0.9:9000/n"), byTheAdmin.get("poa"));
        assertRsc(ResponseStatusCode.OK, byAPeer);
        assertFalse(body(byAPeer, "m2m:ae").containsKey("poa"), String.valueOf(byAPeer.content));
        assertEquals("Cowner", body(byAPeer, "m2m:ae").get("aei"));
    }
}
