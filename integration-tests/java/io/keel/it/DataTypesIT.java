package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Data types over the wire (TS-0004 6.3): what the CSE sets has its declared type in JSON, and XML text is read by the
 * attribute's XML Schema type.
 */
class DataTypesIT extends KeelIT {
    private static final String TIMESTAMP = "\\d{8}T\\d{6}(,\\d{1,6})?";

    /** TS-0004 table 7.4.3.1-3 with 6.3.3 and 6.3.4.2.2: the CSEBase the CSE made itself. */
    @Test
    void ts0004_7_4_3_1_theCseBaseHoldsItsDeclaredDataTypes() {
        Reply r = cse.get("/cse-in").send();
        assertEquals(200, r.status(), r.text());
        JsonNode cb = r.json().path("m2m:cb");
        assertTrue(cb.path("ty").isIntegralNumber() && cb.path("ty").asInt() == 5, r.text());
        assertTrue(cb.path("cst").isIntegralNumber() && cb.path("cst").asInt() >= 1 && cb.path("cst").asInt() <= 3, r.text());
        assertEquals("", cb.path("pi").asText(), "the CSEBase's parentID is empty (table 6.3.6-1)");
        assertTrue(cb.path("ct").asText().matches(TIMESTAMP) && cb.path("lt").asText().matches(TIMESTAMP), r.text());
        assertTrue(cb.path("srt").isArray() && cb.path("srt").size() > 0, r.text());
        cb.path("srt").forEach(t -> assertTrue(t.isIntegralNumber(), "srt holds numbers: " + r.text()));
        assertEquals("[\"json\",\"xml\",\"cbor\"]", cb.path("csz").toString(), "m2m:serializations are xml, json, cbor");
        cb.path("poa").forEach(p -> assertTrue(p.asText().matches("[a-z]+://\\S+"), "poa holds URIs: " + r.text()));
        cb.path("srv").forEach(v -> assertTrue(v.isTextual(), "srv holds strings: " + r.text()));
    }

    /** TS-0004 6.3.2: in XML, numbers and booleans are text in their XML Schema lexical forms; JSON shows them typed. */
    @Test
    void ts0004_6_3_2_xmlTextIsReadByTheAttributesSchemaType() {
        String ae = cse.registerAe("C" + OneM2MClient.unique("types"), OneM2MClient.unique("types"));
        String xml = "<m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\" rn=\"typed\">"
                + "<mni> +5 </mni><mbs>0100</mbs><disr>0</disr><lbl>a b</lbl></m2m:cnt>";
        Reply created = cse.method("POST", "/" + ae).body(xml.getBytes(StandardCharsets.UTF_8), "application/xml;ty=3").from(ae).send();
        assertEquals(201, created.status(), created.text());
        JsonNode cnt = cse.get("/" + ae + "/typed").from(ae).send().json().path("m2m:cnt");
        assertTrue(cnt.path("mni").isIntegralNumber() && cnt.path("mni").asLong() == 5, cnt.toString());
        assertEquals(100, cnt.path("mbs").asLong(), cnt.toString());
        assertTrue(cnt.path("disr").isBoolean() && !cnt.path("disr").asBoolean(), cnt.toString());
        assertTrue(cnt.path("cni").isIntegralNumber() && cnt.path("st").isIntegralNumber(), cnt.toString());

        for (String bad : new String[] {"<mni>5.0</mni>", "<disr>yes</disr>", "<et>20991231T235959Z</et>"}) {
            String body = "<m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\">" + bad + "</m2m:cnt>";
            Reply r = cse.method("POST", "/" + ae).body(body.getBytes(StandardCharsets.UTF_8), "application/xml;ty=3").from(ae)
                    .header("Accept", "application/json").send();
            assertEquals(4000, r.rsc(), bad + " → " + r.text());
            String attribute = bad.substring(1, bad.indexOf('>'));
            assertTrue(r.json().path("m2m:dbg").asText().contains(attribute), r.text());
        }
    }
}
