package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A tree of three Keel processes over real HTTP (TS-0001 6.1, 10.2.2.7; TS-0004 7.3.2.6, 7.4.4): an IN-CSE, an MN-CSE
 * registered to it and an ASN-CSE registered to the MN, each with its own H2 database and credentials. Each CSE
 * presents a bearer token to the CSEs it sends to — the MN one token to both its registrar and its registree — and
 * admits the SP-relative originators that may come through each neighbour; the test's clients hold a token for
 * CSE-relative AE-IDs. The IN reaches the ASN because the MN tells it, in descendantCSEs, that the ASN is below it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CseTreeIT {
    private static final String CLIENT_TOKEN = "client-" + System.nanoTime();
    private static final String IN_TOKEN = "in-" + System.nanoTime();
    private static final String MN_TOKEN = "mn-" + System.nanoTime();
    private static final String ASN_TOKEN = "asn-" + System.nanoTime();
    /** The IN's own PostgreSQL database when the suite names a server (KEEL_IT_POSTGRES_URL), else null: H2. */
    private static FreshPostgres inDatabase;
    private static KeelProcess in;
    /** The IN's settings, to start it again on the same port and database. */
    private static Map<String, String> inEnv;
    /** The MN's, likewise. */
    private static Map<String, String> mnEnv;
    private static KeelProcess mn;
    private static KeelProcess asn;
    private static OneM2MClient atIn;
    private static OneM2MClient atMn;
    private static OneM2MClient atAsn;

    @BeforeAll
    static void startTheTree() throws Exception {
        Path dir = Files.createTempDirectory("keel-tree");
        int inPort = KeelProcess.freePort();
        int mnPort = KeelProcess.freePort();
        int asnPort = KeelProcess.freePort();
        // What comes from the MN to the IN is the MN's or the ASN's; from the IN or the ASN to the MN, theirs.
        inEnv = cse(dir, "id-in", "cse-in", "IN", inPort, IN_TOKEN,
                "bearer sha256:" + Credentials.sha256(MN_TOKEN) + " /id-mn*,/id-asn*")
                .set("KEEL_GROUP_REVALIDATION_INTERVAL", "500").env();
        mnEnv = cse(dir, "id-mn", "cse-mn", "MN", mnPort, MN_TOKEN,
                "bearer sha256:" + Credentials.sha256(IN_TOKEN) + " /id-in*",
                "bearer sha256:" + Credentials.sha256(ASN_TOKEN) + " /id-asn*")
                .registrar("http://127.0.0.1:" + inPort, "id-in", "cse-in", "Bearer " + MN_TOKEN).env();
        Map<String, String> asnEnv = cse(dir, "id-asn", "cse-asn", "ASN", asnPort, ASN_TOKEN,
                "bearer sha256:" + Credentials.sha256(MN_TOKEN) + " /id-mn*,/id-in*")
                .registrar("http://127.0.0.1:" + mnPort, "id-mn", "cse-mn", "Bearer " + ASN_TOKEN).env();
        String server = FreshPostgres.serverFromEnvironment();
        if (server != null) {
            inDatabase = FreshPostgres.create(server, "tree_in");
            inEnv.put("KEEL_DB_URL", inDatabase.url());
        }
        in = KeelProcess.start(inEnv);
        mn = KeelProcess.start(mnEnv);
        asn = KeelProcess.start(asnEnv);
        atIn = new OneM2MClient(in.base());
        atMn = new OneM2MClient(mn.base());
        atAsn = new OneM2MClient(asn.base());
    }

    private static CseEnv cse(Path dir, String id, String name, String type, int port, String forwardingToken,
                              String... peers) throws Exception {
        Path credentials = dir.resolve(id + "-credentials");
        StringBuilder lines = new StringBuilder("bearer sha256:" + Credentials.sha256(CLIENT_TOKEN) + " C*\n");
        for (String peer : peers) {
            lines.append(peer).append('\n');
        }
        Files.writeString(credentials, lines.toString());
        return CseEnv.of(dir, id, name, type).port(port).credentials(credentials)
                .set("KEEL_FORWARDING_AUTHORIZATION", "Bearer " + forwardingToken).set("KEEL_FORWARDING_TIMEOUT", "3000")
                .set("KEEL_REGISTRAR_RETRY_FIRST", "200").set("KEEL_REGISTRAR_RETRY_MAX", "1000");
    }

    @AfterAll
    static void stop() {
        for (KeelProcess p : new KeelProcess[] {asn, mn, in}) {
            if (p != null) {
                p.close();
            }
        }
        if (inDatabase != null) {
            inDatabase.close();
        }
    }

    private static Reply send(OneM2MClient.Call call) {
        return call.header("Authorization", "Bearer " + CLIENT_TOKEN).send();
    }

    /** An AE of the ASN; with a point of access when it receives notifications, governed by {@code acpi} if given. */
    private static String asnAe(String aei, String poa, String acpi) {
        String body = "{\"m2m:ae\":{\"rn\":\"" + aei + "\",\"api\":\"Nkeel.test\",\"rr\":" + (poa != null) + ",\"srv\":[\"3\"]"
                + (poa == null ? "" : ",\"poa\":[\"" + poa + "\"]") + (acpi == null ? "" : ",\"acpi\":[\"" + acpi + "\"]") + "}}";
        Reply r = send(atAsn.create("/cse-asn", 2, body).from(aei));
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:ae").path("aei").asText();
    }

    /** An accessControlPolicy on a CSE giving the originators every operation; its resource ID. */
    private static String policy(OneM2MClient at, String cseName, String name, String... originators) {
        Reply acp = send(at.create("/" + cseName, 1, "{\"m2m:acp\":{\"rn\":\"" + name + "\",\"pv\":{\"acr\":[{\"acor\":[\""
                + String.join("\",\"", originators) + "\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}"));
        assertEquals(201, acp.status(), acp.text());
        return acp.json().path("m2m:acp").path("ri").asText();
    }

    /** A container on a CSE that the originators may do everything with. */
    private static void governedContainer(OneM2MClient at, String cseName, String container, String... originators) {
        String acpi = policy(at, cseName, "acp-" + container, originators);
        Reply cnt = send(at.create("/" + cseName, 3, "{\"m2m:cnt\":{\"rn\":\"" + container + "\",\"acpi\":[\"" + acpi + "\"]}}"));
        assertEquals(201, cnt.status(), cnt.text());
    }

    private static boolean registered(OneM2MClient at, String path) {
        return send(at.get(path)).rsc() == 2000;
    }

    @Test
    @Order(1)
    void ts0001_10_2_2_7_eachCseIsRegisteredWithItsRegistrarOnBothSides() {
        Eventually.holds(Duration.ofSeconds(20), () -> registered(atIn, "/cse-in/id-mn"), "the MN's <remoteCSE> on the IN");
        Eventually.holds(Duration.ofSeconds(20), () -> registered(atMn, "/cse-mn/id-in"), "the IN's <remoteCSE> on the MN");
        Eventually.holds(Duration.ofSeconds(20), () -> registered(atMn, "/cse-mn/id-asn"), "the ASN's <remoteCSE> on the MN");
        Eventually.holds(Duration.ofSeconds(20), () -> registered(atAsn, "/cse-asn/id-mn"), "the MN's <remoteCSE> on the ASN");
        assertEquals("/id-asn", send(atMn.get("/cse-mn/id-asn")).json().path("m2m:csr").path("csi").asText());
        assertEquals(3, send(atMn.get("/cse-mn/id-asn")).json().path("m2m:csr").path("cst").asInt());
    }

    @Test
    @Order(2)
    void ts0004_7_4_4_2_1_theInKnowsTheAsnAsADescendantOfTheMn() {
        Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/cse-in/id-mn")).json().path("m2m:csr").path("dcse")
                .toString().contains("/id-asn"), "the MN's <remoteCSE> on the IN lists the ASN in dcse");
    }

    @Test
    @Order(2)
    void ts0001_9_6_4_theMnAnnouncesTheAsnsRemoteCseToTheIn() {
        Reply announce = send(atMn.put("/cse-mn/id-asn", "{\"m2m:csr\":{\"at\":[\"/id-in\"],\"aa\":[\"poa\"]}}"));
        assertEquals(200, announce.status(), announce.text());
        Eventually.holds(Duration.ofSeconds(20), () -> send(atMn.get("/cse-mn/id-asn")).json().path("m2m:csr").path("at")
                .toString().contains("/id-in/"), "at names the announced remoteCSE on the IN");
        String announced = send(atMn.get("/cse-mn/id-asn")).json().path("m2m:csr").path("at").path(0).asText();
        Reply onIn = send(atIn.get("/~" + announced));
        assertEquals(2000, onIn.rsc(), onIn.text());
        JsonNode csrA = onIn.json().path("m2m:csrA");
        assertEquals(10016, csrA.path("ty").asInt(), csrA.toString());
        assertEquals("/id-mn/id-asn", csrA.path("lnk").asText(), csrA.toString());
        assertTrue(csrA.path("poa").path(0).asText().startsWith("http://127.0.0.1:"), "aa names poa: " + csrA);
        assertTrue(csrA.path("csi").isMissingNode(), "csi is optional-announced and aa does not name it: " + csrA);
        assertEquals("id-mn", csrA.path("pi").asText(), "below the MN's <remoteCSE> on the IN: " + csrA);
    }

    @Test
    @Order(3)
    void ts0004_7_3_2_6_anAeOfTheAsnWorksOnTheInOverTwoHops() {
        String ae = asnAe(OneM2MClient.unique("Cup"), null, null);
        String box = OneM2MClient.unique("inbox");
        governedContainer(atIn, "cse-in", box, "/id-asn/" + ae);

        Reply retrieved = send(atAsn.get("/~/id-in/cse-in/" + box).from(ae));
        assertEquals(2000, retrieved.rsc(), retrieved.text());
        assertEquals(box, retrieved.json().path("m2m:cnt").path("rn").asText());

        Reply created = send(atAsn.create("/_/keel.example.net/id-in/cse-in/" + box, 4,
                "{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"from-the-asn\"}}").from(ae));
        assertEquals(201, created.status(), created.text());
        JsonNode cin = send(atIn.get("/cse-in/" + box + "/la")).json().path("m2m:cin");
        assertEquals("from-the-asn", cin.path("con").asText());
    }

    @Test
    @Order(4)
    void ts0004_7_3_2_6_theInReachesTheAsnThroughTheMn() {
        String box = OneM2MClient.unique("asnbox");
        governedContainer(atAsn, "cse-asn", box, "/id-in/CAdmin");
        Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/~/id-asn/cse-asn/" + box)).rsc() == 2000,
                "the IN reaches the ASN");

        Reply created = send(atIn.create("/_/keel.example.net/id-asn/cse-asn/" + box, 4, "{\"m2m:cin\":{\"con\":\"from-the-in\"}}"));
        assertEquals(201, created.status(), created.text());
        assertEquals("from-the-in", send(atAsn.get("/cse-asn/" + box + "/la")).json().path("m2m:cin").path("con").asText());
    }

    @Test
    @Order(5)
    void ts0004_7_4_14_aGroupOnTheInValidatesAndFansOutToAMemberOnTheAsn() {
        String box = OneM2MClient.unique("member");
        governedContainer(atAsn, "cse-asn", box, "/id-in/CAdmin");
        Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/~/id-asn/cse-asn/" + box)).rsc() == 2000,
                "the IN reaches the ASN");
        Reply group = send(atIn.create("/cse-in", 9, "{\"m2m:grp\":{\"rn\":\"" + box + "-g\",\"mt\":3,\"mnm\":5,\"mid\":[\"/id-asn/cse-asn/"
                + box + "\"]}}"));
        assertEquals(201, group.status(), group.text());
        assertTrue(group.json().path("m2m:grp").path("mtv").asBoolean(), "the member's type was retrieved: " + group.text());
        Reply wrongType = send(atIn.create("/cse-in", 9, "{\"m2m:grp\":{\"mt\":4,\"csy\":2,\"mnm\":5,\"mid\":[\"/id-asn/cse-asn/"
                + box + "\"]}}"));
        assertEquals(4110, wrongType.rsc(), "a container is no contentInstance (ABANDON_GROUP): " + wrongType.text());

        Reply fanned = send(atIn.get("/cse-in/" + box + "-g/fopt"));
        assertEquals(2000, fanned.rsc(), fanned.text());
        JsonNode rsp = fanned.json().path("m2m:agr").path("m2m:rsp").path(0);
        assertEquals(2000, rsp.path("rsc").asInt(), fanned.text());
        assertEquals(box, rsp.path("pc").path("m2m:cnt").path("rn").asText(), fanned.text());
    }

    @Test
    @Order(6)
    void ts0004_7_5_1_2_2_aSubscriptionAndANonBlockingResultOnTheInReachAnAeOfTheAsnByItsAeId() throws Exception {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String name = OneM2MClient.unique("Cnote");
            // The AE lets the IN notify it (Notify privilege for /id-in, TS-0004 7.3.3.15).
            String acpi = policy(atAsn, "cse-asn", "acp-" + name, name, "/id-in");
            String ae = asnAe(name, receiver.url(), acpi);
            String box = OneM2MClient.unique("watched");
            governedContainer(atIn, "cse-in", box, "/id-asn/" + ae);
            Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/cse-in/id-mn")).text().contains("/id-asn"),
                    "the IN knows the way to the ASN");

            Reply sub = send(atAsn.create("/~/id-in/cse-in/" + box, 23,
                    "{\"m2m:sub\":{\"rn\":\"s\",\"nu\":[\"/id-asn/" + ae + "\"],\"enc\":{\"net\":[3]}}}").from(ae));
            assertEquals(201, sub.status(), sub.text());
            Reply cin = send(atIn.create("/cse-in/" + box, 4, "{\"m2m:cin\":{\"con\":\"tell-the-asn\"}}"));
            assertEquals(201, cin.status(), cin.text());

            Received n = receiver.next(Duration.ofSeconds(15));
            while (n.sgn().path("vrq").asBoolean(false)) {
                n = receiver.next(Duration.ofSeconds(15));
            }
            assertEquals("tell-the-asn", n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText(), n.text());
            assertEquals("/id-in", n.header("X-M2M-Origin"));

            // The result of a non-blocking request on the IN goes to the same AE by its AE-ID (TS-0004 7.3.3.9.2).
            Reply ack = send(atIn.get("/cse-in/" + box + "?rt=2").header("X-M2M-RTU", "/id-asn/" + ae));
            assertEquals(1002, ack.rsc(), ack.text());
            Received result = receiver.next(Duration.ofSeconds(15));
            JsonNode rsp = result.json().path("m2m:rsp");
            assertEquals(2000, rsp.path("rsc").asInt(), result.text());
            assertEquals(box, rsp.path("pc").path("m2m:cnt").path("rn").asText(), result.text());
        }
    }

    @Test
    @Order(40)
    void ts0004_7_4_13_2_1_aGroupWhoseMemberOnTheMnWasDownIsValidatedOnceTheMnIsBack() {
        String box = OneM2MClient.unique("late");
        governedContainer(atMn, "cse-mn", box, "/id-in/CAdmin");
        mn.close();

        Reply group = send(atIn.create("/cse-in", 9, "{\"m2m:grp\":{\"rn\":\"" + box + "-g\",\"mt\":3,\"mnm\":5,\"mid\":[\"/id-mn/cse-mn/"
                + box + "\"]}}"));
        assertEquals(201, group.status(), group.text());
        assertEquals(false, group.json().path("m2m:grp").path("mtv").asBoolean(true), "the MN is down: " + group.text());

        mn = KeelProcess.start(mnEnv); // the same port and database
        atMn = new OneM2MClient(mn.base());
        Eventually.holds(Duration.ofSeconds(30), () -> send(atIn.get("/cse-in/" + box + "-g")).json().path("m2m:grp").path("mtv")
                .asBoolean(false), "the IN validates the member once the MN answers (keel.group.revalidation-interval)");
    }

    @Test
    @Order(50)
    void ts0001_10_2_2_7_afterARestartOfTheInTheMnIsStillRegisteredOnceAndRequestsAreForwardedAgain() {
        Eventually.holds(Duration.ofSeconds(20), () -> registered(atIn, "/cse-in/id-mn"), "the MN's <remoteCSE> on the IN");
        String ae = asnAe(OneM2MClient.unique("Crestart"), null, null);
        String box = OneM2MClient.unique("restartbox");
        governedContainer(atIn, "cse-in", box, "/id-asn/" + ae);

        in.close();
        in = KeelProcess.start(inEnv); // the same port and database
        atIn = new OneM2MClient(in.base());

        Reply csr = send(atIn.get("/cse-in/id-mn"));
        assertEquals(2000, csr.rsc(), csr.text());
        assertTrue(csr.json().path("m2m:csr").path("dcse").toString().contains("/id-asn"), csr.text());
        Reply remoteCses = send(atIn.get("/cse-in?fu=1&ty=16"));
        assertEquals(1, remoteCses.json().path("m2m:uril").size(), "no duplicate registration: " + remoteCses.text());
        Eventually.holds(Duration.ofSeconds(20), () -> send(atAsn.get("/~/id-in/cse-in/" + box).from(ae)).rsc() == 2000,
                "a request forwarded by the MN reaches the restarted IN");
    }

    @Test
    @Order(100)
    void ts0004_7_3_2_6_withTheMnDownTheAsnAnswers5103AtOnceAndStillServesLocalRequests() {
        String ae = asnAe(OneM2MClient.unique("Cdown"), null, null);
        mn.close();

        long started = System.nanoTime();
        Reply r = send(atAsn.get("/~/id-in/cse-in").from(ae));

        assertEquals(5103, r.rsc(), r.text());
        assertTrue(System.nanoTime() - started < 3_000_000_000L, "a refused connection is not waited for");
        assertEquals(2000, send(atAsn.get("/cse-asn/" + ae).from(ae)).rsc());
    }
}
