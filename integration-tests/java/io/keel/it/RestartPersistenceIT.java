package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.it.OneM2MClient.Reply;
import java.net.URL;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The resource tree outlives the application: the WAR is deployed, written to, undeployed and deployed again, and
 * everything acknowledged is still there. The steps run in order on one unmanaged deployment.
 */
class RestartPersistenceIT extends RedeployedWar {
    private static final String AE = "C" + OneM2MClient.unique("restart");
    private static final NotificationReceiver RESULTS = new NotificationReceiver();
    private static final NotificationReceiver COUNTED = new NotificationReceiver();
    private static String pendingSynch;
    private static String countedSub;


    @Test
    @Order(2)
    void write(@ArquillianResource @OperateOnDeployment(WAR) URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        cse.registerAe(AE, AE);
        assertEquals(201, cse.create("/" + AE, 3, "{\"m2m:cnt\":{\"rn\":\"kept\",\"mni\":3}}").from(AE).send().status());
        Reply sub = cse.create("/" + AE + "/kept", 23, "{\"m2m:sub\":{\"nu\":[\"" + COUNTED.url() + "\"],\"enc\":{\"net\":[3]},"
                + "\"nse\":true}}").from(AE).send();
        assertEquals(201, sub.status(), sub.text());
        countedSub = sub.json().path("m2m:sub").path("ri").asText();
        for (int i = 0; i < 5; i++) {
            assertEquals(201, cse.create("/" + AE + "/kept", 4, "{\"m2m:cin\":{\"con\":\"v" + i + "\"}}").from(AE).send().status());
        }
        // Two non-blocking requests that wait a minute (X-M2M-OET) and so are still pending at the restart.
        Reply synch = cse.create("/" + AE + "?rt=1", 3, "{\"m2m:cnt\":{\"rn\":\"never\"}}").from(AE)
                .header("X-M2M-OET", "60000").send();
        assertEquals(1001, synch.rsc(), synch.text());
        pendingSynch = synch.json().path("m2m:uri").asText();
        COUNTED.next(5, java.time.Duration.ofSeconds(10));
        Eventually.holds(java.time.Duration.ofSeconds(10), () -> "5/5".equals(counts(cse)), "nsi counting 5 notifications");
        Reply asynch = cse.create("/" + AE + "?rt=2", 3, "{\"m2m:cnt\":{\"rn\":\"neverEither\"}}").from(AE)
                .header("X-M2M-OET", "60000").header("X-M2M-RTU", RESULTS.url("/results")).send();
        assertEquals(1002, asynch.rsc(), asynch.text());
    }

    @Test
    @Order(3)
    void redeploy() {
        undeploy();
        deploy();
    }

    @Test
    @Order(4)
    void readBack(@ArquillianResource @OperateOnDeployment(WAR) URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        Reply cnt = cse.get("/" + AE + "/kept").from(AE).send();
        assertEquals(200, cnt.status(), cnt.text());
        assertEquals(3, cnt.json().path("m2m:cnt").path("cni").asInt());
        assertEquals(5, cnt.json().path("m2m:cnt").path("st").asInt());
        assertEquals("v4", cse.get("/" + AE + "/kept/la").from(AE).send().json().path("m2m:cin").path("con").asText());
        assertEquals("v2", cse.get("/" + AE + "/kept/ol").from(AE).send().json().path("m2m:cin").path("con").asText());
        assertEquals(4117, cse.create("/cse-in", 2, "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}").from(AE).send().rsc(),
                "the registration is remembered too");
    }

    @Test
    @Order(5)
    void interruptedNonBlockingRequestsFailVisibly(@ArquillianResource @OperateOnDeployment(WAR) URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        Reply req = cse.get("/" + pendingSynch).from(AE).send();
        assertEquals(200, req.status(), req.text());
        assertEquals(2, req.json().path("m2m:req").path("rs").asInt(), req.text());
        assertEquals(5000, req.json().path("m2m:req").path("ors").path("rsc").asInt(), req.text());
        assertEquals(4004, cse.get("/" + AE + "/never").from(AE).send().rsc(), "it was not executed");
        NotificationReceiver.Received told = RESULTS.next();
        assertEquals(5000, told.json().path("m2m:rsp").path("rsc").asInt(), told.text());
        RESULTS.close();
    }

    /** notificationStatsInfo (Release 4 TS-0004 7.4.8.1) is stored: its counts survive and go on after the restart. */
    @Test
    @Order(6)
    void notificationStatisticsSurviveTheRestart(@ArquillianResource @OperateOnDeployment(WAR) URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        assertEquals("5/5", counts(cse));
        assertEquals(201, cse.create("/" + AE + "/kept", 4, "{\"m2m:cin\":{\"con\":\"v5\"}}").from(AE).send().status());
        COUNTED.next();
        Eventually.holds(java.time.Duration.ofSeconds(10), () -> "6/6".equals(counts(cse)), "nsi counting on after the restart");
        COUNTED.close();
    }

    /** rqs/rss of the counted subscription's one target. */
    private static String counts(OneM2MClient cse) {
        com.fasterxml.jackson.databind.JsonNode nsi = cse.get("/" + countedSub).from(AE).send().json().path("m2m:sub").path("nsi").path(0);
        return nsi.path("rqs").asLong() + "/" + nsi.path("rss").asLong();
    }
}
