package io.keel.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every attribute a Keel type declares, against its data type in TS-0004 (6.3.2 XML Schema types, 6.3.3 oneM2M simple
 * types, 6.3.4 enumerations, 6.3.5 complex types; the type tables of 7.4.x.1): a valid value is accepted in its JSON
 * form (numbers as numbers) and its XML text form, anything else the type does not allow is 4000 naming the attribute.
 */
class AttributeTypesTest {
    private static final boolean JSON = false;
    private static final boolean XML = true;
    private final TypeRegistry types = new TypeRegistry();

    /** What a Create must carry besides the attribute under test, per type. */
    private static Map<String, Object> mandatory(int ty, boolean xml) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (ty) {
            case ResourceTypes.AE -> {
                m.put("api", "Nx");
                m.put("rr", xml ? "true" : true);
                m.put("srv", xml ? "3" : List.of("3"));
            }
            case ResourceTypes.CONTENT_INSTANCE -> m.put("con", "x");
            case ResourceTypes.ACCESS_CONTROL_POLICY -> {
                m.put("pv", Map.of("acr", List.of()));
                m.put("pvs", Map.of("acr", List.of(Map.of("acor", List.of("Cx"), "acop", xml ? "63" : 63L))));
            }
            case ResourceTypes.GROUP -> {
                m.put("mnm", xml ? "1" : 1L);
                m.put("mid", List.of());
            }
            case ResourceTypes.SUBSCRIPTION -> m.put("nu", xml ? "Cx" : List.of("Cx"));
            default -> {
            }
        }
        return m;
    }

    /** The stored form of {@code value} given for {@code sn} in a Create of a {@code ty}. */
    private Object accepted(int ty, String sn, Object value, boolean xml) {
        ResourceType type = types.require(ty);
        Map<String, Object> attrs = mandatory(ty, xml);
        attrs.put(sn, value);
        return AttributeValidator.forCreate(type, Map.of(type.rootElement(), attrs), xml).get(sn);
    }

    private void refused(int ty, String sn, Object value, boolean xml) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> accepted(ty, sn, value, xml),
                () -> sn + " = " + value + (xml ? " (XML)" : " (JSON)") + " must be refused");
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc(), e.getMessage());
        assertTrue(e.getMessage().contains(sn), () -> "the reason names " + sn + ": " + e.getMessage());
    }

    private void refusedAll(int ty, String sn, boolean xml, Object... values) {
        for (Object v : values) {
            refused(ty, sn, v, xml);
        }
    }

    /** A read-only attribute's declared type, which a request cannot reach: what Keel's own values must satisfy. */
    private Object declared(int ty, String sn, Object value) {
        return types.require(ty).attribute(sn).type().normalize(sn, value, false);
    }

    private void declaredRefuses(int ty, String sn, Object... values) {
        for (Object v : values) {
            OneM2MException e = assertThrows(OneM2MException.class, () -> declared(ty, sn, v), () -> sn + " = " + v);
            assertTrue(e.getMessage().contains(sn), e.getMessage());
        }
    }

    // --- universal and common attributes (TS-0004 table 6.3.6-1) ---------------------------------------------------

    @Test
    void ts0004_6_3_3_resourceNameIsAlphaOrDigitThenAlphaDigitDashDotUnderscore() {
        assertEquals("123Sensor", accepted(ResourceTypes.CONTAINER, "rn", "123Sensor", JSON));
        assertEquals("my-Light.bulb_2", accepted(ResourceTypes.CONTAINER, "rn", "my-Light.bulb_2", JSON));
        assertEquals("box", accepted(ResourceTypes.CONTAINER, "rn", " box ", XML), "XML collapses white space");
        refusedAll(ResourceTypes.CONTAINER, "rn", JSON, "-x", "_x", ".x", "a b", "a/b", "", "caf\u00e9", "a:b", 5L, "x".repeat(256));
    }

    @Test
    void ts0004_6_3_3_expirationTimeIsAnM2mTimestampInBasicFormat() {
        assertEquals(Instant.parse("2099-12-31T23:59:59Z"), accepted(ResourceTypes.CONTAINER, "et", "20991231T235959", JSON));
        assertEquals(Instant.parse("2099-12-31T23:59:59.123456Z"),
                accepted(ResourceTypes.CONTAINER, "et", "20991231T235959,123456", JSON));
        assertEquals(Instant.parse("2099-12-31T23:59:59Z"), accepted(ResourceTypes.CONTAINER, "et", "\n 20991231T235959 ", XML));
        refusedAll(ResourceTypes.CONTAINER, "et", JSON, "20991231T235959Z", "20991231T235959.5", "2099-12-31T23:59:59",
                "20991231T2359", "20991231T235959,1234567", "20991231T235959,", "20991331T000000", "20990230T000000",
                20991231L, " 20991231T235959");
    }

    @Test
    void ts0004_6_3_3_labelsHoldAtLeastOneToken() {
        assertEquals(List.of("a", "b c"), accepted(ResourceTypes.CONTAINER, "lbl", List.of("a", "b c"), JSON));
        assertEquals(List.of("a", "b"), accepted(ResourceTypes.CONTAINER, "lbl", " a\tb ", XML));
        refusedAll(ResourceTypes.CONTAINER, "lbl", JSON, List.of(), "a", List.of(5L), List.of("a  b"));
    }

    @Test
    void ts0004_6_3_3_accessControlPolicyIdsAreAnAcpTypeOfAtLeastOneUri() {
        for (int ty : List.of(ResourceTypes.AE, ResourceTypes.CONTAINER, ResourceTypes.GROUP, ResourceTypes.SUBSCRIPTION)) {
            assertEquals(List.of("id-in/acp1", "//sp/id-in/acp2"), accepted(ty, "acpi", List.of("id-in/acp1", "//sp/id-in/acp2"), JSON));
            assertEquals(List.of("acp1", "acp2"), accepted(ty, "acpi", "acp1  acp2", XML));
            refusedAll(ty, "acpi", JSON, List.of(), "acp1", List.of(""), List.of("a b"), List.of(1L));
        }
    }

    @Test
    void ts0004_6_3_6_theCseSetUniversalAttributesHaveTheirTypes() {
        int cnt = ResourceTypes.CONTAINER;
        assertEquals(3L, declared(cnt, "ty", 3));
        declaredRefuses(cnt, "ty", 0L, 52L, 10006L, "3");
        assertEquals("cnt123", declared(cnt, "ri", "cnt123"));
        declaredRefuses(cnt, "ri", "", "a b");
        assertEquals("", declared(ResourceTypes.CSE_BASE, "pi", ""), "the CSEBase's parentID is empty (table 6.3.6-1)");
        assertEquals(Instant.parse("2026-01-02T03:04:05.000006Z"), declared(cnt, "ct", "20260102T030405,000006"));
        declaredRefuses(cnt, "lt", "2026-01-02");
        assertEquals(0L, declared(cnt, "st", 0L));
        declaredRefuses(cnt, "st", -1L);
        assertEquals("Cae1", declared(cnt, "cr", "Cae1"));
        for (String sn : List.of("ty", "ri", "pi", "ct", "lt", "st")) {
            refused(cnt, sn, "x", JSON);
        }
    }

    // --- XML Schema types (TS-0004 table 6.3.2-1) ------------------------------------------------------------------

    @Test
    void ts0004_6_3_2_nonNegativeIntegersAreJsonNumbersOrXmlIntegerText() {
        for (String sn : List.of("mni", "mbs", "mia")) {
            assertEquals(0L, accepted(ResourceTypes.CONTAINER, sn, 0L, JSON));
            assertEquals(7L, accepted(ResourceTypes.CONTAINER, sn, 7, JSON));
            assertEquals(7L, accepted(ResourceTypes.CONTAINER, sn, "+7", XML));
            assertEquals(7L, accepted(ResourceTypes.CONTAINER, sn, " 007\n", XML));
            assertEquals(0L, accepted(ResourceTypes.CONTAINER, sn, "-0", XML), "xs:nonNegativeInteger allows -0");
            refusedAll(ResourceTypes.CONTAINER, sn, JSON, -1L, "7", 7.0, 7.5, true, List.of(7L), BigInteger.TWO.pow(64));
            refusedAll(ResourceTypes.CONTAINER, sn, XML, "-1", "7.0", "1e3", "seven", "7 8", "0x10", "99999999999999999999");
        }
    }

    @Test
    void ts0004_6_3_2_positiveIntegersStartAtOne() {
        assertEquals(1L, accepted(ResourceTypes.SUBSCRIPTION, "exc", 1L, JSON));
        refusedAll(ResourceTypes.SUBSCRIPTION, "exc", JSON, 0L, -3L, "1");
        assertEquals(10L, accepted(ResourceTypes.GROUP, "mnm", "10", XML));
        refusedAll(ResourceTypes.GROUP, "mnm", XML, "0", "-1", "");
    }

    @Test
    void ts0004_6_3_2_booleansAreJsonBooleansOrXmlTrueFalseOneZero() {
        for (String sn : List.of("rr", "tren")) {
            assertEquals(true, accepted(ResourceTypes.AE, sn, true, JSON));
            assertEquals(true, accepted(ResourceTypes.AE, sn, "1", XML));
            assertEquals(false, accepted(ResourceTypes.AE, sn, " 0 ", XML));
            assertEquals(false, accepted(ResourceTypes.AE, sn, "false", XML));
            refusedAll(ResourceTypes.AE, sn, JSON, "true", 1L, 0L);
            refusedAll(ResourceTypes.AE, sn, XML, "TRUE", "yes", "2", "");
        }
        assertEquals(true, accepted(ResourceTypes.CONTAINER, "disr", true, JSON));
        refused(ResourceTypes.CONTAINER, "disr", "false", JSON);
        assertEquals(false, accepted(ResourceTypes.SUBSCRIPTION, "ln", "0", XML));
        refused(ResourceTypes.SUBSCRIPTION, "ln", 1L, JSON);
    }

    @Test
    void ts0004_6_3_2_stringsAreAnyTextButNotNumbersOrLists() {
        assertEquals("My app  name ", accepted(ResourceTypes.AE, "apn", "My app  name ", JSON));
        assertEquals(" kept as given ", accepted(ResourceTypes.AE, "apn", " kept as given ", XML), "xs:string preserves white space");
        assertEquals("", accepted(ResourceTypes.GROUP, "gn", "", JSON));
        refusedAll(ResourceTypes.AE, "apn", JSON, 5L, true, List.of("a"));
        refusedAll(ResourceTypes.GROUP, "gn", JSON, 5L, Map.of("a", "b"));
    }

    @Test
    void ts0004_6_3_2_anyUriAttributesAreUrisWithoutWhiteSpace() {
        Map<Integer, List<String>> uris = Map.of(ResourceTypes.AE, List.of("or", "nl"), ResourceTypes.CONTAINER, List.of("or"),
                ResourceTypes.CONTENT_INSTANCE, List.of("or"), ResourceTypes.SUBSCRIPTION, List.of("su"));
        uris.forEach((ty, names) -> {
            for (String sn : names) {
                assertEquals("http://example.org/ontology#Thing", accepted(ty, sn, "http://example.org/ontology#Thing", JSON));
                assertEquals("urn:x:y", accepted(ty, sn, " urn:x:y ", XML));
                refusedAll(ty, sn, JSON, "", "a b", "tab\tinside", 5L, List.of("u"));
            }
        });
    }

    @Test
    void ts0004_7_4_8_1_notificationUriIsAListOfAnyUri() {
        assertEquals(List.of("Cae1", "http://h:8080/n?ct=json"), accepted(ResourceTypes.SUBSCRIPTION, "nu",
                List.of("Cae1", "http://h:8080/n?ct=json"), JSON));
        assertEquals(List.of("Cae1", "Cae2"), accepted(ResourceTypes.SUBSCRIPTION, "nu", "Cae1 Cae2", XML));
        refusedAll(ResourceTypes.SUBSCRIPTION, "nu", JSON, "Cae1", List.of(""), List.of("a b"), List.of(5L));
    }

    @Test
    void ts0004_7_4_13_1_memberIdsAreAListOfAnyUriThatMayBeEmpty() {
        assertEquals(List.of(), accepted(ResourceTypes.GROUP, "mid", List.of(), JSON));
        assertEquals(List.of("cnt1", "id-in/cnt2"), accepted(ResourceTypes.GROUP, "mid", "cnt1\nid-in/cnt2", XML));
        refusedAll(ResourceTypes.GROUP, "mid", JSON, "cnt1", List.of(""), List.of("a b"));
    }

    @Test
    void ts0004_6_3_3_listOfUrisHoldsAtLeastOneUri() {
        assertEquals(List.of("id-in/x"), accepted(ResourceTypes.GROUP, "macp", List.of("id-in/x"), JSON));
        refusedAll(ResourceTypes.GROUP, "macp", JSON, "id-in/x", List.of("a b"));
        assertEquals(List.of("acp1"), accepted(ResourceTypes.GROUP, "macp", "acp1", XML));
        refusedAll(ResourceTypes.GROUP, "macp", JSON, List.of(), List.of(""));
    }

    @Test
    void ts0004_6_3_2_triggerReferenceNumberIsAnUnsignedInt() {
        assertEquals(4_294_967_295L, accepted(ResourceTypes.AE, "trn", 4_294_967_295L, JSON));
        assertEquals(0L, accepted(ResourceTypes.AE, "trn", "0", XML));
        refusedAll(ResourceTypes.AE, "trn", JSON, 4_294_967_296L, -1L, "1");
    }

    /** No list type of 6.3.3 holds a null entry: 4000, not a failure of the CSE. */
    @Test
    void ts0004_6_3_3_aListWithANullEntryIs4000() {
        List<Object> withNull = java.util.Arrays.asList("x", null);
        Map<Integer, List<String>> lists = Map.of(ResourceTypes.AE, List.of("lbl", "acpi", "poa", "csz"),
                ResourceTypes.SUBSCRIPTION, List.of("nu"), ResourceTypes.GROUP, List.of("mid", "macp"));
        lists.forEach((ty, names) -> names.forEach(sn -> refused(ty, sn, withNull, JSON)));
        for (String sn : List.of("net", "chty", "atr")) {
            refused(ResourceTypes.SUBSCRIPTION, "enc", Map.of(sn, withNull), JSON);
        }
    }

    // --- oneM2M simple types (TS-0004 table 6.3.3-1) ---------------------------------------------------------------

    @Test
    void ts0004_6_3_3_triggerRecipientIdIsAPortNumber() {
        assertEquals(65_535L, accepted(ResourceTypes.AE, "tri", 65_535L, JSON));
        assertEquals(3010L, accepted(ResourceTypes.AE, "tri", "3010", XML));
        refusedAll(ResourceTypes.AE, "tri", JSON, 65_536L, -1L, "3010");
    }

    @Test
    void ts0004_7_4_5_1_appIdIsAStringStartingWithRegisteredOrNonRegisteredPrefix() {
        assertEquals("Nmy app", accepted(ResourceTypes.AE, "api", "Nmy app", JSON));
        assertEquals("Rorg.example.app", accepted(ResourceTypes.AE, "api", "Rorg.example.app", JSON));
        refusedAll(ResourceTypes.AE, "api", JSON, "", "xapp", "napp", 5L);
    }

    @Test
    void ts0004_6_3_3_pointOfAccessListsUrisWithProtocolAndHost() {
        List<String> poa = List.of("http://172.25.0.10:8080/xyz", "coap://m2m.sp.com:5683", "mqtt://[::1]:1883", "ws://10.222.254.26:80",
                "HTTP://host.example");
        assertEquals(poa, accepted(ResourceTypes.AE, "poa", poa, JSON));
        assertEquals(List.of("http://a.example/n", "mqtt://b.example"), accepted(ResourceTypes.AE, "poa",
                "http://a.example/n mqtt://b.example", XML));
        for (String bad : List.of("10.0.0.1:8080", "http://", "http://Host.example", "http://h.example:70000", "http://a b",
                "://h", "http//h")) {
            refused(ResourceTypes.AE, "poa", List.of(bad), JSON);
        }
        refusedAll(ResourceTypes.AE, "poa", JSON, List.of(), "http://h.example");
    }

    @Test
    void ts0004_6_3_3_contentSerializationIsXmlJsonOrCbor() {
        assertEquals(List.of("json", "xml", "cbor"), accepted(ResourceTypes.AE, "csz", List.of("json", "xml", "cbor"), JSON));
        assertEquals(List.of("xml", "json"), accepted(ResourceTypes.AE, "csz", "xml json", XML));
        refusedAll(ResourceTypes.AE, "csz", JSON, List.of(), List.of("application/json"), List.of("JSON"), List.of("yaml"), "json",
                java.util.Arrays.asList("json", null), List.of(1L));
    }

    @Test
    void ts0004_6_3_3_externalIdIsLocalAtDomain() {
        assertEquals("123456789@domain.com", accepted(ResourceTypes.AE, "mei", "123456789@domain.com", JSON));
        refusedAll(ResourceTypes.AE, "mei", JSON, "123456789", "@domain", "a@", "a b@c", 5L);
    }

    @Test
    void ts0004_6_3_3_notificationEventCatIsAStandardOrUserCategory() {
        for (long ok : List.of(2L, 3L, 4L, 100L, 999L)) {
            assertEquals(ok, accepted(ResourceTypes.SUBSCRIPTION, "nec", ok, JSON));
        }
        assertEquals(101L, accepted(ResourceTypes.SUBSCRIPTION, "nec", "101", XML));
        refusedAll(ResourceTypes.SUBSCRIPTION, "nec", JSON, 0L, 1L, 5L, 99L, 1000L, "2");
    }

    // --- enumerations (TS-0004 6.3.4.2) ----------------------------------------------------------------------------

    @Test
    void ts0004_6_3_4_2_11_memberTypeIsMixedOrAListedResourceType() {
        for (long ok : List.of(0L, 1L, 3L, 29L, 51L, 10003L, 10046L, 20001L, 20003L)) {
            assertEquals(ok, accepted(ResourceTypes.GROUP, "mt", ok, JSON));
        }
        assertEquals(3L, accepted(ResourceTypes.GROUP, "mt", "3", XML));
        refusedAll(ResourceTypes.GROUP, "mt", JSON, -1L, 45L, 52L, 10005L, 10006L, 20004L, 4_294_967_299L, "3");
    }

    @Test
    void ts0004_6_3_4_2_12_consistencyStrategyIsOneToThree() {
        for (long ok : List.of(1L, 2L, 3L)) {
            assertEquals(ok, accepted(ResourceTypes.GROUP, "csy", ok, JSON));
        }
        refusedAll(ResourceTypes.GROUP, "csy", JSON, 0L, 4L, "1");
        refused(ResourceTypes.GROUP, "csy", "4", XML);
    }

    @Test
    void ts0004_6_3_4_2_17_pendingNotificationIsSendLatestOrSendAllPending() {
        assertEquals(1L, accepted(ResourceTypes.SUBSCRIPTION, "pn", 1L, JSON));
        assertEquals(2L, accepted(ResourceTypes.SUBSCRIPTION, "pn", "2", XML));
        refusedAll(ResourceTypes.SUBSCRIPTION, "pn", JSON, 0L, 3L);
    }

    @Test
    void ts0004_6_3_4_2_18_notificationContentTypeIsOneToFive() {
        for (long ok : List.of(1L, 2L, 3L, 4L, 5L)) {
            assertEquals(ok, accepted(ResourceTypes.SUBSCRIPTION, "nct", ok, JSON));
        }
        refusedAll(ResourceTypes.SUBSCRIPTION, "nct", JSON, 0L, 6L, "1");
    }

    @Test
    void ts0004_6_3_4_2_2_cseTypeAndTheRequestEnumerationsHaveTheirTables() {
        assertEquals(1L, declared(ResourceTypes.CSE_BASE, "cst", 1L));
        declaredRefuses(ResourceTypes.CSE_BASE, "cst", 0L, 4L);
        assertEquals(5L, declared(ResourceTypes.REQUEST, "op", 5L)); // m2m:operation, 6.3.4.2.5
        declaredRefuses(ResourceTypes.REQUEST, "op", 0L, 6L);
        assertEquals(3L, declared(ResourceTypes.REQUEST, "rs", 3L)); // m2m:requestStatus, 6.3.4.2.10
        declaredRefuses(ResourceTypes.REQUEST, "rs", 0L, 6L);
        assertEquals(List.of(1L, 2L, 23L), declared(ResourceTypes.CSE_BASE, "srt", List.of(1, 2, 23)));
        declaredRefuses(ResourceTypes.CSE_BASE, "srt", List.of(99L), List.of("2"));
    }

    // --- complex types (TS-0004 6.3.5) -----------------------------------------------------------------------------

    private Map<String, Object> enc(Object... nv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nv.length; i += 2) {
            m.put((String) nv[i], nv[i + 1]);
        }
        return m;
    }

    @Test
    void ts0004_6_3_5_7_eventNotificationCriteriaElementByElement() {
        int sub = ResourceTypes.SUBSCRIPTION;
        assertEquals(enc("crb", "20991231T235959,000000", "exa", "20200101T000000,500000", "sts", 1L, "stb", 0L, "sza", 0L,
                        "szb", 1L, "atr", List.of("lbl", "con"), "net", List.of(1L, 3L), "chty", List.of(3L, 4L), "fo", 2L),
                accepted(sub, "enc", enc("crb", "20991231T235959", "exa", "20200101T000000,5", "sts", 1L, "stb", 0L, "sza", 0L,
                        "szb", 1L, "atr", List.of("lbl", "con"), "net", List.of(1L, 3L), "chty", List.of(3L, 4L), "fo", 2L), JSON));
        assertEquals(enc("net", List.of(3L), "chty", List.of(3L, 4L), "atr", List.of("rn"), "sts", 5L),
                accepted(sub, "enc", enc("net", "3", "chty", "3 4", "atr", "rn", "sts", "5"), XML));
        for (Map<String, Object> bad : List.of(enc("sts", 0L), enc("szb", 0L), enc("stb", -1L), enc("sza", "1"),
                enc("crb", "2099-12-31"), enc("ms", 20991231L), enc("atr", List.of()), enc("atr", List.of("a:b")),
                enc("atr", List.of("1x")), enc("net", List.of(0L)), enc("net", List.of(9L)), enc("net", 1L),
                enc("net", List.of(1L, 2L, 3L, 4L, 1L, 2L)), enc("chty", List.of(99L)), enc("fo", 3L), enc("md", Map.of()),
                enc("zz", 1L))) {
            refused(sub, "enc", bad, JSON);
        }
        refused(sub, "enc", enc("net", "1 3"), XML);
        // Every defined event type is well-formed here; whether the subscribed-to resource raises it is the subscription's rule.
        assertEquals(enc("net", List.of(5L, 6L)), accepted(sub, "enc", enc("net", List.of(5L, 6L)), JSON));
        // operationMonitor (TS-0004 table 6.3.5.57-1): ops and/or or, at least one; in XML one element.
        assertEquals(enc("om", List.of(enc("ops", 6L, "or", "Cae1"), enc("or", "Cae2"))),
                accepted(sub, "enc", enc("om", List.of(enc("ops", 6L, "or", "Cae1"), enc("or", "Cae2"))), JSON));
        assertEquals(enc("om", List.of(enc("ops", 2L))), accepted(sub, "enc", enc("om", enc("ops", "2")), XML));
        for (Object bad : List.of(List.of(), List.of(Map.of()), List.of(enc("op", 1L)), List.of(enc("ops", 64L)), List.of(enc("or", 3L)))) {
            refused(sub, "enc", enc("om", bad), JSON);
        }
    }

    @Test
    void ts0004_6_3_5_6_batchNotifyHasAnOptionalNumberAndDuration() {
        int sub = ResourceTypes.SUBSCRIPTION;
        assertEquals(Map.of(), accepted(sub, "bn", Map.of(), JSON), "present and empty: the default duration applies");
        assertEquals(Map.of("num", 0L), accepted(sub, "bn", Map.of("num", 0L), JSON));
        assertEquals(Map.of("dur", "PT30S"), accepted(sub, "bn", Map.of("dur", "PT30S"), JSON));
        assertEquals(enc("num", 5L, "dur", "PT24H"), accepted(sub, "bn", enc("num", 5L, "dur", "P1D"), JSON));
        assertEquals(enc("num", 5L, "dur", "PT1.5S"), accepted(sub, "bn", enc("num", "5", "dur", " PT1.5S "), XML));
        for (Map<String, Object> bad : List.of(enc("num", -1L), enc("num", "5"), enc("dur", 30L), enc("dur", "30s"), enc("dur", "P"),
                enc("dur", "PT"), enc("dur", "pt30s"), enc("dur", "P1W"), enc("dur", "PT1,5S"), enc("dur", "PT0S"), enc("dur", "-PT5S"),
                enc("dur", "P99999999999999999999Y"), enc("dur", "P9999999999999999Y"), enc("x", 1L))) {
            refused(sub, "bn", bad, JSON);
        }
    }

    @Test
    void ts0004_6_3_5_31_rateLimitHasBothANumberAndATimeWindow() {
        int sub = ResourceTypes.SUBSCRIPTION;
        assertEquals(enc("mnn", 2L, "tww", "PT1S"), accepted(sub, "rl", enc("mnn", 2L, "tww", "PT1S"), JSON));
        assertEquals(enc("mnn", 10000L, "tww", "PT1M"), accepted(sub, "rl", enc("mnn", "10000", "tww", "PT60S"), XML));
        for (Map<String, Object> bad : List.of(enc("mnn", 2L), enc("tww", "PT1S"), enc("mnn", -1L, "tww", "PT1S"),
                enc("mnn", 0L, "tww", "PT1S"), enc("mnn", 2L, "tww", 60L), enc("mnn", 2L, "tww", "PT1S", "x", 1L))) {
            refused(sub, "rl", bad, JSON);
        }
    }

    @Test
    void ts0004_6_3_5_67_specializationTypeIsContainerOrMgmtDefinition() {
        int grp = ResourceTypes.GROUP;
        assertEquals(Map.of("cnd", "org.onem2m.common.moduleclass.temperature"),
                accepted(grp, "spty", Map.of("cnd", "org.onem2m.common.moduleclass.temperature"), JSON));
        assertEquals(Map.of("mgd", 1001L), accepted(grp, "spty", Map.of("mgd", 1001L), JSON));
        assertEquals(Map.of("mgd", 0L), accepted(grp, "spty", Map.of("mgd", "0"), XML));
        for (Object bad : List.of("org.onem2m.x", Map.of(), enc("cnd", "x", "mgd", 1001L), Map.of("mgd", 999L), Map.of("mgd", 1027L),
                Map.of("cnd", "a b"), Map.of("cnd", 5L), Map.of("zz", "x"))) {
            refused(grp, "spty", bad, JSON);
        }
    }

    @Test
    void ts0004_6_3_5_27_accessControlRulesElementByElement() {
        int acp = ResourceTypes.ACCESS_CONTROL_POLICY;
        Map<String, Object> rule = enc("acor", "Cae1 Cae2", "acop", " 34 ", "acco", enc("actw", "* * 8-17 * * 1-5 *",
                "acip", enc("ipv4", "10.0.0.0/8 192.168.1.1", "ipv6", "::1")), "acaf", "1");
        assertEquals(Map.of("acr", List.of(enc("acor", List.of("Cae1", "Cae2"), "acop", 34L, "acco", List.of(enc("actw",
                        List.of("* * 8-17 * * 1-5 *"), "acip", enc("ipv4", List.of("10.0.0.0/8", "192.168.1.1"), "ipv6", List.of("::1")))),
                        "acaf", true))),
                accepted(acp, "pv", Map.of("acr", rule), XML));
        List<Map<String, Object>> bad = new ArrayList<>(List.of(enc("acop", 63L), enc("acor", List.of(), "acop", 63L),
                enc("acor", List.of("a b"), "acop", 63L), enc("acor", List.of("C1"), "acop", 0L),
                enc("acor", List.of("C1"), "acop", 64L), enc("acor", List.of("C1"), "acop", "63"),
                enc("acor", List.of("C1"), "acop", 63L, "acaf", "true"),
                enc("acor", List.of("C1"), "acop", 63L, "acco", List.of(enc("actw", List.of("not a schedule")))),
                enc("acor", List.of("C1"), "acop", 63L, "acco", List.of(enc("acip", enc("ipv4", List.of("300.1.1.1"))))),
                enc("acor", List.of("C1"), "acop", 63L, "acco", List.of(enc("acip", enc("ipv6", List.of("10.0.0.1"))))),
                enc("acor", List.of("C1"), "acop", 63L, "zz", 1L)));
        for (Map<String, Object> r : bad) {
            refused(acp, "pv", Map.of("acr", List.of(r)), JSON);
        }
    }
}
