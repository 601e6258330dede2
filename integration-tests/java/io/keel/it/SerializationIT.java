package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TS-0009 6.4.2, 6.4.3, 6.5: bodies in JSON, XML and CBOR, chosen by Content-Type and Accept; broken bodies. */
class SerializationIT extends KeelIT {
    private static final CBORMapper CBOR = new CBORMapper();
    private String ae;

    @BeforeEach
    void registerAe() {
        ae = cse.registerAe("C" + OneM2MClient.unique("ser"), OneM2MClient.unique("serAe"));
    }

    @Test
    void clause6_4_3_xmlCreateAndXmlResponse() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\" rn=\"xmlbox\"><mni>7</mni><lbl>a b</lbl></m2m:cnt>";
        Reply r = cse.method("POST", "/" + ae).body(xml.getBytes(StandardCharsets.UTF_8), "application/vnd.onem2m-res+xml; ty=3")
                .header("Accept", "application/xml").from(ae).send();
        assertEquals(201, r.status(), r.text());
        assertTrue(r.header("Content-Type").startsWith("application/xml"), r.header("Content-Type"));
        String body = r.text();
        assertTrue(body.contains("<m2m:cnt") && body.contains("xmlns:m2m=\"http://www.onem2m.org/xml/protocols\""), body);
        assertTrue(body.contains("<mni>7</mni>"), body);
        JsonNode json = cse.get("/" + ae + "/xmlbox").from(ae).send().json().path("m2m:cnt");
        assertEquals(7, json.path("mni").asInt());
        assertEquals("b", json.path("lbl").get(1).asText());
    }

    @Test
    void clause6_4_3_cborCreateAndCborResponse() throws Exception {
        byte[] cbor = CBOR.writeValueAsBytes(java.util.Map.of("m2m:cnt", java.util.Map.of("rn", "cborbox", "mni", 3)));
        Reply r = cse.method("POST", "/" + ae).body(cbor, "application/cbor;ty=3").header("Accept", "application/cbor").from(ae).send();
        assertEquals(201, r.status(), r.text());
        assertEquals("application/cbor", r.header("Content-Type"));
        JsonNode decoded = CBOR.readTree(r.response().body());
        assertEquals(3, decoded.path("m2m:cnt").path("mni").asInt());
        assertEquals("cborbox", decoded.path("m2m:cnt").path("rn").asText());
    }

    @Test
    void clause6_4_2_acceptChoosesTheResponseSerialization() {
        assertEquals("application/json", cse.get("/cse-in").send().header("Content-Type"));
        assertTrue(cse.get("/cse-in").header("Accept", "application/xml").send().text().startsWith("<?xml"));
        assertEquals("application/vnd.onem2m-res+json",
                cse.get("/cse-in").header("Accept", "application/vnd.onem2m-res+json").send().header("Content-Type"));
        Reply none = cse.get("/cse-in").header("Accept", "text/html").send();
        assertEquals(406, none.status());
        assertEquals(5207, none.rsc());
    }

    @Test
    void clause6_4_3_unsupportedMediaTypeIs4015() {
        Reply r = cse.method("POST", "/" + ae).body("rn=x".getBytes(StandardCharsets.UTF_8), "text/plain;ty=3").from(ae).send();
        assertEquals(415, r.status());
        assertEquals(4015, r.rsc());
    }

    @Test
    void clause6_4_3_invalidResourceTypeParameterIs4000() {
        Reply r = cse.method("POST", "/" + ae).body("{\"m2m:cnt\":{}}".getBytes(StandardCharsets.UTF_8), "application/json;ty=three")
                .from(ae).send();
        assertEquals(400, r.status());
        assertEquals(4000, r.rsc());
    }

    @Test
    void clause6_5_brokenBodiesAre4000AndStoreNothing() {
        String[][] cases = {
                {"{\"m2m:cnt\":{\"rn\":\"broken1\"", "application/json;ty=3"},
                {"{\"m2m:cnt\":{\"rn\":\"broken2\",\"rn\":\"again\"}}", "application/json;ty=3"},
                {"<m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\" rn=\"broken3\"><mni>1</m2m:cnt>", "application/xml;ty=3"},
                {"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\" rn=\"broken4\"><lbl>&e;</lbl></m2m:cnt>", "application/xml;ty=3"},
                {"\u00ff\u00fe garbage", "application/cbor;ty=3"}};
        for (String[] c : cases) {
            Reply r = cse.method("POST", "/" + ae).body(c[0].getBytes(StandardCharsets.ISO_8859_1), c[1]).from(ae).send();
            assertEquals(400, r.status(), c[0] + " → " + r.text());
            assertEquals(4000, r.rsc(), c[0]);
            assertTrue(!r.json().path("m2m:dbg").asText().isEmpty(), r.text());
        }
        for (int i = 1; i <= 4; i++) {
            assertEquals(404, cse.get("/" + ae + "/broken" + i).from(ae).send().status());
        }
    }

    @Test
    void clause6_5_invalidUtf8Is4000() {
        byte[] body = {'{', '"', 'm', '2', 'm', ':', 'c', 'n', 't', '"', ':', '{', '"', 'r', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '}'};
        Reply r = cse.method("POST", "/" + ae).body(body, "application/json;ty=3").from(ae).send();
        assertEquals(4000, r.rsc(), r.text());
    }

    @Test
    void clause6_5_oversizedBodyIs4000() {
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        Reply r = cse.method("POST", "/" + ae).body(huge, "application/json;ty=3").from(ae).send();
        assertEquals(400, r.status());
        assertEquals(4000, r.rsc());
        assertTrue(r.json().path("m2m:dbg").asText().contains("maximum"), r.text());
    }

    @Test
    void clause6_5_deeplyNestedJsonIs4000() {
        String deep = "{\"m2m:cin\":{\"con\":" + "[".repeat(5000) + "]".repeat(5000) + "}}";
        String cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
        Reply r = cse.create("/" + cnt, 4, deep).from(ae).send();
        assertEquals(400, r.status());
        assertEquals(4000, r.rsc());
    }

    /** TS-0004 7.3.3.12: a request that indicates no serialization is answered in the originator's csz. */
    @Test
    void ts0004_7_3_3_12_withoutAcceptTheAnswerIsInTheOriginatorsContentSerialization() {
        Reply registered = cse.create("/cse-in", 2, "{\"m2m:ae\":{\"api\":\"Nxml.app\",\"rr\":false,\"srv\":[\"3\"],"
                + "\"csz\":[\"xml\",\"json\"]}}").from("C").send();
        assertEquals(201, registered.status(), registered.text());
        assertTrue(registered.header("Content-Type").startsWith("application/json"), "a JSON request is answered in JSON");
        String aei = registered.json().path("m2m:ae").path("aei").asText();

        Reply open = cse.get("/" + aei).from(aei).header("Accept", null).send();
        assertEquals(200, open.status(), open.text());
        assertTrue(open.header("Content-Type").startsWith("application/xml"), open.header("Content-Type"));
        assertTrue(open.text().contains("<m2m:ae"), open.text());
        Reply anything = cse.get("/" + aei).from(aei).header("Accept", "*/*").send();
        assertTrue(anything.header("Content-Type").startsWith("application/xml"), anything.header("Content-Type"));
        Reply chosen = cse.get("/" + aei).from(aei).header("Accept", "application/json").send();
        assertTrue(chosen.header("Content-Type").startsWith("application/json"), chosen.header("Content-Type"));
    }
}
