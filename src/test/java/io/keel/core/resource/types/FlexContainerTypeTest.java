package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code <flexContainer>} (TS-0004 7.4.37, TS-0001 9.6.35) with the specializations Keel ships. */
class FlexContainerTypeTest {
    private static final String BIN_SH = "org.onem2m.common.moduleclass.binarySwitch";
    private final CoreFixture cse = new CoreFixture();

    FlexContainerTypeTest() {
        cse.ae("Cae1", "app1");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private ResponsePrimitive create(String to, String root, Map<String, Object> attributes) {
        return cse.send(cse.create(to, "Cae1", ResourceTypes.FLEX_CONTAINER, map(root, attributes)));
    }

    private ResponsePrimitive createSwitch(Map<String, Object> attributes) {
        return create("cse-in/app1", "cod:binSh", attributes);
    }

    private static String dbg(ResponsePrimitive rsp) {
        return String.valueOf(rsp.content);
    }

    @Test
    void ts0004_7_4_37_aSpecializationIsCreatedAndAnsweredUnderItsOwnRootElement() {
        ResponsePrimitive rsp = createSwitch(map("rn", "light", "cnd", BIN_SH, "state", true));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> b = body(rsp, "cod:binSh");
        assertEquals(28, b.get("ty"));
        assertEquals(BIN_SH, b.get("cnd"));
        assertEquals(true, b.get("state"));
        assertEquals(0L, b.get("st"));
        assertEquals(4L, b.get("cs"), "contentSize: the bytes of the custom attribute values (\"true\")");
    }

    @Test
    void ts0004_7_4_37_cndIsMandatoryOnCreate() {
        ResponsePrimitive rsp = createSwitch(map("state", true));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("cnd"), dbg(rsp));
    }

    @Test
    void ts0004_7_4_37_2_1_aCndOfAnotherSpecializationIsRefused() {
        ResponsePrimitive rsp = createSwitch(map("cnd", "org.onem2m.common.moduleclass.temperature", "state", true));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("cod:tempe"), dbg(rsp));
    }

    @Test
    void ts0004_7_4_37_2_1_anUnknownSpecializationIs4125() {
        ResponsePrimitive rsp = create("cse-in/app1", "cod:nope", map("cnd", "org.example.nope"));

        assertRsc(ResponseStatusCode.SPECIALIZATION_SCHEMA_NOT_FOUND, rsp);
        assertTrue(dbg(rsp).contains("org.example.nope"), dbg(rsp));
    }

    @Test
    void ts0004_7_4_37_2_1_anUnknownCndUnderAKnownRootElementIs4125() {
        ResponsePrimitive rsp = createSwitch(map("cnd", "org.example.nope", "state", true));

        assertRsc(ResponseStatusCode.SPECIALIZATION_SCHEMA_NOT_FOUND, rsp);
    }

    @Test
    void ts0004_7_4_37_aMandatoryCustomAttributeIsRequiredOnCreate() {
        ResponsePrimitive rsp = createSwitch(map("cnd", BIN_SH));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("attribute state is missing"), dbg(rsp));
    }

    @Test
    void ts0004_7_4_37_anUnknownCustomAttributeIsNamed() {
        ResponsePrimitive rsp = createSwitch(map("cnd", BIN_SH, "state", true, "colour", 3));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("unknown attribute colour for cod:binSh"), dbg(rsp));
    }

    @Test
    void ts0004_7_4_37_aCustomAttributeOfTheWrongTypeIsNamed() {
        ResponsePrimitive rsp = createSwitch(map("cnd", BIN_SH, "state", "on"));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("attribute state must be a boolean"), dbg(rsp));
    }

    @Test
    void ts0001_9_6_35_aFlexContainerIsAnnounceable() {
        ResponsePrimitive rsp = createSwitch(map("cnd", BIN_SH, "state", true, "at", java.util.List.of("/id-mn"),
                "aa", java.util.List.of("state")));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(java.util.List.of("state"), body(rsp, "cod:binSh").get("aa"));
    }

    @Test
    void ts0004_7_4_37_contentSizeIsSetByTheCse() {
        ResponsePrimitive rsp = createSwitch(map("cnd", BIN_SH, "state", true, "cs", 3));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(dbg(rsp).contains("cs"), dbg(rsp));
    }

    @Test
    void ts0004_7_4_37_2_3_anUpdateChecksCustomAttributesAndKeepsCnd() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch(map("rn", "light", "cnd", BIN_SH, "state", true)));

        ResponsePrimitive ok = cse.send(cse.update("cse-in/app1/light", "Cae1", map("cod:binSh", map("state", false))));
        assertRsc(ResponseStatusCode.UPDATED, ok);
        assertEquals(false, body(ok, "cod:binSh").get("state"));
        assertEquals(5L, body(ok, "cod:binSh").get("cs"));
        assertEquals(1L, body(ok, "cod:binSh").get("st"));

        ResponsePrimitive wrongType = cse.send(cse.update("cse-in/app1/light", "Cae1", map("cod:binSh", map("state", 7))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, wrongType);
        ResponsePrimitive cnd = cse.send(cse.update("cse-in/app1/light", "Cae1", map("cod:binSh", map("cnd", BIN_SH))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cnd);
        ResponsePrimitive otherRoot = cse.send(cse.update("cse-in/app1/light", "Cae1", map("cod:tempe", map("curT0", 1))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, otherRoot);
    }

    @Test
    void ts0004_7_4_37_floatIntegerAndListAttributesAreTyped() {
        ResponsePrimitive t = create("cse-in/app1", "cod:tempe", map("rn", "t", "cnd", "org.onem2m.common.moduleclass.temperature",
                "curT0", 21, "unit", 1));
        assertRsc(ResponseStatusCode.CREATED, t);
        assertEquals(21.0, body(t, "cod:tempe").get("curT0"));

        ResponsePrimitive negativeUnit = create("cse-in/app1", "cod:tempe", map("cnd", "org.onem2m.common.moduleclass.temperature",
                "curT0", 21.5, "unit", -1));
        assertRsc(ResponseStatusCode.BAD_REQUEST, negativeUnit);

        ResponsePrimitive run = create("cse-in/app1", "cod:runSe", map("cnd", "org.onem2m.common.moduleclass.runState",
                "cuMSe", 1, "macSs", java.util.List.of("idle", "busy"), "cuJSe", 0, "jobSs", java.util.List.of(), "proPe", 0.5));
        assertRsc(ResponseStatusCode.CREATED, run);
        assertEquals(java.util.List.of("idle", "busy"), body(run, "cod:runSe").get("macSs"));
    }

    @Test
    void ts0001_9_6_35_aDeviceHoldsTheModulesItsCatalogueEntryLists() {
        assertRsc(ResponseStatusCode.CREATED, create("cse-in/app1", "cod:devLt",
                map("rn", "lamp", "cnd", "org.onem2m.common.device.deviceLight")));

        assertRsc(ResponseStatusCode.CREATED, create("cse-in/app1/lamp", "cod:binSh", map("cnd", BIN_SH, "state", true)));
        ResponsePrimitive thermometer = create("cse-in/app1/lamp", "cod:tempe",
                map("cnd", "org.onem2m.common.moduleclass.temperature", "curT0", 20));
        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, thermometer);
        assertTrue(dbg(thermometer).contains("cod:devLt"), dbg(thermometer));
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1/lamp", "Cae1", ResourceTypes.CONTAINER,
                map("m2m:cnt", map()))));
    }

    @Test
    void ts0004_7_4_37_1_aSubscriptionMayWatchAFlexContainer() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch(map("rn", "light", "cnd", BIN_SH, "state", true)));
        cse.listener("Clistener", "listener", "http://listener.example/notify", "Cae1");

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/light", "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("nu", java.util.List.of("Clistener")))));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals("http://listener.example/notify", cse.outbound.sent().get(0).url(), "the verification request");
    }

    @Test
    void ts0001_9_6_13_aGroupOfOneSpecializationHoldsOnlyFlexContainersOfItsCnd() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch(map("rn", "sw", "cnd", BIN_SH, "state", true)));
        assertRsc(ResponseStatusCode.CREATED, create("cse-in/app1", "cod:tempe", map("rn", "t",
                "cnd", "org.onem2m.common.moduleclass.temperature", "curT0", 20)));
        String sw = cse.tree.findByStructuredName("cse-in/app1/sw").ri;
        String t = cse.tree.findByStructuredName("cse-in/app1/t").ri;

        ResponsePrimitive grp = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.GROUP, map("m2m:grp", map(
                "mt", 28, "spty", map("cnd", BIN_SH), "mnm", 5, "csy", 1, "mid", java.util.List.of(sw, t)))));

        assertRsc(ResponseStatusCode.CREATED, grp);
        assertEquals(java.util.List.of(sw), body(grp, "m2m:grp").get("mid"), "the temperature is abandoned (csy 1)");
    }

    @Test
    void ts0004_7_4_37_1_aContentInstanceCannotBeAChild() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch(map("rn", "light", "cnd", BIN_SH, "state", true)));

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1/light", "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", "x"))));

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, rsp);
    }

    @Test
    void ts0004_7_4_37_aRetrieveAnswersTheSpecializationsRootElement() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch(map("rn", "light", "cnd", BIN_SH, "state", true)));

        ResponsePrimitive rsp = cse.send(cse.request(io.keel.primitive.Operation.RETRIEVE, "cse-in/app1/light", "Cae1"));

        assertRsc(ResponseStatusCode.OK, rsp);
        assertEquals(true, body(rsp, "cod:binSh").get("state"));
        assertFalse(body(rsp, "cod:binSh").containsKey("m2m:fcnt"));
    }

    @Test
    void ts0004_6_3_attributeConditionsMayNameCustomAttributes() {
        assertTrue(cse.types.isKnownAttribute("curT0"));
        assertTrue(cse.types.isKnownAttribute("cnd"));
    }
}
