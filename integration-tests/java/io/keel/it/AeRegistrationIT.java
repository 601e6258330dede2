package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.Test;

/** AE registration: TS-0001 10.2.2.2, TS-0004 7.4.5.2.1. */
class AeRegistrationIT extends KeelIT {
    private Reply register(String originator, String body) {
        return cse.create("/cse-in", 2, body).from(originator).send();
    }

    private static String ae(String rn) {
        return "{\"m2m:ae\":{\"rn\":\"" + rn + "\",\"api\":\"Nkeel.test\",\"rr\":true,\"srv\":[\"3\"],\"poa\":[\"http://127.0.0.1:9/n\"]}}";
    }

    @Test
    void ts0001_10_2_2_2_absentOriginatorGetsANewCStem() {
        Reply r = register(null, ae(OneM2MClient.unique("anon")));
        assertEquals(201, r.status(), r.text());
        String aei = r.json().path("m2m:ae").path("aei").asText();
        assertTrue(aei.startsWith("C") && aei.length() > 1, aei);
        assertEquals(aei, r.json().path("m2m:ae").path("ri").asText());
        assertEquals("id-in", r.json().path("m2m:ae").path("pi").asText());
    }

    @Test
    void ts0001_10_2_2_2_emptyOriginatorGetsANewCStem() {
        Reply r = register("", ae(OneM2MClient.unique("empty")));
        assertEquals(201, r.status(), r.text());
        assertTrue(r.json().path("m2m:ae").path("aei").asText().startsWith("C"));
    }

    @Test
    void ts0001_10_2_2_2_originatorCGetsANewCStemEachTime() {
        String a = register("C", ae(OneM2MClient.unique("c1"))).json().path("m2m:ae").path("aei").asText();
        String b = register("C", ae(OneM2MClient.unique("c2"))).json().path("m2m:ae").path("aei").asText();
        assertTrue(a.startsWith("C") && b.startsWith("C"));
        assertNotEquals(a, b);
    }

    @Test
    void ts0001_10_2_2_2_originatorSGetsAnSStem() {
        Reply r = register("S", ae(OneM2MClient.unique("s")));
        assertEquals(201, r.status(), r.text());
        assertTrue(r.json().path("m2m:ae").path("aei").asText().startsWith("S"));
    }

    @Test
    void ts0001_10_2_2_2_aCompleteStemIsKeptAndAddressable() {
        String stem = "C" + OneM2MClient.unique("stem");
        String rn = OneM2MClient.unique("named");
        Reply r = register(stem, ae(rn));
        assertEquals(201, r.status(), r.text());
        assertEquals(stem, r.json().path("m2m:ae").path("aei").asText());
        assertEquals(200, cse.get("/" + stem).from(stem).send().status());
        assertEquals(200, cse.get("/cse-in/" + rn).from(stem).send().status());
    }

    @Test
    void ts0004_7_4_5_2_1_reRegistrationIs4117() {
        String stem = "C" + OneM2MClient.unique("twice");
        assertEquals(201, register(stem, ae(OneM2MClient.unique("first"))).status());
        Reply again = register(stem, ae(OneM2MClient.unique("second")));
        assertEquals(403, again.status());
        assertEquals(4117, again.rsc());
    }

    @Test
    void ts0001_10_1_1_2_2_originatorOutsideTheAllowedPatternsIs4126() {
        Reply r = register("Xstranger", ae(OneM2MClient.unique("x")));
        assertEquals(403, r.status());
        assertEquals(4126, r.rsc());
    }

    @Test
    void ts0004_7_4_5_2_1_apiMustStartWithRorN() {
        Reply r = register("C", "{\"m2m:ae\":{\"api\":\"bad\",\"rr\":true,\"srv\":[\"3\"]}}");
        assertEquals(400, r.status());
        assertEquals(4000, r.rsc());
        assertTrue(r.json().path("m2m:dbg").asText().contains("api"), r.text());
    }

    /** TS-0001 table 7.2-1: a registered App-ID may start with 'r' until Release 3; from Release 4 on only 'R'. */
    @Test
    void ts0001_7_2_aLowerCaseRegisteredAppIdIsRefusedFromRelease4On() {
        String lower = "{\"m2m:ae\":{\"api\":\"ra01.com.example.app\",\"rr\":true,\"srv\":[\"3\",\"4\"]}}";
        Reply release4 = cse.create("/cse-in", 2, lower).from("C").header("X-M2M-RVI", "4").send();
        assertEquals(4000, release4.rsc(), release4.text());
        assertTrue(release4.json().path("m2m:dbg").asText().contains("api"), release4.text());
        Reply release3 = cse.create("/cse-in", 2, lower).from("C").header("X-M2M-RVI", "3").send();
        assertEquals(201, release3.status(), release3.text());
        Reply upper = cse.create("/cse-in", 2, lower.replace("ra01", "Ra01")).from("C").header("X-M2M-RVI", "4").send();
        assertEquals(201, upper.status(), upper.text());
    }

    @Test
    void ts0004_7_3_3_3_missingMandatoryAttributesAre4000() {
        for (String body : new String[] {
                "{\"m2m:ae\":{\"rr\":true,\"srv\":[\"3\"]}}",
                "{\"m2m:ae\":{\"api\":\"Nx\",\"srv\":[\"3\"]}}",
                "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":true}}"}) {
            Reply r = register("C", body);
            assertEquals(4000, r.rsc(), body);
            assertTrue(r.json().path("m2m:dbg").asText().contains("missing"), r.text());
        }
    }

    @Test
    void ts0004_7_3_3_3_wrongTypesUnknownAndReadOnlyAttributesAre4000() {
        String[] bodies = {
                "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":\"yes\",\"srv\":[\"3\"]}}",
                "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":true,\"srv\":[\"9\"]}}",
                "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":true,\"srv\":[\"3\"],\"foo\":1}}",
                "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":true,\"srv\":[\"3\"],\"ri\":\"mine\"}}",
                "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":true,\"srv\":[\"3\"],\"poa\":[\"not a uri\"]}}",
                "{\"m2m:cnt\":{}}"};
        for (String body : bodies) {
            Reply r = register("C", body);
            assertEquals(400, r.status(), body + " → " + r.text());
            assertEquals(4000, r.rsc(), body);
        }
    }

    @Test
    void ts0004_7_4_5_1_anAeCanOnlyBeCreatedUnderTheCseBase() {
        String stem = cse.registerAe("C" + OneM2MClient.unique("parent"), OneM2MClient.unique("parent"));
        Reply r = cse.create("/" + stem, 2, ae(OneM2MClient.unique("child"))).from("C").send();
        assertEquals(403, r.status());
        assertEquals(4108, r.rsc());
    }

    @Test
    void ts0004_7_4_5_2_4_deregistrationDeletesTheSubtree() {
        String stem = cse.registerAe("C" + OneM2MClient.unique("bye"), OneM2MClient.unique("bye"));
        assertEquals(201, cse.create("/" + stem, 3, "{\"m2m:cnt\":{\"rn\":\"data\"}}").from(stem).send().status());
        Reply del = cse.delete("/" + stem).from(stem).send();
        assertEquals(200, del.status());
        assertEquals(2002, del.rsc());
        assertEquals(404, cse.get("/" + stem).send().status());
        // The same AE-ID may register again once de-registered.
        assertEquals(201, register(stem, ae(OneM2MClient.unique("again"))).status());
    }
}
