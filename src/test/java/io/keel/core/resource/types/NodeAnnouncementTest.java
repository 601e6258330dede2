package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * nodeAnnc (10014, m2m:nodA) and the announced mgmtObj specializations (10013, m2m:fwrA, …) on the target CSE, below
 * the announcing CSE's {@code <remoteCSE>} (TS-0004 7.4.26, TS-0001 tables 9.6.18-1/-2, 9.6.15-2).
 */
class NodeAnnouncementTest {
    private static final String ET = "20991231T000000";
    private final CoreFixture core = new CoreFixture();

    NodeAnnouncementTest() {
        Resource csr = core.add("id-mn", CoreFixture.CSE_BASE, ResourceTypes.REMOTE_CSE, "id-mn");
        csr.origin = "/id-mn";
        csr.attributes.putAll(Map.of("csi", "/id-mn", "cb", "/id-mn/cse-mn", "rr", true));
    }

    @AfterEach
    void close() {
        core.close();
    }

    private ResponsePrimitive fromMn(String to, int ty, Map<String, Object> content) {
        RequestPrimitive req = core.create(to, "/id-mn", ty, content);
        req.originatorAuthenticated = true;
        return core.send(req);
    }

    @Test
    void ts0001_9_6_18_nodeIdIsMandatoryAnnouncedAndTheLinksOptionallySo() {
        assertEquals(Presence.MANDATORY, core.types.require(10_014).attribute("ni").onCreate());
        assertEquals(Presence.OPTIONAL, core.types.require(10_014).attribute("hael").onCreate());
        assertEquals("m2m:nodA", core.types.require(10_014).rootElement());
    }

    @Test
    void ts0004_7_4_26_anAnnouncedNodeHoldsAnnouncedFirmwareTypedByItsMgd() {
        ResponsePrimitive nodA = fromMn("cse-in/id-mn", 10_014, map("m2m:nodA", map("lnk", "/id-mn/node1", "et", ET, "ni", "urn:dev:9")));
        assertRsc(ResponseStatusCode.CREATED, nodA);
        String nodARi = (String) body(nodA, "m2m:nodA").get("ri");

        ResponsePrimitive fwrA = fromMn(nodARi, 10_013, map("m2m:fwrA", map("lnk", "/id-mn/fw1", "et", ET, "mgd", 1001,
                "vr", "1.2")));
        assertRsc(ResponseStatusCode.CREATED, fwrA);
        Resource stored = core.tree.stored((String) body(fwrA, "m2m:fwrA").get("ri"));
        assertSame(core.types.byRootElement("m2m:fwrA"), core.types.typeOf(stored));

        RequestPrimitive retrieve = core.request(Operation.RETRIEVE, stored.ri, "/id-mn");
        retrieve.originatorAuthenticated = true;
        ResponsePrimitive read = core.send(retrieve);
        assertEquals("1.2", body(read, "m2m:fwrA").get("vr"));
    }

    @Test
    void ts0001_9_6_18_theCmdhSpecializationsHaveNoAnnouncedVariant() {
        assertNull(core.types.byRootElement("m2m:cmpA"));
        assertEquals("m2m:memA", core.types.byRootElement("m2m:memA").rootElement());
    }

    @Test
    void ts0004_7_4_26_anAnnouncedMgmtObjWithTheMgdOfAnotherSpecializationIs4000() {
        String nodA = (String) body(fromMn("cse-in/id-mn", 10_014, map("m2m:nodA", map("lnk", "/id-mn/node1", "et", ET,
                "ni", "urn:dev:9"))), "m2m:nodA").get("ri");

        assertRsc(ResponseStatusCode.BAD_REQUEST, fromMn(nodA, 10_013, map("m2m:fwrA", map("lnk", "/id-mn/fw1", "et", ET,
                "mgd", 1002))));
    }
}
