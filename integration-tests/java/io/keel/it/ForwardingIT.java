package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forwarding between two Keel processes over real HTTP (TS-0004 7.3.2.6, 7.3.2.8): an IN-CSE and an MN-CSE whose
 * registrar it is. Both authenticate every request (TS-0009 7.1): each CSE presents a bearer token the other admits
 * for its own SP-relative originators, the test's clients one for CSE-relative AE-IDs. The MN reaches the IN as its
 * registrar (settings); the IN reaches the MN through a {@code <remoteCSE>} — made by the registration, or by the
 * test when this version of Keel has no registration (else those tests are skipped).
 */
class ForwardingIT {
    private static final String CLIENT_TOKEN = "client-token-" + System.nanoTime();
    private static final String MN_TOKEN = "mn-token-" + System.nanoTime();
    private static final String IN_TOKEN = "in-token-" + System.nanoTime();
    private static KeelProcess in;
    private static KeelProcess mn;
    private static OneM2MClient atIn;
    private static OneM2MClient atMn;
    private static String mnPoa;
    /** The MN's first point of access, where nothing listens: the IN must go on to the next (TS-0004 7.3.2.6). */
    private static String deadPoa;

    @BeforeAll
    static void startTwoCses() throws Exception {
        Path dir = Files.createTempDirectory("keel-forwarding");
        int inPort = KeelProcess.freePort();
        int mnPort = KeelProcess.freePort();
        mnPoa = "http://127.0.0.1:" + mnPort;
        deadPoa = "http://127.0.0.1:" + KeelProcess.freePort();
        Files.writeString(dir.resolve("in-credentials"), String.join("\n",
                "bearer sha256:" + Credentials.sha256(CLIENT_TOKEN) + " C*",
                "bearer sha256:" + Credentials.sha256(MN_TOKEN) + " /id-mn*", ""));
        Files.writeString(dir.resolve("mn-credentials"), String.join("\n",
                "bearer sha256:" + Credentials.sha256(CLIENT_TOKEN) + " C*",
                "bearer sha256:" + Credentials.sha256(IN_TOKEN) + " /id-in*", ""));
        in = CseEnv.of(dir, "id-in", "cse-in", "IN").port(inPort).credentials(dir.resolve("in-credentials"))
                .set("KEEL_FORWARDING_AUTHORIZATION", "Bearer " + IN_TOKEN).set("KEEL_FORWARDING_TIMEOUT", "3000")
                .set("KEEL_TOKEN_SIGNING_KEY", System.getProperty("keel.token.signing-key")).start();
        mn = CseEnv.of(dir, "id-mn", "cse-mn", "MN").port(mnPort).credentials(dir.resolve("mn-credentials"))
                .set("KEEL_CSE_POA", deadPoa + "," + mnPoa)
                .registrar("http://127.0.0.1:" + inPort, "id-in", "cse-in", "Bearer " + MN_TOKEN)
                .set("KEEL_FORWARDING_TIMEOUT", "3000").start();
        atIn = new OneM2MClient(in.base());
        atMn = new OneM2MClient(mn.base());
    }

    @AfterAll
    static void stop() {
        if (mn != null) {
            mn.close();
        }
        if (in != null) {
            in.close();
        }
    }

    private static Reply send(OneM2MClient.Call call) {
        return call.header("Authorization", "Bearer " + CLIENT_TOKEN).send();
    }

    private static String registerAe(OneM2MClient at, String cseName, String aei) {
        Reply r = send(at.create("/" + cseName, 2, "{\"m2m:ae\":{\"rn\":\"" + aei + "\",\"api\":\"Nkeel.test\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(aei));
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:ae").path("aei").asText();
    }

    /** A policy on the CSE at {@code at} giving {@code originator} every operation, and a container it governs. */
    private static void governedContainer(OneM2MClient at, String cseName, String container, String originator) {
        CsePair.governedContainer(ForwardingIT::send, at, cseName, container, originator);
    }

    @Test
    void ts0004_7_3_2_6_anAeOfTheMnWorksOnTheInThroughItsRegistrarEachOperation() {
        String ae = registerAe(atMn, "cse-mn", OneM2MClient.unique("Cfwd"));
        String box = OneM2MClient.unique("box");
        governedContainer(atIn, "cse-in", box, "/id-mn/" + ae);

        Reply retrieved = send(atMn.get("/~/id-in/cse-in/" + box).from(ae));
        assertEquals(200, retrieved.status(), retrieved.text());
        assertEquals(2000, retrieved.rsc());
        assertEquals(box, retrieved.json().path("m2m:cnt").path("rn").asText());

        Reply created = send(atMn.create("/~/id-in/cse-in/" + box, 4, "{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"21.5\"}}").from(ae));
        assertEquals(201, created.status(), created.text());
        String cinRi = created.json().path("m2m:cin").path("ri").asText();
        assertEquals("/~/id-in/" + cinRi, created.header("Content-Location"));

        Reply updated = send(atMn.put("/~/id-in/cse-in/" + box, "{\"m2m:cnt\":{\"lbl\":[\"forwarded\"]}}").from(ae));
        assertEquals(200, updated.status(), updated.text());
        assertEquals(2004, updated.rsc());
        Reply atTheIn = send(atIn.get("/cse-in/" + box));
        assertEquals("forwarded", atTheIn.json().path("m2m:cnt").path("lbl").path(0).asText());

        Reply latest = send(atMn.get("/_/keel.example.net/id-in/cse-in/" + box + "/la").from(ae));
        assertEquals(200, latest.status(), latest.text());
        assertEquals("21.5", latest.json().path("m2m:cin").path("con").asText());

        Reply deleted = send(atMn.delete("/~/id-in/" + cinRi).from(ae));
        assertEquals(200, deleted.status(), deleted.text());
        assertEquals(2002, deleted.rsc());
        assertEquals(4004, send(atIn.get("/" + cinRi)).rsc());
    }

    @Test
    void ts0004_7_3_3_15_accessControlOnTheFarSideJudgesTheSpRelativeOriginator() {
        String allowed = registerAe(atMn, "cse-mn", OneM2MClient.unique("Callowed"));
        String other = registerAe(atMn, "cse-mn", OneM2MClient.unique("Cother"));
        String box = OneM2MClient.unique("guarded");
        governedContainer(atIn, "cse-in", box, "/id-mn/" + allowed);

        assertEquals(2000, send(atMn.get("/~/id-in/cse-in/" + box).from(allowed)).rsc());
        Reply refused = send(atMn.get("/~/id-in/cse-in/" + box).from(other));
        assertEquals(4103, refused.rsc(), refused.text());
    }

    /**
     * A token travels with the request to the hosting CSE (TS-0009 6.4.19: in Authorization), which verifies it; the
     * MN's own credential for the hop then goes in Proxy-Authorization.
     */
    @Test
    void ts0003_7_3_2_3_tokensGoOnToTheHostingCse() {
        String ae = registerAe(atMn, "cse-mn", OneM2MClient.unique("Ctk"));
        String role = "r" + System.nanoTime() + "@keel.example.net";
        String box = OneM2MClient.unique("bytoken");
        governedContainer(atIn, "cse-in", box, role);
        Reply token = send(atIn.create("/cse-in", 32, "{\"m2m:tk\":{\"tkhd\":\"/id-mn/" + ae + "\",\"tkps\":{\"pm\":[{\"rids\":[\""
                + role + "\"]}]}}}"));
        assertEquals(201, token.status(), token.text());
        String jwt = token.json().path("m2m:tk").path("tkob").asText();

        assertEquals(4103, send(atMn.get("/~/id-in/cse-in/" + box).from(ae)).rsc(), "without the token");
        // The client's own credential goes in Proxy-Authorization, which java.net.http does not send: a raw request.
        RawHttp.Response withToken = RawHttp.send(mn.base(), "GET", "/~/id-in/cse-in/" + box, "X-M2M-Origin: " + ae
                + "\r\nAccept: application/json\r\nAuthorization: " + jwt + "\r\nProxy-Authorization: Bearer " + CLIENT_TOKEN + "\r\n", null);
        assertEquals(200, withToken.status(), withToken.text());
        assertTrue(withToken.text().contains("\"rn\":\"" + box + "\""), withToken.text());
        String ati = withToken.headers().get("x-m2m-ati");
        assertTrue(ati != null && ati.contains(token.json().path("m2m:tk").path("tkid").asText()),
                "the hosting CSE's Assigned Token Identifiers come back: " + withToken.headers());
    }

    @Test
    void ts0004_7_3_2_1_aClientClaimingAForeignCseOrItsAeIsRefused() {
        // The client's credential admits CSE-relative AE-IDs only: it cannot speak as the MN or an AE of the MN.
        assertEquals(4106, send(atIn.get("/cse-in").from("/id-mn")).rsc());
        assertEquals(4106, send(atIn.get("/cse-in").from("/id-mn/Cforged")).rsc());
        // Without any credential, 4107.
        assertEquals(4107, atIn.get("/cse-in").from("/id-mn").send().rsc());
    }

    @Test
    void ts0004_7_3_2_2_aNonBlockingRequestForTheInHasItsRequestOnTheMn() {
        String ae = registerAe(atMn, "cse-mn", OneM2MClient.unique("Cnb"));
        String box = OneM2MClient.unique("nb");
        governedContainer(atIn, "cse-in", box, "/id-mn/" + ae);

        Reply ack = send(atMn.get("/~/id-in/cse-in/" + box + "?rt=1").from(ae));
        assertEquals(1001, ack.rsc(), ack.text());
        String request = ack.json().path("m2m:uri").asText();
        Eventually.holds(Duration.ofSeconds(10), () -> send(atMn.get("/" + request).from(ae)).json()
                .path("m2m:req").path("rs").asInt() == 1, "the <request> on the MN completes");
        JsonNode req = send(atMn.get("/" + request).from(ae)).json().path("m2m:req");
        assertEquals(2000, req.path("ors").path("rsc").asInt(), req.toString());
        assertEquals(box, req.path("ors").path("pc").path("m2m:cnt").path("rn").asText(), req.toString());
    }

    @Test
    void ts0004_7_3_2_6_aCseNoRemoteCseNamesIsNotFoundOnTheIn() {
        String ae = registerAe(atMn, "cse-mn", OneM2MClient.unique("Cnone"));
        // The MN passes it to its registrar, which knows no such CSE: 4004 comes back.
        Reply r = send(atMn.get("/~/id-nowhere/cse-x").from(ae));
        assertEquals(4004, r.rsc(), r.text());
        assertTrue(r.text().contains("id-nowhere"), r.text());
    }

    // --- IN → MN: needs the MN's <remoteCSE> on the IN ---------------------------------------------------------------

    /**
     * The MN's {@code <remoteCSE>} on the IN: the registration makes it; this Keel may have none, and then the test
     * creates it as the MN would (From its CSE-ID, with its credential). Neither possible (no ty 16 on the IN): the
     * IN → MN tests skip.
     */
    private static void mnRegisteredWithIn() {
        Reply r = atIn.create("/cse-in", 16, "{\"m2m:csr\":{\"rn\":\"id-mn\",\"csi\":\"/id-mn\",\"cb\":\"/id-mn/cse-mn\",\"cst\":2,"
                + "\"rr\":true,\"poa\":[\"" + deadPoa + "\",\"" + mnPoa + "\"],\"srv\":[\"3\"]}}").from("/id-mn")
                .header("Authorization", "Bearer " + MN_TOKEN).send();
        // 4105 or 4117 (ALREADY_REGISTERED): the MN has registered itself.
        assumeTrue(r.status() == 201 || r.rsc() == 4105 || r.rsc() == 4117,
                "this Keel cannot register the MN with the IN: " + r.rsc() + " " + r.text());
    }

    @Test
    void ts0004_7_3_2_6_theInReachesTheMnThroughItsRemoteCseEachOperation() {
        mnRegisteredWithIn();
        String box = OneM2MClient.unique("mnbox");
        governedContainer(atMn, "cse-mn", box, "/id-in/CAdmin");

        Eventually.holds(Duration.ofSeconds(10), () -> send(atIn.get("/~/id-mn/cse-mn/" + box)).rsc() == 2000,
                "the IN reaches the MN");
        Reply created = send(atIn.create("/~/id-mn/cse-mn/" + box, 4, "{\"m2m:cin\":{\"con\":\"x\"}}"));
        assertEquals(201, created.status(), created.text());
        String cinRi = created.json().path("m2m:cin").path("ri").asText();
        Reply updated = send(atIn.put("/_/keel.example.net/id-mn/cse-mn/" + box, "{\"m2m:cnt\":{\"mni\":5}}"));
        assertEquals(2004, updated.rsc(), updated.text());
        assertEquals(5, send(atMn.get("/cse-mn/" + box)).json().path("m2m:cnt").path("mni").asInt());
        Reply deleted = send(atIn.delete("/~/id-mn/" + cinRi));
        assertEquals(2002, deleted.rsc(), deleted.text());
        assertEquals(4004, send(atMn.get("/" + cinRi)).rsc());
    }

    @Test
    void ts0004_7_3_2_6_aPointOfAccessThatRefusesIsFollowedByTheNextOne() {
        mnRegisteredWithIn();
        Eventually.holds(Duration.ofSeconds(10), () -> send(atIn.get("/cse-in/id-mn")).json().path("m2m:csr").path("poa").size() == 2,
                "the MN's registration with both points of access");
        assertEquals(deadPoa, send(atIn.get("/cse-in/id-mn")).json().path("m2m:csr").path("poa").path(0).asText(),
                "the first point of access the IN has of the MN is the one where nothing listens");
        String box = OneM2MClient.unique("poabox");
        governedContainer(atMn, "cse-mn", box, "/id-in/CAdmin");

        Reply r = send(atIn.get("/~/id-mn/cse-mn/" + box));
        assertEquals(2000, r.rsc(), r.text());
    }

    // --- misconfigured and unreachable registrars (processes of their own) ----------------------------------------

    /**
     * An MN-CSE with its own H2 database, authenticating clients and the {@code peer} token for {@code /id-*} — and for
     * CSE-relative AE-IDs too: a peer whose credential admits only its own SP-relative originators could not even send
     * this CSE's own AEs' requests back (4106), which would end a loop as well.
     */
    private static KeelProcess startMn(String cseId, int port, String registrarPoa, String peerToken) throws Exception {
        Path dir = Files.createTempDirectory("keel-" + cseId);
        Files.writeString(dir.resolve("credentials"), String.join("\n",
                "bearer sha256:" + Credentials.sha256(CLIENT_TOKEN) + " C*",
                "bearer sha256:" + Credentials.sha256(peerToken) + " /id-*,C*", ""));
        return CseEnv.of(dir, cseId, "cse-mn", "MN").port(port).credentials(dir.resolve("credentials"))
                .registrar(registrarPoa, "id-up", "cse-up", "Bearer " + peerToken).set("KEEL_FORWARDING_TIMEOUT", "3000").start();
    }

    @Test
    void ts0004_7_3_2_6_twoMnCsesThatAreEachOthersRegistrarEndALoopWithAnError() throws Exception {
        int portA = KeelProcess.freePort();
        int portB = KeelProcess.freePort();
        String peer = "peer-" + System.nanoTime();
        try (KeelProcess a = startMn("id-ma", portA, "http://127.0.0.1:" + portB, peer);
             KeelProcess b = startMn("id-mb", portB, "http://127.0.0.1:" + portA, peer)) {
            OneM2MClient atA = new OneM2MClient(a.base());
            String ae = registerAe(atA, "cse-mn", OneM2MClient.unique("Cloop"));
            long started = System.nanoTime();

            Reply r = send(atA.get("/~/id-elsewhere/cse-x").from(ae));

            assertEquals(5103, r.rsc(), r.text());
            assertTrue(r.text().contains("loop"), r.text());
            assertTrue(System.nanoTime() - started < 3_000_000_000L, "answered at once, not at a timeout");
        }
    }

    @Test
    void ts0004_7_3_2_6_anUnreachableRegistrarIs5103AtOnceAndLocalRequestsAreUnaffected() throws Exception {
        int port = KeelProcess.freePort();
        try (KeelProcess lonely = startMn("id-mc", port, "http://127.0.0.1:" + KeelProcess.freePort(), "p-" + System.nanoTime())) {
            OneM2MClient at = new OneM2MClient(lonely.base());
            String ae = registerAe(at, "cse-mn", OneM2MClient.unique("Cdown"));
            long started = System.nanoTime();

            Reply r = send(at.get("/~/id-in/cse-in").from(ae));

            assertEquals(5103, r.rsc(), r.text());
            assertTrue(System.nanoTime() - started < 3_000_000_000L, "a refused connection is not waited for");
            assertEquals(2000, send(at.get("/cse-mn/" + ae).from(ae)).rsc());
        }
    }

    /** Where the original at {@code path} on the MN is announced on the IN, once it is. */
    private static String announcedOnIn(String path) {
        for (JsonNode at : send(atMn.get(path)).json().path("m2m:cnt").path("at")) {
            if (at.asText().startsWith("/id-in/")) {
                return at.asText();
            }
        }
        return null;
    }

    @Test
    void ts0004_7_4_26_2_3_rcn7ReadsTheOriginalThroughLnkUnderTheOriginalsAccessControl() {
        String open = "annc-open-" + System.nanoTime();
        String closed = "annc-closed-" + System.nanoTime();
        governedContainer(atMn, "cse-mn", open, "/id-in/CAdmin");
        Reply made = send(atMn.create("/cse-mn", 3, "{\"m2m:cnt\":{\"rn\":\"" + closed + "\"}}"));
        assertEquals(201, made.status(), made.text());
        for (String name : new String[] {open, closed}) {
            Reply announce = send(atMn.put("/cse-mn/" + name, "{\"m2m:cnt\":{\"at\":[\"/id-in\"]}}"));
            assertEquals(200, announce.status(), announce.text());
            Eventually.holds(Duration.ofSeconds(20), () -> announcedOnIn("/cse-mn/" + name) != null, name + " announced");
        }
        String openRi = send(atMn.get("/cse-mn/" + open)).json().path("m2m:cnt").path("ri").asText();

        // The IN's CAdmin reaches the MN as /id-in/CAdmin: the original's policy grants it, the other's does not.
        Reply original = send(atIn.get("/~" + announcedOnIn("/cse-mn/" + open) + "?rcn=7"));
        assertEquals(2000, original.rsc(), original.text());
        assertEquals(openRi, original.json().path("m2m:cnt").path("ri").asText(), original.text());
        assertEquals(3, original.json().path("m2m:cnt").path("ty").asInt(), "the original, not the announced container");
        assertEquals(4103, send(atIn.get("/~" + announcedOnIn("/cse-mn/" + closed) + "?rcn=7")).rsc());
        Reply announced = send(atIn.get("/~" + announcedOnIn("/cse-mn/" + open)));
        assertEquals(10003, announced.json().path("m2m:cntA").path("ty").asInt(), "without rcn=7 the announced one answers");
    }
}
