package io.keel.serialization;

import static io.keel.serialization.Examples.at;
import static io.keel.serialization.Examples.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.Serialization;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JSON (TS-0004 8.4) and CBOR (TS-0004 8.5) content: exact round trips, value types, the database helpers. */
class ContentCodecTest {

    @Test
    void ts0004_8_4_jsonReencodesEveryExampleBodyByteForByte() {
        for (String body : Examples.ALL) {
            byte[] encoded = ContentCodec.encode(json(body), Serialization.JSON);
            assertEquals(body, new String(encoded, StandardCharsets.UTF_8));
        }
    }

    /** RFC 8259 8.1: the body is UTF-8; characters beyond ASCII, a surrogate pair included, are written as such. */
    @Test
    void ts0004_8_4_jsonBodiesAreUtf8AsTheTextWouldBe() {
        Map<String, Object> cin = new LinkedHashMap<>();
        cin.put("con", "21,5 \u00b0C \u6e29\u5ea6 \ud83c\udf21 \"q\" \\ \n");
        cin.put("lbl", List.of("r\u00e4um", "\u00e9t\u00e9"));
        Object tree = Map.of("m2m:cin", cin);
        assertArrayEquals(ContentCodec.toJson(tree).getBytes(StandardCharsets.UTF_8), ContentCodec.encode(tree, Serialization.JSON));
        assertEquals(tree, ContentCodec.decode(ContentCodec.encode(tree, Serialization.JSON), Serialization.JSON));
    }

    @ParameterizedTest
    @EnumSource(value = Serialization.class, names = {"JSON", "CBOR"})
    void ts0004_8_4_and_8_5_everyExampleBodySurvivesARoundTripWithItsTypes(Serialization s) {
        for (String body : Examples.ALL) {
            Map<String, Object> tree = json(body);
            Map<String, Object> back = ContentCodec.decode(ContentCodec.encode(tree, s), s);
            assertEquals(tree, back, body);
            assertEquals(body, ContentCodec.toJson(back), "key order and value types after " + s); // order too
        }
    }

    @Test
    void ts0004_8_4_integersAreLongsFloatsDoublesAndKeyOrderIsKept() {
        Map<String, Object> tree = json(Examples.AE_RESPONSE);
        Map<?, ?> ae = (Map<?, ?>) tree.get("m2m:ae");
        assertInstanceOf(LinkedHashMap.class, ae);
        assertEquals(List.of("rn", "ty", "ri", "pi", "ct", "lt", "et", "api", "aei", "rr", "srv", "poa"), List.copyOf(ae.keySet()));
        assertEquals(2L, ae.get("ty"));
        assertEquals(Boolean.TRUE, ae.get("rr"));
        assertInstanceOf(ArrayList.class, ae.get("srv"));
        assertEquals(List.of("3"), ae.get("srv"));

        Map<String, Object> cin = json(Examples.CIN_OBJECT);
        assertEquals(21.5, at(cin, "m2m:cin", "con", "t"));
        assertTrue(((Map<?, ?>) at(cin, "m2m:cin", "con")).containsKey("n"));
        assertNull(at(cin, "m2m:cin", "con", "n"));
    }

    @Test
    void ts0004_8_4_numbersKeepTheirRangeAsLongBigIntegerOrDouble() {
        Map<String, Object> n = json("{\"small\":1,\"max\":9223372036854775807,\"min\":-9223372036854775808,"
                + "\"big\":9223372036854775808,\"neg\":-12345678901234567890123,\"f\":1e2,\"g\":-0.25}");
        assertEquals(1L, n.get("small"));
        assertEquals(Long.MAX_VALUE, n.get("max"));
        assertEquals(Long.MIN_VALUE, n.get("min"));
        assertEquals(new BigInteger("9223372036854775808"), n.get("big"));
        assertEquals(new BigInteger("-12345678901234567890123"), n.get("neg"));
        assertEquals(100.0, n.get("f"));
        assertEquals(-0.25, n.get("g"));
        assertEquals(n, ContentCodec.decode(ContentCodec.encode(n, Serialization.CBOR), Serialization.CBOR));
    }

    @Test
    void ts0004_8_5_cborUsesDefiniteLengthsAndTheMajorTypesOfTheTable() {
        Map<String, Object> tree = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>();
        values.add(1L);
        values.add("x");
        values.add(1.5);
        values.add(true);
        values.add(null);
        values.add(-2L);
        tree.put("a", values);
        byte[] expected = {(byte) 0xA1, 0x61, 'a', (byte) 0x86, 0x01, 0x61, 'x',
                (byte) 0xFB, 0x3F, (byte) 0xF8, 0, 0, 0, 0, 0, 0, (byte) 0xF5, (byte) 0xF6, 0x21};
        assertArrayEquals(expected, ContentCodec.encode(tree, Serialization.CBOR));
    }

    @Test
    void ts0004_8_5_cborValuesJsonCannotExpressComeOutAsTreeTypes() {
        byte[] body = {(byte) 0xA7,
                0x61, 'h', (byte) 0xF9, 0x3C, 0x00,                               // half float 1.0
                0x61, 's', (byte) 0xFA, 0x3D, (byte) 0xCC, (byte) 0xCC, (byte) 0xCD, // single float 0.1
                0x61, 'b', 0x43, 1, 2, 3,                                          // byte string
                0x61, 'n', (byte) 0xC2, 0x41, 0x05,                                // tag 2 bignum 5
                0x61, 'u', 0x1B, -1, -1, -1, -1, -1, -1, -1, -1,                   // uint64 max
                0x01, 0x02,                                                        // integer key 1
                0x61, 'm', (byte) 0xBF, 0x61, 'k', 0x07, (byte) 0xFF};             // indefinite-length map
        Map<String, Object> tree = ContentCodec.decode(body, Serialization.CBOR);
        assertEquals(1.0, tree.get("h"));
        assertEquals(0.1, tree.get("s"));
        assertEquals("AQID", tree.get("b"));
        assertEquals(5L, tree.get("n"));
        assertEquals(new BigInteger("18446744073709551615"), tree.get("u"));
        assertEquals(2L, tree.get("1"));
        assertEquals(Map.of("k", 7L), tree.get("m"));
        assertEquals(List.of("h", "s", "b", "n", "u", "1", "m"), List.copyOf(tree.keySet()));
    }

    @Test
    void databaseHelpersStoreAnyValueAsJsonAndReadItBack() {
        Map<String, Object> tree = json(Examples.NESTED);
        assertEquals(Examples.NESTED, ContentCodec.toJson(tree));
        assertEquals(tree, ContentCodec.fromJson(ContentCodec.toJson(tree)));
        assertEquals("\"22\"", ContentCodec.toJson("22"));
        assertEquals("22", ContentCodec.fromJson("\"22\""));
        assertEquals(List.of(1L, "a"), ContentCodec.fromJson("[1,\"a\"]"));
        assertEquals("null", ContentCodec.toJson(null));
        assertNull(ContentCodec.fromJson("null"));
        OneM2MException e = assertThrows(OneM2MException.class, () -> ContentCodec.fromJson("{\"a\":1,\"a\":1}"));
        assertTrue(e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
    }

    @Test
    void jsonMayStartWithAByteOrderMark() {
        byte[] body = ("\uFEFF" + Examples.DBG).getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("m2m:dbg", "attribute api is missing"), ContentCodec.decode(body, Serialization.JSON));
    }

    @Test
    void unicodeTextSurvivesEveryFormat() {
        Map<String, Object> tree = json("{\"m2m:cin\":{\"con\":\"Grüße 😀 \\u00e9\"}}");
        for (Serialization s : Serialization.values()) {
            assertEquals("Grüße 😀 é", at(ContentCodec.decode(ContentCodec.encode(tree, s), s), "m2m:cin", "con"), s.name());
        }
    }

    @Test
    void oneSharedCodecServesConcurrentRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        for (Serialization s : Serialization.values()) {
                            Map<String, Object> tree = json(Examples.NESTED);
                            Map<String, Object> back = ContentCodec.decode(ContentCodec.encode(tree, s), s);
                            if (!"cnt1".equals(at(back, "m2m:ae", "m2m:cnt", 0, "rn"))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
