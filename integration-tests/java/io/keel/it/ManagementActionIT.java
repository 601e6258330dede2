package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Action attributes of {@code <mgmtObj>} specializations over HTTP (TS-0004 7.4.15.2.4, Annex D) with the test's
 * management adapter standing in for devices: firmware update, software install, reboot. The triggering Update
 * answers at once with the status In_Process; the device's outcome follows as a change of the status attribute, which
 * subscribers are notified of.
 */
class ManagementActionIT extends DeviceManagementIT {
    /** m2m:status (TS-0004 table 6.3.4.2.20-1). */
    private static final int SUCCESSFUL = 1;
    private static final int FAILURE = 2;
    private static final int IN_PROCESS = 3;

    private String firmware(String node) {
        Reply r = cse.create("/" + node, 13, "{\"m2m:fwr\":{\"mgd\":1001,\"vr\":\"1.0\",\"fwn\":\"gw-fw\","
                + "\"url\":\"http://repo.example/fw-1.1.bin\",\"ud\":false}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:fwr").path("ri").asText();
    }

    private JsonNode fwr(String ri) {
        return get(ri, "m2m:fwr");
    }

    @Test
    void ts0004_d_2_2_2_firmwareUpdateGoesToTheDeviceAndUpdateStatusFollows() {
        String fw = firmware(node("ok"));
        subscribe(fw, "[1]");

        Reply r = cse.put("/" + fw, "{\"m2m:fwr\":{\"ud\":true}}").send();

        assertEquals(2004, r.rsc(), r.text());
        JsonNode handed = report("perform", fw);
        assertEquals("ud", handed.path("action").asText());
        assertEquals(1001, handed.path("mgd").asInt());
        assertEquals("http://repo.example/fw-1.1.bin", handed.path("arguments").path("url").asText());
        Eventually.holds(WAIT, () -> fwr(fw).path("uds").path("sus").asInt() == SUCCESSFUL, "updateStatus Successful");
        assertEquals("ud", fwr(fw).path("uds").path("acn").asText());
        // The subscriber sees the update (ud true, In_Process) and then the outcome.
        JsonNode last = null;
        for (int i = 0; i < 2; i++) {
            last = subscriber.next(WAIT).sgn().path("nev").path("rep").path("m2m:fwr");
        }
        assertEquals(SUCCESSFUL, last.path("uds").path("sus").asInt(), last.toString());
    }

    @Test
    void ts0004_7_4_15_2_4_theTriggeringUpdateAnswersWithTheActionInProcess() {
        String fw = firmware(node("silent"));

        Reply r = cse.put("/" + fw, "{\"m2m:fwr\":{\"ud\":true}}").send();

        assertEquals(2004, r.rsc(), r.text());
        assertEquals(IN_PROCESS, r.json().path("m2m:fwr").path("uds").path("sus").asInt(), r.text());
        assertEquals(IN_PROCESS, fwr(fw).path("uds").path("sus").asInt());
    }

    @Test
    void ts0004_d_3_2_2_softwareInstallReportsInstallStatus() {
        Reply created = cse.create("/" + node("ok"), 13, "{\"m2m:swr\":{\"mgd\":1002,\"vr\":\"2.0\",\"swn\":\"agent\","
                + "\"url\":\"http://repo.example/agent-2.0.pkg\"}}").send();
        assertEquals(201, created.status(), created.text());
        String sw = created.json().path("m2m:swr").path("ri").asText();

        Reply r = cse.put("/" + sw, "{\"m2m:swr\":{\"in\":true}}").send();

        assertEquals(2004, r.rsc(), r.text());
        assertEquals("in", report("perform", sw).path("action").asText());
        Eventually.holds(WAIT, () -> get(sw, "m2m:swr").path("ins").path("sus").asInt() == SUCCESSFUL, "installStatus Successful");
        assertEquals("in", get(sw, "m2m:swr").path("ins").path("acn").asText());
    }

    @Test
    void ts0004_d_10_rebootGoesToTheDevice() {
        Reply created = cse.create("/" + node("ok"), 13, "{\"m2m:rbo\":{\"mgd\":1009}}").send();
        assertEquals(201, created.status(), created.text());
        String reboot = created.json().path("m2m:rbo").path("ri").asText();

        Reply r = cse.put("/" + reboot, "{\"m2m:rbo\":{\"rbo\":true}}").send();

        assertEquals(2004, r.rsc(), r.text());
        JsonNode handed = report("perform", reboot);
        assertEquals("rbo", handed.path("action").asText());
        assertEquals(1009, handed.path("mgd").asInt());
    }

    @Test
    void ts0004_7_3_4_1_aNodeWithoutAdapterRefusesTheActionAndNothingIsStored() {
        String fw = firmware(node("none"));

        Reply r = cse.put("/" + fw, "{\"m2m:fwr\":{\"ud\":true,\"vr\":\"9.9\"}}").send();

        assertEquals(6003, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains("no management adapter"), r.text());
        JsonNode after = fwr(fw);
        assertFalse(after.path("ud").asBoolean(), after.toString());
        assertEquals("1.0", after.path("vr").asText(), "the refused update stored nothing");
        assertFalse(after.has("uds"), after.toString());
        expectNoReport(fw, Duration.ofMillis(500));
    }

    @Test
    void ts0004_7_3_4_3_anOfflineDeviceFailsTheUpdate() {
        String fw = firmware(node("offline"));

        assertEquals(2004, cse.put("/" + fw, "{\"m2m:fwr\":{\"ud\":true}}").send().rsc());

        Eventually.holds(WAIT, () -> fwr(fw).path("uds").path("sus").asInt() == FAILURE, "updateStatus Failure");
    }

    @Test
    void ts0004_d_3_2_2_aRefusingDeviceFailsTheInstall() {
        Reply created = cse.create("/" + node("fail"), 13, "{\"m2m:swr\":{\"mgd\":1002,\"vr\":\"2.0\",\"swn\":\"agent\","
                + "\"url\":\"http://repo.example/agent-2.0.pkg\"}}").send();
        String sw = created.json().path("m2m:swr").path("ri").asText();

        assertEquals(2004, cse.put("/" + sw, "{\"m2m:swr\":{\"in\":true}}").send().rsc());

        Eventually.holds(WAIT, () -> get(sw, "m2m:swr").path("ins").path("sus").asInt() == FAILURE, "installStatus Failure");
    }
}
