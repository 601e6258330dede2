package io.keel.core.management;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Action attributes of mgmtObj specializations carried out through an adapter (TS-0004 7.4.15.2.4, Annex D). */
class MgmtObjActionTest {
    private static final String ADMIN = CoreFixture.ADMIN;
    private final CoreFixture cse = new CoreFixture();
    private final ScriptedAdapter adapter = new ScriptedAdapter("dev-");
    private final ManagementActions actions;

    MgmtObjActionTest() {
        ManagementAdapters adapters = new ManagementAdapters();
        adapters.register(adapter);
        actions = cse.management(adapters, 60_000);
        cse.add("node1", CoreFixture.CSE_BASE, ResourceTypes.NODE, "node1").attributes.put("ni", "dev-1");
        cse.add("lonely", CoreFixture.CSE_BASE, ResourceTypes.NODE, "lonely").attributes.put("ni", "unmanaged-1");
    }

    @AfterEach
    void close() {
        actions.close();
        cse.close();
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

    private Resource firmware(String node) {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/" + node, ADMIN, ResourceTypes.MGMT_OBJ,
                map("m2m:fwr", map("rn", "fw", "mgd", 1001, "vr", "1.0", "fwn", "gw", "url", "http://repo/fw.bin", "ud", false)))));
        return cse.tree.findByStructuredName("cse-in/" + node + "/fw");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status(Resource r, String sn) {
        return (Map<String, Object>) cse.tree.find(r.ri).get(sn);
    }

    @Test
    void ts0004_d_2_2_2_updateGoesToTheDeviceInProcessThenSuccessful() {
        Resource fw = firmware("node1");

        ResponsePrimitive rsp = cse.send(cse.update(fw.srn, ADMIN, map("m2m:fwr", map("ud", true))));

        assertRsc(ResponseStatusCode.UPDATED, rsp);
        assertEquals(Map.of("acn", "ud", "sus", 3L), body(rsp, "m2m:fwr").get("uds"), "In_Process in the answer");
        until(() -> adapter.answers.size() == 1, "handed over");
        ManagementAction handed = adapter.performed.get(0);
        assertEquals("dev-1", handed.nodeId());
        assertEquals(1001, handed.mgd());
        assertEquals("ud", handed.action());
        assertEquals(Map.of("vr", "1.0", "fwn", "gw", "url", "http://repo/fw.bin"), handed.arguments());

        adapter.answers.get(0).complete(ActionOutcome.success("updated"));

        until(() -> Long.valueOf(1).equals(status(fw, "uds").get("sus")), "Successful");
    }

    @Test
    void ts0004_7_3_4_3_anUnreachableDeviceFailsTheAction() {
        adapter.offline = true;
        Resource fw = firmware("node1");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(fw.srn, ADMIN, map("m2m:fwr", map("ud", true)))));

        until(() -> Long.valueOf(2).equals(status(fw, "uds").get("sus")), "Failure");
    }

    @Test
    void ts0004_7_3_4_1_withoutAnAdapterTheUpdateIsRefusedAndNothingStored() {
        Resource fw = firmware("lonely");

        ResponsePrimitive rsp = cse.send(cse.update(fw.srn, ADMIN, map("m2m:fwr", map("ud", true, "vr", "2.0"))));

        assertRsc(ResponseStatusCode.EXTERNAL_OBJECT_NOT_REACHABLE, rsp);
        Resource after = cse.tree.find(fw.ri);
        assertEquals(false, after.get("ud"));
        assertEquals("1.0", after.get("vr"));
        assertNull(after.get("uds"));
        assertTrue(cse.store.managementQueue.entries.isEmpty());
    }

    @Test
    void anUpdateWithoutActionNeedsNoAdapter() {
        Resource fw = firmware("lonely");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(fw.srn, ADMIN, map("m2m:fwr", map("vr", "2.0")))));
    }

    @Test
    void ts0004_d_3_2_2_installAndActivateAreTwoActionsWithTheirOwnStatus() {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/node1", ADMIN, ResourceTypes.MGMT_OBJ,
                map("m2m:swr", map("rn", "sw", "mgd", 1002, "vr", "2", "swn", "agent", "url", "http://repo/a.pkg")))));
        Resource sw = cse.tree.findByStructuredName("cse-in/node1/sw");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(sw.srn, ADMIN, map("m2m:swr", map("in", true, "act", true)))));

        until(() -> adapter.answers.size() == 2, "both handed over");
        adapter.answers.get(0).complete(ActionOutcome.success("installed"));
        adapter.answers.get(1).complete(ActionOutcome.failure("would not start"));
        until(() -> !Long.valueOf(3).equals(status(sw, "acts").get("sus")) && !Long.valueOf(3).equals(status(sw, "ins").get("sus")),
                "both recorded");
        assertEquals(1L, status(sw, "ins").get("sus"));
        assertEquals("in", status(sw, "ins").get("acn"));
        assertEquals(2L, status(sw, "acts").get("sus"));
    }

    @Test
    void ts0004_d_10_rebootHasNoStatusAndEndsItsAction() {
        assertRsc(ResponseStatusCode.CREATED, cse.send(cse.create("cse-in/node1", ADMIN, ResourceTypes.MGMT_OBJ,
                map("m2m:rbo", map("rn", "rb", "mgd", 1009)))));
        Resource rb = cse.tree.findByStructuredName("cse-in/node1/rb");

        assertRsc(ResponseStatusCode.UPDATED, cse.send(cse.update(rb.srn, ADMIN, map("m2m:rbo", map("rbo", true)))));

        until(() -> adapter.answers.size() == 1, "handed over");
        assertEquals("rbo", adapter.performed.get(0).action());
        long st = cse.tree.find(rb.ri).st;
        adapter.answers.get(0).complete(ActionOutcome.success("rebooted"));
        until(() -> cse.store.managementQueue.entries.isEmpty(), "the action ended");
        assertEquals(st, cse.tree.find(rb.ri).st, "nothing to record");
    }
}
