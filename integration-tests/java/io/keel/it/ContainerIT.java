package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** container and contentInstance: TS-0004 7.4.6, 7.4.7, and the la/ol virtual resources (7.4.27, 7.4.28). */
class ContainerIT extends KeelIT {
    private String ae;

    @BeforeEach
    void registerAe() {
        ae = cse.registerAe("C" + OneM2MClient.unique("cnt"), OneM2MClient.unique("cntAe"));
    }

    private String container(String attributes) {
        Reply r = cse.create("/" + ae, 3, "{\"m2m:cnt\":{" + attributes + "}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:cnt").path("ri").asText();
    }

    private Reply instance(String cnt, String con) {
        return cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"" + con + "\"}}").from(ae).send();
    }

    private JsonNode cnt(String ri) {
        return cse.get("/" + ri).from(ae).send().json().path("m2m:cnt");
    }

    @Test
    void ts0004_7_4_7_2_1_contentSizeCountersAndStateTag() {
        String c = container("\"rn\":\"counters\"");
        assertEquals(0, cnt(c).path("cni").asLong());
        assertEquals(0, cnt(c).path("st").asLong());
        Reply first = instance(c, "abc");
        assertEquals(201, first.status(), first.text());
        assertEquals(3, first.json().path("m2m:cin").path("cs").asLong());
        assertEquals(1, first.json().path("m2m:cin").path("st").asLong());
        instance(c, "12345");
        JsonNode after = cnt(c);
        assertEquals(2, after.path("cni").asLong());
        assertEquals(8, after.path("cbs").asLong());
        assertEquals(2, after.path("st").asLong());
    }

    @Test
    void ts0004_7_4_7_2_1_mniRemovesTheOldestInstances() {
        String c = container("\"mni\":2");
        instance(c, "one");
        instance(c, "two");
        instance(c, "three");
        JsonNode after = cnt(c);
        assertEquals(2, after.path("cni").asLong());
        assertEquals(8, after.path("cbs").asLong());
        assertEquals("two", cse.get("/" + c + "/ol").from(ae).send().json().path("m2m:cin").path("con").asText());
        assertEquals("three", cse.get("/" + c + "/la").from(ae).send().json().path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0004_7_4_7_2_1_mbsRemovesTheOldestUntilItFits() {
        String c = container("\"mbs\":10");
        instance(c, "aaaa");
        instance(c, "bbbb");
        instance(c, "cccc");
        JsonNode after = cnt(c);
        assertEquals(2, after.path("cni").asLong());
        assertEquals(8, after.path("cbs").asLong());
        assertEquals("bbbb", cse.get("/" + c + "/ol").from(ae).send().json().path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0004_7_4_7_2_1_instanceLargerThanMbsIs5207() {
        String c = container("\"mbs\":4");
        Reply r = instance(c, "too large");
        assertEquals(406, r.status());
        assertEquals(5207, r.rsc());
        assertEquals(0, cnt(c).path("cni").asLong());
    }

    @Test
    void ts0001_9_6_6_loweringMniTrimsAtOnce() {
        String c = container("\"mni\":5");
        for (int i = 0; i < 4; i++) {
            instance(c, "v" + i);
        }
        Reply u = cse.put("/" + c, "{\"m2m:cnt\":{\"mni\":1}}").from(ae).send();
        assertEquals(200, u.status(), u.text());
        assertEquals(1, u.json().path("m2m:cnt").path("cni").asLong());
        assertEquals("v3", cse.get("/" + c + "/ol").from(ae).send().json().path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0004_7_4_7_2_1_miaLimitsTheInstanceLifetime() {
        String c = container("\"mia\":3600");
        JsonNode cin = instance(c, "x").json().path("m2m:cin");
        long seconds = java.time.Duration.between(Times.parse(cin.path("ct").asText()), Times.parse(cin.path("et").asText())).getSeconds();
        assertEquals(3600, seconds);
    }

    @Test
    void ts0004_7_4_27_1_latestAndOldestFollowCreationOrder() {
        String c = container("");
        assertEquals(4004, cse.get("/" + c + "/la").from(ae).send().rsc());
        for (int i = 0; i < 5; i++) {
            assertEquals(201, instance(c, "n" + i).status());
        }
        assertEquals("n4", cse.get("/" + c + "/la").from(ae).send().json().path("m2m:cin").path("con").asText());
        assertEquals("n0", cse.get("/" + c + "/ol").from(ae).send().json().path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0004_7_4_27_2_4_deleteLatestRemovesTheNewestAndUpdatesCounters() {
        String c = container("");
        instance(c, "keep");
        instance(c, "drop");
        Reply d = cse.delete("/" + c + "/la").from(ae).send();
        assertEquals(200, d.status(), d.text());
        assertEquals(2002, d.rsc());
        assertEquals("keep", cse.get("/" + c + "/la").from(ae).send().json().path("m2m:cin").path("con").asText());
        assertEquals(1, cnt(c).path("cni").asLong());
        assertEquals(4, cnt(c).path("cbs").asLong());
    }

    @Test
    void ts0004_7_4_27_2_3_latestCannotBeUpdatedOrCreatedUnder() {
        String c = container("");
        instance(c, "x");
        assertEquals(4005, cse.put("/" + c + "/la", "{\"m2m:cin\":{\"con\":\"y\"}}").from(ae).send().rsc());
        Reply create = cse.create("/" + c + "/la", 4, "{\"m2m:cin\":{\"con\":\"y\"}}").from(ae).send();
        assertEquals(405, create.status());
        assertEquals(4005, create.rsc());
    }

    @Test
    void ts0004_7_4_7_2_3_contentInstanceCannotBeUpdated() {
        String c = container("");
        String cin = instance(c, "fixed").json().path("m2m:cin").path("ri").asText();
        Reply u = cse.put("/" + cin, "{\"m2m:cin\":{\"lbl\":[\"x\"]}}").from(ae).send();
        assertEquals(405, u.status());
        assertEquals(4005, u.rsc());
    }

    @Test
    void ts0004_7_4_7_2_2_disableRetrievalBlocksInstances() {
        String c = container("\"disr\":true");
        String cin = instance(c, "secret").json().path("m2m:cin").path("ri").asText();
        assertEquals(4005, cse.get("/" + c + "/la").from(ae).send().rsc());
        assertEquals(4005, cse.get("/" + cin).from(ae).send().rsc());
        assertEquals(200, cse.get("/" + c).from(ae).send().status());
    }

    /**
     * While disableRetrieval is true, discovery and child lists do not show the instances either; when it is set back to
     * false, every existing instance is deleted at once (TS-0001 table 9.6.6-2; TS-0004 7.4.6, 7.4.7).
     */
    @Test
    void ts0001_9_6_6_disableRetrievalHidesInstancesAndItsEndDeletesThem() {
        String c = container("\"disr\":true");
        String cin = instance(c, "secret").json().path("m2m:cin").path("ri").asText();
        instance(c, "secret too");
        String sub = cse.create("/" + c, 3, "{\"m2m:cnt\":{\"rn\":\"sub\"}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
        Reply found = cse.get("/" + c + "?fu=1&drt=2").from(ae).send();
        assertEquals(200, found.status(), found.text());
        assertEquals("[\"" + sub + "\"]", found.json().path("m2m:uril").toString(), "only the sub-container: " + found.text());
        Reply children = cse.get("/" + c + "?rcn=6").from(ae).send();
        assertEquals(200, children.status(), children.text());
        assertEquals(1, children.json().path("m2m:rrl").path("rrf").size(), children.text());
        Reply admin = cse.get("/" + c + "?fu=1&ty=4").from("CAdmin").send();
        assertEquals(0, admin.json().path("m2m:uril").size(), "not to the admin either: " + admin.text());
        assertEquals(2, cnt(c).path("cni").asLong());

        Reply enabled = cse.put("/" + c, "{\"m2m:cnt\":{\"disr\":false}}").from(ae).send();
        assertEquals(200, enabled.status(), enabled.text());
        assertEquals(0, enabled.json().path("m2m:cnt").path("cni").asLong(), enabled.text());
        assertEquals(0, enabled.json().path("m2m:cnt").path("cbs").asLong(), enabled.text());
        assertEquals(4004, cse.get("/" + cin).from(ae).send().rsc());
        assertEquals(4004, cse.get("/" + c + "/la").from(ae).send().rsc());
        assertEquals(200, cse.get("/" + sub).from(ae).send().status(), "only the instances go");
        assertEquals(201, instance(c, "new").status());
        assertEquals(1, cse.get("/" + c + "?fu=1&ty=4").from(ae).send().json().path("m2m:uril").size());
    }

    /** contentInfo is "media type:encodingType[:contentSecurity]" (TS-0004 table 6.3.3-1): the encoding is mandatory. */
    @Test
    void ts0004_6_3_3_aContentInfoWithoutEncodingOrWithUnknownValuesIs4000() {
        String c = container("\"rn\":\"typed\"");
        for (String cnf : new String[] {"text/plain", "text/plain:3", "text/plain:0:6", "text/plain:0:0:0"}) {
            Reply r = cse.create("/" + c, 4, "{\"m2m:cin\":{\"cnf\":\"" + cnf + "\",\"con\":\"x\"}}").from(ae).send();
            assertEquals(4000, r.rsc(), cnf + " → " + r.text());
            assertTrue(r.json().path("m2m:dbg").asText().contains("cnf"), r.text());
        }
        assertEquals(0, cnt(c).path("cni").asLong());
        Reply secured = cse.create("/" + c, 4, "{\"m2m:cin\":{\"cnf\":\"application/jose:0:1\",\"con\":\"x\"}}").from(ae).send();
        assertEquals(201, secured.status(), secured.text());
    }

    @Test
    void ts0004_7_4_7_1_contentMayBeStructuredJson() {
        String c = container("");
        Reply r = cse.create("/" + c, 4, "{\"m2m:cin\":{\"con\":{\"t\":21.5,\"unit\":\"C\"}}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
        JsonNode con = cse.get("/" + c + "/la").from(ae).send().json().path("m2m:cin").path("con");
        assertEquals(21.5, con.path("t").asDouble());
        assertEquals("C", con.path("unit").asText());
    }

    @Test
    void ts0004_7_3_3_3_invalidChildTypeIs4108() {
        String c = container("");
        String cin = instance(c, "leaf").json().path("m2m:cin").path("ri").asText();
        Reply r = cse.create("/" + cin, 3, "{\"m2m:cnt\":{}}").from(ae).send();
        assertEquals(403, r.status());
        assertEquals(4108, r.rsc());
        Reply aeUnderAe = cse.create("/" + ae, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(ae).send();
        assertEquals(4108, aeUnderAe.rsc());
    }
}
