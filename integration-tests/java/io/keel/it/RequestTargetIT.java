package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TS-0009 6.2.2.1: the path component in all three ID forms, structured and unstructured. */
class RequestTargetIT extends KeelIT {
    private String ae;
    private String aeName;
    private String cnt;

    @BeforeEach
    void tree() {
        aeName = OneM2MClient.unique("target");
        ae = cse.registerAe("C" + OneM2MClient.unique("tgt"), aeName);
        cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"box\"}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
    }

    private void assertAddresses(String path) {
        Reply r = cse.get(path).from(ae).send();
        assertEquals(200, r.status(), path + " → " + r.text());
        assertEquals(cnt, r.json().path("m2m:cnt").path("ri").asText(), path);
    }

    @Test
    void ts0009_6_2_2_1_structuredCseRelative() {
        assertAddresses("/cse-in/" + aeName + "/box");
    }

    @Test
    void ts0009_6_2_2_1_dashStandsForTheCseBaseName() {
        assertAddresses("/-/" + aeName + "/box");
    }

    @Test
    void ts0009_6_2_2_1_unstructuredCseRelative() {
        assertAddresses("/" + cnt);
    }

    @Test
    void ts0009_6_2_2_1_unstructuredFollowedByNames() {
        assertAddresses("/" + ae + "/box");
    }

    @Test
    void ts0009_6_2_2_1_structuredSpRelative() {
        assertAddresses("/~/id-in/cse-in/" + aeName + "/box");
        assertAddresses("/~/id-in/-/" + aeName + "/box");
    }

    @Test
    void ts0009_6_2_2_1_unstructuredSpRelative() {
        assertAddresses("/~/id-in/" + cnt);
    }

    @Test
    void ts0009_6_2_2_1_structuredAbsolute() {
        assertAddresses("/_/keel.example.net/id-in/cse-in/" + aeName + "/box");
    }

    @Test
    void ts0009_6_2_2_1_unstructuredAbsolute() {
        assertAddresses("/_/keel.example.net/id-in/" + cnt);
    }

    @Test
    void ts0009_6_2_2_1_trailingSlashIsIgnored() {
        assertAddresses("/cse-in/" + aeName + "/box/");
    }

    @Test
    void ts0009_6_2_2_1_cseIdAloneAddressesTheCseBase() {
        Reply r = cse.get("/~/id-in").send();
        assertEquals(200, r.status(), r.text());
        assertEquals("/id-in", r.json().path("m2m:cb").path("csi").asText());
    }

    @Test
    void ts0004_7_3_2_6_anotherCseOrServiceProviderIsNotForwardedByAnInCseKnowingNoRemoteCse4004() {
        Reply otherCse = cse.get("/~/id-other/cse-other").send();
        assertEquals(404, otherCse.status());
        assertEquals(4004, otherCse.rsc());
        assertTrue(otherCse.text().contains("not forwarded"), otherCse.text());
        Reply otherSp = cse.get("/_/other.example.org/id-in/cse-in").send();
        assertEquals(4004, otherSp.rsc());
    }

    @Test
    void ts0009_6_2_2_1_unknownTargetIs4004() {
        Reply r = cse.get("/cse-in/" + aeName + "/nothing").from(ae).send();
        assertEquals(404, r.status());
        assertEquals(4004, r.rsc());
        assertEquals(4004, cse.get("/noSuchRi").send().rsc());
    }

    @Test
    void ts0009_6_2_2_1_malformedPathsAre4000() {
        // Ambiguous or broken paths ("//", "%2e%2e", "%2F", "%ZZ", invalid UTF-8, NUL) are refused by this container before any filter runs (Jetty's URI
        // compliance); ExecutableWarIT covers them on the launcher, which lets the binding answer them.
        for (String path : new String[] {"/~", "/~/", "/_/keel.example.net", "/_/"}) {
            RawHttp.Response r = RawHttp.send(base, "GET", path, null, null);
            assertEquals(400, r.status(), path + " → " + r.statusLine() + " " + r.text());
            assertEquals("4000", r.headers().get("x-m2m-rsc"), path + " → " + r.text());
        }
    }
}
