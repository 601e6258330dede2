package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.core.resource.mgmt.MgmtSamples;
import io.keel.core.resource.mgmt.MgmtSpecialization;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code <mgmtObj>} (TS-0004 7.4.15, Annex D) over HTTP: every specialization of the catalogue under a {@code <node>},
 * bad input, discovery by mgd and by objectAttributes, partial retrieve, a subscription with atr, and XML.
 */
class MgmtObjIT extends KeelIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private String node;

    @BeforeEach
    void createNode() {
        String rn = OneM2MClient.unique("node");
        Reply r = cse.create("/cse-in", 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"" + OneM2MClient.unique("urn:dev:") + "\"}}")
                .send();
        assertEquals(201, r.status(), r.text());
        node = r.json().path("m2m:nod").path("ri").asText();
    }

    static Stream<MgmtSpecialization> specializations() {
        return MgmtSamples.specializations();
    }

    private Reply create(MgmtSpecialization s, Map<String, Object> more) throws Exception {
        Map<String, Object> a = MgmtSamples.minimal(s, node);
        a.putAll(more);
        return cse.create("/" + node, 13, JSON.writeValueAsString(Map.of(s.rootElement(), a))).send();
    }

    @ParameterizedTest
    @MethodSource("specializations")
    void ts0004_7_4_15_eachSpecializationIsCreatedRetrievedUpdatedAndDeleted(MgmtSpecialization s) throws Exception {
        Reply created = create(s, Map.of("rn", "m", "dc", "first"));
        assertEquals(201, created.status(), created.text());
        JsonNode b = created.json().path(s.rootElement());
        assertEquals(13, b.path("ty").asInt(), created.text());
        assertEquals(s.mgd(), b.path("mgd").asInt());

        JsonNode read = cse.get("/" + node + "/m").send().json().path(s.rootElement());
        assertEquals("first", read.path("dc").asText(), read.toString());

        Reply updated = cse.put("/" + node + "/m", "{\"" + s.rootElement() + "\":{\"dc\":\"second\"}}").send();
        assertEquals(200, updated.status(), updated.text());
        assertEquals("second", updated.json().path(s.rootElement()).path("dc").asText());
        assertEquals(2002, cse.delete("/" + node + "/m").send().rsc());
        assertEquals(4004, cse.get("/" + node + "/m").send().rsc());
    }

    @Test
    void ts0004_7_4_15_badInputIs4000NamingTheProblem() throws Exception {
        MgmtSpecialization memory = MgmtSamples.spec(1003);
        Reply unknownMgd = cse.create("/" + node, 13, "{\"m2m:xyz\":{\"mgd\":4711}}").send();
        assertEquals(4000, unknownMgd.rsc(), unknownMgd.text());
        assertTrue(unknownMgd.text().contains("4711"), unknownMgd.text());

        Reply otherMgd = create(memory, Map.of("mgd", 1006));
        assertEquals(4000, otherMgd.rsc(), otherMgd.text());
        assertTrue(otherMgd.text().contains("m2m:bat"), otherMgd.text());

        Reply foreign = create(memory, Map.of("btl", 50));
        assertEquals(4000, foreign.rsc(), foreign.text());
        assertTrue(foreign.text().contains("btl"), foreign.text());

        Reply wrongType = create(memory, Map.of("mmt", "much"));
        assertEquals(4000, wrongType.rsc(), wrongType.text());
        assertTrue(wrongType.text().contains("mmt"), wrongType.text());

        assertEquals(0, cse.get("/" + node + "?fu=1&ty=13").send().json().path("m2m:uril").size(), "nothing was created");
    }

    @Test
    void ts0004_7_4_15_1_mgdCannotBeUpdated() throws Exception {
        assertEquals(201, create(MgmtSamples.spec(1006), Map.of("rn", "bat")).status());

        Reply r = cse.put("/" + node + "/bat", "{\"m2m:bat\":{\"mgd\":1003}}").send();

        assertEquals(4000, r.rsc(), r.text());
        assertEquals(1006, cse.get("/" + node + "/bat").send().json().path("m2m:bat").path("mgd").asInt());
    }

    @Test
    void ts0004_7_3_3_17_discoveryByMgdAndByObjectAttributes() throws Exception {
        assertEquals(201, create(MgmtSamples.spec(1001), Map.of("rn", "fw", "vr", "1.0")).status());
        assertEquals(201, create(MgmtSamples.spec(1002), Map.of("rn", "sw", "vr", "2.0")).status());
        assertEquals(201, create(MgmtSamples.spec(1006), Map.of("rn", "bat", "btl", 80)).status());

        assertEquals(Set.of("fw"), names("?fu=1&mgd=1001"));
        assertEquals(Set.of("fw", "sw", "bat"), names("?fu=1&ty=13"));
        assertEquals(Set.of("sw"), names("?fu=1&vr=2.0"));
        assertEquals(Set.of("bat"), names("?fu=1&btl=80"));
    }

    /** The names of the resources discovery finds below the node (structured IDs, the default drt). */
    private Set<String> names(String query) {
        Reply r = cse.get("/" + node + query).send();
        assertEquals(200, r.status(), r.text());
        Set<String> out = new HashSet<>();
        r.json().path("m2m:uril").forEach(u -> out.add(u.asText().substring(u.asText().lastIndexOf('/') + 1)));
        return out;
    }

    @Test
    void ts0004_7_4_15_partialRetrieve() throws Exception {
        assertEquals(201, create(MgmtSamples.spec(1001), Map.of("rn", "fw", "vr", "1.0")).status());

        JsonNode partial = cse.get("/" + node + "/fw?atrl=mgd+vr").send().json().path("m2m:fwr");

        assertEquals(1001, partial.path("mgd").asInt());
        assertEquals("1.0", partial.path("vr").asText());
        assertEquals(2, partial.size(), partial.toString());
    }

    @Test
    void ts0004_7_5_1_aSubscriptionOnAFirmwareNotifiesTheStatusNamedInAtr() throws Exception {
        assertEquals(201, create(MgmtSamples.spec(1001), Map.of("rn", "fw")).status());
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Reply sub = cse.create("/" + node + "/fw", 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url()
                    + "\"],\"enc\":{\"net\":[1],\"atr\":[\"uds\"]}}}").send();
            assertEquals(201, sub.status(), sub.text());

            assertEquals(200, cse.put("/" + node + "/fw", "{\"m2m:fwr\":{\"vr\":\"9.9\"}}").send().status());
            assertEquals(200, cse.put("/" + node + "/fw", "{\"m2m:fwr\":{\"uds\":{\"acn\":\"ud\",\"sus\":3}}}").send().status());

            Received n = receiver.next();
            JsonNode rep = n.sgn().path("nev").path("rep").path("m2m:fwr");
            assertEquals(3, rep.path("uds").path("sus").asInt(), "the first notification is the uds update: " + rep);
        }
    }

    @Test
    void ts0004_8_3_aDeviceCapabilityRoundTripsInXml() {
        String xml = "<m2m:dvc xmlns:m2m=\"http://www.onem2m.org/xml/protocols\" rn=\"cap\"><mgd>1008</mgd><can>camera</can>"
                + "<att>true</att><cas><acn>ena</acn><sus>1</sus></cas><cus>false</cus></m2m:dvc>";
        Reply created = cse.method("POST", "/" + node).body(xml.getBytes(StandardCharsets.UTF_8), "application/xml;ty=13")
                .header("Accept", "application/xml").send();
        assertEquals(201, created.status(), created.text());
        String body = created.text();
        assertTrue(body.contains("<m2m:dvc") && body.contains("<mgd>1008</mgd>"), body);
        assertTrue(body.contains("<cas><acn>ena</acn><sus>1</sus></cas>"), body);

        String update = "<m2m:dvc xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><cus>true</cus></m2m:dvc>";
        Reply updated = cse.method("PUT", "/" + node + "/cap").body(update.getBytes(StandardCharsets.UTF_8), "application/xml")
                .header("Accept", "application/xml").send();
        assertEquals(200, updated.status(), updated.text());
        assertTrue(updated.text().contains("<cus>true</cus>"), updated.text());

        JsonNode json = cse.get("/" + node + "/cap").send().json().path("m2m:dvc");
        assertEquals(1, json.path("cas").path("sus").asInt(), json.toString());
        assertTrue(json.path("att").asBoolean());
    }
}
