package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The spine end to end: AE → container → contentInstance → la, over real HTTP. */
class BindingSmokeIT extends KeelIT {
    @Test
    void aeContainerContentInstanceRoundTrip() {
        String ae = cse.registerAe("C" + OneM2MClient.unique("smoke"), OneM2MClient.unique("smokeAe"));
        OneM2MClient.Reply cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"c\"}}").from(ae).send();
        assertEquals(201, cnt.status(), cnt.text());
        assertEquals(2001, cnt.rsc());
        String cntRi = cnt.json().path("m2m:cnt").path("ri").asText();
        OneM2MClient.Reply cin = cse.create("/" + cntRi, 4, "{\"m2m:cin\":{\"con\":\"21.5\"}}").from(ae).send();
        assertEquals(201, cin.status(), cin.text());
        OneM2MClient.Reply la = cse.get("/" + cntRi + "/la").from(ae).send();
        assertEquals(200, la.status(), la.text());
        assertEquals("21.5", la.json().path("m2m:cin").path("con").asText());
        assertTrue(la.header("X-M2M-RI") != null);
    }
}
