package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.mgmt.MgmtSamples;
import io.keel.core.resource.mgmt.MgmtSpecialization;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code <mgmtObj>} (TS-0004 7.4.15, Annex D) under a {@code <node>}, each specialization of the catalogue. */
class MgmtObjTypeTest {
    private final CoreFixture cse = new CoreFixture();

    MgmtObjTypeTest() {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in", CoreFixture.ADMIN, ResourceTypes.NODE,
                map("m2m:nod", map("rn", "n1", "ni", "urn:dev:1")))));
    }

    @AfterEach
    void close() {
        cse.close();
    }

    static Stream<MgmtSpecialization> specializations() {
        return MgmtSamples.specializations();
    }

    static Map<String, Object> minimal(MgmtSpecialization s) {
        return MgmtSamples.minimal(s, "cse-in/n1");
    }

    private ResponsePrimitive create(String root, Map<String, Object> attributes) {
        return cse.send(cse.create("cse-in/n1", CoreFixture.ADMIN, ResourceTypes.MGMT_OBJ, map(root, attributes)));
    }

    private ResponsePrimitive create(MgmtSpecialization s, Object... more) {
        Map<String, Object> a = minimal(s);
        a.putAll(map(more));
        return create(s.rootElement(), a);
    }

    private ResponsePrimitive update(String to, String root, Object... attributes) {
        return cse.send(cse.update(to, CoreFixture.ADMIN, map(root, map(attributes))));
    }

    private static String dbg(ResponsePrimitive rsp) {
        return String.valueOf(rsp.content);
    }

    private static MgmtSpecialization spec(int mgd) {
        return MgmtSamples.spec(mgd);
    }

    @ParameterizedTest
    @MethodSource("specializations")
    void ts0004_7_4_15_eachSpecializationIsCreatedRetrievedUpdatedAndDeleted(MgmtSpecialization s) {
        ResponsePrimitive created = create(s, "rn", "m", "dc", "first");
        assertRsc(ResponseStatusCode.CREATED, created);
        Map<String, Object> b = body(created, s.rootElement());
        assertEquals(13, b.get("ty"));
        assertEquals((long) s.mgd(), b.get("mgd"));

        ResponsePrimitive read = cse.send(cse.request(Operation.RETRIEVE, "cse-in/n1/m", CoreFixture.ADMIN));
        assertRsc(ResponseStatusCode.OK, read);
        assertEquals("first", body(read, s.rootElement()).get("dc"), "typed by its mgd: " + read.content);

        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/n1/m", s.rootElement(), "dc", "second"));
        assertEquals("second", cse.tree.findByStructuredName("cse-in/n1/m").get("dc"));
        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/n1/m", CoreFixture.ADMIN)));
    }

    @Test
    void ts0004_7_4_15_1_mgdIsFixedAfterCreate() {
        create(spec(1003), "rn", "mem");
        ResponsePrimitive rsp = update("cse-in/n1/mem", "m2m:mem", "mgd", 1006L);

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("mgd"), dbg(rsp));
    }

    @Test
    void ts0004_6_3_4_2_22_anUnknownMgdIs4000AndOneOfAnotherSpecializationIs4000NamingIt() {
        ResponsePrimitive unknown = create("m2m:xyz", map("mgd", 4711L));
        assertRsc(ResponseStatusCode.BAD_REQUEST, unknown);
        assertTrue(dbg(unknown).contains("4711"), dbg(unknown));

        ResponsePrimitive other = create(spec(1003), "mgd", 1006L);
        assertRsc(ResponseStatusCode.BAD_REQUEST, other);
        assertTrue(dbg(other).contains("m2m:bat"), dbg(other));

        ResponsePrimitive notImplemented = create("m2m:reg", map("mgd", 1020L));
        assertRsc(ResponseStatusCode.NOT_IMPLEMENTED, notImplemented);
    }

    @Test
    void ts0004_annexD_anAttributeOfAnotherSpecializationOrOfTheWrongTypeIs4000NamingIt() {
        ResponsePrimitive foreign = create(spec(1003), "btl", 5L);
        assertRsc(ResponseStatusCode.BAD_REQUEST, foreign);
        assertTrue(dbg(foreign).contains("btl"), dbg(foreign));

        ResponsePrimitive wrong = create(spec(1003), "mma", "lots");
        assertRsc(ResponseStatusCode.BAD_REQUEST, wrong);
        assertTrue(dbg(wrong).contains("mma"), dbg(wrong));

        ResponsePrimitive status = create(spec(1008), "cas", map("sus", 9L));
        assertRsc(ResponseStatusCode.BAD_REQUEST, status);
        assertTrue(dbg(status).contains("cas.sus"), dbg(status));
    }

    @Test
    void ts0004_D_7_batteryLevelIsAPercentage() {
        ResponsePrimitive rsp = create(spec(1006), "btl", 101L);

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("btl"), dbg(rsp));
    }

    @Test
    void ts0004_D_3_2_2_installAndUninstallTogetherAre4000() {
        create(spec(1002), "rn", "sw");

        ResponsePrimitive both = update("cse-in/n1/sw", "m2m:swr", "in", true, "un", true);
        assertRsc(ResponseStatusCode.BAD_REQUEST, both);
        assertTrue(dbg(both).contains("in") && dbg(both).contains("un"), dbg(both));
        assertRsc(ResponseStatusCode.BAD_REQUEST, update("cse-in/n1/sw", "m2m:swr", "act", true, "dea", true));
        assertNull(cse.tree.findByStructuredName("cse-in/n1/sw").get("in"));
        // Valid, but no management adapter reaches the node's device here (see MgmtObjActionTest): 6003.
        assertRsc(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, update("cse-in/n1/sw", "m2m:swr", "in", true));
    }

    @Test
    void ts0004_D_3_installIsNotPermittedOnCreate() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, create(spec(1002), "in", true));
    }

    @Test
    void ts0004_D_10_2_rebootIsAlwaysTrueAndNotWithFactoryReset() {
        create(spec(1009), "rn", "rb");

        assertRsc(ResponseStatusCode.BAD_REQUEST, update("cse-in/n1/rb", "m2m:rbo", "rbo", false));
        assertRsc(ResponseStatusCode.BAD_REQUEST, update("cse-in/n1/rb", "m2m:rbo", "rbo", true, "far", true));
        // Valid, but no management adapter reaches the node's device here (see MgmtObjActionTest): 6003.
        assertRsc(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, update("cse-in/n1/rb", "m2m:rbo", "rbo", true));
    }

    @Test
    void ts0001_9_6_18_aNodeHoldsOneMemoryRebootEventLogAndActiveCmdhPolicy() {
        assertRsc(ResponseStatusCode.CREATED, create(spec(1003)));
        ResponsePrimitive second = create(spec(1003));
        assertRsc(ResponseStatusCode.CONFLICT, second);
        assertTrue(dbg(second).contains("memory"), dbg(second));
        assertRsc(ResponseStatusCode.CREATED, create(spec(1006)));
        assertRsc(ResponseStatusCode.CREATED, create(spec(1006))); // battery is 0..n
    }

    @Test
    void ts0004_7_4_15_aMgmtObjIsCreatedUnderANodeOnly() {
        cse.ae("Cae1", "app1");
        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.MGMT_OBJ, map("m2m:mem", minimal(spec(1003)))));

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, rsp);
    }

    @Test
    void ts0001_9_6_18_theCmdhSpecializationsAreNotAnnounced() {
        ResponsePrimitive rsp = create(spec(1011), "at", List.of("/id-mn"));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("at"), dbg(rsp));
    }

    @Test
    void ts0004_7_4_15_2_4_theTypeTellsItsActionsAndTheStatusEachDrives() {
        MgmtObjType firmware = assertInstanceOf(MgmtObjType.class, cse.types.byRootElement("m2m:fwr"));
        assertEquals(Map.of("ud", "uds"), firmware.actions());
        MgmtObjType software = (MgmtObjType) cse.types.byRootElement("m2m:swr");
        assertEquals(List.of("in", "un", "act", "dea"), List.copyOf(software.actions().keySet()));
        assertEquals("acts", software.actions().get("dea"));
        MgmtObjType reboot = (MgmtObjType) cse.types.byRootElement("m2m:rbo");
        assertTrue(reboot.actions().containsKey("far"));
        assertNull(reboot.actions().get("far"));
        assertEquals(List.of("ud"), firmware.triggered(map("ud", true, "vr", "2")));
    }
}
