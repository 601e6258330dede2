package io.keel.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TS-0004 clause 8 serializations (shared/spec §9): round trips in JSON, XML and CBOR, and refusal of bad bodies. */
class ContentCodecTest {
    private static final String AE_RESPONSE = "{\"m2m:ae\":{\"rn\":\"myapp\",\"ty\":2,\"ri\":\"Cmyapp\",\"pi\":\"id-in\","
            + "\"ct\":\"20250101T120000,000000\",\"api\":\"Nmyapp\",\"aei\":\"Cmyapp\",\"rr\":true,\"srv\":[\"3\",\"4\"],"
            + "\"poa\":[\"http://10.0.0.5:9000\"]}}";
    private static final String NESTED = "{\"m2m:ae\":{\"rn\":\"a\",\"m2m:cnt\":[{\"rn\":\"c1\",\"m2m:cin\":[{\"rn\":\"i1\",\"con\":\"1\"},"
            + "{\"rn\":\"i2\",\"con\":\"2\"}]},{\"rn\":\"c2\"}]}}";
    private static final String NOTIFICATION = "{\"m2m:sgn\":{\"nev\":{\"rep\":{\"m2m:cin\":{\"rn\":\"cin_1\",\"ty\":4,\"con\":\"22\"}},"
            + "\"net\":3},\"sur\":\"/id-in/sub9876\",\"cr\":\"Cmyapp\"}}";

    private static Map<String, Object> json(String s) {
        return ContentCodec.decode(s.getBytes(StandardCharsets.UTF_8), Serialization.JSON);
    }

    @ParameterizedTest
    @EnumSource(value = Serialization.class, names = {"JSON", "CBOR"})
    void ts0004_8_4_typedRoundTrips(Serialization s) {
        for (String body : new String[] {AE_RESPONSE, NESTED, NOTIFICATION, "{\"m2m:uril\":[\"cse-in/a\",\"cse-in/b\"]}",
                "{\"m2m:dbg\":\"attribute api is missing\"}", "{\"m2m:cin\":{\"con\":{\"t\":21.5,\"ok\":true,\"n\":null}}}"}) {
            Map<String, Object> tree = json(body);
            assertEquals(tree, ContentCodec.decode(ContentCodec.encode(tree, s), s), body);
        }
    }

    @Test
    void ts0004_8_4_integersAreLongsAndKeyOrderIsKept() {
        Map<String, Object> tree = json(AE_RESPONSE);
        @SuppressWarnings("unchecked")
        Map<String, Object> ae = (Map<String, Object>) tree.get("m2m:ae");
        assertEquals(2L, ae.get("ty"));
        assertEquals(List.of("rn", "ty", "ri", "pi", "ct", "api", "aei", "rr", "srv", "poa"), List.copyOf(ae.keySet()));
    }

    @Test
    void ts0004_8_3_xmlWritesTheOneM2MShape() {
        String xml = new String(ContentCodec.encode(json(AE_RESPONSE), Serialization.XML), StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:ae xmlns:m2m=\"http://www.onem2m.org/xml/protocols\" rn=\"myapp\">"), xml);
        assertTrue(xml.contains("<ty>2</ty>") && xml.contains("<rr>true</rr>") && xml.contains("<srv>3 4</srv>"), xml);
        assertFalse(xml.contains("<rn>"), xml);
    }

    @Test
    void ts0004_8_3_xmlRoundTripGivesTextTypedValues() {
        Map<String, Object> back = ContentCodec.decode(ContentCodec.encode(json(AE_RESPONSE), Serialization.XML), Serialization.XML);
        @SuppressWarnings("unchecked")
        Map<String, Object> ae = (Map<String, Object>) back.get("m2m:ae");
        assertEquals("myapp", ae.get("rn"));
        assertEquals("2", ae.get("ty"));
        assertEquals("true", ae.get("rr"));
        assertEquals("3 4", ae.get("srv"));
        assertEquals("http://10.0.0.5:9000", ae.get("poa"));
    }

    @Test
    void ts0004_8_3_xmlNestedChildResourcesAndReferences() {
        Map<String, Object> back = ContentCodec.decode(ContentCodec.encode(json(NESTED), Serialization.XML), Serialization.XML);
        @SuppressWarnings("unchecked")
        Map<String, Object> ae = (Map<String, Object>) back.get("m2m:ae");
        List<?> cnts = (List<?>) ae.get("m2m:cnt");
        assertEquals(2, cnts.size());
        assertEquals(2, ((List<?>) ((Map<?, ?>) cnts.get(0)).get("m2m:cin")).size());
        Map<String, Object> refs = json("{\"m2m:rrl\":{\"rrf\":[{\"nm\":\"c1\",\"typ\":3,\"val\":\"cse-in/a/c1\"},{\"nm\":\"c2\",\"typ\":3,\"val\":\"cse-in/a/c2\"}]}}");
        String xml = new String(ContentCodec.encode(refs, Serialization.XML), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<rrf nm=\"c1\" typ=\"3\">cse-in/a/c1</rrf>"), xml);
        Map<?, ?> rrl = (Map<?, ?>) ContentCodec.decode(xml.getBytes(StandardCharsets.UTF_8), Serialization.XML).get("m2m:rrl");
        assertEquals(Map.of("nm", "c2", "typ", "3", "val", "cse-in/a/c2"), ((List<?>) rrl.get("rrf")).get(1));
    }

    @Test
    void ts0004_8_3_xmlDecodingOfHandWrittenDocuments() {
        String doc = "<?xml version=\"1.0\"?><p:cnt xmlns:p=\"http://www.onem2m.org/xml/protocols\" rn=\"cont1\">"
                + "<mni>10</mni><lbl>a b</lbl><ch nm=\"c1\" typ=\"4\">cse-in/x/c1</ch><or/><p:cin><con>v</con></p:cin></p:cnt>";
        Map<String, Object> tree = ContentCodec.decode(doc.getBytes(StandardCharsets.UTF_8), Serialization.XML);
        Map<?, ?> cnt = (Map<?, ?>) tree.get("m2m:cnt");
        assertEquals("cont1", cnt.get("rn"));
        assertEquals("10", cnt.get("mni"));
        assertEquals("a b", cnt.get("lbl"));
        assertEquals(Map.of("nm", "c1", "typ", "4", "val", "cse-in/x/c1"), cnt.get("ch"));
        assertTrue(cnt.containsKey("or"));
        assertNull(cnt.get("or"));
        assertEquals(Map.of("con", "v"), cnt.get("m2m:cin"));
    }

    @Test
    void ts0004_8_3_xmlDebugInfo() {
        byte[] xml = ContentCodec.encode(Map.of("m2m:dbg", "a <reason> & more"), Serialization.XML);
        assertEquals(Map.of("m2m:dbg", "a <reason> & more"), ContentCodec.decode(xml, Serialization.XML));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"m2m:cnt\":{", "{\"m2m:cnt\":{}} trailing", "{\"a\":1,\"a\":2}", "[1,2]", "\"text\"", "",
            "{\"m2m:cnt\":{\"rn\":'single'}}"})
    void ts0004_8_4_brokenJsonIs4000(String body) {
        assertBadRequest(body.getBytes(StandardCharsets.UTF_8), Serialization.JSON);
    }

    @Test
    void ts0004_8_4_deeplyNestedJsonIs4000() {
        assertBadRequest(("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}").getBytes(StandardCharsets.UTF_8), Serialization.JSON);
    }

    @Test
    void invalidUtf8Is4000() {
        byte[] json = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertBadRequest(json, Serialization.JSON);
        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><or>\u00c3(</or></m2m:cnt>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertBadRequest(xml, Serialization.XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><lbl>&e;</lbl></m2m:cnt>",
            "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><lbl>&c;</lbl></m2m:cnt>",
            "<m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><mni>1</m2m:cnt>",
            "<m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\">", "not xml at all", "<a/><b/>"})
    void ts0004_8_3_hostileOrBrokenXmlIs4000(String body) {
        assertBadRequest(body.getBytes(StandardCharsets.UTF_8), Serialization.XML);
    }

    @Test
    void ts0004_8_5_brokenCborIs4000() {
        assertBadRequest(new byte[] {(byte) 0xbf, 0x61}, Serialization.CBOR);
        assertBadRequest(new byte[] {(byte) 0x83, 1, 2, 3}, Serialization.CBOR);
    }

    private static void assertBadRequest(byte[] body, Serialization s) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> ContentCodec.decode(body, s));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("java."), e.getMessage());
    }
}
