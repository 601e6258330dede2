package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code <flexContainerInstance>} (Release 4, ty 58): the states a flexContainer with mni, mbs or mia keeps. */
class FlexContainerInstanceTest {
    private static final String BIN_SH = "org.onem2m.common.moduleclass.binarySwitch";
    private static final String LIGHT = "cse-in/app1/light";
    private final CoreFixture cse = new CoreFixture();

    FlexContainerInstanceTest() {
        cse.ae("Cae1", "app1");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private ResponsePrimitive send(RequestPrimitive req) {
        req.releaseVersionIndicator = "4";
        return cse.send(req);
    }

    private ResponsePrimitive createSwitch(Object... attributes) {
        Map<String, Object> a = map("rn", "light", "cnd", BIN_SH);
        a.putAll(map(attributes));
        return send(cse.create("cse-in/app1", "Cae1", ResourceTypes.FLEX_CONTAINER, map("cod:binSh", a)));
    }

    private ResponsePrimitive updateSwitch(Object... attributes) {
        return send(cse.update(LIGHT, "Cae1", map("cod:binSh", map(attributes))));
    }

    private ResponsePrimitive retrieve(String to) {
        return send(cse.request(Operation.RETRIEVE, to, "Cae1"));
    }

    private Map<String, Object> light() {
        return body(retrieve(LIGHT), "cod:binSh");
    }

    @Test
    void ts0004_r4_flexContainerInstance_createAndEachCustomUpdateAreKeptAsInstances() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch("state", true, "mni", 5));
        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("state", false));

        assertEquals(2L, light().get("cni"));
        assertEquals(4L + 5L, light().get("cbs"), "cbs: the cs of each instance (\"true\", \"false\")");
        Map<String, Object> oldest = body(retrieve(LIGHT + "/ol"), "m2m:fcin");
        Map<String, Object> latest = body(retrieve(LIGHT + "/la"), "m2m:fcin");
        assertEquals(58, latest.get("ty"));
        assertEquals(true, oldest.get("state"));
        assertEquals(false, latest.get("state"));
        assertEquals(5L, latest.get("cs"));
        assertEquals(1L, latest.get("st"), "the flexContainer's stateTag the instance records");
        assertEquals("Cae1", latest.get("org"));
    }

    @Test
    void ts0004_r4_flexContainerInstance_anUpdateOfNoCustomAttributeKeepsNoInstance() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch("state", true, "mni", 5));
        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("lbl", java.util.List.of("x")));

        assertEquals(1L, light().get("cni"));
    }

    @Test
    void ts0004_r4_flexContainerInstance_withoutQuotasNoInstanceIsKept() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch("state", true));
        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("state", false));

        assertNull(light().get("cni"));
        assertRsc(ResponseStatusCode.NOT_FOUND, retrieve(LIGHT + "/la"));
    }

    @Test
    void ts0004_r4_flexContainerInstance_mniKeepsTheNewestAndLoweringItTrimsAtOnce() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch("state", true, "mni", 2));
        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("state", false));
        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("state", true));

        assertEquals(2L, light().get("cni"));
        assertEquals(false, body(retrieve(LIGHT + "/ol"), "m2m:fcin").get("state"), "the first state was dropped");

        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("mni", 1));
        assertEquals(1L, light().get("cni"));
        assertEquals(4L, light().get("cbs"));
        assertEquals(true, body(retrieve(LIGHT + "/ol"), "m2m:fcin").get("state"));
    }

    @Test
    void ts0004_r4_flexContainerInstance_mbsBoundsTheBytesKeptAndAStateLargerThanItIs5207() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch("state", true, "mbs", 9));
        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("state", false));
        assertEquals(2L, light().get("cni"));
        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("state", true));
        assertEquals(2L, light().get("cni"), "4 + 5 bytes fit in 9, a third instance does not");
        assertEquals(9L, light().get("cbs"));

        assertRsc(ResponseStatusCode.UPDATED, updateSwitch("mbs", 3));
        assertEquals(0L, light().get("cni"), "no instance fits a lowered mbs");
        assertRsc(ResponseStatusCode.NOT_ACCEPTABLE, updateSwitch("state", false));
        assertEquals(true, light().get("state"), "the refused update changed nothing");
    }

    @Test
    void ts0004_r4_flexContainerInstance_miaBoundsTheInstancesLifetime() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch("state", true, "mia", 60));

        Map<String, Object> fcin = body(retrieve(LIGHT + "/la"), "m2m:fcin");
        java.time.Instant ct = io.keel.primitive.Timestamps.parse((String) fcin.get("ct"), "ct");
        java.time.Instant et = io.keel.primitive.Timestamps.parse((String) fcin.get("et"), "et");
        assertEquals(ct.plusSeconds(60), et);
    }

    @Test
    void ts0004_r4_flexContainerInstance_isReadOnlyAndDeletable() {
        assertRsc(ResponseStatusCode.CREATED, createSwitch("state", true, "mni", 5));
        String fcin = LIGHT + "/" + body(retrieve(LIGHT + "/la"), "m2m:fcin").get("rn");

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                send(cse.update(fcin, "Cae1", map("m2m:fcin", map("lbl", java.util.List.of("x"))))));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                send(cse.create(LIGHT, "Cae1", ResourceTypes.FLEX_CONTAINER_INSTANCE, map("m2m:fcin", map("state", true)))));
        assertRsc(ResponseStatusCode.DELETED, send(cse.request(Operation.DELETE, fcin, "Cae1")));
        assertEquals(0L, light().get("cni"));
        assertEquals(0L, light().get("cbs"));
    }

    @Test
    void ts0004_r4_flexContainerInstance_quotasAreRelease4Attributes() {
        RequestPrimitive req = cse.create("cse-in/app1", "Cae1", ResourceTypes.FLEX_CONTAINER,
                map("cod:binSh", map("cnd", BIN_SH, "state", true, "mni", 5)));

        ResponsePrimitive rsp = cse.send(req); // the fixture's Release 3
        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertFalse(String.valueOf(rsp.content).isEmpty());
    }
}
