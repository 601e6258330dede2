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
    void ts0004_7_4_2_anEmptySetIsAllowed() {
        assertEquals(Map.of("acr", List.of()), normalize("{\"acr\":[]}"));
        assertEquals(Map.of("acr", List.of()), normalize("{}"));
    }

    @Test
    void ts0004_7_4_2_xmlTextIsCoerced() {
        Object xml = Map.of("acr", Map.of("acor", "Cae1 Cae2", "acop", "3", "acaf", "true",
                "acco", Map.of("actw", "* * * * * * *", "acip", Map.of("ipv4", "127.0.0.1"))));
        Object normalized = SetOfAcrs.normalize("pv", xml, true);
        assertEquals(ContentCodec.fromJson("{\"acr\":[{\"acor\":[\"Cae1\",\"Cae2\"],\"acop\":3,\"acco\":[{\"actw\":[\"* * * * * * *\"],"
                + "\"acip\":{\"ipv4\":[\"127.0.0.1\"]}}],\"acaf\":true}]}"), normalized);
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
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"when\":[]}]}]}                  | unknown element when"})
    void ts0004_7_4_2_badShapesAreBadRequests(String json, String reason) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> normalize(json));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"aclr\":{\"accc\":[\"de\"]}}]}]}"})
    void ts0004_7_4_2_whatThisCseCannotEvaluateIsNotImplemented(String json) {
        assertEquals(ResponseStatusCode.NOT_IMPLEMENTED, assertThrows(OneM2MException.class, () -> normalize(json)).rsc());
    }
}
