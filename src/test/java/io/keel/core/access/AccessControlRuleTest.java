package io.keel.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.serialization.ContentCodec;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rule matching (TS-0004 7.3.3.15, 6.3.5.27): acor names the originator (exact, {@code *} wildcard,
 * {@code all}), acop has the permission's bit, and one of the acco contexts holds.
 */
class AccessControlRuleTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:30:00Z");
    private static final Requester AE1_LOCAL = new Requester("Cae1", "127.0.0.1", NOW);

    /** The single rule of a pv given as JSON, read the way the policy stores it. */
    private static AccessControlRule rule(String json) {
        Object pv = SetOfAcrs.normalize("pv", ContentCodec.fromJson(json), false);
        List<AccessControlRule> rules = SetOfAcrs.rules(ContentCodec.fromJson(ContentCodec.toJson(pv)), UnaryOperator.identity());
        assertEquals(1, rules.size());
        return rules.get(0);
    }

    private static AccessControlRule originators(String acor) {
        return rule("{\"acr\":[{\"acor\":" + acor + ",\"acop\":63}]}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[\"Cae1\"]                | Cae1 | true",
            "[\"Cae1\"]                | Cae2 | false",
            "[\"Cae1\"]                | Cae  | false",
            "[\"Cae2\", \"Cae1\"]      | Cae1 | true",
            "[\"Cae*\"]                | Cae1 | true",
            "[\"Cae*\"]                | Sae1 | false",
            "[\"*1\"]                  | Cae1 | true",
            "[\"C*e*\"]                | Cxyze9 | true",
            "[\"C.e1\"]                | Cae1 | false",
            "[\"all\"]                 | Sanything | true",
            "[\"All\"]                 | Cae1 | false"})
    void ts0004_7_3_3_15_acorNamesTheOriginator(String acor, String originator, boolean granted) {
        assertEquals(granted, originators(acor).grants(new Requester(originator, null, NOW), Permission.RETRIEVE));
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void ts0004_7_3_3_15_acopBitsGrantOnlyTheirOperation(Permission p) {
        for (Permission q : Permission.values()) {
            AccessControlRule r = rule("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":" + q.bit() + "}]}");
            assertEquals(p == q, r.grants(AE1_LOCAL, p), "acop " + q.bit() + " for " + p);
        }
        assertTrue(rule("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":63}]}").grants(AE1_LOCAL, p));
    }

    @Test
    void ts0004_7_3_3_15_acopIsASumOfBits() {
        AccessControlRule rd = rule("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":34}]}"); // R + Discovery
        assertTrue(rd.grants(AE1_LOCAL, Permission.RETRIEVE));
        assertTrue(rd.grants(AE1_LOCAL, Permission.DISCOVERY));
        assertFalse(rd.grants(AE1_LOCAL, Permission.CREATE));
        assertFalse(rd.grants(AE1_LOCAL, Permission.UPDATE));
        assertFalse(rd.grants(AE1_LOCAL, Permission.DELETE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"actw\":[\"* * * * * * 2026\"]}                              | true",
            "{\"actw\":[\"* * * * * * 2020\"]}                              | false",
            "{\"actw\":[\"* * * * * * 2020\", \"* * 6 * * * *\"]}           | true",
            "{\"acip\":{\"ipv4\":[\"127.0.0.0/8\"]}}                        | true",
            "{\"acip\":{\"ipv4\":[\"10.0.0.0/8\"]}}                         | false",
            "{\"acip\":{\"ipv6\":[\"::1\"]}}                                | false",
            "{\"acip\":{\"ipv4\":[\"10.0.0.1\"], \"ipv6\":[\"::1\"]}}       | false",
            "{\"acip\":{\"ipv4\":[\"10.0.0.1\", \"127.0.0.1\"]}}            | true",
            "{\"actw\":[\"* * * * * * 2026\"], \"acip\":{\"ipv4\":[\"127.0.0.1\"]}} | true",
            "{\"actw\":[\"* * * * * * 2020\"], \"acip\":{\"ipv4\":[\"127.0.0.1\"]}} | false",
            "{\"actw\":[\"* * * * * * 2026\"], \"acip\":{\"ipv4\":[\"10.0.0.1\"]}}  | false",
            "{}                                                             | true"})
    void ts0004_7_3_3_15_everyCriterionOfAContextMustHold(String context, boolean granted) {
        AccessControlRule r = rule("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[" + context + "]}]}");
        assertEquals(granted, r.grants(AE1_LOCAL, Permission.RETRIEVE));
    }

    @Test
    void ts0004_7_3_3_15_oneOfSeveralContextsIsEnough() {
        AccessControlRule r = rule("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":["
                + "{\"acip\":{\"ipv4\":[\"10.0.0.0/8\"]}},{\"acip\":{\"ipv4\":[\"127.0.0.1\"]}}]}]}");
        assertTrue(r.grants(AE1_LOCAL, Permission.RETRIEVE));
        assertFalse(r.grants(new Requester("Cae1", "192.168.0.1", NOW), Permission.RETRIEVE));
    }

    @Test
    void ts0004_7_3_3_15_anAddressContextDeniesWhenTheAddressIsUnknown() {
        AccessControlRule r = rule("{\"acr\":[{\"acor\":[\"Cae1\"],\"acop\":2,\"acco\":[{\"acip\":{\"ipv4\":[\"0.0.0.0/0\"]}}]}]}");
        assertFalse(r.grants(new Requester("Cae1", null, NOW), Permission.RETRIEVE));
    }

    @Test
    void ts0001_9_6_2_5_aRuleDemandingAuthenticationGrantsNothingWithoutIt() {
        assertFalse(rule("{\"acr\":[{\"acor\":[\"all\"],\"acop\":63,\"acaf\":true}]}").grants(AE1_LOCAL, Permission.RETRIEVE));
        assertTrue(rule("{\"acr\":[{\"acor\":[\"all\"],\"acop\":63,\"acaf\":true}]}")
                .grants(new Requester("Cae1", "127.0.0.1", NOW, true), Permission.RETRIEVE));
        assertTrue(rule("{\"acr\":[{\"acor\":[\"all\"],\"acop\":63,\"acaf\":false}]}").grants(AE1_LOCAL, Permission.RETRIEVE));
    }

    @Test
    void ts0001_9_6_2_5_withoutAcafARuleHoldsForAnUnauthenticatedOriginatorToo() {
        assertTrue(rule("{\"acr\":[{\"acor\":[\"all\"],\"acop\":63}]}").grants(AE1_LOCAL, Permission.RETRIEVE));
    }

    @Test
    void ts0004_7_3_3_15_acorEntriesAreComparedInTheCseRelativeForm() {
        Object pv = SetOfAcrs.normalize("pv", ContentCodec.fromJson("{\"acr\":[{\"acor\":[\"/id-in/Cae1\"],\"acop\":2}]}"), false);
        UnaryOperator<String> local = id -> id.startsWith("/id-in/") ? id.substring("/id-in/".length()) : id;
        assertTrue(SetOfAcrs.rules(pv, local).get(0).grants(AE1_LOCAL, Permission.RETRIEVE));
    }
}
