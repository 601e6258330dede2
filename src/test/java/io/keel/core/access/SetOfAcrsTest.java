package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.ContentCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shapes of pv/pvs (setOfAcrs, TS-0004 6.3.5.26, 6.3.5.27): what is accepted, and a readable 4000 for everything else.
 */
class SetOfAcrsTest {
    private static Object normalize(String json) {
        return SetOfAcrs.normalize("pv", ContentCodec.fromJson(json), false);
    }

    @Test
    void ts0004_7_4_2_aFullRuleIsKeptAsGiven() {
        String json = "{\"acr\":[{\"acor\":[\"Cae1\",\"all\"],\"acop\":35,\"acco\":[{\"actw\":[\"* * 8-17 * * 1-5 *\"],"
                + "\"acip\":{\"ipv4\":[\"10.0.0.0/8\"],\"ipv6\":[\"2001:db8::/32\"]}}],\"acaf\":false}]}";
        assertEquals(ContentCodec.fromJson(json), normalize(json));
    }

    @Test
    void ts0004_table_7_4_9_1_4_actwTakesStepsLikeEveryScheduleEntry() {
        String json = "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"actw\":[\"* */15 0-23/2 * * * *\"]}]}]}";
        assertEquals(ContentCodec.fromJson(json), normalize(json));
    }

    /** Sunday as 7 was accepted once; a stored window the format refuses now grants nothing instead of failing. */
    @Test
    void aStoredTimeWindowOutsideTheFormatNeverHolds() {
        Object stored = ContentCodec.fromJson("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"actw\":[\"* * * * * 7 *\"]}]}]}");
        AccessControlRule rule = SetOfAcrs.rules(stored, id -> id).get(0);
        java.time.Instant sunday = java.time.Instant.parse("2026-11-29T00:10:00Z");
        assertEquals(false, rule.grants(new Requester("Cae1", "127.0.0.1", sunday), Permission.RETRIEVE));
    }

    @Test
    void ts0004_7_3_3_15_aclrHoldsForAnOriginatorInsideTheRegionOnly() {
        Object stored = normalize("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"aclr\":{\"accr\":[48.1374, 11.5755, 5000]}}]}]}");
        AccessControlRule rule = SetOfAcrs.rules(stored, id -> id).get(0);
        java.time.Instant now = java.time.Instant.parse("2026-11-29T00:10:00Z");
        org.locationtech.jts.geom.GeometryFactory geo = new org.locationtech.jts.geom.GeometryFactory();
        java.util.function.Function<double[], Requester> at = lonLat -> new Requester("Cae1", null, now, false, g -> false, null,
                () -> lonLat == null ? null : geo.createPoint(new org.locationtech.jts.geom.Coordinate(lonLat[0], lonLat[1])));
        assertEquals(true, rule.grants(at.apply(new double[] {11.58, 48.14}), Permission.RETRIEVE));
        assertEquals(false, rule.grants(at.apply(new double[] {13.40, 52.52}), Permission.RETRIEVE));
        // TS-0003 F.2.1: a Hosting CSE that does not know where the originator is denies.
        assertEquals(false, rule.grants(at.apply(null), Permission.RETRIEVE));
        assertEquals(false, rule.grants(new Requester("Cae1", null, now), Permission.RETRIEVE));
        // The position is asked for only when the rest of the rule matched.
        assertEquals(false, rule.grants(new Requester("Cae2", null, now, false, g -> false, null, () -> {
            throw new AssertionError("looked up");
        }), Permission.RETRIEVE));
    }

    @Test
    void ts0004_7_4_2_anEmptySetIsAllowed() {
        assertEquals(Map.of("acr", List.of()), normalize("{\"acr\":[]}"));
        assertEquals(Map.of("acr", List.of()), normalize("{}"));
    }

    @Test
    void ts0004_7_4_2_xmlTextIsCoerced() {
        Object xml = Map.of("acr", Map.of("acor", "Cae1 Cae2", "acop", "3", "acaf", "true",
                "acco", Map.of("actw", "* * * * * * *", "acip", Map.of("ipv4", "127.0.0.1"), "aclr", Map.of("accc", "KR JP"))));
        Object normalized = SetOfAcrs.normalize("pv", xml, true);
        assertEquals(ContentCodec.fromJson("{\"acr\":[{\"acor\":[\"Cae1\",\"Cae2\"],\"acop\":3,\"acco\":[{\"actw\":[\"* * * * * * *\"],"
                + "\"acip\":{\"ipv4\":[\"127.0.0.1\"]},\"aclr\":{\"accc\":[\"JP\",\"KR\"]}}],\"acaf\":true}]}"), normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]                                                        | must be an object",
            "\"x\"                                                     | must be an object",
            "{\"acr\":{}}                                              | must be a list",
            "{\"acr\":[], \"x\":1}                                     | unknown element x",
            "{\"acr\":[1]}                                             | must be an object",
            "{\"acr\":[{\"acop\":2}]}                                  | needs acor",
            "{\"acr\":[{\"acor\":\"Cae1\",\"acop\":2}]}                | acor must be a list",
            "{\"acr\":[{\"acor\":[],\"acop\":2}]}                      | acor must not be empty",
            "{\"acr\":[{\"acor\":[\"a b\"],\"acop\":2}]}               | without spaces",
            "{\"acr\":[{\"acor\":[1],\"acop\":2}]}                     | without spaces",
            "{\"acr\":[{\"acor\":[\"Cae1\"]}]}                         | acop must be an integer 1-63",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":0}]}              | acop must be an integer 1-63",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":64}]}             | acop must be an integer 1-63",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":\"2\"}]}          | acop must be an integer 1-63",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acaf\":1}]}   | acaf must be a boolean",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"x\":1}]}      | unknown element x",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":{}}]}  | acco must be a list",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"actw\":\"* * * * * * *\"}]}]}   | actw must be a list",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"actw\":[\"* * 25 * * * *\"]}]}]} | field hour has 25, outside 0-23",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"acip\":[]}]}]}                  | acip must be an object",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"acip\":{\"ipv4\":[\"::1\"]}}]}]}  | not an ipv4 address",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"acip\":{\"ipv5\":[]}}]}]}       | unknown element ipv5",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"when\":[]}]}]}                  | unknown element when",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"aclr\":{\"accc\":[\"de\"]}}]}]}    | acr[0].acco[0].aclr.accc holds de",
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"aclr\":{\"accr\":[1,2]}}]}]}      | acr[0].acco[0].aclr.accr must be a list of three numbers"})
    void ts0004_7_4_2_badShapesAreBadRequests(String json, String reason) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> normalize(json));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
