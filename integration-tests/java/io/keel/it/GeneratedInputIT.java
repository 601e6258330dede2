package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated malformed values, for every request header and query field of TS-0009 6.2 and 6.4, sent to
 * the executable WAR as it is deployed: each request is answered with a oneM2M response (X-M2M-RSC, and for an
 * error a readable m2m:dbg), never a 500, a hang or a stack trace. A fixed seed makes a failure reproducible; the
 * message names the request.
 */
class GeneratedInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VALUES_PER_FIELD = 40;
    private static final List<String> HEADERS = List.of("X-M2M-Origin", "X-M2M-RI", "X-M2M-GID", "X-M2M-RTU",
            "X-M2M-OT", "X-M2M-RST", "X-M2M-RET", "X-M2M-OET", "X-M2M-EC", "X-M2M-RVI", "X-M2M-VSI", "X-M2M-AS",
            "X-M2M-ASRI", "X-M2M-OMR", "X-M2M-MSU", "X-M2M-PRPI", "Authorization", "If-Match", "If-None-Match",
            "If-Modified-Since", "If-Unmodified-Since", "Accept", "Content-Type");
    private static final List<String> QUERY_FIELDS = List.of("rt", "rp", "rcn", "da", "drt", "fu", "fo", "lim", "ofst",
            "lvl", "ty", "sts", "stb", "crb", "cra", "dgb", "dga", "ms", "us", "exb", "exa", "lbl", "palb", "clbl", "sza", "szb", "cty",
            "atr", "patr", "catr", "chty", "pty", "smf", "lbq", "cfs", "cfq", "arp", "gmty", "geom", "gsf", "atrl",
            "rids", "tids", "ltids", "tqi", "sqi", "asi", "auri");
    /** Separators, quotes, escapes, signs, digits and letters that parsers trip over; no CR/LF (that is framing). */
    private static final String ALPHABET = ";;,,==//\"\"''\\%%++--**??&&##  :.0123456789eEZTxXq*aA~_{}[]()<>|^$@!";
    private static KeelProcess keel;
    private static URL base;
    private final Random random = new Random(20261204L);

    @BeforeAll
    static void start() throws Exception {
        int port = KeelProcess.freePort();
        keel = KeelProcess.start(Map.of("KEEL_HTTP_PORT", String.valueOf(port)));
        base = keel.base();
    }

    @AfterAll
    static void stop() throws Exception {
        keel.close();
    }

    @Test
    void ts0009_6_4_generatedHeaderValuesAreAnsweredWithOneM2MResponses() throws Exception {
        for (String header : HEADERS) {
            for (int i = 0; i < VALUES_PER_FIELD; i++) {
                String value = i == 0 && header.equals("Accept") ? ";;;" : value();
                String extra = header + ": " + value + "\r\n";
                boolean post = header.equals("Content-Type");
                RawHttp.Response r = RawHttp.send(base, post ? "POST" : "GET", "/cse-in", extra,
                        post ? "{\"m2m:sgn\":{\"vrq\":true}}".getBytes(StandardCharsets.UTF_8) : null);
                answeredWithOneM2M(r, extra.trim());
            }
        }
    }

    @Test
    void ts0009_6_2_2_2_generatedQueryFieldsAreAnsweredWithOneM2MResponses() throws Exception {
        for (String field : QUERY_FIELDS) {
            for (int i = 0; i < VALUES_PER_FIELD; i++) {
                String query = field + "=" + value().replace(" ", "%20").replace("#", "%23");
                RawHttp.Response r = RawHttp.send(base, "GET", "/cse-in?" + query, null, null);
                answeredWithOneM2M(r, "?" + query);
            }
        }
    }

    /** A client's mistake is answered, not logged: a name conflict (4105) and malformed input leave no stack trace. */
    @Test
    void clientErrorsLeaveNoStackTraceInTheLog() {
        String create = "Content-Type: application/json;ty=3\r\n";
        byte[] container = "{\"m2m:cnt\":{\"rn\":\"twice\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(201, RawHttp.send(base, "POST", "/cse-in", create, container).status());
        RawHttp.Response conflict = RawHttp.send(base, "POST", "/cse-in", create, container);
        assertEquals("4105", conflict.headers().get("x-m2m-rsc"), conflict.text());
        assertEquals("4000", RawHttp.send(base, "GET", "/cse-in?lim=-1", null, null).headers().get("x-m2m-rsc"));
        List<String> traces = keel.output().stream()
                .filter(line -> line.contains("Exception") || line.startsWith("\tat ") || line.startsWith("WARNING")).toList();
        assertEquals(List.of(), traces);
    }

    /** The generator does produce refusals: otherwise the tests above could not fail. */
    @Test
    void theGeneratedValuesAreRefusedMostly() {
        int refused = 0;
        for (int i = 0; i < 50; i++) {
            String query = "lim=" + value().replace(" ", "%20").replace("#", "%23");
            if (RawHttp.send(base, "GET", "/cse-in?" + query, null, null).status() == 400) {
                refused++;
            }
        }
        assertTrue(refused > 25, refused + " of 50 generated lim values refused");
    }

    private String value() {
        StringBuilder b = new StringBuilder();
        if (random.nextInt(4) == 0) {
            b.append(List.of("1", "application/json", "20261204T120000", "PT5S", "Cae", "cse-in/x", "*/*;q=").get(random.nextInt(7)));
        }
        int length = random.nextInt(31);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static void answeredWithOneM2M(RawHttp.Response r, String what) throws Exception {
        String rsc = r.headers().get("x-m2m-rsc");
        assertNotNull(rsc, what + " → " + r.statusLine() + " without X-M2M-RSC: " + r.text());
        assertFalse(r.status() == 500 || rsc.equals("5000"), what + " → " + r.statusLine() + " " + r.text());
        if (Integer.parseInt(rsc) >= 4000 && r.body().length > 0) {
            JsonNode dbg = JSON.readTree(r.body()).path("m2m:dbg");
            assertFalse(dbg.asText().isEmpty(), what + " → no m2m:dbg: " + r.text());
            assertFalse(dbg.asText().contains("Exception") || dbg.asText().contains("\tat "), what + " → " + dbg.asText());
        }
        assertEquals(r.status() >= 400, Integer.parseInt(rsc) >= 4000, what + " → " + r.statusLine() + " with rsc " + rsc);
    }
}
