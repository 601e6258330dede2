package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Universal and common attributes and their rules (TS-0004 6.3.6, 7.3.2.1, 7.3.3.3–7.3.3.8; TS-0001 9.6.1.3). */
class ResourceLifecycleIT extends KeelIT {
    private String ae;

    @BeforeEach
    void registerAe() {
        ae = cse.registerAe("C" + OneM2MClient.unique("life"), OneM2MClient.unique("lifeAe"));
    }

    private Reply createCnt(String body) {
        return cse.create("/" + ae, 3, body).from(ae).send();
    }

    @Test
    void ts0004_7_3_3_5_universalAttributesAreSetByTheCse() {
        JsonNode c = createCnt("{\"m2m:cnt\":{\"rn\":\"attrs\",\"lbl\":[\"a\",\"k:v\"]}}").json().path("m2m:cnt");
        assertEquals(3, c.path("ty").asInt());
        assertEquals("attrs", c.path("rn").asText());
        assertEquals(ae, c.path("pi").asText());
        assertTrue(c.path("ri").asText().startsWith("cnt"));
        assertEquals(c.path("ct").asText(), c.path("lt").asText());
        assertTrue(c.path("ct").asText().matches("\\d{8}T\\d{6},\\d{6}"), c.toString());
        assertTrue(Times.parse(c.path("et").asText()).isAfter(Instant.now().plusSeconds(86400 * 365)));
        assertEquals("k:v", c.path("lbl").get(1).asText());
        assertEquals(0, c.path("st").asInt());
    }

    @Test
    void ts0004_7_3_3_5_duplicateNameAmongSiblingsIs4105() {
        assertEquals(201, createCnt("{\"m2m:cnt\":{\"rn\":\"twin\"}}").status());
        Reply again = createCnt("{\"m2m:cnt\":{\"rn\":\"twin\"}}");
        assertEquals(409, again.status());
        assertEquals(4105, again.rsc());
    }

    @Test
    void ts0004_7_3_3_3_invalidResourceNameIs4000() {
        assertEquals(4000, createCnt("{\"m2m:cnt\":{\"rn\":\"-bad\"}}").rsc());
        assertEquals(4000, createCnt("{\"m2m:cnt\":{\"rn\":\"a b\"}}").rsc());
        String parent = createCnt("{\"m2m:cnt\":{}}").json().path("m2m:cnt").path("ri").asText();
        Reply reserved = cse.create("/" + parent, 3, "{\"m2m:cnt\":{\"rn\":\"la\"}}").from(ae).send();
        assertEquals(4000, reserved.rsc(), "la names the latest instance under a container");
    }

    @Test
    void ts0004_7_3_3_5_creatorIsRecordedOnlyWhenAskedWithNull() {
        assertFalse(createCnt("{\"m2m:cnt\":{}}").json().path("m2m:cnt").has("cr"));
        assertEquals(ae, createCnt("{\"m2m:cnt\":{\"cr\":null}}").json().path("m2m:cnt").path("cr").asText());
        assertEquals(4000, createCnt("{\"m2m:cnt\":{\"cr\":\"someoneElse\"}}").rsc());
    }

    @Test
    void ts0004_7_3_3_3_expirationTimeInThePastIs4000() {
        String past = Times.format(Instant.now().minusSeconds(60));
        Reply r = createCnt("{\"m2m:cnt\":{\"et\":\"" + past + "\"}}");
        assertEquals(4000, r.rsc());
        assertTrue(r.json().path("m2m:dbg").asText().contains("et"));
    }

    @Test
    void ts0004_7_3_3_3_childExpirationIsClampedToTheParents() {
        String soon = Times.format(Instant.now().plusSeconds(600));
        String parent = createCnt("{\"m2m:cnt\":{\"et\":\"" + soon + "\"}}").json().path("m2m:cnt").path("ri").asText();
        String later = Times.format(Instant.now().plusSeconds(86400));
        JsonNode child = cse.create("/" + parent, 3, "{\"m2m:cnt\":{\"et\":\"" + later + "\"}}").from(ae).send().json().path("m2m:cnt");
        assertEquals(soon, child.path("et").asText().substring(0, soon.length()));
    }

    @Test
    void ts0004_7_3_3_5_expiredResourcesAreDeleted() throws InterruptedException {
        String soon = Times.format(Instant.now().plusSeconds(2));
        String c = createCnt("{\"m2m:cnt\":{\"et\":\"" + soon + "\"}}").json().path("m2m:cnt").path("ri").asText();
        assertEquals(200, cse.get("/" + c).from(ae).send().status());
        long deadline = System.currentTimeMillis() + 10_000;
        int status = 200;
        while (status != 404 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            status = cse.get("/" + c).from(ae).send().status();
        }
        assertEquals(404, status);
    }

    @Test
    void ts0004_7_3_3_7_updateChangesAttributesLastModifiedTimeAndStateTag() {
        JsonNode c = createCnt("{\"m2m:cnt\":{\"mni\":5,\"lbl\":[\"old\"]}}").json().path("m2m:cnt");
        Reply u = cse.put("/" + c.path("ri").asText(), "{\"m2m:cnt\":{\"lbl\":[\"new\"],\"mni\":null}}").from(ae).send();
        assertEquals(200, u.status(), u.text());
        assertEquals(2004, u.rsc());
        JsonNode after = u.json().path("m2m:cnt");
        assertEquals("new", after.path("lbl").get(0).asText());
        assertFalse(after.has("mni"));
        assertEquals(1, after.path("st").asInt());
        assertTrue(after.path("lt").asText().compareTo(c.path("lt").asText()) > 0);
        assertEquals(c.path("ct").asText(), after.path("ct").asText());
    }

    @Test
    void ts0004_7_3_3_4_updateOfReadOnlyOrUnknownAttributesIs4000() {
        String c = createCnt("{\"m2m:cnt\":{}}").json().path("m2m:cnt").path("ri").asText();
        for (String body : new String[] {"{\"m2m:cnt\":{\"rn\":\"x\"}}", "{\"m2m:cnt\":{\"cni\":3}}",
                "{\"m2m:cnt\":{\"nope\":1}}", "{\"m2m:cnt\":{\"mni\":-1}}", "{\"m2m:ae\":{\"lbl\":[]}}", "{\"m2m:cnt\":{}}"}) {
            Reply r = cse.put("/" + c, body).from(ae).send();
            assertEquals(400, r.status(), body + " → " + r.text());
            assertEquals(4000, r.rsc(), body);
        }
        assertEquals(0, cse.get("/" + c).from(ae).send().json().path("m2m:cnt").path("st").asInt());
    }

    @Test
    void ts0004_7_3_3_8_deleteIsRecursive() {
        String outer = createCnt("{\"m2m:cnt\":{}}").json().path("m2m:cnt").path("ri").asText();
        String inner = cse.create("/" + outer, 3, "{\"m2m:cnt\":{}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
        String cin = cse.create("/" + inner, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(ae).send().json().path("m2m:cin").path("ri").asText();
        assertEquals(2002, cse.delete("/" + outer).from(ae).send().rsc());
        assertEquals(404, cse.get("/" + inner).from(ae).send().status());
        assertEquals(404, cse.get("/" + cin).from(ae).send().status());
    }

    @Test
    void ts0004_7_3_3_3_unknownResourceTypeIs4000AndUnsupportedIs5001() {
        assertEquals(4000, cse.create("/" + ae, 999, "{\"m2m:xyz\":{}}").from(ae).send().rsc());
        Reply dlv = cse.create("/" + ae, 6, "{\"m2m:dlv\":{}}").from(ae).send(); // delivery
        assertEquals(501, dlv.status());
        assertEquals(5001, dlv.rsc());
    }

    /**
     * A registered AE retrieves the CSEBase with what an IN-CSE's CSEBase holds (TS-0004 table 7.4.3.1-3, TS-0001
     * table 9.6.3-2): an empty pi, the SP-relative CSE-ID, cseType, the supported types, points of access and releases.
     */
    @Test
    void ts0004_7_4_3_2_2_aRegisteredAeRetrievesTheCseBase() {
        Reply r = cse.get("/cse-in").from(ae).send();
        assertEquals(200, r.status(), r.text());
        JsonNode cb = r.json().path("m2m:cb");
        assertEquals(5, cb.path("ty").asInt());
        assertEquals("cse-in", cb.path("rn").asText());
        assertEquals("id-in", cb.path("ri").asText());
        assertTrue(cb.path("pi").isTextual() && cb.path("pi").asText().isEmpty(), cb.toString());
        assertEquals("/id-in", cb.path("csi").asText());
        assertEquals(1, cb.path("cst").asInt(), "IN-CSE");
        for (int ty : new int[] {1, 2, 3, 4, 5, 23}) {
            assertTrue(cb.path("srt").toString().matches(".*\\b" + ty + "\\b.*"), "srt lists " + ty + ": " + cb);
        }
        assertTrue(cb.path("poa").isArray() && cb.path("poa").size() > 0, cb.toString());
        assertTrue(cb.path("srv").isArray() && cb.path("srv").size() > 0, cb.toString());
        assertTrue(cb.path("ct").isTextual() && cb.path("lt").isTextual(), cb.toString());
        assertFalse(cb.has("et"), "a CSEBase does not expire");
    }

    @Test
    void ts0004_7_3_3_3_cseBaseCannotBeCreatedUpdatedOrDeleted() {
        assertEquals(4005, cse.create("/cse-in", 5, "{\"m2m:cb\":{}}").send().rsc());
        assertEquals(4005, cse.put("/cse-in", "{\"m2m:cb\":{\"lbl\":[\"x\"]}}").send().rsc());
        assertEquals(4005, cse.delete("/cse-in").send().rsc());
    }
}
