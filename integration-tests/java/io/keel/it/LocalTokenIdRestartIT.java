package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.it.OneM2MClient.Reply;
import java.net.URL;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A Local-Token-ID this CSE assigned (TS-0003 7.3.2.3 steps 7.2, 8) names its token after a restart of the application:
 * the cached tokens are kept in the database, until the token expires.
 */
class LocalTokenIdRestartIT extends RedeployedWar {
    private static final String OWNER = "C" + OneM2MClient.unique("ltowner");
    private static final String READER = "C" + OneM2MClient.unique("ltreader");
    private static String container;
    private static String lti;

    @Test
    @Order(2)
    void aTokenGetsALocalTokenIdBeforeTheRestart(@ArquillianResource @OperateOnDeployment(WAR) URL base) throws Exception {
        OneM2MClient cse = new OneM2MClient(base);
        cse.registerAe(OWNER, OWNER.substring(1));
        cse.registerAe(READER, READER.substring(1));
        String rule = "{\"acor\":[\"" + OWNER + "\"],\"acop\":63}";
        Reply acp = cse.create("/" + OWNER, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[" + rule + "]},\"pvs\":{\"acr\":[" + rule + "]}}}")
                .from(OWNER).send();
        assertEquals(201, acp.status(), acp.text());
        Reply cnt = cse.create("/" + OWNER, 3, "{\"m2m:cnt\":{\"acpi\":[\"" + acp.json().path("m2m:acp").path("ri").asText()
                + "\"]}}").from(OWNER).send();
        assertEquals(201, cnt.status(), cnt.text());
        container = cnt.json().path("m2m:cnt").path("ri").asText();
        Reply tk = cse.create("/cse-in", 32, "{\"m2m:tk\":{\"tkhd\":\"" + READER + "\",\"tkps\":{\"pm\":[{\"ris\":[\"" + container
                + "\"],\"pv\":{\"acr\":[{\"acor\":[\"" + READER + "\"],\"acop\":2}]}}]}}}").send();
        assertEquals(201, tk.status(), tk.text());
        Reply r = cse.get("/" + container).from(READER).header("Authorization", tk.json().path("m2m:tk").path("tkob").asText()).send();
        assertEquals(200, r.status(), r.text());
        lti = new ObjectMapper().readTree(r.header("X-M2M-ATI")).path("ltia").get(0).path("lti").asText();
        assertEquals(200, cse.get("/" + container + "?ltids=" + lti).from(READER).send().status());
    }

    @Test
    @Order(3)
    void redeploy() {
        undeploy();
        deploy();
    }

    @Test
    @Order(4)
    void itNamesTheTokenAfterIt(@ArquillianResource @OperateOnDeployment(WAR) URL base) {
        OneM2MClient cse = new OneM2MClient(base);
        Reply r = cse.get("/" + container + "?ltids=" + lti).from(READER).send();
        assertEquals(200, r.status(), r.text());
        // Still the token's holder only, and a Local-Token-ID this CSE never assigned names nothing.
        Reply other = cse.get("/" + container + "?ltids=" + lti).from(OWNER).send();
        assertEquals(4103, other.rsc(), "a token held by another refuses even its owner: " + other.text());
        Reply unknown = cse.get("/" + container + "?ltids=lt000000000000000000000000").from(READER).send();
        assertEquals(4103, unknown.rsc(), unknown.text());
    }
}
