package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <node>} (TS-0004 7.4.18, TS-0001 9.6.18): its attributes, the unique nodeID, and the nodeLink of AEs and CSEs
 * kept in step with the node's hostedAELinks and hostedCSELink (TS-0001 table 9.4.2-1).
 */
class NodeTypeTest {
    private final CoreFixture cse = new CoreFixture();

    NodeTypeTest() {
        // The nodes of the tests may be seen by every AE and by the MN: what links to a node must see it.
        cse.acp("acpNodes", CoreFixture.CSE_BASE, "nodesPolicy", List.of("C*", "/id-mn"), List.of(CoreFixture.ADMIN));
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private ResponsePrimitive createNode(String rn, Object... attributes) {
        Map<String, Object> a = map("rn", rn);
        a.putAll(map(attributes));
        return cse.send(cse.create("cse-in", CoreFixture.ADMIN, ResourceTypes.NODE, map("m2m:nod", a)));
    }

    private String node(String rn, String ni) {
        ResponsePrimitive rsp = createNode(rn, "ni", ni, "acpi", List.of("acpNodes"));
        assertRsc(ResponseStatusCode.CREATED, rsp);
        return (String) body(rsp, "m2m:nod").get("ri");
    }

    private ResponsePrimitive registerAe(String aei, Object... more) {
        Map<String, Object> a = map("api", "Napp", "rr", false, "srv", List.of("3"));
        a.putAll(map(more));
        return cse.send(cse.create("cse-in", aei, ResourceTypes.AE, map("m2m:ae", a)));
    }

    private Object stored(String ri, String sn) {
        return cse.tree.stored(ri).get(sn);
    }

    private ResponsePrimitive update(String to, String from, String root, Object... attributes) {
        return cse.send(cse.update(to, from, map(root, map(attributes))));
    }

    @Test
    void ts0004_7_4_18_aNodeIsCreatedUnderTheCseBaseWithItsAttributes() {
        ResponsePrimitive rsp = createNode("n1", "ni", "urn:dev:1", "mgca", "coap://10.0.0.5:5683", "hsl", List.of("fcnt1"));

        assertRsc(ResponseStatusCode.CREATED, rsp);
        Map<String, Object> nod = body(rsp, "m2m:nod");
        assertEquals(14, nod.get("ty"));
        assertEquals("urn:dev:1", nod.get("ni"));
        assertEquals("coap://10.0.0.5:5683", nod.get("mgca"));
        assertEquals(List.of("fcnt1"), nod.get("hsl"));
    }

    @Test
    void ts0004_7_4_18_1_nodeIdIsMandatoryAndRoamingStatusAndNetworkIdAreSetByTheCse() {
        ResponsePrimitive missing = createNode("n1");
        assertRsc(ResponseStatusCode.BAD_REQUEST, missing);
        assertTrue(String.valueOf(missing.content).contains("ni"), String.valueOf(missing.content));

        assertRsc(ResponseStatusCode.BAD_REQUEST, createNode("n2", "ni", "urn:dev:2", "rms", true));
        assertRsc(ResponseStatusCode.BAD_REQUEST, createNode("n3", "ni", "urn:dev:3", "nid", "net"));
    }

    @Test
    void ts0004_7_4_18_2_1_nodeIdIsUniqueAmongTheNodesOfTheCse() {
        node("n1", "urn:dev:1");
        String n2 = node("n2", "urn:dev:2");

        ResponsePrimitive again = createNode("n3", "ni", "urn:dev:1");
        assertRsc(ResponseStatusCode.CONFLICT, again);
        assertTrue(String.valueOf(again.content).contains("urn:dev:1"), String.valueOf(again.content));
        assertRsc(ResponseStatusCode.CONFLICT, update("cse-in/n2", CoreFixture.ADMIN, "m2m:nod", "ni", "urn:dev:1"));
        assertEquals("urn:dev:2", stored(n2, "ni"));
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/n2", CoreFixture.ADMIN, "m2m:nod", "ni", "urn:dev:2b"));
    }

    @Test
    void ts0004_7_4_18_aNodeIsNoChildOfAnAe() {
        cse.ae("Cae1", "app1");
        ResponsePrimitive rsp = cse.send(cse.create("cse-in/app1", "Cae1", ResourceTypes.NODE, map("m2m:nod", map("ni", "x"))));

        assertRsc(ResponseStatusCode.INVALID_CHILD_RESOURCE_TYPE, rsp);
    }

    @Test
    void ts0001_9_4_2_anAeRegisteredWithNodeLinkIsListedInTheNodesHostedAeLinks() {
        String n1 = node("n1", "urn:dev:1");

        ResponsePrimitive ae = registerAe("Cdev1", "nl", "cse-in/n1");

        assertRsc(ResponseStatusCode.CREATED, ae);
        assertEquals(n1, body(ae, "m2m:ae").get("nl"), "nl is kept as the node's resourceID");
        assertEquals(List.of("Cdev1"), stored(n1, "hael"));
    }

    @Test
    void ts0001_9_4_2_anAeMovedToAnotherNodeLeavesTheOldNodesHostedAeLinks() {
        String n1 = node("n1", "urn:dev:1");
        String n2 = node("n2", "urn:dev:2");
        registerAe("Cdev1", "nl", n1);
        registerAe("Cdev2", "nl", n1);

        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/Cdev1", "Cdev1", "m2m:ae", "nl", n2));

        assertEquals(List.of("Cdev2"), stored(n1, "hael"));
        assertEquals(List.of("Cdev1"), stored(n2, "hael"));
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/Cdev2", "Cdev2", "m2m:ae", "nl", null));
        assertNull(stored(n1, "hael"), "a node hosting no AE has no hael (TS-0001 table 9.6.18-2)");
    }

    @Test
    void ts0001_9_4_2_aDeletedAeLeavesTheNodesHostedAeLinks() {
        String n1 = node("n1", "urn:dev:1");
        registerAe("Cdev1", "nl", n1);
        registerAe("Cdev2", "nl", n1);

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/Cdev1", "Cdev1")));

        assertEquals(List.of("Cdev2"), stored(n1, "hael"));
    }

    @Test
    void ts0001_9_4_2_aNodeLinkNamingNoNodeIs4000() {
        cse.ae("Cae1", "app1");

        ResponsePrimitive notANode = registerAe("Cdev1", "nl", "Cae1");
        assertRsc(ResponseStatusCode.BAD_REQUEST, notANode);
        assertTrue(String.valueOf(notANode.content).contains("nl"), String.valueOf(notANode.content));
        assertRsc(ResponseStatusCode.BAD_REQUEST, registerAe("Cdev2", "nl", "cse-in/noSuchNode"));
        assertNull(cse.tree.find("Cdev1"));
    }

    @Test
    void ts0001_9_4_2_anAeMayLinkOnlyToANodeItMayRetrieve() {
        ResponsePrimitive hidden = createNode("hidden", "ni", "urn:dev:h"); // governed by the CSEBase's policy only

        ResponsePrimitive rsp = registerAe("Cdev1", "nl", body(hidden, "m2m:nod").get("ri"));

        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, rsp);
        assertTrue(String.valueOf(rsp.content).contains("nl"), String.valueOf(rsp.content));
        assertNull(cse.tree.find("Cdev1"));
    }

    @Test
    void ts0001_9_4_2_aNodesHostedAeLinksSetTheAesNodeLink() {
        String n1 = node("n1", "urn:dev:1");
        registerAe("Cdev1", "nl", n1);
        registerAe("Cdev2");
        String n2 = node("n2", "urn:dev:2");

        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/n2", CoreFixture.ADMIN, "m2m:nod", "hael", List.of("Cdev1", "Cdev2")));

        assertEquals(n2, stored("Cdev1", "nl"));
        assertEquals(n2, stored("Cdev2", "nl"));
        assertNull(stored(n1, "hael"), "Cdev1 moved from n1 to n2");
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/n2", CoreFixture.ADMIN, "m2m:nod", "hael", List.of("Cdev2")));
        assertNull(stored("Cdev1", "nl"));
    }

    @Test
    void ts0001_9_4_2_hostedAeLinksNamingNoAeIs4000() {
        ResponsePrimitive rsp = createNode("n1", "ni", "urn:dev:1", "hael", List.of("cse-in"));

        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(String.valueOf(rsp.content).contains("hael"), String.valueOf(rsp.content));
    }

    @Test
    void ts0001_9_4_2_aDeletedNodeTakesTheNodeLinkOfItsAesAndItsCse() {
        String n1 = node("n1", "urn:dev:1");
        registerAe("Cdev1", "nl", n1);
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/n1", CoreFixture.ADMIN, "m2m:nod", "hcl", CoreFixture.CSE_BASE));
        assertEquals(n1, stored(CoreFixture.CSE_BASE, "nl"));

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/n1", CoreFixture.ADMIN)));

        assertNull(stored("Cdev1", "nl"));
        assertNull(stored(CoreFixture.CSE_BASE, "nl"));
    }

    @Test
    void ts0001_9_6_18_hostedCseLinkNamesTheCseBaseOrARemoteCseAndSetsItsNodeLink() {
        cse.ae("Cae1", "app1");
        assertRsc(ResponseStatusCode.BAD_REQUEST, createNode("n0", "ni", "urn:dev:0", "hcl", "Cae1"));

        String n1 = node("n1", "urn:dev:1");
        RequestPrimitive register = cse.create("cse-in", "/id-mn", ResourceTypes.REMOTE_CSE, map("m2m:csr", map("cb",
                "/id-mn/cse-mn", "rr", true, "srv", List.of("3"), "nl", n1)));
        register.originatorAuthenticated = true;
        assertRsc(ResponseStatusCode.CREATED, cse.send(register));
        assertEquals("id-mn", stored(n1, "hcl"));

        String n2 = node("n2", "urn:dev:2");
        assertRsc(ResponseStatusCode.UPDATED, update("cse-in/n2", CoreFixture.ADMIN, "m2m:nod", "hcl", "id-mn"));
        assertEquals(n2, stored("id-mn", "nl"));
        assertNull(stored(n1, "hcl"), "a CSE is on one node");

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/id-mn", CoreFixture.ADMIN)));
        assertNull(stored(n2, "hcl"));
    }
}
