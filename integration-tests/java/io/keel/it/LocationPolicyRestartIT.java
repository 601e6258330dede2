package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.it.OneM2MClient.Reply;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A geofence's Leaving needs to know that the previous position was inside (TS-0001 figure 9.6.10-1): that survives
 * a restart of the application, so the first position outside after it is a Leaving.
 */
class LocationPolicyRestartIT extends RedeployedWar {
    private static final String AE = "C" + OneM2MClient.unique("fence");
    private static final NotificationReceiver LEAVING = new NotificationReceiver();
    private static final String AREA = "{\"typ\":3,\"crd\":\"[[[139, 35], [140, 35], [140, 36], [139, 36], [139, 35]]]\"}";

    private static void moveTo(OneM2MClient cse, String crd) {
        Reply r = cse.put("/" + AE, "{\"m2m:ae\":{\"loc\":{\"typ\":1,\"crd\":\"" + crd + "\"}}}").from(AE)
                .header("X-M2M-RVI", "4").send();
        assertEquals(200, r.status(), r.text());
    }

    @Test
    @Order(2)
    void insideBeforeTheRestart(@ArquillianResource @OperateOnDeployment(WAR) URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        cse.registerAe(AE, AE);
        Reply lcp = cse.create("/cse-in", 10, "{\"m2m:lcp\":{\"los\":2,\"lot\":\"" + AE + "\",\"lit\":2,\"gta\":" + AREA
                + ",\"gec\":2}}").header("X-M2M-RVI", "4").send();
        assertEquals(201, lcp.status(), lcp.text());
        String loi = lcp.json().path("m2m:lcp").path("loi").asText();
        Reply sub = cse.create("/" + loi, 23, "{\"m2m:sub\":{\"nu\":[\"" + LEAVING.url() + "\"],\"enc\":{\"net\":[3]}}}")
                .header("X-M2M-RVI", "4").send();
        assertEquals(201, sub.status(), sub.text());
        moveTo(cse, "[139.5, 35.5]");
        LEAVING.expectNothing(Duration.ofMillis(300));
    }

    @Test
    @Order(3)
    void redeploy() {
        undeploy();
        deploy();
    }

    @Test
    @Order(4)
    void outsideAfterItIsLeaving(@ArquillianResource @OperateOnDeployment(WAR) URL base) throws Exception {
        moveTo(new OneM2MClient(base), "[141, 37]");
        NotificationReceiver.Received n = LEAVING.next(Duration.ofSeconds(10));
        String con = n.sgn().path("nev").path("rep").path("m2m:cin").path("con").asText();
        assertEquals(2, new ObjectMapper().readTree(con).path("gec").asInt(), n.text());
        LEAVING.close();
    }
}
