package io.keel.core.management;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ManagementQueue;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The execution of {@code <mgmtCmd>} through a management adapter (TS-0004 7.4.16, 7.4.17, 7.3.4), and the machinery
 * behind it: no adapter, a failing or unreachable device, a device that never answers, cancel, a restart.
 */
class MgmtCmdExecutionTest {
    private static final String ADMIN = CoreFixture.ADMIN;
    private final CoreFixture cse = new CoreFixture();
    private final ScriptedAdapter adapter = new ScriptedAdapter("dev-");
    private final ManagementAdapters adapters = new ManagementAdapters();
    private ManagementActions actions;

    MgmtCmdExecutionTest() {
        adapters.register(adapter);
        actions = cse.management(adapters, 60_000);
        node("node1", "dev-1");
        node("node2", "dev-2");
        node("lonely", "unmanaged-1");
    }

    @AfterEach
    void close() {
        actions.close();
        cse.close();
    }

    private void node(String ri, String ni) {
        Resource node = cse.add(ri, CoreFixture.CSE_BASE, ResourceTypes.NODE, ri);
        node.attributes.put("ni", ni);
    }

    private ResponsePrimitive createCommand(Object... attributes) {
        return cse.send(cse.create("cse-in", ADMIN, ResourceTypes.MGMT_CMD, map("m2m:mgc", map(attributes))));
    }

    private ResponsePrimitive update(String srn, String root, Object... attributes) {
        return cse.send(cse.update(srn, ADMIN, map(root, map(attributes))));
    }

    private List<Resource> instances(String mgmtCmd) {
        return cse.tree.children(cse.tree.findByStructuredName(mgmtCmd).ri, ResourceTypes.EXEC_INSTANCE);
    }

    private Resource onlyInstance(String mgmtCmd) {
        List<Resource> all = instances(mgmtCmd);
        assertEquals(1, all.size(), "execInstances: " + all);
        return cse.tree.find(all.get(0).ri);
    }

    private static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    private Resource executed(String rn, long cmt, Object exra) {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", rn, "cmt", cmt, "ext", "node1", "exra", exra));
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/" + rn, "m2m:mgc", "exe", true));
        return onlyInstance("cse-in/" + rn);
    }

    @Test
    void ts0004_7_4_16_2_3_2_executeCreatesAPendingExecInstanceAndTheDeviceAnswerFinishesIt() {
        Resource exin = executed("reboot", 2, null);

        assertEquals(2L, exin.get("exs"), "PENDING once handed to the device");
        assertEquals("node1", exin.get("ext"));
        assertEquals(1L, exin.get("exm"));
        until(() -> adapter.answers.size() == 1, "the adapter is handed the command");
        ManagementAction handed = adapter.performed.get(0);
        assertEquals("dev-1", handed.nodeId());
        assertEquals(exin.ri, handed.targetRi());
        assertEquals("exe", handed.action());
        assertEquals(2L, handed.arguments().get("cmt"));

        adapter.answers.get(0).complete(ActionOutcome.success("rebooted"));

        until(() -> Long.valueOf(3).equals(cse.tree.find(exin.ri).get("exs")), "FINISHED");
        assertEquals(0L, cse.tree.find(exin.ri).get("exr"));
        assertTrue(cse.store.managementQueue.entries.isEmpty());
    }

    @Test
    void ts0004_7_3_4_1_withoutAnAdapterForTheNodeTheExecuteIsRefusedAndNothingStored() {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "cmd", "cmt", 2, "ext", "lonely"));

        ResponsePrimitive rsp = update("cse-in/cmd", "m2m:mgc", "exe", true);

        assertRsc(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, rsp);
        assertTrue(instances("cse-in/cmd").isEmpty());
        assertNull(cse.tree.findByStructuredName("cse-in/cmd").get("exe"), "the refused update left exe as it was");
        assertTrue(adapter.performed.isEmpty());
    }

    @Test
    void ts0004_7_3_4_1_anExecTargetNamingNoNodeIsRefused() {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "cmd", "cmt", 2, "ext", "nowhere"));

        assertRsc(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, update("cse-in/cmd", "m2m:mgc", "exe", true));
    }

    @Test
    void ts0004_7_3_4_1_execTargetMayNameTheNodeByItsNodeId() {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "cmd", "cmt", 2, "ext", "dev-2"));
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/cmd", "m2m:mgc", "exe", true));

        assertEquals("node2", onlyInstance("cse-in/cmd").get("ext"));
    }

    @Test
    void ts0004_7_4_16_2_3_2_aGroupOfNodesGetsOneExecInstancePerMember() {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in", ADMIN, ResourceTypes.GROUP,
                map("m2m:grp", map("rn", "fleet", "mt", 14, "mnm", 10, "mid", List.of("node1", "node2"))))));
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "cmd", "cmt", 2, "ext", "cse-in/fleet"));

        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/cmd", "m2m:mgc", "exe", true));

        List<Object> targets = instances("cse-in/cmd").stream().map(r -> cse.tree.find(r.ri).get("ext")).toList();
        assertEquals(2, targets.size());
        assertTrue(targets.containsAll(List.of("node1", "node2")), targets.toString());
        until(() -> adapter.performed.size() == 2, "both devices handed the command");
    }

    @Test
    void ts0004_7_4_16_aGroupWithAMemberWithoutAdapterRefusesTheWholeExecution() {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in", ADMIN, ResourceTypes.GROUP,
                map("m2m:grp", map("rn", "mixed", "mt", 14, "mnm", 10, "mid", List.of("node1", "lonely"))))));
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "cmd", "cmt", 2, "ext", "cse-in/mixed"));

        assertRsc(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, update("cse-in/cmd", "m2m:mgc", "exe", true));

        assertTrue(instances("cse-in/cmd").isEmpty());
    }

    @Test
    void aDelayedRunStartsWhenDueAlsoAfterARestart() {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "soon", "cmt", 2, "ext", "node1", "exm", 3,
                "exy", "PT0.05S"));
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/soon", "m2m:mgc", "exe", true));
        Resource exin = onlyInstance("cse-in/soon");
        actions.close(); // the CSE stops before the run is due; the queue keeps it
        assertEquals(1L, cse.tree.find(exin.ri).get("exs"), "a waiting run is not failed by a stop");
        actions = cse.management(adapters, 60_000);

        until(() -> actions.sweep() == 1, "the run is due");

        until(() -> adapter.answers.size() == 1, "handed over after the restart");
        assertEquals(2L, cse.tree.find(exin.ri).get("exs"), "PENDING");
    }

    @Test
    void ts0004_7_3_4_3_anUnreachableDeviceFinishesTheExecutionWithAnError() {
        adapter.offline = true;
        Resource exin = executed("reboot", 2, null);

        until(() -> Long.valueOf(3).equals(cse.tree.find(exin.ri).get("exs")), "FINISHED");
        assertEquals(ManagementActions.INTERNAL_ERROR, cse.tree.find(exin.ri).get("exr"));
    }

    @Test
    void aFailureTheDeviceReportsIsTheExecResult() {
        Resource exin = executed("reboot", 2, null);
        until(() -> adapter.answers.size() == 1, "handed over");

        adapter.answers.get(0).complete(new ActionOutcome(false, "refused", Map.of("exr", 2L)));

        until(() -> Long.valueOf(3).equals(cse.tree.find(exin.ri).get("exs")), "FINISHED");
        assertEquals(2L, cse.tree.find(exin.ri).get("exr"), "STATUS_REQUEST_DENIED as the device said");
    }

    @Test
    void aDeviceThatNeverAnswersFailsTheExecutionAtTheTimeoutAndALateAnswerIsIgnored() {
        actions.close();
        actions = cse.management(adapters, 0); // every run is overdue at once
        Resource exin = executed("reboot", 2, null);
        until(() -> adapter.answers.size() == 1, "handed over");

        assertEquals(1, actions.sweep());

        Resource after = cse.tree.find(exin.ri);
        assertEquals(3L, after.get("exs"));
        assertEquals(ManagementActions.NOT_FINISHED, after.get("exr"));
        long st = after.st;
        adapter.answers.get(0).complete(ActionOutcome.success("too late"));
        assertEquals(0, actions.sweep());
        assertEquals(ManagementActions.NOT_FINISHED, cse.tree.find(exin.ri).get("exr"));
        assertEquals(st, cse.tree.find(exin.ri).st);
    }

    @Test
    void anActionRunningWhenTheCseStopsIsMarkedFailed() {
        Resource exin = executed("reboot", 2, null);
        until(() -> adapter.answers.size() == 1, "handed over");

        actions.close();

        assertEquals(3L, cse.tree.find(exin.ri).get("exs"));
        assertEquals(ManagementActions.NOT_FINISHED, cse.tree.find(exin.ri).get("exr"));
        assertTrue(cse.store.managementQueue.entries.isEmpty());
    }

    @Test
    void ts0004_7_4_16_delayedExecutionWaitsInitiatedUntilDue() {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "later", "cmt", 2, "ext", "node1", "exm", 3, "exy", "PT1H"));
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/later", "m2m:mgc", "exe", true));

        Resource exin = onlyInstance("cse-in/later");
        assertEquals(1L, exin.get("exs"), "INITIATED");
        assertEquals("PT1H", exin.get("exy"));
        assertEquals(0, actions.sweep());
        assertTrue(adapter.performed.isEmpty());
        ManagementQueue.Entry waiting = cse.store.managementQueue.action(exin.ri, "exe");
        assertNotNull(waiting);
        assertTrue(!waiting.running());
    }

    @Test
    void ts0004_7_4_16_immediateRepeatRunsExecNumberTimes() {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "thrice", "cmt", 2, "ext", "node1", "exm", 2, "exn", 3,
                "exf", "PT0S"));
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/thrice", "m2m:mgc", "exe", true));
        Resource exin = onlyInstance("cse-in/thrice");

        for (int run = 1; run <= 3; run++) {
            int n = run;
            until(() -> adapter.answers.size() == n, "run " + n + " handed over");
            assertEquals(2L, cse.tree.find(exin.ri).get("exs"), "PENDING during run " + n);
            adapter.answers.get(n - 1).complete(ActionOutcome.success("ok"));
            until(() -> {
                ManagementQueue.Entry e = cse.store.managementQueue.action(exin.ri, "exe");
                return e == null || !e.running();
            }, "run " + n + " recorded");
            actions.sweep();
        }
        until(() -> Long.valueOf(3).equals(cse.tree.find(exin.ri).get("exs")), "FINISHED after the third run");
        assertEquals(3, adapter.performed.size());
    }

    @Test
    void ts0004_7_4_17_2_1_cancelOfAPendingCancellableCommandCancelsItOnTheDevice() {
        Resource exin = executed("install", 5, map("swin", List.of(map("url", "http://x/p", "uuid", "u1", "unm", "u",
                "pwd", "p", "eer", "ee1"))));
        until(() -> adapter.answers.size() == 1, "handed over");

        assertRsc(ResponseStatusCode.UPDATED, update(exin.srn, "m2m:exin", "exd", true));

        assertEquals(1, adapter.cancelled.size());
        assertEquals(5L, cse.tree.find(exin.ri).get("exs"), "CANCELLED");
        adapter.answers.get(0).complete(ActionOutcome.success("finished after all"));
        assertEquals(0, actions.sweep());
        assertEquals(5L, cse.tree.find(exin.ri).get("exs"), "a late answer changes nothing");
    }

    @Test
    void ts0004_7_4_17_2_1_aCancellationTheDeviceRefusesIs6026() {
        adapter.cancellation = ActionOutcome.failure("too far along");
        Resource exin = executed("install", 5, map("swin", map("url", "http://x/p", "uuid", "u1", "unm", "u", "pwd", "p",
                "eer", "ee1")));

        assertRsc(ResponseStatusCode.MGMT_CANCELLATION_FAILED, update(exin.srn, "m2m:exin", "exd", true));

        assertEquals(2L, cse.tree.find(exin.ri).get("exs"), "still PENDING");
        assertRsc(ResponseStatusCode.MGMT_CANCELLATION_FAILED, cse.send(cse.request(Operation.DELETE, exin.srn, ADMIN)));
        assertNotNull(cse.tree.find(exin.ri), "a Delete whose cancellation failed keeps the execInstance");
    }

    @Test
    void ts0004_7_4_17_2_1_aPendingRebootCannotBeCancelled() {
        Resource exin = executed("reboot", 2, null);

        assertRsc(ResponseStatusCode.MGMT_COMMAND_NOT_CANCELLABLE, update(exin.srn, "m2m:exin", "exd", true));

        assertEquals(6L, cse.tree.find(exin.ri).get("exs"), "STATUS_NON_CANCELLABLE");
        assertTrue(adapter.cancelled.isEmpty());
    }

    @Test
    void ts0004_7_4_17_2_1_cancelOfAFinishedExecutionIsAlreadyComplete() {
        Resource exin = executed("reboot", 2, null);
        until(() -> adapter.answers.size() == 1, "handed over");
        adapter.answers.get(0).complete(ActionOutcome.success("done"));
        until(() -> Long.valueOf(3).equals(cse.tree.find(exin.ri).get("exs")), "FINISHED");

        assertRsc(ResponseStatusCode.ALREADY_COMPLETE, update(exin.srn, "m2m:exin", "exd", true));
        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, exin.srn, ADMIN)));
    }

    @Test
    void ts0004_7_4_17_2_3_deleteOfAPendingExecutionCancelsItFirst() {
        Resource exin = executed("install", 5, map("swin", map("url", "http://x/p", "uuid", "u1", "unm", "u", "pwd", "p",
                "eer", "ee1")));

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, exin.srn, ADMIN)));

        assertEquals(1, adapter.cancelled.size());
        assertNull(cse.tree.find(exin.ri));
    }

    @Test
    void ts0004_7_4_16_2_4_deleteOfACommandWithAPendingRebootIsNotCancellable() {
        Resource exin = executed("reboot", 2, null);

        assertRsc(ResponseStatusCode.MGMT_COMMAND_NOT_CANCELLABLE, cse.send(cse.request(Operation.DELETE, "cse-in/reboot", ADMIN)));

        assertNotNull(cse.tree.findByStructuredName("cse-in/reboot"));
        assertEquals(6L, cse.tree.find(exin.ri).get("exs"));
    }

    @Test
    void ts0004_7_4_16_2_1_cmdTypeAndExecReqArgsAreChecked() {
        assertRsc(ResponseStatusCode.INVALID_CMDTYPE, createCommand("cmt", 9, "ext", "node1"));
        assertRsc(ResponseStatusCode.INVALID_ARGUMENTS, createCommand("cmt", 2, "ext", "node1", "exra", map("swin", List.of())));
        assertRsc(ResponseStatusCode.INSUFFICIENT_ARGUMENTS, createCommand("cmt", 5, "ext", "node1",
                "exra", map("swin", List.of(map("url", "http://x/p")))));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createCommand("cmt", 2, "ext", "node1", "exm", 5));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createCommand("cmt", 2, "ext", "node1", "exy", "soon"));
    }

    @Test
    void ts0004_7_4_16_2_3_2_aCommandWithoutItsMandatoryArgumentsCannotBeConverted() {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "dl", "cmt", 5, "ext", "node1"));

        assertRsc(ResponseStatusCode.MGMT_CONVERSION_ERROR, update("cse-in/dl", "m2m:mgc", "exe", true));
        assertTrue(instances("cse-in/dl").isEmpty());
    }

    @Test
    void ts0004_7_4_16_2_3_1_execTargetAndModeAreFixedOnceExecuted() {
        executed("reboot", 2, null);

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, update("cse-in/reboot", "m2m:mgc", "ext", "node2"));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, update("cse-in/reboot", "m2m:mgc", "exm", 2));
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/reboot", "m2m:mgc", "dc", "restart the gateway"));
    }

    @Test
    void ts0004_7_4_17_2_0_anExecInstanceIsNotCreatedByRequest() {
        assertRsc(ResponseStatusCode.CREATED, createCommand("rn", "cmd", "cmt", 2, "ext", "node1"));

        ResponsePrimitive rsp = cse.send(cse.create("cse-in/cmd", ADMIN, ResourceTypes.EXEC_INSTANCE,
                map("m2m:exin", map("exd", false))));

        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, rsp);
    }

    @Test
    void theResponseShowsTheStoredCommand() {
        ResponsePrimitive rsp = createCommand("rn", "cmd", "cmt", 2, "ext", "node1", "dc", "reboot it");

        Map<String, Object> mgc = body(rsp, "m2m:mgc");
        assertEquals(12, mgc.get("ty"));
        assertEquals(1L, mgc.get("exm"), "execMode defaults to IMMEDIATEONCE");
    }
}
