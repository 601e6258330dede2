package io.keel.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies that are not well-formed content are 4000 BAD_REQUEST (TS-0004 7.3.2 / 8.x) with a short, readable reason. */
class MalformedContentTest {
    private static final String NS = "xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"";

    // ------------------------------------------------------------------------------------------------ JSON

    @ParameterizedTest
    @ValueSource(strings = {"{\"m2m:cnt\":{", "{\"m2m:cnt\":{\"rn\":\"a\"", "{\"m2m:cnt\":{\"rn\":'single'}}", "{m2m:cnt:{}}",
            "{\"a\":NaN}", "{\"a\":01}", "{/*c*/\"a\":1}", "{\"a\":\"tab\there\"}", "{\"a\":1,}", "   ", "nul"})
    void ts0004_8_4_brokenJsonIs4000(String body) {
        assertBadRequest(body, Serialization.JSON, "the body is not valid JSON: ");
    }

    @Test
    void ts0004_8_4_jsonReasonsAreTheParsersFirstSentence() {
        assertEquals("the body is not valid JSON: unexpected end of input", assertBadRequest("{\"m2m:cnt\":{", Serialization.JSON, ""));
        assertEquals("the body is not valid JSON: unexpected end of input", assertBadRequest("  ", Serialization.JSON, ""));
        assertEquals("the body is not valid JSON: Non-standard token 'NaN'", assertBadRequest("{\"a\":NaN}", Serialization.JSON, ""));
        assertEquals("the body is not valid JSON: Unexpected character ('/' (code 47)): maybe a (non-standard) comment?",
                assertBadRequest("{/*c*/\"a\":1}", Serialization.JSON, ""));
    }

    @Test
    void ts0004_8_4_trailingGarbageIs4000() {
        assertEquals("the body is not valid JSON: unexpected data after the end of the document",
                assertBadRequest("{\"a\":1} {\"b\":2}", Serialization.JSON, ""));
        assertEquals("the body is not valid JSON: Unexpected close marker ']': no open Array to close",
                assertBadRequest("{\"a\":1}]", Serialization.JSON, ""));
        assertTrue(assertBadRequest("{\"m2m:cnt\":{}} trailing", Serialization.JSON, "").startsWith(
                "the body is not valid JSON: Unrecognized token 'trailing'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"m2m:cnt\":{\"rn\":\"x\",\"lbl\":[],\"rn\":\"y\"}}"})
    void ts0004_8_4_duplicateKeysAre4000(String body) {
        assertTrue(assertBadRequest(body, Serialization.JSON, "the body is not valid JSON: ").contains("Duplicate field"));
    }

    @Test
    void ts0004_8_4_theTopLevelMustBeAnObject() {
        assertEquals("the body must be a JSON object, not an array", assertBadRequest("[1,2]", Serialization.JSON, ""));
        assertEquals("the body must be a JSON object, not a single value", assertBadRequest("\"text\"", Serialization.JSON, ""));
        assertEquals("the body must be a JSON object, not a single value", assertBadRequest("42", Serialization.JSON, ""));
        assertEquals("the body must be a JSON object, not a single value", assertBadRequest("null", Serialization.JSON, ""));
    }

    @Test
    void ts0004_8_4_nestingIsLimitedTo64Levels() {
        String reason = assertBadRequest("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", Serialization.JSON, "");
        assertEquals("the body is not valid JSON: nested deeper than 64 levels", reason);
        assertBadRequest("{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}", Serialization.JSON, "the body is not valid JSON: nested");
        ContentCodec.decode(("{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}").getBytes(StandardCharsets.UTF_8), Serialization.JSON);
    }

    @Test
    void rfc8259_jsonMustBeValidUtf8() {
        byte[][] bodies = {
                {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},                 // bad continuation byte
                {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'},          // overlong NUL
                {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // UTF-16 surrogate
                {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},                        // never valid
                {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82},                     // cut inside a character
                "{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_16)};                           // not UTF-8 at all
        for (byte[] body : bodies) {
            assertEquals("the body is not valid JSON: it is not valid UTF-8", assertBadRequest(body, Serialization.JSON, ""));
        }
    }

    @Test
    void databaseJsonFollowsTheSameRules() {
        OneM2MException e = assertThrows(OneM2MException.class, () -> ContentCodec.fromJson("{\"a\":1} x"));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertThrows(OneM2MException.class, () -> ContentCodec.fromJson("[" .repeat(65) + "]".repeat(65)));
        assertThrows(OneM2MException.class, () -> ContentCodec.fromJson(""));
    }

    // ------------------------------------------------------------------------------------------------ XML

    @ParameterizedTest
    @ValueSource(strings = {
            // XXE: an external general entity
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><m2m:cnt " + NS + "><lbl>&e;</lbl></m2m:cnt>",
            // XXE through an external parameter entity
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><m2m:cnt " + NS + "/>",
            // an external DTD (would be fetched over the network)
            "<!DOCTYPE m2m:cnt SYSTEM \"http://127.0.0.1:9/evil.dtd\"><m2m:cnt " + NS + "><mni>1</mni></m2m:cnt>",
            // billion laughs
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                    + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                    + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                    + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
                    + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
                    + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
                    + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
                    + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
                    + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>"
                    + "<m2m:cin " + NS + "><con>&lol9;</con></m2m:cin>",
            // a harmless-looking DOCTYPE is refused all the same
            "<!DOCTYPE html><m2m:cnt " + NS + "/>"})
    void ts0004_8_3_documentTypeDeclarationsAreRefused(String body) {
        String reason = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertBadRequest(body, Serialization.XML, ""));
        assertEquals("the body is not valid XML: DTDs are not allowed", reason);
    }

    @Test
    void ts0004_8_3_entitiesOutsideTheFiveBuiltInOnesAreRefused() {
        String reason = assertBadRequest("<m2m:cnt " + NS + "><lbl>&e;</lbl></m2m:cnt>", Serialization.XML, "the body is not valid XML: ");
        assertTrue(reason.contains("\"e\""), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<m2m:cnt " + NS + "><mni>1</m2m:cnt>",
            "<m2m:cnt " + NS + ">",
            "<m2m:cnt " + NS + "><mni>1</mni>",
            "not xml at all",
            "<a/><b/>",
            "<a/>trailing",
            "<m2m:cnt><mni>1</mni></m2m:cnt>",
            "<m2m:cnt " + NS + " rn=\"a\" rn=\"b\"/>",
            "<m2m:cnt " + NS + "><mni>\u0001</mni></m2m:cnt>",
            "   "})
    void ts0004_8_3_malformedXmlIs4000(String body) {
        assertBadRequest(body, Serialization.XML, "the body is not valid XML: ");
    }

    @Test
    void ts0004_8_3_readableReasonsForCommonXmlMistakes() {
        assertEquals("the body is not valid XML: a namespace prefix is not declared",
                assertBadRequest("<m2m:cnt><mni>1</mni></m2m:cnt>", Serialization.XML, ""));
        assertEquals("the body is not valid XML: The element type \"mni\" must be terminated by the matching end-tag \"</mni>\".",
                assertBadRequest("<m2m:cnt " + NS + "><mni>1</m2m:cnt>", Serialization.XML, ""));
        assertEquals("the body is not valid XML: <cnt> mixes text and child elements",
                assertBadRequest("<m2m:cnt " + NS + ">text<mni>1</mni></m2m:cnt>", Serialization.XML, ""));
        assertEquals("the body is not valid XML: rn is given both as attribute and as element in <cnt>",
                assertBadRequest("<m2m:cnt " + NS + " rn=\"a\"><rn>b</rn></m2m:cnt>", Serialization.XML, ""));
        assertEquals("the body is empty", assertBadRequest("", Serialization.XML, ""));
    }

    @Test
    void ts0004_8_3_xmlNestingIsLimitedTo64Levels() {
        String doc = "<m2m:cin " + NS + ">" + "<a>".repeat(99) + "x" + "</a>".repeat(99) + "</m2m:cin>";
        assertEquals("the body is not valid XML: nested deeper than 64 levels", assertBadRequest(doc, Serialization.XML, ""));
        String justOver = "<m2m:cin " + NS + ">" + "<a>".repeat(64) + "x" + "</a>".repeat(64) + "</m2m:cin>";
        assertBadRequest(justOver, Serialization.XML, "the body is not valid XML: nested");
    }

    @Test
    void xmlInUtf8MustBeValidUtf8() {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:cnt " + NS + "><or>";
        byte[][] tails = {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFE}};
        for (byte[] tail : tails) {
            byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), tail, "</or></m2m:cnt>".getBytes(StandardCharsets.UTF_8));
            assertEquals("the body is not valid XML: it is not valid UTF-8", assertBadRequest(body, Serialization.XML, ""));
        }
        byte[] undeclared = "<m2m:cnt xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><or>\u00c3(</or></m2m:cnt>"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("the body is not valid XML: it is not valid UTF-8", assertBadRequest(undeclared, Serialization.XML, ""));
    }

    // ------------------------------------------------------------------------------------------------ CBOR

    @Test
    void ts0004_8_5_brokenCborIs4000() {
        byte[][] bodies = {
                {(byte) 0xBF, 0x61},                                                  // cut short
                {(byte) 0xA1, 0x61, 'a'},                                             // key without value
                {(byte) 0xA2, 0x61, 'a', 0x01, 0x61, 'a', 0x02},                      // duplicate key
                {(byte) 0xA1, 0x61, 'a', 0x01, 0x00},                                 // trailing data
                {(byte) 0xA1, (byte) 0x80, 0x02},                                     // an array as key
                {(byte) 0xA1, 0x61, 'a', 0x7B, 0x7F, -1, -1, -1, -1, -1, -1, -16, 'x'}, // absurd declared length
                {(byte) 0xA1, 0x61, 'a', 0x1C},                                       // reserved additional information
                {(byte) 0xFF}};                                                       // break outside a container
        for (byte[] body : bodies) {
            assertBadRequest(body, Serialization.CBOR, "the body is not valid CBOR: ");
        }
    }

    @Test
    void ts0004_8_5_cborTopLevelMustBeAMap() {
        assertEquals("the body must be a CBOR object, not an array",
                assertBadRequest(new byte[] {(byte) 0x83, 1, 2, 3}, Serialization.CBOR, ""));
        assertEquals("the body must be a CBOR object, not a single value",
                assertBadRequest(new byte[] {0x63, 'a', 'b', 'c'}, Serialization.CBOR, ""));
        assertEquals("the body must be a CBOR object, not a single value", assertBadRequest(new byte[] {0x01}, Serialization.CBOR, ""));
    }

    @Test
    void ts0004_8_5_cborNestingIsLimitedTo64Levels() {
        byte[] body = new byte[104];
        body[0] = (byte) 0xA1;
        body[1] = 0x61;
        body[2] = 'a';
        for (int i = 3; i < 103; i++) {
            body[i] = (byte) 0x81; // array of one element
        }
        body[103] = 0x00;
        assertEquals("the body is not valid CBOR: nested deeper than 64 levels", assertBadRequest(body, Serialization.CBOR, ""));
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void anEmptyBodyIs4000(Serialization s) {
        assertEquals("the body is empty", assertBadRequest(new byte[0], s, ""));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String assertBadRequest(String body, Serialization s, String reasonPrefix) {
        return assertBadRequest(body.getBytes(StandardCharsets.UTF_8), s, reasonPrefix);
    }

    /** Asserts a 4000 whose reason starts as expected and reads as a sentence, not as a stack trace; returns the reason. */
    private static String assertBadRequest(byte[] body, Serialization s, String reasonPrefix) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> ContentCodec.decode(body, s));
        String reason = e.getMessage();
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(reason.startsWith(reasonPrefix), reason);
        for (String leak : new String[] {"Exception", "java.", "javax.", "com.fasterxml", "[Source", "`", "\n", "ParseError", "/etc/passwd"}) {
            assertFalse(reason.contains(leak), reason);
        }
        assertTrue(reason.length() < 200, reason);
        return reason;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
