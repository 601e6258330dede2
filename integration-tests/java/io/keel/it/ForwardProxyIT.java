package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Everything the CSE sends goes through a configured forward proxy (keel.http.proxy): the Request-Target takes the
 * absolute-form (TS-0009 6.2.2) and Host names the proxy (6.4.1). A receiver on loopback plays the proxy.
 */
class ForwardProxyIT {
    @Test
    void ts0009_6_2_2_and_6_4_1_notificationsThroughAProxyUseAbsoluteFormAndTheProxyAsHost() throws Exception {
        try (NotificationReceiver proxy = NotificationReceiver.forwardProxy()) {
            String proxyAddress = proxy.url("").replace("http://", "");
            int port = KeelProcess.freePort();
            try (KeelProcess keel = KeelProcess.start(Map.of("KEEL_HTTP_PORT", String.valueOf(port), "KEEL_HTTP_PROXY", proxyAddress))) {
                OneM2MClient cse = new OneM2MClient(keel.base());
                String ae = cse.registerAe("C" + OneM2MClient.unique("proxied"), OneM2MClient.unique("proxiedAe"));
                String cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
                Reply sub = cse.create("/" + cnt, 23, "{\"m2m:sub\":{\"nu\":[\"http://receiver.example:9000/notify\"],\"enc\":{\"net\":[3]}}}")
                        .from(ae).send();
                assertEquals(201, sub.status(), sub.text());
                cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"via proxy\"}}").from(ae).send();
                // In the PostgreSQL run this CSE shares the suite's database, whose other subscriptions may notify
                // receivers of earlier tests through the proxy too: the one for this subscription is looked for.
                Received n = proxy.next();
                while (!n.target().startsWith("http://receiver.example:9000/")) {
                    n = proxy.next();
                }
                assertEquals("http://receiver.example:9000/notify", n.target());
                assertEquals(proxyAddress, n.header("Host"));
                assertEquals("via proxy", n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText());
            }
        }
    }
}
