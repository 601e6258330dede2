package io.keel.core;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Missing data points of a timeSeries (TS-0004 7.4.38.2.1, TS-0001 10.2.4.29) and their notification (TS-0004 7.5.1.2.9),
 * on a clock the test sets.
 */
class MissingDataDetectorTest {
    private static final String TS = "cse-in/app1/ts";
    private static final String TARGET = "http://listener.example/n";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final CoreFixture cse = new CoreFixture();
    private Instant now = T0;
    private final MissingDataDetector detector;

    MissingDataDetectorTest() {
        cse.ae("Cae1", "app1");
        detector = new MissingDataDetector(cse.store, cse.notifications.events(), () -> now, 0);
    }

    @AfterEach
    void close() {
        detector.close();
        cse.close();
    }

    /** A series of one point a second (±100 ms), a point missing 500 ms after its expected time, at most {@code mdn} listed. */
    private void periodicSeries(int mdn) {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.TIME_SERIES,
                map("m2m:ts", map("rn", "ts", "pei", 1000, "peid", 100, "mdt", 500, "mdd", true, "mdn", mdn)))));
    }

    private void point(long millisAfterT0) {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create(TS, "Cae1", ResourceTypes.TIME_SERIES_INSTANCE,
                map("m2m:tsi", map("dgt", at(millisAfterT0), "con", "x")))));
    }

    private static String at(long millisAfterT0) {
        return Timestamps.format(T0.plusMillis(millisAfterT0));
    }

    private Resource series() {
        return cse.tree.findByStructuredName(TS);
    }

    private ResponsePrimitive subscribe(Object... enc) {
        return cse.send(cse.create(TS, "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("rn", "sub", "nu", List.of(TARGET), "enc", map(enc)))));
    }

    @Test
    void ts0004_7_4_38_2_1_monitoringStartsWithTheFirstInstance() {
        periodicSeries(10);
        now = T0.plusSeconds(60);

        assertEquals(0, detector.detect());

        assertNull(series().get("mdlt"));
    }

    @Test
    void ts0004_7_4_38_2_1_aPointNotThereMdtAfterItsExpectedTimeIsListedAndCounted() {
        periodicSeries(10);
        point(0);
        point(1000);

        now = T0.plusMillis(2499);
        assertEquals(0, detector.detect(), "not missing before its detection time");
        now = T0.plusMillis(3500);
        assertEquals(2, detector.detect());

        assertEquals(List.of(at(2000), at(3000)), series().get("mdlt"));
        assertEquals(2L, series().get("mdc"));
        assertEquals(0, detector.detect(), "each gap once");
    }

    @Test
    void ts0001_10_2_4_29_anInstanceWithinPeidOfTheExpectedTimeIsNoGapEvenOutOfOrder() {
        periodicSeries(10);
        point(0);
        point(2050); // ahead of its turn: the point expected at 1000 is still missing
        point(1000 - 80);

        now = T0.plusMillis(2600);
        assertEquals(0, detector.detect());
        assertNull(series().get("mdlt"));
    }

    @Test
    void ts0004_7_4_38_2_1_beyondMdnTheOldestGoesAndMdcStaysAtMdn() {
        periodicSeries(2);
        point(0);

        now = T0.plusMillis(3500);
        assertEquals(3, detector.detect());

        assertEquals(List.of(at(2000), at(3000)), series().get("mdlt"));
        assertEquals(2L, series().get("mdc"));
    }

    @Test
    void ts0004_7_4_38_2_3_mddFalseStopsDetectionAndKeepsTheListTrueClearsItAndRestarts() {
        periodicSeries(10);
        point(0);
        now = T0.plusMillis(1500);
        assertEquals(1, detector.detect());

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(TS, "Cae1", map("m2m:ts", map("mdd", false)))));
        now = T0.plusMillis(9500);
        assertEquals(0, detector.detect());
        assertEquals(List.of(at(1000)), series().get("mdlt"));

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(TS, "Cae1", map("m2m:ts", map("mdd", true)))));
        assertNull(series().get("mdlt"));
        assertEquals(0L, series().get("mdc"));
        assertEquals(0, detector.detect(), "monitoring restarts with the next instance");
        point(10_000);
        now = T0.plusMillis(11_500);
        assertEquals(1, detector.detect());
        assertEquals(List.of(at(11_000)), series().get("mdlt"));
    }

    @Test
    void ts0004_7_4_38_2_4_aDeletedSeriesIsNoLongerWatched() {
        periodicSeries(10);
        point(0);

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, TS, "Cae1")));
        now = T0.plusSeconds(10);

        assertEquals(0, detector.detect());
    }

    @Test
    void ts0004_7_4_8_2_1_missingDataPointsNeedMdAndMdIsChecked() {
        periodicSeries(10);

        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("net", List.of(8)));
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("net", List.of(8), "md", map("num", 0, "dur", "PT1M")));
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("net", List.of(8), "md", map("num", 1)));
        assertRsc(ResponseStatusCode.BAD_REQUEST, subscribe("net", List.of(8), "md", map("num", 1, "dur", "soon")));
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(cse.create(TS, "Cae1", ResourceTypes.SUBSCRIPTION,
                map("m2m:sub", map("nu", List.of(TARGET), "nct", 1, "enc", map("net", List.of(8), "md", map("num", 1, "dur", "PT1M")))))));

        ResponsePrimitive rsp = subscribe("net", List.of(8), "md", map("num", 1, "dur", "PT1M"));
        assertRsc(ResponseStatusCode.CREATED, rsp);
        assertEquals(5L, CoreFixture.body(rsp, "m2m:sub").get("nct"), "TimeSeries notification, the default for net 8");
    }

    @Test
    void ts0004_7_5_1_2_9_fromNumPointsInOneWindowEveryPointIsNotified() throws InterruptedException {
        periodicSeries(10);
        assertRsc(ResponseStatusCode.CREATED, subscribe("net", List.of(8), "md", map("num", 2, "dur", "PT10S")));
        point(0);

        now = T0.plusMillis(1500);
        detector.detect(); // 1000: the window starts, one point
        assertNull(cse.outbound.next(200), "fewer than num points notify nobody");
        now = T0.plusMillis(2500);
        detector.detect(); // 2000: two points
        now = T0.plusMillis(3500);
        detector.detect(); // 3000: three

        List<Map<?, ?>> tsn = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RecordingOutbound.Sent sent = cse.outbound.next();
            assertNotNull(sent);
            Map<?, ?> nev = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) sent.request().content).get("m2m:sgn")).get("nev");
            assertEquals(8, ((Number) nev.get("net")).intValue());
            tsn.add((Map<?, ?>) ((Map<?, ?>) nev.get("rep")).get("m2m:tsn"));
        }
        assertEquals(List.of(at(1000), at(2000)), tsn.get(0).get("mdlt"));
        assertEquals(2L, ((Number) tsn.get(0).get("mdc")).longValue());
        assertEquals(List.of(at(3000)), tsn.get(1).get("mdlt"));
        assertEquals(3L, ((Number) tsn.get(1).get("mdc")).longValue());
    }

    @Test
    void ts0001_10_2_4_29_whenTheWindowEndsTheCountStartsAgain() throws InterruptedException {
        periodicSeries(10);
        assertRsc(ResponseStatusCode.CREATED, subscribe("net", List.of(8), "md", map("num", 2, "dur", "PT1.5S")));
        point(0);

        now = T0.plusMillis(1500);
        detector.detect(); // 1000 in the window 1500-3000
        point(2000);
        now = T0.plusMillis(3500);
        detector.detect(); // 3000 opens a new window: one point again

        assertNull(cse.outbound.next(300));
        assertTrue(cse.outbound.sent().isEmpty());
    }
}
