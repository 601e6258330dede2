package io.keel.it;

import static io.keel.it.CoapRequests.create;
import static io.keel.it.CoapRequests.json;
import static io.keel.it.CoapRequests.request;
import static io.keel.it.CoapRequests.rsc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.binding.coap.ContentFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CoAP over DTLS (TS-0008 clause 7) against the executable WAR: {@code keel.coap.dtls.port} with the HTTPS key
 * material — EC keys: Scandium clients offer ECDSA-signed cipher suites only unless configured otherwise, and answered
 * an RSA server key with HANDSHAKE_FAILURE here — and originators authenticated by the certificate of their DTLS
 * handshake ({@code cert} lines of {@code keel.auth.credentials}, {@code keel.tls.client-auth=want}). Scandium clients of the test: one that trusts the server,
 * with and without a certificate of its own, and one that trusts another certificate.
 */
class CoapDtlsIT {
    private static KeelProcess keel;
    private static TestPki.Identity server;
    private static TestPki.Identity client;
    private static TestPki.Identity stranger;
    private static int coapPort;
    private static int dtlsPort;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("keel-coaps");
        server = TestPki.create(dir, "keel", "EC");
        client = TestPki.create(dir, "device", "EC");
        stranger = TestPki.create(dir, "stranger", "EC");
        Files.writeString(dir.resolve("credentials"), "cert sha256:" + client.sha256() + " Cdevice*\n");
        coapPort = CoapPeer.freeUdpPort();
        dtlsPort = CoapPeer.freeUdpPort();
        keel = KeelProcess.start(Map.of(
                "KEEL_COAP_PORT", String.valueOf(coapPort),
                "KEEL_COAP_DTLS_PORT", String.valueOf(dtlsPort),
                "KEEL_TLS_KEYSTORE", server.keystore().toString(),
                "KEEL_TLS_KEYSTORE_PASSWORD", TestPki.PASSWORD,
                "KEEL_TLS_CLIENT_AUTH", "want",
                "KEEL_TLS_TRUSTSTORE", TestPki.trustStore(dir.resolve("trust.p12"), client.certificate()).toString(),
                "KEEL_TLS_TRUSTSTORE_PASSWORD", TestPki.PASSWORD,
                "KEEL_AUTH_CREDENTIALS", dir.resolve("credentials").toString()));
    }

    @AfterAll
    static void stop() {
        if (keel != null) {
            keel.close();
        }
    }

    @Test
    void ts0008_7_crudOverCoapsWithTheClientCertificateAsCredential() throws Exception {
        try (DtlsPeer peer = new DtlsPeer(client, server.certificate())) {
            String originator = "Cdevice" + OneM2MClient.unique("");
            Response ae = peer.send(create("cse-in", originator, 2, "{\"m2m:ae\":{\"rn\":\"" + OneM2MClient.unique("dtlsAe")
                    + "\",\"api\":\"Nkeel.test\",\"rr\":false,\"srv\":[\"3\"]}}"), dtlsPort);
            assertEquals(ResponseCode.CREATED, ae.getCode(), ae.getPayloadString());
            String aei = json(ae).path("m2m:ae").path("aei").asText();
            assertEquals(originator, aei);

            Response cnt = peer.send(create(aei, aei, 3, "{\"m2m:cnt\":{\"rn\":\"sealed\"}}"), dtlsPort);
            assertEquals(ResponseCode.CREATED, cnt.getCode(), cnt.getPayloadString());
            String cntRi = json(cnt).path("m2m:cnt").path("ri").asText();
            Response got = peer.send(request(Code.GET, cntRi, aei), dtlsPort);
            assertEquals(ResponseCode.CONTENT, got.getCode(), got.getPayloadString());
            assertEquals("sealed", json(got).path("m2m:cnt").path("rn").asText());
            Request update = request(Code.PUT, cntRi, aei);
            update.getOptions().setContentFormat(ContentFormats.JSON);
            update.setPayload("{\"m2m:cnt\":{\"lbl\":[\"dtls\"]}}");
            Response updated = peer.send(update, dtlsPort);
            assertEquals(2004, rsc(updated), updated.getPayloadString());
            Response deleted = peer.send(request(Code.DELETE, cntRi, aei), dtlsPort);
            assertEquals(2002, rsc(deleted), deleted.getPayloadString());
        }
    }

    @Test
    void ts0008_7_aCertificateThatDoesNotAdmitTheOriginatorIs4106() throws Exception {
        try (DtlsPeer peer = new DtlsPeer(client, server.certificate())) {
            Response rsp = peer.send(request(Code.GET, "cse-in", "Cmallory"), dtlsPort);
            assertEquals(ResponseCode.FORBIDDEN, rsp.getCode(), rsp.getPayloadString());
            assertEquals(4106, rsc(rsp), "ORIGINATOR_NOT_AUTHENTICATED, as over HTTP: " + rsp.getPayloadString());
        }
    }

    @Test
    void ts0008_7_withoutAClientCertificateTheRequestIs4107() throws Exception {
        try (DtlsPeer peer = new DtlsPeer(null, server.certificate())) {
            Response rsp = peer.send(request(Code.GET, "cse-in", "Cdevice1"), dtlsPort);
            assertEquals(ResponseCode.FORBIDDEN, rsp.getCode(), rsp.getPayloadString());
            assertEquals(4107, rsc(rsp));
            assertTrue(json(rsp).path("m2m:dbg").asText().contains("certificate"), rsp.getPayloadString());
        }
    }

    @Test
    void ts0008_7_plainCoapIsNoWayAroundAuthentication() throws Exception {
        try (CoapPeer peer = new CoapPeer()) {
            Response rsp = peer.send(request(Code.GET, "cse-in", "Cdevice1"), coapPort);
            assertEquals(ResponseCode.FORBIDDEN, rsp.getCode(), rsp.getPayloadString());
            assertEquals(4107, rsc(rsp));
        }
    }

    @Test
    void ts0008_7_aClientThatDoesNotTrustTheServerCertificateFailsTheHandshake() throws Exception {
        try (DtlsPeer peer = new DtlsPeer(client, stranger.certificate())) {
            Request r = request(Code.GET, "cse-in", "Cdevice1");
            assertNull(peer.attempt(r, dtlsPort), "no response without a handshake");
            assertNotNull(r.getSendError(), "the DTLS handshake failed");
        }
    }
}
