package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code <locationPolicy>} on an MN-CSE announced to the IN-CSE it is registered with (TS-0001 table 9.6.10-2,
 * TS-0004 7.4.10, 7.3.3.10): the IN holds a locationPolicyAnnc (ty 10010, m2m:lcpA) linking to the original with the
 * announced attributes; an Update of the original reaches it, and it goes with the original.
 */
class LocationPolicyAnnouncementIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static CsePair cses;

    @BeforeAll
    static void startTwoCses() {
        cses = CsePair.start("keel-lcp-annc");
    }

    @AfterAll
    static void stop() {
        if (cses != null) {
            cses.close();
        }
    }

    private static Reply send(OneM2MClient.Call call) {
        return cses.send(call.header("X-M2M-RVI", "4"));
    }

    private static JsonNode onMn(String ri) {
        Reply r = send(cses.atMn.get("/" + ri));
        assertEquals(200, r.status(), r.text());
        return r.json().path("m2m:lcp");
    }

    /** The entry of at naming the announced resource on the IN, or null while there is none. */
    private static String announced(String ri) {
        for (JsonNode at : onMn(ri).path("at")) {
            if (at.asText().startsWith("/id-in/")) {
                return at.asText();
            }
        }
        return null;
    }

    @Test
    void ts0001_9_6_10_aLocationPolicyIsAnnouncedAsLocationPolicyAnnc() {
        String ae = "C" + OneM2MClient.unique("lcpAnnc");
        Reply reg = send(cses.atMn.create("/cse-mn", 2, "{\"m2m:ae\":{\"rn\":\"" + ae + "\",\"api\":\"Nx\",\"rr\":false,"
                + "\"srv\":[\"4\"],\"loc\":{\"typ\":1,\"crd\":\"[139.5, 35.5]\"}}}").from(ae));
        assertEquals(201, reg.status(), reg.text());
        String aei = reg.json().path("m2m:ae").path("aei").asText();
        Reply lcp = send(cses.atMn.create("/cse-mn", 10, "{\"m2m:lcp\":{\"los\":2,\"lot\":\"" + aei + "\",\"lbl\":[\"fleet:a\"],"
                + "\"aa\":[\"los\",\"lit\",\"loi\",\"lost\"],\"at\":[\"/id-in\"]}}"));
        assertEquals(201, lcp.status(), lcp.text());
        JsonNode original = lcp.json().path("m2m:lcp");
        String ri = original.path("ri").asText();

        Eventually.holds(WAIT, () -> announced(ri) != null, "at names the announced locationPolicy on the IN");
        String announced = announced(ri);
        Reply got = send(cses.atIn.get("/~" + announced));
        assertEquals(200, got.status(), got.text());
        JsonNode lcpA = got.json().path("m2m:lcpA");
        assertEquals(10010, lcpA.path("ty").asInt(), got.text());
        assertEquals("/id-mn/" + ri, lcpA.path("lnk").asText(), got.text());
        assertEquals(2, lcpA.path("los").asInt(), got.text());
        assertEquals(original.path("loi").asText(), lcpA.path("loi").asText(), got.text());
        assertEquals("2000", lcpA.path("lost").asText(), "the position at creation was stored: " + got.text());
        assertEquals("fleet:a", lcpA.path("lbl").path(0).asText(), "labels are MA: " + got.text());
        assertFalse(lcpA.has("lot"), "lot is not in aa: " + got.text());
        Reply found = send(cses.atIn.get("/cse-in?fu=1&ty=10010&lbl=fleet:a"));
        assertEquals(200, found.status(), found.text());
        assertEquals(1, found.json().path("m2m:uril").size(), found.text());

        Reply upd = send(cses.atMn.put("/" + ri, "{\"m2m:lcp\":{\"lbl\":[\"fleet:b\"]}}"));
        assertEquals(200, upd.status(), upd.text());
        Eventually.holds(WAIT, () -> "fleet:b".equals(send(cses.atIn.get("/~" + announced)).json().path("m2m:lcpA")
                .path("lbl").path(0).asText()), "the Update reaches the announced resource");

        assertEquals(200, send(cses.atMn.delete("/" + ri)).status());
        Eventually.holds(WAIT, () -> send(cses.atIn.get("/~" + announced)).status() == 404,
                "the announced locationPolicy goes with its original");
    }
}
