package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TS-0009 6.4.6: ETag and RFC 7232 conditional requests on retrieve, update and delete. */
class ConditionalRequestIT extends KeelIT {
    private String ae;
    private String cnt;

    @BeforeEach
    void tree() {
        ae = cse.registerAe("C" + OneM2MClient.unique("cond"), OneM2MClient.unique("cond"));
        cnt = "/" + cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"mni\":5}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
    }

    private String etag() {
        return cse.get(cnt).from(ae).send().header("ETag");
    }

    private static String httpDate(ZonedDateTime t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.withZoneSameInstant(ZoneOffset.UTC));
    }

    @Test
    void ts0009_6_4_6_retrieveCarriesEtagAndLastModified() {
        Reply r = cse.get(cnt).from(ae).send();
        assertTrue(r.header("ETag").matches("\"[^\"]+\""), r.header("ETag"));
        assertNotNull(r.header("Last-Modified"));
        assertEquals(r.header("ETag"), etag(), "stable while nothing changes");
    }

    @Test
    void ts0009_6_4_6_etagChangesWithEveryModification() {
        String before = etag();
        cse.put(cnt, "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}").from(ae).send();
        String afterUpdate = etag();
        assertNotEquals(before, afterUpdate);
        cse.create(cnt, 4, "{\"m2m:cin\":{\"con\":\"v\"}}").from(ae).send();
        assertNotEquals(afterUpdate, etag(), "a new instance changes the container too");
    }

    @Test
    void ts0009_6_4_6_ifNoneMatchOnRetrieveGives304WithoutBody() {
        String tag = etag();
        Reply r = cse.get(cnt).from(ae).header("If-None-Match", tag).send();
        assertEquals(304, r.status());
        assertEquals(0, r.response().body().length);
        assertEquals("2000", r.header("X-M2M-RSC"));
        assertEquals(tag, r.header("ETag"));
        assertEquals(304, cse.get(cnt).from(ae).header("If-None-Match", "W/" + tag).send().status());
        assertEquals(304, cse.get(cnt).from(ae).header("If-None-Match", "\"other\", " + tag).send().status());
        assertEquals(200, cse.get(cnt).from(ae).header("If-None-Match", "\"other\"").send().status());
    }

    @Test
    void ts0009_6_4_6_ifModifiedSince() {
        assertEquals(304, cse.get(cnt).from(ae).header("If-Modified-Since", httpDate(ZonedDateTime.now().plusMinutes(1))).send().status());
        assertEquals(200, cse.get(cnt).from(ae).header("If-Modified-Since", httpDate(ZonedDateTime.now().minusHours(1))).send().status());
        assertEquals(200, cse.get(cnt).from(ae).header("If-Modified-Since", "not a date").send().status(), "an invalid date is ignored");
    }

    @Test
    void ts0009_6_4_6_ifMatchOnUpdateAndDelete() {
        String tag = etag();
        Reply stale = cse.put(cnt, "{\"m2m:cnt\":{\"mni\":1}}").from(ae).header("If-Match", "\"stale\"").send();
        assertEquals(412, stale.status());
        assertEquals(4105, stale.rsc());
        assertEquals(5, cse.get(cnt).from(ae).send().json().path("m2m:cnt").path("mni").asInt(), "nothing changed");
        Reply ok = cse.put(cnt, "{\"m2m:cnt\":{\"mni\":1}}").from(ae).header("If-Match", tag).send();
        assertEquals(200, ok.status(), ok.text());
        assertNotEquals(tag, ok.header("ETag"));
        assertEquals(412, cse.delete(cnt).from(ae).header("If-Match", tag).send().status(), "the old tag is stale now");
        assertEquals(200, cse.get(cnt).from(ae).send().status(), "still there");
        assertEquals(200, cse.delete(cnt).from(ae).header("If-Match", "*").send().status());
    }

    @Test
    void ts0009_6_4_6_ifUnmodifiedSinceAndIfNoneMatchOnUpdate() {
        Reply r = cse.put(cnt, "{\"m2m:cnt\":{\"mni\":2}}").from(ae)
                .header("If-Unmodified-Since", httpDate(ZonedDateTime.now().minusHours(1))).send();
        assertEquals(412, r.status());
        assertEquals(412, cse.put(cnt, "{\"m2m:cnt\":{\"mni\":2}}").from(ae).header("If-None-Match", "*").send().status());
        assertEquals(200, cse.put(cnt, "{\"m2m:cnt\":{\"mni\":2}}").from(ae)
                .header("If-Unmodified-Since", httpDate(ZonedDateTime.now().plusMinutes(1))).send().status());
    }

    @Test
    void ts0009_6_4_6_latestInstanceIsConditionalToo() {
        cse.create(cnt, 4, "{\"m2m:cin\":{\"con\":\"v\"}}").from(ae).send();
        String tag = cse.get(cnt + "/la").from(ae).send().header("ETag");
        assertEquals(304, cse.get(cnt + "/la").from(ae).header("If-None-Match", tag).send().status());
        cse.create(cnt, 4, "{\"m2m:cin\":{\"con\":\"w\"}}").from(ae).send();
        assertEquals(200, cse.get(cnt + "/la").from(ae).header("If-None-Match", tag).send().status());
    }

    @Test
    void ts0009_6_4_6_malformedEntityTagIs4000() {
        Reply r = cse.get(cnt).from(ae).header("If-Match", "no-quotes").send();
        assertEquals(400, r.status());
        assertEquals(4000, r.rsc());
    }
}
