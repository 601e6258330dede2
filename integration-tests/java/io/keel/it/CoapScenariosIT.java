package io.keel.it;

import io.keel.binding.coap.CoapSender;
import io.keel.binding.coap.CoapSettings;
import io.keel.binding.coap.RequestMapping;
import io.keel.core.Outbound;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared scenarios over the CoAP binding (TS-0008): the executable WAR with {@code KEEL_COAP_PORT}; primitives
 * go out through Keel's own CoAP client mapping ({@link CoapSender}, what the CSE forwards with), and the AEs'
 * notifications come to a CoAP server of the test, read back with the binding's server-side mapping.
 */
class CoapScenariosIT implements PrimitiveScenarios {
    private static KeelProcess keel;
    private static CoapSender coap;
    private static CoapPeer receiver;
    private static int keelPort;
    private static String receiverUrl;

    @BeforeAll
    static void start() {
        keelPort = CoapPeer.freeUdpPort();
        keel = KeelProcess.start(Map.of("KEEL_COAP_PORT", String.valueOf(keelPort)));
        coap = new CoapSender(new CoapSettings("127.0.0.1", 0, null, 512, 1 << 20), null, 10_000);
        receiver = new CoapPeer();
        receiverUrl = receiver.startNotificationReceiver();
    }

    @AfterAll
    static void stop() {
        if (coap != null) {
            coap.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (keel != null) {
            keel.close();
        }
    }

    @Override
    public ResponsePrimitive exchange(RequestPrimitive request) throws Exception {
        return coap.forward(request, Serialization.JSON, new Outbound.Hop("coap://127.0.0.1:" + keelPort, null, 10_000))
                .get(15, TimeUnit.SECONDS);
    }

    @Override
    public List<String> aePointOfAccess(String originator) {
        return List.of(receiverUrl + "/" + originator);
    }

    @Override
    public RequestPrimitive requestReceivedBy(String originator, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Request r = receiver.nextNotification(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (r == null) {
                return null;
            }
            if (receiver.pathOf(r).equals("/" + originator)) {
                RequestPrimitive received = new RequestPrimitive();
                RequestMapping.read(r, received, Instant.now());
                return received;
            }
        }
        return null;
    }
}
