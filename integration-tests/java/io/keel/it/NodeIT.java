package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <node>} (TS-0004 7.4.18, TS-0001 9.6.18) over HTTP: its lifecycle, the unique nodeID, and the nodeLink of AEs
 * and of the CSE kept in step with the node's hostedAELinks and hostedCSELink (TS-0001 table 9.4.2-1).
 */
class NodeIT extends KeelIT {
    private String acp;

    /** A policy letting everyone retrieve the nodes (an AE must see the node its nl names) and the administrator do all. */
    @BeforeEach
    void nodePolicy() {
        Reply r = cse.create("/cse-in", 1, "{\"m2m:acp\":{\"rn\":\"" + OneM2MClient.unique("nodesAcp") + "\",\"pv\":{\"acr\":["
                + "{\"acor\":[\"all\"],\"acop\":2},{\"acor\":[\"" + OneM2MClient.ADMIN + "\"],\"acop\":63}]},"
                + "\"pvs\":{\"acr\":[{\"acor\":[\"" + OneM2MClient.ADMIN + "\"],\"acop\":63}]}}}").send();
        assertEquals(201, r.status(), r.text());
        acp = r.json().path("m2m:acp").path("ri").asText();
    }

    /** A node under the CSEBase, created by the administrator, which every AE may retrieve; returns its ri. */
    private String node(String rn, String ni) {
        Reply r = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"" + ni + "\",\"acpi\":[\"" + acp
                + "\"]}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:nod").path("ri").asText();
    }

    private JsonNode get(String path) {
        Reply r = cse.get(path).send();
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    private String registerAe(String aei, String nl) {
        Reply r = cse.create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"" + aei + "\",\"api\":\"Nkeel.test\",\"rr\":false,\"srv\":[\"3\"]"
                + (nl == null ? "" : ",\"nl\":\"" + nl + "\"") + "}}").from(aei).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:ae").path("aei").asText();
    }

    @Test
    void ts0004_7_4_18_nodeLifecycle() {
        String rn = OneM2MClient.unique("node");
        String ni = OneM2MClient.unique("urn:dev:");
        Reply created = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"" + ni
                + "\",\"mgca\":\"coap://10.0.0.7:5683\"}}").send();
        assertEquals(201, created.status(), created.text());
        JsonNode nod = created.json().path("m2m:nod");
        assertEquals(14, nod.path("ty").asInt());
        assertEquals(ni, nod.path("ni").asText());

        Reply updated = cse.put("/cse-in/" + rn, "{\"m2m:nod\":{\"mgca\":\"coap://10.0.0.8:5683\"}}").send();
        assertEquals(200, updated.status(), updated.text());
        assertEquals("coap://10.0.0.8:5683", get("/cse-in/" + rn).path("m2m:nod").path("mgca").asText());
        assertEquals(4000, cse.put("/cse-in/" + rn, "{\"m2m:nod\":{\"rms\":true}}").send().rsc(), "roamingStatus is NP");

        assertEquals(2002, cse.delete("/cse-in/" + rn).send().rsc());
        assertEquals(4004, cse.get("/cse-in/" + rn).send().rsc());
    }

    @Test
    void ts0004_7_4_18_2_1_nodeIdIsUniqueAmongTheNodesOfTheCse() {
        String ni = OneM2MClient.unique("urn:dev:");
        node(OneM2MClient.unique("node"), ni);

        Reply again = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"ni\":\"" + ni + "\"}}").send();

        assertEquals(409, again.status(), again.text());
        assertEquals(4105, again.rsc());
        assertTrue(again.json().path("m2m:dbg").asText().contains(ni), again.text());
    }

    @Test
    void ts0001_9_4_2_anAesNodeLinkAndTheNodesHostedAeLinksFollowEachOther() {
        String n1rn = OneM2MClient.unique("node");
        String n1 = node(n1rn, OneM2MClient.unique("urn:dev:"));
        String n2rn = OneM2MClient.unique("node");
        String n2 = node(n2rn, OneM2MClient.unique("urn:dev:"));

        String ae = registerAe("C" + OneM2MClient.unique("dev"), "cse-in/" + n1rn);
        assertEquals(n1, get("/" + ae).path("m2m:ae").path("nl").asText());
        assertEquals("[\"" + ae + "\"]", get("/" + n1).path("m2m:nod").path("hael").toString());

        Reply moved = cse.put("/" + ae, "{\"m2m:ae\":{\"nl\":\"" + n2 + "\"}}").from(ae).send();
        assertEquals(200, moved.status(), moved.text());
        assertTrue(get("/" + n1).path("m2m:nod").path("hael").isMissingNode(), "it left the old node");
        assertEquals("[\"" + ae + "\"]", get("/" + n2).path("m2m:nod").path("hael").toString());

        assertEquals(2002, cse.delete("/" + ae).from(ae).send().rsc());
        assertTrue(get("/" + n2).path("m2m:nod").path("hael").isMissingNode(), "a deleted AE leaves its node");
    }

    @Test
    void ts0001_9_4_2_aDeletedNodeTakesTheNodeLinkOfItsAes() {
        String rn = OneM2MClient.unique("node");
        String n = node(rn, OneM2MClient.unique("urn:dev:"));
        String ae = registerAe("C" + OneM2MClient.unique("dev"), null);
        Reply hael = cse.put("/" + n, "{\"m2m:nod\":{\"hael\":[\"" + ae + "\"]}}").send();
        assertEquals(200, hael.status(), hael.text());
        assertEquals(n, get("/" + ae).path("m2m:ae").path("nl").asText(), "the node's hael set the AE's nl");

        assertEquals(2002, cse.delete("/" + n).send().rsc());

        assertTrue(get("/" + ae).path("m2m:ae").path("nl").isMissingNode(), get("/" + ae).toString());
    }

    @Test
    void ts0001_9_4_2_anAeMayLinkOnlyToANodeItMayRetrieve() {
        String rn = OneM2MClient.unique("hidden");
        Reply hidden = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"" + OneM2MClient.unique("urn:h:")
                + "\"}}").send();
        assertEquals(201, hidden.status(), hidden.text());
        String aei = "C" + OneM2MClient.unique("dev");

        Reply r = cse.create("/cse-in", 2, "{\"m2m:ae\":{\"api\":\"Nkeel.test\",\"rr\":false,\"srv\":[\"3\"],\"nl\":\"cse-in/"
                + rn + "\"}}").from(aei).send();

        assertEquals(4103, r.rsc(), r.text());
        assertEquals(4004, cse.get("/" + aei).send().rsc(), "nothing was registered");
    }

    @Test
    void ts0001_9_4_2_aNodeLinkNamingNoNodeIs4000() {
        String owner = cse.registerAe("C" + OneM2MClient.unique("own"), OneM2MClient.unique("ownAe"));
        assertEquals(201, cse.create("/" + owner, 3, "{\"m2m:cnt\":{\"rn\":\"box\"}}").from(owner).send().status());
        String aei = "C" + OneM2MClient.unique("dev");

        Reply r = cse.create("/cse-in", 2, "{\"m2m:ae\":{\"api\":\"Nkeel.test\",\"rr\":false,\"srv\":[\"3\"],\"nl\":\"" + owner
                + "/box\"}}").from(aei).send();

        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains("nl"), r.text());
        assertEquals(4004, cse.get("/" + aei).send().rsc(), "nothing was registered");
    }

    @Test
    void ts0001_9_6_18_hostedCseLinkToTheCseBaseSetsItsNodeLinkUntilTheNodeIsDeleted() {
        String cseBase = get("/cse-in").path("m2m:cb").path("ri").asText();
        String rn = OneM2MClient.unique("node");
        Reply created = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"" + OneM2MClient.unique("urn:in:")
                + "\",\"hcl\":\"" + cseBase + "\"}}").send();
        assertEquals(201, created.status(), created.text());
        String n = created.json().path("m2m:nod").path("ri").asText();
        assertEquals(n, get("/cse-in").path("m2m:cb").path("nl").asText());

        assertEquals(2002, cse.delete("/" + n).send().rsc());
        assertFalse(get("/cse-in").path("m2m:cb").has("nl"));
    }

    @Test
    void ts0004_7_4_18_aNodeInXml() {
        String rn = OneM2MClient.unique("node");
        String xml = "<m2m:nod xmlns:m2m=\"http://www.onem2m.org/xml/protocols\" rn=\"" + rn + "\"><ni>urn:x:" + rn
                + "</ni><mgca>lwm2m:ep-1</mgca></m2m:nod>";
        Reply created = cse.method("POST", "/cse-in").body(xml.getBytes(StandardCharsets.UTF_8), "application/xml;ty=14")
                .header("Accept", "application/xml").send();
        assertEquals(201, created.status(), created.text());
        assertTrue(created.text().contains("<ni>urn:x:" + rn + "</ni>"), created.text());
        assertEquals("lwm2m:ep-1", get("/cse-in/" + rn).path("m2m:nod").path("mgca").asText());
    }
}
