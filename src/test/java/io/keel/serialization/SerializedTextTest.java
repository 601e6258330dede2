package io.keel.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.Serialization;
import io.keel.primitive.SerializedText;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A SPARQL result's m2m:qres is the W3C XML results document in XML primitives, the JSON one otherwise (TS-0004 7.3.3.19). */
class SerializedTextTest {
    private static final SerializedText RESULT = new SerializedText("{\"head\":{},\"boolean\":true}",
            "<?xml version=\"1.0\"?><sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><boolean>true</boolean></sparql>");

    @Test
    void ts0004_7_3_3_19_anXmlPrimitiveCarriesTheXmlResultsDocumentAsText() {
        Map<String, Object> read = ContentCodec.decode(ContentCodec.encode(Map.of("m2m:qres", RESULT), Serialization.XML),
                Serialization.XML);
        assertEquals(RESULT.xml(), read.get("m2m:qres"));
    }

    @Test
    void ts0004_7_3_3_19_jsonAndCborPrimitivesCarryTheJsonResultsDocument() {
        for (Serialization s : new Serialization[] {Serialization.JSON, Serialization.CBOR}) {
            Map<String, Object> read = ContentCodec.decode(ContentCodec.encode(Map.of("m2m:qres", RESULT), s), s);
            assertEquals(RESULT.json(), read.get("m2m:qres"), s.token());
        }
        assertTrue(new String(ContentCodec.encode(Map.of("m2m:qres", RESULT), Serialization.JSON), StandardCharsets.UTF_8)
                .startsWith("{\"m2m:qres\":\"{"));
        assertEquals(RESULT.json(), ContentCodec.fromJson(ContentCodec.toJson(RESULT)), "a stored copy keeps the JSON form");
    }
}
