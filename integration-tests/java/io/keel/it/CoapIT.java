package io.keel.it;

import static io.keel.it.CoapRequests.create;
import static io.keel.it.CoapRequests.json;
import static io.keel.it.CoapRequests.request;
import static io.keel.it.CoapRequests.rsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.binding.coap.ContentFormats;
import io.keel.binding.coap.OneM2MOptions;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TS-0008 over real UDP: the executable WAR with {@code KEEL_COAP_PORT}, driven by a Californium client of the test.
 * CRUD and discovery, access control, a notification to a CoAP server of the test, block-wise transfer both ways, and
 * malformed requests answered with their oneM2M error.
 */
class CoapIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** keel.http.max-body: the 20 kB content instance fits, 40 kB do not. */
    private static final int MAX_BODY = 30_000;
    private static KeelProcess keel;
    private static CoapPeer peer;
    private static int port;

    @BeforeAll
    static void start() {
        port = CoapPeer.freeUdpPort();
        keel = KeelProcess.start(Map.of("KEEL_COAP_PORT", String.valueOf(port), "KEEL_HTTP_MAX_BODY", String.valueOf(MAX_BODY)));
        peer = new CoapPeer();
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (keel != null) {
            keel.close();
        }
    }

    @Test
    void ts0008_6_2_crudAndDiscoveryOverCoap() throws Exception {
        String originator = "C" + OneM2MClient.unique("coap");
        Response ae = peer.send(create("cse-in", originator, 2,
                "{\"m2m:ae\":{\"rn\":\"" + OneM2MClient.unique("coapAe") + "\",\"api\":\"Nkeel.test\",\"rr\":false,\"srv\":[\"3\"]}}"), port);
        assertEquals(ResponseCode.CREATED, ae.getCode(), ae.getPayloadString());
        assertEquals(2001, rsc(ae));
        assertEquals(ContentFormats.JSON, ae.getOptions().getContentFormat());
        String aei = json(ae).path("m2m:ae").path("aei").asText();
        assertEquals(originator, aei);
        assertFalse(ae.getOptions().getLocationPath().isEmpty(), "Location-Path names the created resource (6.2.3)");
        assertEquals(0L, ae.getOptions().getMaxAge(), "Max-Age 0: no CoAP cache answers for the CSE (6.4)");

        Response cnt = peer.send(create("cse-in/" + ae.getOptions().getLocationPath().get(ae.getOptions().getLocationPathCount() - 1),
                aei, 3, "{\"m2m:cnt\":{\"rn\":\"box\",\"lbl\":[\"coap\"]}}"), port);
        assertEquals(ResponseCode.CREATED, cnt.getCode(), cnt.getPayloadString());
        String cntRi = json(cnt).path("m2m:cnt").path("ri").asText();

        Response got = peer.send(request(Code.GET, cntRi, aei), port);
        assertEquals(ResponseCode.CONTENT, got.getCode(), got.getPayloadString());
        assertEquals(2000, rsc(got));
        assertEquals("box", json(got).path("m2m:cnt").path("rn").asText());

        Request update = request(Code.PUT, cntRi, aei);
        update.getOptions().setContentFormat(ContentFormats.JSON);
        update.setPayload("{\"m2m:cnt\":{\"lbl\":[\"coap\",\"updated\"]}}");
        Response updated = peer.send(update, port);
        assertEquals(ResponseCode.CHANGED, updated.getCode(), updated.getPayloadString());
        assertEquals(2004, rsc(updated));

        Request discovery = request(Code.GET, "cse-in", aei);
        discovery.getOptions().addUriQuery("fu=1").addUriQuery("ty=3").addUriQuery("lbl=updated");
        Response found = peer.send(discovery, port);
        assertEquals(ResponseCode.CONTENT, found.getCode(), found.getPayloadString());
        assertEquals(1, json(found).path("m2m:uril").size(), found.getPayloadString());
        assertTrue(json(found).path("m2m:uril").get(0).asText().endsWith("/box"), found.getPayloadString());

        Response deleted = peer.send(request(Code.DELETE, cntRi, aei), port);
        assertEquals(ResponseCode.DELETED, deleted.getCode(), deleted.getPayloadString());
        assertEquals(2002, rsc(deleted));
        Response gone = peer.send(request(Code.GET, cntRi, aei), port);
        assertEquals(ResponseCode.NOT_FOUND, gone.getCode());
        assertEquals(4004, rsc(gone));
    }

    @Test
    void ts0008_6_2_4_anotherOriginatorIsRefusedWith4103() throws Exception {
        String aei = registerAe();
        Response denied = peer.send(request(Code.GET, aei, registerAe()), port);
        assertEquals(ResponseCode.FORBIDDEN, denied.getCode(), denied.getPayloadString());
        assertEquals(4103, rsc(denied));
        assertFalse(json(denied).path("m2m:dbg").asText().isEmpty(), denied.getPayloadString());
    }

    @Test
    void ts0008_6_3_2_notificationGoesToACoapServer() throws Exception {
        String receiver = peer.startNotificationReceiver();
        String aei = registerAe();
        Response cnt = peer.send(create(aei, aei, 3, "{\"m2m:cnt\":{\"rn\":\"watched\"}}"), port);
        String cntRi = json(cnt).path("m2m:cnt").path("ri").asText();
        String nu = receiver + "/notify";
        Response sub = peer.send(create(cntRi, aei, 23, "{\"m2m:sub\":{\"rn\":\"s\",\"nu\":[\"" + nu + "\"],\"enc\":{\"net\":[3]}}}"), port);
        assertEquals(ResponseCode.CREATED, sub.getCode(), sub.getPayloadString()); // a URL target is not verified (TS-0004 7.5.1.2.3)

        peer.send(create(cntRi, aei, 4, "{\"m2m:cin\":{\"con\":\"21.5\"}}"), port);
        Request notify = peer.nextNotification();
        assertEquals(Code.POST, notify.getCode());
        assertTrue(notify.getOptions().getOthers(OneM2MOptions.TY).isEmpty(), "a Notify carries no oneM2M-TY (6.2.1)");
        assertFalse(notify.getOptions().getOthers(OneM2MOptions.RQI).isEmpty(), "oneM2M-RQI");
        assertFalse(notify.getOptions().getOthers(OneM2MOptions.FR).isEmpty(), "oneM2M-FR");
        assertEquals(ContentFormats.JSON, notify.getOptions().getContentFormat());
        assertEquals("21.5", JSON.readTree(notify.getPayload()).path("m2m:sgn").path("nev").path("rep").path("m2m:cin").path("con").asText(),
                notify.getPayloadString());
    }

    @Test
    void ts0008_6_5_largeContentInstanceTravelsBlockWiseBothWays() throws Exception {
        String aei = registerAe();
        Response cnt = peer.send(create(aei, aei, 3, "{\"m2m:cnt\":{\"rn\":\"big\"}}"), port);
        String cntRi = json(cnt).path("m2m:cnt").path("ri").asText();
        String con = "x".repeat(20_000);
        Request create = create(cntRi, aei, 4, "{\"m2m:cin\":{\"rn\":\"large\",\"con\":\"" + con + "\"}}");
        assertTrue(create.getPayloadSize() > 512 * 4, "larger than a block: the client sends it with Block1");
        Response created = peer.send(create, port);
        assertEquals(ResponseCode.CREATED, created.getCode(), created.getPayloadString());

        Response got = peer.send(request(Code.GET, cntRi + "/large", aei), port);
        assertEquals(ResponseCode.CONTENT, got.getCode());
        assertEquals(con, json(got).path("m2m:cin").path("con").asText(), "reassembled from its Block2 blocks");
    }

    @Test
    void ts0008_6_2_2_4_badOptionValueIs4000WithTheReason() throws Exception {
        Request r = request(Code.GET, "cse-in", "C" + OneM2MClient.unique("bad"));
        r.getOptions().addOption(new Option(OneM2MOptions.RQET, "yesterday"));
        Response rsp = peer.send(r, port);
        assertEquals(ResponseCode.BAD_REQUEST, rsp.getCode());
        assertEquals(4000, rsc(rsp));
        assertTrue(json(rsp).path("m2m:dbg").asText().contains("oneM2M-RQET"), rsp.getPayloadString());
        assertFalse(rsp.getOptions().getOthers(OneM2MOptions.RQI).isEmpty(), "the Request Identifier is echoed");
    }

    @Test
    void ts0008_6_2_2_2_unknownContentFormatIs4015() throws Exception {
        Request r = create("cse-in", "C" + OneM2MClient.unique("fmt"), 2, "rn=x");
        r.getOptions().setContentFormat(0); // text/plain
        Response rsp = peer.send(r, port);
        assertEquals(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, rsp.getCode());
        assertEquals(4015, rsc(rsp));
        assertTrue(json(rsp).path("m2m:dbg").asText().contains("Content-Format"), rsp.getPayloadString());
    }

    @Test
    void ts0008_6_2_2_2_unacceptableAcceptIs406() throws Exception {
        Request r = request(Code.GET, "cse-in", "C" + OneM2MClient.unique("acc"));
        r.getOptions().setAccept(0);
        Response rsp = peer.send(r, port);
        assertEquals(ResponseCode.NOT_ACCEPTABLE, rsp.getCode());
        assertEquals(5207, rsc(rsp));
    }

    @Test
    void ts0008_6_2_1_methodWithoutOperationIs4005() throws Exception {
        Response rsp = peer.send(request(Code.FETCH, "cse-in", "C" + OneM2MClient.unique("fetch")), port);
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, rsp.getCode());
        assertEquals(4005, rsc(rsp));
    }

    @Test
    void ts0008_6_2_2_2_responseComesInTheAcceptedFormat() throws Exception {
        Request r = request(Code.GET, "cse-in", registerAe());
        r.getOptions().setAccept(ContentFormats.XML);
        Response rsp = peer.send(r, port);
        assertEquals(ResponseCode.CONTENT, rsp.getCode(), rsp.getPayloadString());
        assertEquals(ContentFormats.XML, rsp.getOptions().getContentFormat());
        assertTrue(rsp.getPayloadString().contains("<m2m:cb"), rsp.getPayloadString());
    }

    @Test
    void ts0008_6_2_2_4_unknownCriticalOptionIs402WithRscAndDbg() throws Exception {
        double before = refused(4000);
        // CON GET, token AB, option 2049 (odd: critical, RFC 7252 5.4.1), which no registry knows: Californium answers it.
        Message answer = CoapPeer.sendRaw(new byte[] {0x41, 0x01, 0x12, 0x34, (byte) 0xAB, (byte) 0xE0, 0x06, (byte) 0xF4}, port);
        Response rsp = (Response) answer;
        assertEquals(ResponseCode.BAD_OPTION, rsp.getCode());
        assertEquals(0x1234, rsp.getMID(), "piggybacked on the ACK of the request");
        assertEquals(4000, rsc(rsp));
        assertEquals(ContentFormats.JSON, rsp.getOptions().getContentFormat());
        assertTrue(json(rsp).path("m2m:dbg").asText().contains("2049"), rsp.getPayloadString());
        assertEquals(before + 1, refused(4000), "counted as a refusal of the coap binding");
    }

    @Test
    void rfc7252_3_payloadMarkerWithoutPayloadIsAnErrorWithRscAndDbg() throws Exception {
        Message answer = CoapPeer.sendRaw(new byte[] {0x41, 0x02, 0x12, 0x35, (byte) 0xAC, (byte) 0xFF}, port);
        Response rsp = (Response) answer;
        assertTrue(rsp.isError(), rsp.toString());
        assertEquals(4000, rsc(rsp));
        assertTrue(json(rsp).path("m2m:dbg").asText().contains("payload marker"), rsp.getPayloadString());
    }

    @Test
    void ts0008_6_5_bodyOverTheLimitIs413WithRscAndDbg() throws Exception {
        double before = refused(4000);
        String aei = registerAe();
        Request create = create(aei, aei, 3, "{\"m2m:cnt\":{\"rn\":\"" + "x".repeat(40_000) + "\"}}");
        Response rsp = peer.send(create, port);
        assertEquals(ResponseCode.REQUEST_ENTITY_TOO_LARGE, rsp.getCode(), rsp.getPayloadString());
        assertEquals(4000, rsc(rsp));
        assertTrue(json(rsp).path("m2m:dbg").asText().contains(String.valueOf(MAX_BODY)), rsp.getPayloadString());
        assertEquals(before + 1, refused(4000), "counted as a refusal of the coap binding");
    }

    @Test
    void ts0008_6_3_3_nonBlockingRequestIsAcknowledgedWithTheRequestResourceInLocationPath() throws Exception {
        String aei = registerAe();
        Request retrieve = request(Code.POST, aei, aei);
        retrieve.getOptions().addUriQuery("op=2").addUriQuery("rt=1");
        Response ack = peer.send(retrieve, port);
        assertEquals(ResponseCode.CREATED, ack.getCode(), ack.getPayloadString());
        assertEquals(1001, rsc(ack));
        List<String> location = ack.getOptions().getLocationPath();
        assertEquals("cse-in", location.get(0), "the <request> resource's structured address: " + location);
        assertEquals(2, location.size(), location.toString());

        Request read = request(Code.GET, String.join("/", location), aei);
        Response req = peer.send(read, port);
        assertEquals(ResponseCode.CONTENT, req.getCode(), req.getPayloadString());
        assertEquals(2, json(req).path("m2m:req").path("op").asInt(), "the <request> of the Retrieve: " + req.getPayloadString());
    }

    @Test
    void ts0004_7_5_1_2_3_verificationRequestGoesToTheAePointOfAccessOverCoap() throws Exception {
        try (CoapPeer receiver = new CoapPeer()) {
            String receiverUrl = receiver.startNotificationReceiver();
            String originator = "C" + OneM2MClient.unique("coapVrq");
            Response ae = peer.send(create("cse-in", originator, 2, "{\"m2m:ae\":{\"rn\":\"" + OneM2MClient.unique("coapAe")
                    + "\",\"api\":\"Nkeel.test\",\"rr\":true,\"srv\":[\"3\"],\"poa\":[\"" + receiverUrl + "\"]}}"), port);
            assertEquals(ResponseCode.CREATED, ae.getCode(), ae.getPayloadString());
            String aei = json(ae).path("m2m:ae").path("aei").asText();

            // Another originator subscribes on the AE's behalf: a target that is the subscriber itself is not verified.
            Response sub = peer.send(create("cse-in", OneM2MClient.ADMIN, 23, "{\"m2m:sub\":{\"rn\":\"" + OneM2MClient.unique("sub")
                    + "\",\"nu\":[\"" + aei + "\"],\"enc\":{\"net\":[1]}}}"), port);
            assertEquals(ResponseCode.CREATED, sub.getCode(), sub.getPayloadString());
            Request verification = receiver.nextNotification();
            assertEquals(Code.POST, verification.getCode());
            JsonNode sgn = JSON.readTree(verification.getPayload()).path("m2m:sgn");
            assertTrue(sgn.path("vrq").asBoolean(), "a verification request (vrq): " + verification.getPayloadString());
            assertEquals(OneM2MClient.ADMIN, sgn.path("cr").asText(), verification.getPayloadString());
        }
    }

    /** keel_requests_refused_total for the coap binding and this rsc, from the metrics endpoint (0 when never counted). */
    private static double refused(int rsc) throws Exception {
        String key = "keel_requests_refused_total{binding=\"coap\",rsc=\"" + rsc + "\"} ";
        String text = new OneM2MClient(keel.base()).get("/.well-known/keel/metrics").send().text();
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                return Double.parseDouble(line.substring(key.length()).trim());
            }
        }
        return 0;
    }

    private static String registerAe() throws Exception {
        String originator = "C" + OneM2MClient.unique("coap");
        Response ae = peer.send(create("cse-in", originator, 2,
                "{\"m2m:ae\":{\"rn\":\"" + OneM2MClient.unique("coapAe") + "\",\"api\":\"Nkeel.test\",\"rr\":false,\"srv\":[\"3\"]}}"), port);
        assertEquals(ResponseCode.CREATED, ae.getCode(), ae.getPayloadString());
        return json(ae).path("m2m:ae").path("aei").asText();
    }
}
