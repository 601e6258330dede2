package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * {@code <mgmtCmd>} and {@code <execInstance>} over HTTP (TS-0004 7.4.16, 7.4.17) with the test's management adapter
 * standing in for devices: execution, its status and the subscriber's notification, cancel, delete, a node without an
 * adapter, an offline device.
 */
class MgmtCmdIT extends DeviceManagementIT {
    private static final String SOFTWARE_INSTALL_ARGS =
            "\"exra\":{\"swin\":[{\"url\":\"http://repo.example/app.pkg\",\"uuid\":\"u-1\",\"unm\":\"u\",\"pwd\":\"p\",\"eer\":\"ee\"}]}";

    /** A mgmtCmd under the CSEBase for the node; returns its ri. */
    private String mgmtCmd(String node, int cmt, String more) {
        Reply r = cse.create("/cse-in", 12, "{\"m2m:mgc\":{\"rn\":\"" + OneM2MClient.unique("cmd") + "\",\"cmt\":" + cmt
                + ",\"ext\":\"" + node + "\"" + (more.isEmpty() ? "" : "," + more) + "}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:mgc").path("ri").asText();
    }

    private Reply execute(String mgmtCmd) {
        return cse.put("/" + mgmtCmd, "{\"m2m:mgc\":{\"exe\":true}}").send();
    }

    /** The execInstances of the mgmtCmd (their ri), by discovery. */
    private JsonNode execInstances(String mgmtCmd) {
        Reply r = cse.get("/" + mgmtCmd + "?fu=1&ty=8").send();
        assertEquals(200, r.status(), r.text());
        return r.json().path("m2m:uril");
    }

    private String executedInstance(String mgmtCmd) {
        Reply r = execute(mgmtCmd);
        assertEquals(2004, r.rsc(), r.text());
        JsonNode uril = execInstances(mgmtCmd);
        assertEquals(1, uril.size(), () -> uril + " " + cse.get("/" + mgmtCmd + "?rcn=4").send().text());
        return get(uril.get(0).asText(), "m2m:exin").path("ri").asText();
    }

    private long status(String exin) {
        return get(exin, "m2m:exin").path("exs").asLong();
    }

    @Test
    void ts0004_7_4_16_2_3_2_executionRunsOnTheDeviceAndItsStatusFollows() {
        String node = node("ok");
        String cmd = mgmtCmd(node, 2, "\"dc\":\"reboot the gateway\"");
        subscribe(cmd, "[3]");

        String exin = executedInstance(cmd);

        JsonNode handed = report("perform", exin);
        assertEquals("exe", handed.path("action").asText());
        assertEquals(2, handed.path("arguments").path("cmt").asInt());
        Received created = subscriber.next(WAIT);
        assertEquals(exin, created.sgn().path("nev").path("rep").path("m2m:exin").path("ri").asText());
        Eventually.holds(WAIT, () -> status(exin) == 3, "execStatus FINISHED");
        JsonNode finished = get(exin, "m2m:exin");
        assertEquals(0, finished.path("exr").asInt(), "STATUS_SUCCESS");
        assertEquals(node, finished.path("ext").asText());
        assertEquals(1, finished.path("exm").asInt());
        assertEquals(8, finished.path("ty").asInt());
    }

    @Test
    void ts0004_7_4_17_subscribersOfTheExecInstanceSeeItFinish() {
        String cmd = mgmtCmd(node("silent"), 5, SOFTWARE_INSTALL_ARGS);
        String exin = executedInstance(cmd);
        assertEquals(2, status(exin), "PENDING while the device works");
        subscribe(exin, "[1]");

        Reply cancel = cse.put("/" + exin, "{\"m2m:exin\":{\"exd\":true}}").send();

        assertEquals(2004, cancel.rsc(), cancel.text());
        JsonNode update = subscriber.next(WAIT).sgn().path("nev").path("rep").path("m2m:exin");
        assertEquals(5, update.path("exs").asInt(), "CANCELLED, notified");
    }

    @Test
    void ts0004_7_4_17_2_1_cancelOfAPendingExecutionCancelsItOnTheDevice() {
        String cmd = mgmtCmd(node("silent"), 5, SOFTWARE_INSTALL_ARGS);
        String exin = executedInstance(cmd);
        report("perform", exin);

        Reply r = cse.put("/" + exin, "{\"m2m:exin\":{\"exd\":true}}").send();

        assertEquals(2004, r.rsc(), r.text());
        report("cancel", exin);
        assertEquals(5, status(exin), "CANCELLED");
        Reply again = cse.put("/" + exin, "{\"m2m:exin\":{\"exd\":true}}").send();
        assertEquals(6028, again.rsc(), again.text());
    }

    @Test
    void ts0004_7_4_17_2_1_aFailedCancellationIs6026AndTheExecutionStaysPending() {
        String exin = executedInstance(mgmtCmd(node("stubborn"), 5, SOFTWARE_INSTALL_ARGS));

        Reply r = cse.put("/" + exin, "{\"m2m:exin\":{\"exd\":true}}").send();

        assertEquals(6026, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains("would not stop"), r.text());
        assertEquals(2, status(exin));
    }

    @Test
    void ts0004_7_4_17_2_1_aPendingRebootIsNotCancellable() {
        String exin = executedInstance(mgmtCmd(node("silent"), 2, ""));

        Reply r = cse.put("/" + exin, "{\"m2m:exin\":{\"exd\":true}}").send();

        assertEquals(6029, r.rsc(), r.text());
        assertEquals(6, status(exin), "STATUS_NON_CANCELLABLE");
    }

    @Test
    void ts0004_7_4_17_2_3_deleteCancelsAPendingExecutionThenDeletesIt() {
        String cmd = mgmtCmd(node("silent"), 5, SOFTWARE_INSTALL_ARGS);
        String exin = executedInstance(cmd);
        report("perform", exin);

        Reply r = cse.delete("/" + exin).send();

        assertEquals(2002, r.rsc(), r.text());
        report("cancel", exin);
        assertEquals(404, cse.get("/" + exin).send().status());
        assertEquals(2002, cse.delete("/" + cmd).send().rsc(), "nothing pending any more: the mgmtCmd goes");
    }

    @Test
    void ts0004_7_4_16_2_4_aCommandWithAPendingRebootIsNotDeleted() {
        String cmd = mgmtCmd(node("silent"), 2, "");
        String exin = executedInstance(cmd);

        Reply r = cse.delete("/" + cmd).send();

        assertEquals(6029, r.rsc(), r.text());
        assertEquals(200, cse.get("/" + cmd).send().status());
        assertEquals(6, status(exin));
    }

    @Test
    void ts0004_7_3_4_1_aNodeWithoutAdapterRefusesTheExecutionAndNothingIsStored() {
        String cmd = mgmtCmd(node("none"), 2, "");

        Reply r = execute(cmd);

        assertEquals(6003, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains("no management adapter"), r.text());
        assertEquals(0, execInstances(cmd).size());
        assertFalse(get(cmd, "m2m:mgc").has("exe"), "the refused update stored nothing");
        // Nothing the adapter could be handed exists: no execInstance, so no report about one.
    }

    @Test
    void ts0004_7_3_4_3_anOfflineDeviceFinishesTheExecutionWithAnError() {
        String exin = executedInstance(mgmtCmd(node("offline"), 2, ""));

        Eventually.holds(WAIT, () -> status(exin) == 3, "execStatus FINISHED");
        assertEquals(4, get(exin, "m2m:exin").path("exr").asInt(), "STATUS_INTERNAL_ERROR");
    }

    @Test
    void ts0004_7_4_17_aFailureTheDeviceReportsIsTheExecResult() {
        String exin = executedInstance(mgmtCmd(node("fail"), 2, ""));

        Eventually.holds(WAIT, () -> status(exin) == 3, "execStatus FINISHED");
        assertEquals(2, get(exin, "m2m:exin").path("exr").asInt(), "STATUS_REQUEST_DENIED");
    }

    @Test
    void ts0004_7_4_16_2_1_anInvalidCmdTypeIs6022() {
        Reply r = cse.create("/cse-in", 12, "{\"m2m:mgc\":{\"cmt\":42,\"ext\":\"x\"}}").send();

        assertEquals(6022, r.rsc(), r.text());
    }

    @Test
    void ts0004_7_4_17_2_0_anExecInstanceCannotBeCreatedByRequest() {
        String cmd = mgmtCmd(node("ok"), 2, "");

        Reply r = cse.create("/" + cmd, 8, "{\"m2m:exin\":{}}").send();

        assertEquals(4005, r.rsc(), r.text());
    }
}
