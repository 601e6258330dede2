package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Result Content (rcn, TS-0004 6.3.4.2.7, 7.5.2, 8.4; TS-0001 table 8.1.2-1) per operation, and partial retrieve
 * (TS-0009 6.2.2.2).
 */
class ResultContentIT extends KeelIT {
    private String ae;
    private String aeName;
    private String cnt;

    @BeforeEach
    void tree() {
        aeName = OneM2MClient.unique("rcn");
        ae = cse.registerAe("C" + OneM2MClient.unique("rcn"), aeName);
        cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"box\",\"lbl\":[\"l1\"]}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
        cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"rn\":\"i1\",\"con\":\"1\"}}").from(ae).send();
        cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"rn\":\"i2\",\"con\":\"2\"}}").from(ae).send();
        cse.create("/" + cnt, 3, "{\"m2m:cnt\":{\"rn\":\"sub\"}}").from(ae).send();
    }

    @Test
    void ts0004_7_3_3_12_rcn0CreateReturnsNoContent() {
        Reply r = cse.create("/" + cnt + "?rcn=0", 4, "{\"m2m:cin\":{\"con\":\"q\"}}").from(ae).send();
        assertEquals(201, r.status());
        assertEquals(0, r.response().body().length);
        assertEquals(null, r.header("Content-Type"));
    }

    @Test
    void ts0001_8_1_2_rcn3CreateReturnsAddressAndAttributes() {
        JsonNode rce = cse.create("/" + cnt + "?rcn=3", 4, "{\"m2m:cin\":{\"rn\":\"i3\",\"con\":\"q\"}}").from(ae).send().json().path("m2m:rce");
        assertEquals("cse-in/" + aeName + "/box/i3", rce.path("uri").asText());
        assertEquals("q", rce.path("m2m:cin").path("con").asText());
    }

    @Test
    void ts0004_7_3_3_12_rcn9CreateReturnsWhatTheCseSet() {
        JsonNode m = cse.create("/" + cnt + "?rcn=9", 4, "{\"m2m:cin\":{\"con\":\"q\"}}").from(ae).send().json().path("m2m:cin");
        assertTrue(m.has("ri") && m.has("ct") && m.has("cs"), m.toString());
        assertFalse(m.has("con"), m.toString());
    }

    @Test
    void ts0001_8_1_2_rcn4RetrieveNestsChildrenByType() {
        JsonNode c = cse.get("/" + cnt + "?rcn=4").from(ae).send().json().path("m2m:cnt");
        assertEquals("box", c.path("rn").asText());
        assertEquals(2, c.path("m2m:cin").size());
        assertEquals("i1", c.path("m2m:cin").get(0).path("rn").asText());
        assertEquals("sub", c.path("m2m:cnt").get(0).path("rn").asText());
    }

    @Test
    void ts0004_7_3_3_17_14_rcn4LevelAndFilterCriteriaSelectTheChildren() {
        cse.create("/" + cnt + "/sub", 4, "{\"m2m:cin\":{\"rn\":\"deep\",\"con\":\"d\"}}").from(ae).send();
        JsonNode all = cse.get("/" + cnt + "?rcn=4").from(ae).send().json().path("m2m:cnt");
        assertEquals("deep", all.path("m2m:cnt").get(0).path("m2m:cin").get(0).path("rn").asText());
        JsonNode oneLevel = cse.get("/" + cnt + "?rcn=4&lvl=1").from(ae).send().json().path("m2m:cnt");
        assertFalse(oneLevel.path("m2m:cnt").get(0).has("m2m:cin"));
        JsonNode onlyInstances = cse.get("/" + cnt + "?rcn=4&ty=4").from(ae).send().json().path("m2m:cnt");
        assertEquals(2, onlyInstances.path("m2m:cin").size());
        assertFalse(onlyInstances.has("m2m:cnt"), "the sub-container does not match, nor does what is under it");
        assertEquals("box", onlyInstances.path("rn").asText(), "the filter selects children; the target itself is returned");
        // Filter criteria are checked here as in discovery, never silently ignored: an smf that is no SPARQL query.
        Reply semantic = cse.get("/" + cnt + "?rcn=6&smf=x").from(ae).send();
        assertEquals(4000, semantic.rsc(), semantic.text());
        assertTrue(semantic.text().contains("semanticsFilter"), semantic.text());
        Reply unknown = cse.get("/" + cnt + "?rcn=4&nosuchattr=1").from(ae).send();
        assertEquals(4000, unknown.rsc(), unknown.text());
    }

    @Test
    void ts0004_7_3_3_17_10_rcn4IsCutAtTheCseMaximum() {
        for (int i = 0; i < 25; i++) {
            cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"" + i + "\"}}").from(ae).send();
        }
        Reply r = cse.get("/" + cnt + "?rcn=4").from(ae).send();
        assertEquals("1", r.header("X-M2M-CTS"), "keel.result.max is 20 in the test configuration");
        JsonNode c = r.json().path("m2m:cnt");
        assertEquals(20, c.path("m2m:cin").size() + c.path("m2m:cnt").size());
    }

    @Test
    void ts0001_8_1_2_rcn8RetrieveGivesChildrenWithoutTheParentsAttributes() {
        JsonNode c = cse.get("/" + cnt + "?rcn=8").from(ae).send().json().path("m2m:cnt");
        assertFalse(c.has("rn"));
        assertEquals(2, c.path("m2m:cin").size());
    }

    @Test
    void ts0001_8_1_2_rcn5RetrieveGivesAttributesAndChildReferences() {
        JsonNode c = cse.get("/" + cnt + "?rcn=5").from(ae).send().json().path("m2m:cnt");
        assertEquals("box", c.path("rn").asText());
        assertEquals(3, c.path("ch").size());
        assertEquals("i1", c.path("ch").get(0).path("nm").asText());
        assertEquals(4, c.path("ch").get(0).path("typ").asInt());
        assertEquals("cse-in/" + aeName + "/box/i1", c.path("ch").get(0).path("val").asText());
    }

    @Test
    void ts0001_8_1_2_rcn6RetrieveGivesChildReferencesOnly() {
        JsonNode rrf = cse.get("/" + cnt + "?rcn=6").from(ae).send().json().path("m2m:rrl").path("rrf");
        assertEquals(3, rrf.size());
        assertEquals("sub", rrf.get(2).path("nm").asText());
    }

    @Test
    void ts0001_8_1_2_rcn7RetrieveOfANonAnnouncedResourceIsItsAttributes() {
        assertEquals("box", cse.get("/" + cnt + "?rcn=7").from(ae).send().json().path("m2m:cnt").path("rn").asText());
    }

    @Test
    void ts0004_7_3_2_1_rcnInvalidForTheOperationIs4000() {
        assertEquals(4000, cse.get("/" + cnt + "?rcn=0").from(ae).send().rsc());
        assertEquals(4000, cse.get("/" + cnt + "?rcn=2").from(ae).send().rsc());
        assertEquals(4000, cse.get("/" + cnt + "?rcn=9").from(ae).send().rsc());
        assertEquals(4000, cse.create("/" + cnt + "?rcn=4", 4, "{\"m2m:cin\":{\"con\":\"q\"}}").from(ae).send().rsc());
        assertEquals(4000, cse.put("/" + cnt + "?rcn=4", "{\"m2m:cnt\":{\"mni\":9}}").from(ae).send().rsc());
        assertEquals(4000, cse.delete("/" + cnt + "?rcn=9").from(ae).send().rsc());
        assertEquals(200, cse.get("/" + cnt).from(ae).send().status(), "nothing was deleted");
    }

    @Test
    void ts0004_7_3_3_12_rcn9UpdateReturnsTheModifiedAttributes() {
        JsonNode m = cse.put("/" + cnt + "?rcn=9", "{\"m2m:cnt\":{\"mni\":9}}").from(ae).send().json().path("m2m:cnt");
        assertEquals(9, m.path("mni").asInt());
        assertTrue(m.has("lt"));
        assertFalse(m.has("rn"));
    }

    @Test
    void ts0001_8_1_2_rcn1DeleteReturnsTheDeletedResource() {
        Reply r = cse.delete("/" + cnt + "/sub?rcn=1").from(ae).send();
        assertEquals(2002, r.rsc());
        assertEquals("sub", r.json().path("m2m:cnt").path("rn").asText());
        Reply none = cse.delete("/" + cnt + "/i1").from(ae).send();
        assertEquals(0, none.response().body().length, "rcn=0 is the default for delete");
    }

    @Test
    void ts0009_6_2_2_2_partialRetrieve() {
        JsonNode c = cse.get("/" + cnt + "?atrl=rn+lbl+mni").from(ae).send().json().path("m2m:cnt");
        assertEquals("box", c.path("rn").asText());
        assertEquals("l1", c.path("lbl").get(0).asText());
        assertFalse(c.has("mni"), "absent attributes stay absent");
        assertFalse(c.has("ri"));
        assertEquals(4000, cse.get("/" + cnt + "?atrl=rn+nope").from(ae).send().rsc());
    }

    @Test
    void ts0004_7_3_3_17_15_limAndOfstPageThroughTheChildrenOfARetrieve() {
        Reply page = cse.get("/" + cnt + "?rcn=6&lim=1&ofst=2").from(ae).send();
        assertEquals(200, page.status(), page.text());
        JsonNode rrf = page.json().path("m2m:rrl").path("rrf");
        assertEquals(1, rrf.size(), page.text());
        assertEquals("i2", rrf.get(0).path("nm").asText(), page.text());
        assertEquals(null, page.header("X-M2M-CTS"), "the originator's lim cut it: complete");
    }
}
