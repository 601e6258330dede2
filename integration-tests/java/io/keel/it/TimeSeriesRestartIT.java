package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Missing-data detection lives in the database (TS-0001 10.2.4.29): a point that goes missing while the CSE is down
 * is recorded and notified once it is up again. The steps run in order on one unmanaged deployment.
 */
class TimeSeriesRestartIT extends RedeployedWar {
    private static final String AE = "C" + OneM2MClient.unique("tsRestart");
    // Longer than an undeploy may take: it waits up to keel.shutdown.drain (10 s) for notification channels still
    // sending, which CI saw ("1 notification channels still had notifications pending at shutdown", 10 s undeploys).
    private static final long PEI = 16_000;
    private static final long MDT = 500;
    private static final NotificationReceiver RECEIVER = new NotificationReceiver();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss,SSSSSS");
    private static String expected;
    private static Instant detectable;


    @Test
    @Order(2)
    void startMonitoring(@ArquillianResource @OperateOnDeployment(WAR) URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        cse.registerAe(AE, AE);
        assertEquals(201, cse.create("/" + AE, 29, "{\"m2m:ts\":{\"rn\":\"ts\",\"pei\":" + PEI + ",\"peid\":0,\"mdt\":" + MDT
                + ",\"mdd\":true}}").from(AE).send().status());
        Reply sub = cse.create("/" + AE + "/ts", 23, "{\"m2m:sub\":{\"nu\":[\"" + RECEIVER.url()
                + "\"],\"enc\":{\"net\":[8],\"md\":{\"num\":1,\"dur\":\"PT1M\"}}}}").from(AE).send();
        assertEquals(201, sub.status(), sub.text());
        Reply first = cse.create("/" + AE + "/ts", 30, "{\"m2m:tsi\":{\"dgt\":0,\"con\":\"first\"}}").from(AE).send();
        assertEquals(201, first.status(), first.text());
        Instant dgt = LocalDateTime.parse(first.json().path("m2m:tsi").path("dgt").asText(), TIMESTAMP).toInstant(ZoneOffset.UTC);
        expected = TIMESTAMP.format(LocalDateTime.ofInstant(dgt.plusMillis(PEI), ZoneOffset.UTC));
        detectable = dgt.plusMillis(PEI + MDT);
    }

    @Test
    @Order(3)
    void theGapOpensWhileTheCseIsDown() throws InterruptedException {
        undeploy();
        assertTrue(Instant.now().isBefore(detectable), "the CSE went down before the point was due; raise PEI");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), detectable).toMillis()) + 300);
        deploy();
    }

    @Test
    @Order(4)
    void itIsRecordedAndNotifiedAfterTheRestart(@ArquillianResource @OperateOnDeployment(WAR) URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        NotificationReceiver.Received n = RECEIVER.next();
        JsonNode tsn = n.sgn().path("nev").path("rep").path("m2m:tsn");
        assertEquals(expected, tsn.path("mdlt").get(0).asText(), n.text());
        JsonNode ts = cse.get("/" + AE + "/ts").from(AE).send().json().path("m2m:ts");
        assertEquals(expected, ts.path("mdlt").get(0).asText(), ts.toString());
        RECEIVER.close();
    }
}
