package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** {@code <timeSeries>} and {@code <timeSeriesInstance>}: TS-0004 7.4.38, 7.4.39 (TS-0001 9.6.36, 9.6.37), through the dispatcher. */
class TimeSeriesTypeTest {
    private static final String TS = "cse-in/app1/ts";
    private final CoreFixture cse = new CoreFixture();

    TimeSeriesTypeTest() {
        cse.ae("Cae1", "app1");
        cse.container("cnt1", "Cae1", "box");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private ResponsePrimitive createTs(Object... attributes) {
        List<Object> all = new java.util.ArrayList<>(List.of("rn", "ts"));
        all.addAll(List.of(attributes));
        return cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.TIME_SERIES, map("m2m:ts", map(all.toArray()))));
    }

    private ResponsePrimitive updateTs(Object... attributes) {
        return cse.send(cse.update(TS, "Cae1", map("m2m:ts", map(attributes))));
    }

    private ResponsePrimitive createTsi(String to, Object... attributes) {
        return cse.send(cse.create(to, "Cae1", ResourceTypes.TIME_SERIES_INSTANCE, map("m2m:tsi", map(attributes))));
    }

    private Map<String, Object> retrieve(String to) {
        ResponsePrimitive rsp = cse.send(cse.request(Operation.RETRIEVE, to, "Cae1"));
        assertRsc(ResponseStatusCode.OK, rsp);
        return ((Map<?, ?>) rsp.content).values().stream().map(v -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) v;
            return m;
        }).findFirst().orElseThrow();
    }

    @Test
    void ts0004_7_4_38_1_aTimeSeriesStartsEmptyWithItsAttributes() {
        ResponsePrimitive rsp = createTs("mni", 10, "mbs", 100, "mia", 60, "pei", 1000, "mdn", 5, "or", "http://onto.example/t",
                "cnf", "text/plain:0", "lbl", List.of("unit/C"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> ts = body(rsp, "m2m:ts");
        assertEquals(29, ts.get("ty"));
        assertEquals(0L, ts.get("cni"));
        assertEquals(0L, ts.get("cbs"));
        assertEquals(1000L, ts.get("pei"));
        assertEquals(0L, ts.get("peid"), "the local policy Keel applies when pei comes without peid");
        assertEquals("text/plain:0", ts.get("cnf"));
    }

    @Test
    void ts0004_7_4_38_1_whatTheCseSetsIs4000NamingIt() {
        for (String readOnly : List.of("mdlt", "mdc", "cni", "cbs")) {
            ResponsePrimitive rsp = createTs(readOnly, readOnly.equals("mdlt") ? List.of("20250101T000000") : 1);

            assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
            assertTrue(String.valueOf(rsp.content).contains(readOnly), String.valueOf(rsp.content));
        }
        assertNull(cse.tree.findByStructuredName(TS));
    }

    @Test
    void ts0004_7_4_38_2_1_peidAboveHalfThePeriodIs4000() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, createTs("pei", 1000, "peid", 501));
        assertRsc(ResponseStatusCode.CREATED, createTs("pei", 1000, "peid", 500));
    }

    @Test
    void ts0004_7_4_38_2_1_missingDataDetectNeedsPeiAndATimerAbovePeid() {
        assertRsc(ResponseStatusCode.BAD_REQUEST, createTs("mdd", true, "pei", 1000, "peid", 100));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createTs("mdd", true, "pei", 1000, "peid", 100, "mdt", 100));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createTs("mdd", true, "mdt", 100));
        assertNull(cse.tree.findByStructuredName(TS));

        assertRsc(ResponseStatusCode.CREATED, createTs("mdd", true, "pei", 1000, "peid", 100, "mdt", 101));
    }

    @Test
    void ts0004_7_4_38_2_3_anUpdateOfMddOrOfADetectingSeriesCannotSetTheDetectionParameters() {
        assertRsc(ResponseStatusCode.CREATED, createTs("pei", 1000, "mdt", 500));

        for (String parameter : List.of("mdt", "mdn", "peid", "pei")) {
            ResponsePrimitive rsp = updateTs("mdd", true, parameter, 200);
            assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
            assertTrue(String.valueOf(rsp.content).contains(parameter), String.valueOf(rsp.content));
        }
        assertRsc(ResponseStatusCode.UPDATED, updateTs("mdd", true));
        assertRsc(ResponseStatusCode.BAD_REQUEST, updateTs("mdn", 3));
        assertRsc(ResponseStatusCode.UPDATED, updateTs("mdd", false));
        assertRsc(ResponseStatusCode.UPDATED, updateTs("mdn", 3, "pei", 2000));
        assertEquals(2000L, retrieve(TS).get("pei"));
    }

    @Test
    void ts0004_7_4_38_2_3_aNewPeiIsCheckedAgainstPeid() {
        assertRsc(ResponseStatusCode.CREATED, createTs("pei", 1000, "peid", 400));

        assertRsc(ResponseStatusCode.BAD_REQUEST, updateTs("pei", 700));
        assertRsc(ResponseStatusCode.UPDATED, updateTs("pei", 800));
    }

    @Test
    void ts0004_7_4_39_1_anInstanceHasItsDgtConAndSnrAndIsCounted() {
        assertRsc(ResponseStatusCode.CREATED, createTs());

        ResponsePrimitive rsp = createTsi(TS, "rn", "i1", "dgt", "20250101T000000", "con", "21.5", "snr", 1);

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> tsi = body(rsp, "m2m:tsi");
        assertEquals(30, tsi.get("ty"));
        assertEquals("20250101T000000,000000", tsi.get("dgt"));
        assertEquals("21.5", tsi.get("con"));
        assertEquals(1L, tsi.get("snr"));
        assertEquals(4L, tsi.get("cs"));
        Map<String, Object> ts = retrieve(TS);
        assertEquals(1L, ts.get("cni"));
        assertEquals(4L, ts.get("cbs"));
    }

    @Test
    void ts0004_7_4_39_1_dgtAndConAreMandatoryAndDgtIsATimestamp() {
        assertRsc(ResponseStatusCode.CREATED, createTs());

        assertRsc(ResponseStatusCode.BAD_REQUEST, createTsi(TS, "con", "1"));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createTsi(TS, "dgt", "20250101T000000"));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createTsi(TS, "dgt", "yesterday", "con", "1"));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createTsi(TS, "dgt", "20250101T000000", "con", "1", "cs", 1));
        assertEquals(0L, retrieve(TS).get("cni"));
    }

    @Test
    void ts0004_7_4_39_2_1_aSecondInstanceWithTheSameDgtIs4105() {
        assertRsc(ResponseStatusCode.CREATED, createTs());
        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "dgt", "20250101T000000", "con", "1"));

        ResponsePrimitive rsp = createTsi(TS, "dgt", "20250101T000000,000000", "con", "2");

        assertRsc(ResponseStatusCode.CONFLICT, rsp);
        assertTrue(String.valueOf(rsp.content).contains("dgt"), String.valueOf(rsp.content));
        assertEquals(1L, retrieve(TS).get("cni"));
        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "dgt", "20250101T000001", "con", "2"));
    }

    @Test
    void ts0004_7_4_39_2_1_theSameDgtInAnotherSeriesIsNoConflict() {
        assertRsc(ResponseStatusCode.CREATED, createTs());
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.TIME_SERIES,
                map("m2m:ts", map("rn", "other")))));
        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "dgt", "20250101T000000", "con", "1"));

        assertRsc(ResponseStatusCode.CREATED, createTsi("cse-in/app1/other", "dgt", "20250101T000000", "con", "1"));
    }

    @Test
    void ts0004_7_4_39_2_1_instancesLiveInATimeSeriesOnly() {
        assertRsc(ResponseStatusCode.CREATED, createTs());

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, createTsi("cse-in/app1/box", "dgt", "20250101T000000", "con", "1"));
        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, cse.send(cse.create(TS, "Cae1", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("con", "1")))));
    }

    @Test
    void ts0004_7_4_39_2_1_theQuotasDropTheOldestAndLaOlAddressTheEnds() {
        assertRsc(ResponseStatusCode.CREATED, createTs("mni", 2));
        for (int i = 1; i <= 3; i++) {
            assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "rn", "i" + i, "dgt", "2025010" + i + "T000000", "con", "v" + i));
        }

        assertEquals(2L, retrieve(TS).get("cni"));
        assertEquals("v3", retrieve(TS + "/la").get("con"));
        assertEquals("v2", retrieve(TS + "/ol").get("con"));
        assertNull(cse.tree.findByStructuredName(TS + "/i1"));
    }

    @Test
    void ts0001_10_2_4_25_theQuotaRemovesTheOldestDataGenerationTimeNotTheFirstCreated() {
        assertRsc(ResponseStatusCode.CREATED, createTs("mni", 2));
        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "rn", "late", "dgt", "20250105T000000", "con", "late"));
        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "rn", "early", "dgt", "20250101T000000", "con", "early"));

        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "rn", "mid", "dgt", "20250103T000000", "con", "mid"));

        assertNull(cse.tree.findByStructuredName(TS + "/early"));
        assertEquals(2L, retrieve(TS).get("cni"));
        assertEquals("late", retrieve(TS + "/late").get("con"));
    }

    @Test
    void ts0004_7_4_39_2_1_anInstanceLargerThanMbsIs5207() {
        assertRsc(ResponseStatusCode.CREATED, createTs("mbs", 3));

        assertRsc(ResponseStatusCode.NOT_ACCEPTABLE, createTsi(TS, "dgt", "20250101T000000", "con", "1234"));
    }

    @Test
    void ts0004_7_4_39_2_3_anInstanceCannotBeUpdated() {
        assertRsc(ResponseStatusCode.CREATED, createTs());
        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "rn", "i1", "dgt", "20250101T000000", "con", "1"));

        ResponsePrimitive rsp = cse.send(cse.update(TS + "/i1", "Cae1", map("m2m:tsi", map("lbl", List.of("x")))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
    }

    @Test
    void ts0004_7_4_39_2_4_deletingAnInstanceUpdatesTheCounters() {
        assertRsc(ResponseStatusCode.CREATED, createTs());
        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "rn", "i1", "dgt", "20250101T000000", "con", "12"));
        assertRsc(ResponseStatusCode.CREATED, createTsi(TS, "rn", "i2", "dgt", "20250101T000001", "con", "3"));

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, TS + "/i1", "Cae1")));

        Map<String, Object> ts = retrieve(TS);
        assertEquals(1L, ts.get("cni"));
        assertEquals(1L, ts.get("cbs"));
        assertFalse(cse.tree.children(cse.tree.findByStructuredName(TS).ri, ResourceTypes.TIME_SERIES_INSTANCE).isEmpty());
    }
}
