package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed values for every request header and query field the binding maps (TS-0009 6.2, 6.4): each one
 * is mapped to a request primitive or refused with a oneM2M error, never anything else (an unchecked exception would
 * be a 500). A fixed seed keeps a failure reproducible; the message names the value.
 */
class MalformedRequestGeneratorTest {
    private static final int VALUES_PER_FIELD = 400;
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final List<String> HEADERS = List.of(HeaderMapping.ORIGIN, HeaderMapping.RI, HeaderMapping.GID,
            HeaderMapping.RTU, HeaderMapping.OT, HeaderMapping.RST, HeaderMapping.RET, HeaderMapping.OET, HeaderMapping.EC,
            HeaderMapping.RVI, HeaderMapping.VSI, HeaderMapping.AS, HeaderMapping.ASRI, HeaderMapping.OMR, HeaderMapping.MSU,
            HeaderMapping.PRPI, HeaderMapping.AUTHORIZATION, HeaderMapping.IF_MATCH, HeaderMapping.IF_NONE_MATCH,
            HeaderMapping.IF_MODIFIED_SINCE, HeaderMapping.IF_UNMODIFIED_SINCE, "X-M2M-RSC", "X-M2M-ATI", "X-M2M-CTS",
            "X-M2M-CTO");
    private static final List<String> QUERY_FIELDS = List.of("rt", "rp", "rcn", "da", "drt", "fu", "fo", "lim", "ofst",
            "lvl", "ty", "sts", "stb", "crb", "cra", "dgb", "dga", "ms", "us", "exb", "exa", "lbl", "palb", "clbl", "sza", "szb", "cty",
            "atr", "patr", "catr", "chty", "pty", "smf", "lbq", "cfs", "cfq", "arp", "gmty", "gnty", "geom", "gsf", "atrl",
            "rids", "tids", "ltids", "tqi", "sqi", "asi", "auri");
    /** What breaks parsers: separators, quotes, escapes, signs, exponents, whitespace, controls, non-ASCII. */
    private static final String ALPHABET = ";;,,==//\"\"''\\%%++--**??&&##  \t:.0123456789eEZTxXqQ*/aA~_{}[]()<>|^$@!é€\u0000\u007f";
    private final Random random = new Random(20261204L);

    @Test
    void ts0009_6_4_everyHeaderValueIsMappedOrRefusedWithAOneM2MError() {
        for (String header : HEADERS) {
            for (int i = 0; i < VALUES_PER_FIELD; i++) {
                String value = value();
                Map<String, List<String>> headers = new LinkedHashMap<>(Map.of(HeaderMapping.ORIGIN, List.of("Cgen"),
                        HeaderMapping.RI, List.of("1"), HeaderMapping.RVI, List.of("3")));
                headers.put(header, List.of(value));
                mapsOrRefuses(header + ": " + value,
                        () -> HeaderMapping.applyRequestHeaders(headers, new RequestPrimitive(), NOW));
            }
        }
    }

    @Test
    void ts0009_6_4_3_everyAcceptAndContentTypeIsNegotiatedOrRefused() {
        for (int i = 0; i < VALUES_PER_FIELD * 5; i++) {
            String value = i == 0 ? ";;;" : value();
            mapsOrRefuses("Accept: " + value, () -> MediaTypes.negotiate(value, null));
            mapsOrRefuses("Content-Type: " + value, () -> MediaTypes.parseContentType(value));
            String typed = "application/json;" + value;
            mapsOrRefuses("Content-Type: " + typed, () -> MediaTypes.parseContentType(typed));
        }
    }

    @Test
    void ts0009_6_2_2_2_everyQueryFieldIsMappedOrRefused() {
        for (String field : QUERY_FIELDS) {
            for (int i = 0; i < VALUES_PER_FIELD; i++) {
                String query = field + "=" + value();
                for (Operation op : Operation.values()) {
                    mapsOrRefuses(op + " ?" + query, () -> QueryMapping.apply(query, op, new RequestPrimitive(), NOW));
                }
            }
        }
        for (int i = 0; i < VALUES_PER_FIELD * 5; i++) {
            String query = value();
            mapsOrRefuses("?" + query, () -> QueryMapping.apply(query, Operation.RETRIEVE, new RequestPrimitive(), NOW));
        }
    }

    @Test
    void ts0009_6_2_2_1_everyPathIsMappedOrRefused() {
        for (int i = 0; i < VALUES_PER_FIELD * 5; i++) {
            String path = "/" + value();
            mapsOrRefuses("path " + path, () -> RequestTargetMapping.toParameter(path));
        }
    }

    @Test
    void theGeneratorProducesRefusals() {
        // A generator that only made harmless values would make the tests above unable to fail.
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            String query = "lim=" + value();
            try {
                QueryMapping.apply(query, Operation.RETRIEVE, new RequestPrimitive(), NOW);
            } catch (OneM2MException e) {
                refused++;
            }
        }
        assertEquals(true, refused > 100, refused + " of 200 random lim values refused");
    }

    /** A value of 0 to 40 characters, mostly from the troublesome alphabet, sometimes a well-formed prefix. */
    private String value() {
        StringBuilder b = new StringBuilder();
        if (random.nextInt(4) == 0) {
            b.append(List.of("1", "application/json", "20261204T120000", "PT5S", "Cae", "cse-in/x", "*/*;q=").get(random.nextInt(7)));
        }
        int length = random.nextInt(41);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static void mapsOrRefuses(String what, Runnable mapping) {
        try {
            mapping.run();
        } catch (OneM2MException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                fail(what + " was refused without a reason (" + e.rsc() + ")");
            }
        } catch (RuntimeException e) {
            fail(what + " made the binding throw " + e, e);
        }
    }
}
