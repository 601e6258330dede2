package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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

/** {@code <container>}: TS-0004 7.4.6 and TS-0001 9.6.6, through the dispatcher. */
class ContainerTypeTest {
    private static final String BOX = "cse-in/app1/box";
    private final CoreFixture cse = new CoreFixture();

    ContainerTypeTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private ResponsePrimitive createCnt(String parent, Map<String, Object> attributes) {
        return cse.send(cse.create(parent, "Cae1", ResourceTypes.CONTAINER, map("m2m:cnt", attributes)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mni", "mbs", "mia"})
    void ts0004_7_4_6_2_1_anInvalidQuotaIs4000AndNothingIsStored(String quota) {
        Map<String, String> before = cse.snapshot();

        for (Object invalid : List.of(-1, "ten", 1.5, List.of(3))) {
            assertRsc(ResponseStatusCode.BAD_REQUEST, createCnt("cse-in/app1", map("rn", "box2", quota, invalid)));
        }
        assertEquals(before, cse.snapshot());
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update(BOX, "Cae1", map("m2m:cnt", map(quota, -1)))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_6_2_1_theQuotasGivenAreStoredAndAnsweredAsGiven() {
        ResponsePrimitive rsp = createCnt("cse-in/app1", map("rn", "box2", "mni", 0, "mbs", 1024, "mia", 3600));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> cnt = body(rsp, "m2m:cnt");
        assertEquals(0L, cnt.get("mni"));
        assertEquals(1024L, cnt.get("mbs"));
        assertEquals(3600L, cnt.get("mia"));
    }

    @Test
    void ts0004_7_4_7_2_1_aContainerWithMniZeroKeepsNoNewInstance() {
        cse.tree.stored("cnt1").attributes.put("mni", 0L);

        ResponsePrimitive rsp = cse.send(cse.create(BOX, "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("rn", "i1", "con", "x"))));

        // Literally TS-0004 7.4.7.2.1: the addition exceeds mni, so the oldest instance goes, which is the new one.
        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals("x", body(rsp, "m2m:cin").get("con"));
        assertNull(cse.tree.findByStructuredName(BOX + "/i1"));
        assertEquals(0L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(0L, cse.tree.stored("cnt1").get("cbs"));
    }

    @Test
    void ts0004_7_4_6_1_whatTheCseSetsIs4000OnCreateAndUpdate() {
        Map<String, String> before = cse.snapshot();

        for (String sn : List.of("cni", "cbs", "li", "st")) {
            Object value = sn.equals("li") ? "loc1" : 1;
            assertRsc(ResponseStatusCode.BAD_REQUEST, createCnt("cse-in/app1", map("rn", "box2", sn, value)));
            assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update(BOX, "Cae1", map("m2m:cnt", map(sn, value)))));
        }
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_6_1_aNewContainerCountsNothingAndHasAStateTag() {
        ResponsePrimitive rsp = createCnt("cse-in/app1", map("rn", "box2"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> cnt = body(rsp, "m2m:cnt");
        assertEquals(0L, cnt.get("cni"));
        assertEquals(0L, cnt.get("cbs"));
        assertEquals(0L, ((Number) cnt.get("st")).longValue());
    }

    @Test
    void ts0004_7_4_6_1_theCreatorIsGivenAsNullOnCreateOnlyAndRecordsTheOriginator() {
        ResponsePrimitive rsp = createCnt("cse-in/app1", map("rn", "box2", "cr", null));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals("Cae1", body(rsp, "m2m:cnt").get("cr"));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createCnt("cse-in/app1", map("rn", "box3", "cr", "Csomeone")));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.update(BOX + "2", "Cae1", map("m2m:cnt", map("cr", null)))));
        assertNull(cse.tree.findByStructuredName("cse-in/app1/box3"));
    }

    @Test
    void ts0004_7_4_6_1_theOptionalAttributesMayBeUpdatedAndDeleted() {
        ResponsePrimitive rsp = cse.send(cse.update(BOX, "Cae1",
                map("m2m:cnt", map("mni", 5, "mbs", 100, "mia", 60, "or", "http://onto.example/c", "disr", false))));

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        Resource cnt = cse.tree.stored("cnt1");
        assertEquals(5L, cnt.get("mni"));
        assertEquals("http://onto.example/c", cnt.get("or"));
        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(BOX, "Cae1", map("m2m:cnt", map("mni", null)))));
        assertNull(cse.tree.stored("cnt1").get("mni"));
    }

    @Test
    void ts0004_7_4_6_1_itsChildrenAreContainersContentInstancesAndSubscriptionsOnly() {
        assertRsc(ResponseStatusCode.CREATED, createCnt(BOX, map("rn", "inner")));
        Map<String, String> before = cse.snapshot();

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, cse.send(cse.create(BOX, "Cae1",
                ResourceTypes.ACCESS_CONTROL_POLICY, map("m2m:acp", map("pv", map("acr", List.of()),
                        "pvs", map("acr", List.of(map("acor", List.of("Cae1"), "acop", 63))))))));
        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, cse.send(cse.create(BOX, "Cae1",
                ResourceTypes.GROUP, map("m2m:grp", map("mid", List.of("cnt1"), "mnm", 2)))));
        assertEquals(before, cse.snapshot());
    }

    @Test
    void ts0004_7_4_6_1_withoutDisrTheInstancesCanBeRetrieved() {
        cse.instance("cin1", "cnt1", "i1", "x");

        assertFalse(cse.tree.stored("cnt1").attributes.containsKey("disr"));
        assertRsc(ResponseStatusCode.OK, cse.send(cse.request(Operation.RETRIEVE, BOX + "/i1", "Cae1")));
    }

    @Test
    void ts0001_9_6_6_disrFromTrueToFalseDeletesEveryInstanceAtOnce() {
        cse.tree.stored("cnt1").attributes.put("disr", true);
        cse.instance("cin1", "cnt1", "i1", "x");
        cse.instance("cin2", "cnt1", "i2", "yz");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(BOX, "Cae1", map("m2m:cnt", map("disr", false)))));

        assertNull(cse.tree.stored("cin1"));
        assertNull(cse.tree.stored("cin2"));
        assertEquals(0L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(0L, cse.tree.stored("cnt1").get("cbs"));
    }

    @Test
    void ts0001_9_6_6_settingDisrKeepsTheInstancesButRefusesThem() {
        cse.instance("cin1", "cnt1", "i1", "x");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(BOX, "Cae1", map("m2m:cnt", map("disr", true)))));

        assertNotNull(cse.tree.stored("cin1"));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(cse.request(Operation.RETRIEVE, BOX + "/i1", "Cae1")));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, cse.send(cse.request(Operation.DELETE, BOX + "/i1", "Cae1")));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED,
                cse.send(cse.update(BOX + "/i1", "Cae1", map("m2m:cin", map("lbl", List.of("a"))))));
        assertNotNull(cse.tree.stored("cin1"));
    }

    @Test
    void ts0001_9_6_6_aLoweredMbsRemovesTheOldestInstancesAtOnce() {
        cse.instance("cin1", "cnt1", "i1", "aaa");
        cse.instance("cin2", "cnt1", "i2", "bb");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(BOX, "Cae1", map("m2m:cnt", map("mbs", 2)))));

        assertNull(cse.tree.stored("cin1"));
        assertNotNull(cse.tree.stored("cin2"));
        assertEquals(1L, cse.tree.stored("cnt1").get("cni"));
        assertEquals(2L, cse.tree.stored("cnt1").get("cbs"));
    }
}
