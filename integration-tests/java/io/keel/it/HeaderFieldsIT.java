package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** TS-0009 6.4: the header fields, both ways, and the request checks the binding answers itself. */
class HeaderFieldsIT extends KeelIT {
    @Test
    void clause6_4_8_requestIdentifierIsEchoed() {
        Reply r = cse.get("/cse-in").header("X-M2M-RI", "echo-me-42").send();
        assertEquals("echo-me-42", r.header("X-M2M-RI"));
        assertEquals("2000", r.header("X-M2M-RSC"));
    }

    @Test
    void clause6_4_8_missingRequestIdentifierIs4000() {
        Reply r = cse.get("/cse-in").header("X-M2M-RI", null).send();
        assertEquals(400, r.status());
        assertEquals(4000, r.rsc());
        assertTrue(r.json().path("m2m:dbg").asText().contains("X-M2M-RI"), r.text());
    }

    @Test
    void clause5_1_headerNamesAreCaseInsensitive() {
        Reply r = cse.get("/cse-in").header("X-M2M-Origin", null).header("X-M2M-RI", null).header("X-M2M-RVI", null)
                .header("x-m2m-origin", "CAdmin").header("X-m2m-Ri", "lower-1").header("x-M2M-rvi", "3").send();
        assertEquals(200, r.status(), r.text());
        assertEquals("lower-1", r.header("X-M2M-RI"));
    }

    @Test
    void clause6_4_22_releaseVersionIsSentAndUnsupportedOnesAre4001() {
        assertEquals("3", cse.get("/cse-in").send().header("X-M2M-RVI"));
        assertEquals("2a", cse.get("/cse-in").header("X-M2M-RVI", "2a").send().header("X-M2M-RVI"));
        Reply unsupported = cse.get("/cse-in").header("X-M2M-RVI", "6").send();
        assertEquals(501, unsupported.status());
        assertEquals(4001, unsupported.rsc());
        assertNotNull(unsupported.header("X-M2M-RVI"));
        assertEquals(4001, cse.get("/cse-in").header("X-M2M-RVI", "banana").send().rsc());
    }

    /** TS-0004 7.3.2.1: without X-M2M-RVI the request is a Release 1 one, and its answer carries no X-M2M-RVI. */
    @Test
    void clause6_4_22_aRequestWithoutReleaseVersionIsARelease1OneAnsweredWithoutIt() {
        Reply missing = cse.get("/cse-in").header("X-M2M-RVI", null).header("X-M2M-VSI", "acme").send();
        assertEquals(200, missing.status(), missing.text());
        assertEquals(2000, missing.rsc());
        assertNull(missing.header("X-M2M-RVI"));
        assertNull(missing.header("X-M2M-VSI"));
    }

    @Test
    void clause6_4_23_vendorInformationIsEchoed() {
        assertEquals("acme-1", cse.get("/cse-in").header("X-M2M-VSI", "acme-1").send().header("X-M2M-VSI"));
        assertNull(cse.get("/cse-in").send().header("X-M2M-VSI"));
    }

    @Test
    void clause6_4_12_originatingTimestampIsAnsweredWithTheCsesOwn() {
        Reply r = cse.get("/cse-in").header("X-M2M-OT", Times.format(Instant.now())).send();
        assertTrue(r.header("X-M2M-OT").matches("\\d{8}T\\d{6},\\d{6}"), r.header("X-M2M-OT"));
        assertEquals(4000, cse.get("/cse-in").header("X-M2M-OT", "yesterday").send().rsc());
    }

    @Test
    void clause6_4_14_expiredRequestIs4008() {
        Reply r = cse.get("/cse-in").header("X-M2M-RET", Times.format(Instant.now().minusSeconds(5))).send();
        assertEquals(504, r.status());
        assertEquals(4008, r.rsc());
        Reply relative = cse.get("/cse-in").header("X-M2M-RET", "-1000").send();
        assertEquals(4008, relative.rsc());
        assertEquals(200, cse.get("/cse-in").header("X-M2M-RET", "60000").send().status());
    }

    @Test
    void clause6_4_7_missingOriginatorIs4000() {
        Reply r = cse.get("/cse-in").from(null).send();
        assertEquals(400, r.status());
        assertEquals(4000, r.rsc());
    }

    @Test
    void clause6_4_16_invalidEventCategoryIs4000() {
        assertEquals(4000, cse.get("/cse-in").header("X-M2M-EC", "7").send().rsc());
        assertEquals(200, cse.get("/cse-in").header("X-M2M-EC", "2").send().status());
    }

    @Test
    void clause6_4_4_contentLocationOnCreate() {
        String aeName = OneM2MClient.unique("loc");
        String ae = cse.registerAe("C" + OneM2MClient.unique("loc"), aeName);
        Reply r = cse.create("/" + ae + "?rcn=2", 3, "{\"m2m:cnt\":{\"rn\":\"here\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        assertEquals("cse-in/" + aeName + "/here", r.json().path("m2m:uri").asText());
        String location = r.header("Content-Location");
        assertTrue(location.endsWith("/cse-in/" + aeName + "/here"), location);
        assertEquals(200, cse.get(location.substring(location.indexOf("/cse-in"))).from(ae).send().status());
    }

    @Test
    void clause6_4_5_contentLengthMatchesTheBody() {
        Reply r = cse.get("/cse-in").send();
        assertEquals(String.valueOf(r.response().body().length), r.header("Content-Length"));
    }

    @Test
    void clause6_4_6_retrieveCarriesAStrongEtag() {
        Reply r = cse.get("/cse-in").send();
        assertTrue(r.header("ETag").matches("\"[^\"]+\""), r.header("ETag"));
    }

    @Test
    void clause6_3_2_errorsCarryAReadableDebugMessage() {
        Reply r = cse.get("/cse-in/noSuchThing").send();
        assertEquals(404, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertTrue(r.json().path("m2m:dbg").asText().contains("not found"), r.text());
    }

    @Test
    void clause6_2_1_unmappedMethodIs4005() {
        Reply r = cse.method("PATCH", "/cse-in").send();
        assertEquals(405, r.status());
        assertEquals(4005, r.rsc());
    }

    @Test
    void clause6_2_1_postWithoutTyIsNotify() {
        Reply r = cse.method("POST", "/cse-in").json("{\"m2m:sgn\":{\"vrq\":true,\"sur\":\"/id-in/sub1\"}}").send();
        assertEquals(2000, r.rsc(), r.text());
        assertEquals(200, r.status());
        // Without ty a resource body is not a Create: the Notify refuses it and nothing is stored.
        Reply notCreate = cse.method("POST", "/cse-in").json("{\"m2m:cnt\":{\"rn\":\"notCreated\"}}").send();
        assertEquals(4000, notCreate.rsc(), notCreate.text());
        assertEquals(4004, cse.get("/cse-in/notCreated").send().rsc());
    }
}
