package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * CSE registration between two Keel processes (TS-0001 10.2.2.7, TS-0004 7.4.4): an IN-CSE whose HTTP authentication
 * admits the MN's CSE-ID, and an MN-CSE with the IN as registrar. Each has an H2 database of its own, also in the
 * PostgreSQL run (two CSEs cannot share one).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteCseIT {
    private static final String MN_AUTH = Credentials.basic("mn", "mn-secret");
    private static final String ADMIN_AUTH = Credentials.basic("admin", "admin-secret");
    private static final Duration REGISTRATION = Duration.ofSeconds(30);
    private static Path dir;
    private static KeelProcess in;
    private static KeelProcess mn;
    private static OneM2MClient inClient;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("keel-remote-cse");
        Files.writeString(dir.resolve("credentials"), String.join("\n",
                "basic mn:" + Credentials.pbkdf2("mn-secret") + " /id-mn",
                "basic admin:" + Credentials.pbkdf2("admin-secret") + " CAdmin,C*", ""));
        in = CseEnv.of(dir, "id-in", "cse-in", "IN").credentials(dir.resolve("credentials")).start();
        inClient = new OneM2MClient(in.base());
        mn = startMn(KeelProcess.freePort());
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

    private static KeelProcess startMn(int port) {
        return CseEnv.of(dir, "id-mn", "cse-mn", "MN").port(port)
                .registrar("http://127.0.0.1:" + in.base().getPort(), "id-in", "cse-in", MN_AUTH)
                .set("KEEL_REGISTRAR_CHECK_INTERVAL", "500").start();
    }

    private static OneM2MClient mnClient() {
        return new OneM2MClient(mn.base());
    }

    /** The IN's {@code <remoteCSE>} of the MN, once the MN has registered; null before. */
    private static JsonNode registrationOnIn() {
        Reply r = inClient.get("/cse-in/id-mn").header("Authorization", ADMIN_AUTH).send();
        return r.status() == 200 ? r.json().path("m2m:csr") : null;
    }

    private static int remoteCses(OneM2MClient cse, String base, String authorization) {
        OneM2MClient.Call call = cse.get(base + "?fu=1&ty=16");
        if (authorization != null) {
            call.header("Authorization", authorization);
        }
        Reply r = call.send();
        assertEquals(200, r.status(), r.text());
        return r.json().path("m2m:uril").size();
    }

    private static String mnPoa() {
        return "http://127.0.0.1:" + mn.base().getPort();
    }

    @Test
    void ts0001_10_2_2_7_theMnRegistersWithTheInAndKeepsARemoteCseOfIt() {
        Eventually.holds(REGISTRATION, () -> registrationOnIn() != null, "the MN's registration on the IN");
        JsonNode onIn = registrationOnIn();
        assertEquals("/id-mn", onIn.path("csi").asText(), onIn.toString());
        assertEquals("/id-mn/cse-mn", onIn.path("cb").asText(), onIn.toString());
        assertEquals(2, onIn.path("cst").asInt(), onIn.toString());
        assertEquals(16, onIn.path("ty").asInt());
        assertTrue(onIn.path("rr").asBoolean(), onIn.toString());
        Eventually.holds(REGISTRATION, () -> mnPoa().equals(registrationOnIn().path("poa").path(0).asText()), "the MN's poa");

        Eventually.holds(REGISTRATION, () -> mnClient().get("/cse-mn/id-in").send().status() == 200,
                "the MN's <remoteCSE> of the IN");
        JsonNode onMn = mnClient().get("/cse-mn/id-in").send().json().path("m2m:csr");
        assertEquals("/id-in", onMn.path("csi").asText(), onMn.toString());
        assertEquals("/id-in/cse-in", onMn.path("cb").asText(), onMn.toString());
        assertEquals(1, onMn.path("cst").asInt(), onMn.toString());
        assertEquals("http://127.0.0.1:" + in.base().getPort(), onMn.path("poa").path(0).asText(), onMn.toString());
        assertTrue(mn.output().stream().anyMatch(l -> l.contains("registered with the registrar CSE /id-in")), "one INFO line");
    }

    @Test
    void ts0004_7_4_3_bothCseBasesListRemoteCseAmongTheirSupportedTypes() {
        for (JsonNode cb : new JsonNode[] {inClient.get("/cse-in").header("Authorization", ADMIN_AUTH).send().json().path("m2m:cb"),
                mnClient().get("/cse-mn").send().json().path("m2m:cb")}) {
            assertTrue(cb.path("srt").toString().matches(".*\\b16\\b.*"), cb.toString());
        }
    }

    @Test
    void ts0001_10_2_2_7_aRestartOfTheMnUpdatesItsRegistrationWithoutDuplicates() {
        Eventually.holds(REGISTRATION, () -> registrationOnIn() != null, "the MN's registration on the IN");
        Eventually.holds(REGISTRATION, () -> mnClient().get("/cse-mn/id-in").send().status() == 200, "the MN's <remoteCSE>");
        mn.close();
        mn = startMn(KeelProcess.freePort()); // a new port: its point of access changes

        Eventually.holds(REGISTRATION, () -> mnPoa().equals(registrationOnIn().path("poa").path(0).asText()),
                "the IN's <remoteCSE> of the MN shows its new poa");
        assertEquals(1, remoteCses(inClient, "/cse-in", ADMIN_AUTH), "one registration of the MN on the IN");
        Eventually.holds(REGISTRATION, () -> mn.output().stream().anyMatch(l -> l.contains("registered with the registrar")),
                "registered again");
        assertEquals(1, remoteCses(mnClient(), "/cse-mn", null), "one <remoteCSE> of the IN on the MN");
    }

    @Test
    void ts0001_10_2_2_7_aRegistrationTheInLostIsMadeAgainByTheMnWithoutARestart() {
        Eventually.holds(REGISTRATION, () -> registrationOnIn() != null, "the MN's registration on the IN");

        Reply deleted = inClient.delete("/cse-in/id-mn").from("CAdmin").header("Authorization", ADMIN_AUTH).send();
        assertEquals(2002, deleted.rsc(), deleted.text());

        Eventually.holds(REGISTRATION, () -> registrationOnIn() != null, "the MN registers again (keel.registrar.check-interval)");
        assertTrue(mn.output().stream().anyMatch(l -> l.contains("has no <remoteCSE> of this CSE any more")), "one WARNING line");
        assertEquals(1, remoteCses(inClient, "/cse-in", ADMIN_AUTH));
    }

    @Test
    void ts0004_7_4_4_2_1_anAeCannotCreateARemoteCse4005() {
        String ae = "C" + OneM2MClient.unique("ae");
        Reply reg = inClient.create("/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"" + ae + "\",\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(ae).header("Authorization", ADMIN_AUTH).send();
        assertEquals(201, reg.status(), reg.text());

        Reply r = inClient.create("/cse-in", 16, "{\"m2m:csr\":{\"cb\":\"/" + ae + "/x\",\"rr\":true,\"srv\":[\"3\"]}}")
                .from(ae).header("Authorization", ADMIN_AUTH).send();
        assertEquals(4005, r.rsc(), r.text());
    }

    @Test
    void ts0004_7_4_4_2_1_aSecondRegistrationOfTheSameCseIdIs4117() {
        Eventually.holds(REGISTRATION, () -> registrationOnIn() != null, "the MN's registration on the IN");

        Reply r = inClient.create("/cse-in", 16, "{\"m2m:csr\":{\"rn\":\"again\",\"cb\":\"/id-mn/cse-mn\",\"rr\":true,\"srv\":[\"3\"]}}")
                .from("/id-mn").header("Authorization", MN_AUTH).send();
        assertEquals(4117, r.rsc(), r.text());
        assertEquals(1, remoteCses(inClient, "/cse-in", ADMIN_AUTH));
    }

    @Test
    void ts0004_7_4_4_2_1_aCseWithoutCredentialsIs4107() {
        Reply r = inClient.create("/cse-in", 16, "{\"m2m:csr\":{\"cb\":\"/id-x/cse-x\",\"rr\":true,\"srv\":[\"3\"]}}")
                .from("/id-x").send();
        assertEquals(4107, r.rsc(), r.text());
    }

    /** Last: it ends the registration for good. */
    @Test
    @Order(Integer.MAX_VALUE)
    void ts0004_7_4_4_2_4_theAdministratorDeletingTheInsRemoteCseOnTheMnDeregistersTheMnForGood() {
        Eventually.holds(REGISTRATION, () -> registrationOnIn() != null, "the MN's registration on the IN");
        Eventually.holds(REGISTRATION, () -> mnClient().get("/cse-mn/id-in").send().status() == 200, "the MN's <remoteCSE>");

        Reply deleted = mnClient().delete("/cse-mn/id-in").from("CAdmin").send();
        assertEquals(2002, deleted.rsc(), deleted.text());

        Eventually.holds(REGISTRATION, () -> inClient.get("/cse-in/id-mn").header("Authorization", ADMIN_AUTH).send().rsc() == 4004,
                "the MN's <remoteCSE> on the IN is gone");
        assertTrue(mnClient().get("/cse-mn").send().json().path("m2m:cb").path("lbl").toString()
                .contains("keel:deregistered-from:/id-in"), "the MN's CSEBase says it de-registered");

        mn.close();
        mn = startMn(KeelProcess.freePort());
        Eventually.holds(REGISTRATION, () -> mn.output().stream().anyMatch(l -> l.contains("de-registered from the registrar")),
                "the restarted MN makes sure it is de-registered");
        assertEquals(4004, inClient.get("/cse-in/id-mn").header("Authorization", ADMIN_AUTH).send().rsc(),
                "the restarted MN did not register again");
        assertEquals(4004, mnClient().get("/cse-mn/id-in").send().rsc(), "nor keeps a <remoteCSE> of the IN");
        assertEquals(0, remoteCses(inClient, "/cse-in", ADMIN_AUTH));
    }
}
