package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mcc over CoAP (TS-0008, TS-0004 7.3.2.6): an IN-CSE and an MN-CSE, two processes, each with CoAP over DTLS and EC
 * keys, each trusting the other's certificate. The MN's registrar is {@code coaps://} the IN's DTLS port and its only
 * point of access is its own, so that the registration and every request forwarded in either direction go over
 * CoAP. A CSE registers only authenticated (TS-0004 7.4.4.2.1), and CoAP has no Authorization: each CSE's credential
 * is its DTLS certificate, which a {@code cert} line of the other's credential file admits for its SP-relative
 * originators. The test's own clients speak HTTP to each CSE with a bearer token.
 */
class CoapMccIT {
    private static final String CLIENT_TOKEN = "client-token-" + System.nanoTime();
    private static KeelProcess in;
    private static KeelProcess mn;
    private static OneM2MClient atIn;
    private static OneM2MClient atMn;
    private static String mnPoa;

    @BeforeAll
    static void startTwoCses() throws Exception {
        Path dir = Files.createTempDirectory("keel-coap-mcc");
        TestPki.Identity inKey = TestPki.create(dir, "id-in", "EC");
        TestPki.Identity mnKey = TestPki.create(dir, "id-mn", "EC");
        int inDtls = CoapPeer.freeUdpPort();
        int mnDtls = CoapPeer.freeUdpPort();
        mnPoa = "coaps://127.0.0.1:" + mnDtls;
        String clients = "bearer sha256:" + Credentials.sha256(CLIENT_TOKEN) + " C*\n";
        Files.writeString(dir.resolve("in-credentials"), clients + "cert sha256:" + mnKey.sha256() + " /id-mn*\n");
        Files.writeString(dir.resolve("mn-credentials"), clients + "cert sha256:" + inKey.sha256() + " /id-in*\n");

        in = cse(dir, "id-in", "cse-in", "IN", inKey, mnKey, inDtls).start();
        mn = cse(dir, "id-mn", "cse-mn", "MN", mnKey, inKey, mnDtls).set("KEEL_CSE_POA", mnPoa)
                .registrar("coaps://127.0.0.1:" + inDtls, "id-in", "cse-in", null).start();
        atIn = new OneM2MClient(in.base());
        atMn = new OneM2MClient(mn.base());
    }

    private static CseEnv cse(Path dir, String id, String name, String type, TestPki.Identity own, TestPki.Identity peer,
                              int dtlsPort) throws Exception {
        return CseEnv.of(dir, id, name, type).set("KEEL_COAP_PORT", String.valueOf(CoapPeer.freeUdpPort()))
                .set("KEEL_COAP_DTLS_PORT", String.valueOf(dtlsPort)).set("KEEL_TLS_KEYSTORE", own.keystore().toString())
                .set("KEEL_TLS_KEYSTORE_PASSWORD", TestPki.PASSWORD).set("KEEL_TLS_CLIENT_AUTH", "want")
                .set("KEEL_TLS_TRUSTSTORE", TestPki.trustStore(dir.resolve(id + "-trust.p12"), peer.certificate()).toString())
                .set("KEEL_TLS_TRUSTSTORE_PASSWORD", TestPki.PASSWORD)
                .credentials(dir.resolve(id.substring(3) + "-credentials")).set("KEEL_FORWARDING_TIMEOUT", "5000");
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

    /** The MN's {@code <remoteCSE>} on the IN, once the registration over CoAP made it. */
    private static JsonNode mnRegistered() {
        Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/cse-in/id-mn")).rsc() == 2000,
                "the MN registers with the IN over coaps");
        return send(atIn.get("/cse-in/id-mn")).json().path("m2m:csr");
    }

    /** A policy on the CSE at {@code at} giving {@code originator} every operation, and a container it governs. */
    private static void governedContainer(OneM2MClient at, String cseName, String container, String originator) {
        CsePair.governedContainer(CoapMccIT::send, at, cseName, container, originator);
    }

    @Test
    void ts0004_7_4_4_theMnRegistersOverCoapsWithItsCoapsPointOfAccess() {
        JsonNode csr = mnRegistered();
        assertEquals("/id-mn", csr.path("csi").asText(), csr.toString());
        assertEquals(List.of(mnPoa), List.of(csr.path("poa").path(0).asText()), csr.toString());
        assertEquals(1, csr.path("poa").size(), "coaps only: forwarding to the MN can only go over CoAP " + csr);
    }

    @Test
    void ts0004_7_3_2_6_aRetrieveFromTheMnIsForwardedToTheInOverCoap() {
        mnRegistered();
        String box = OneM2MClient.unique("inbox");
        governedContainer(atIn, "cse-in", box, "/id-mn/CAdmin");
        Reply retrieved = send(atMn.get("/~/id-in/cse-in/" + box));
        assertEquals(2000, retrieved.rsc(), retrieved.text());
        assertEquals(box, retrieved.json().path("m2m:cnt").path("rn").asText());
    }

    @Test
    void ts0004_7_3_2_6_aRetrieveFromTheInIsForwardedToTheMnOverCoap() {
        mnRegistered();
        String box = OneM2MClient.unique("mnbox");
        governedContainer(atMn, "cse-mn", box, "/id-in/CAdmin");
        Reply retrieved = send(atIn.get("/~/id-mn/cse-mn/" + box));
        assertEquals(2000, retrieved.rsc(), retrieved.text());
        assertEquals(box, retrieved.json().path("m2m:cnt").path("rn").asText());
    }
}
