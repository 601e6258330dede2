package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keel.it.OneM2MClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two IN-CSE instances on one PostgreSQL behind what a load balancer would do: the MN registers with (and so sends its
 * requests to) instance B, while a {@code <crossResourceSubscription>} with a target on the MN is created on instance A.
 * The MN verifies it (TS-0004 7.4.58.2.1 c) ii) 2)) at B before A has stored it; B answers from the database.
 * Skipped unless {@value FreshPostgres#SERVER} names a PostgreSQL server.
 */
class CrossResourceLinkingInstancesIT {
    private static final String CLIENT_TOKEN = "client-token-" + System.nanoTime();
    private static final String MN_TOKEN = "mn-token-" + System.nanoTime();
    private static final String IN_TOKEN = "in-token-" + System.nanoTime();
    private FreshPostgres database;
    private KeelProcess inA;
    private KeelProcess inB;
    private KeelProcess mn;

    @AfterEach
    void stop() {
        for (KeelProcess p : new KeelProcess[] {mn, inA, inB}) {
            if (p != null) {
                p.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    private static Reply send(OneM2MClient.Call call) {
        return call.header("Authorization", "Bearer " + CLIENT_TOKEN).send();
    }

    @Test
    void ts0004_7_4_58_2_1_theVerificationOfACrossResourceSubscriptionBeingCreatedIsAnsweredByAnotherInstance() throws Exception {
        String server = FreshPostgres.serverFromEnvironment();
        assumeTrue(server != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        database = FreshPostgres.create(server, "crslink");
        Path dir = Files.createTempDirectory("keel-crs-linking");
        int portA = KeelProcess.freePort();
        int portB = KeelProcess.freePort();
        int mnPort = KeelProcess.freePort();
        Files.writeString(dir.resolve("in-credentials"), String.join("\n",
                "bearer sha256:" + Credentials.sha256(CLIENT_TOKEN) + " C*",
                "bearer sha256:" + Credentials.sha256(MN_TOKEN) + " /id-mn*", ""));
        Files.writeString(dir.resolve("mn-credentials"), String.join("\n",
                "bearer sha256:" + Credentials.sha256(CLIENT_TOKEN) + " C*",
                "bearer sha256:" + Credentials.sha256(IN_TOKEN) + " /id-in*", ""));
        inA = CseEnv.of(dir.resolve("a"), "id-in", "cse-in", "IN").port(portA).credentials(dir.resolve("in-credentials"))
                .set("KEEL_DB_URL", database.url()).set("KEEL_FORWARDING_AUTHORIZATION", "Bearer " + IN_TOKEN).start();
        inB = CseEnv.of(dir.resolve("b"), "id-in", "cse-in", "IN").port(portB).credentials(dir.resolve("in-credentials"))
                .set("KEEL_DB_URL", database.url()).set("KEEL_FORWARDING_AUTHORIZATION", "Bearer " + IN_TOKEN).start();
        mn = CseEnv.of(dir, "id-mn", "cse-mn", "MN").port(mnPort).credentials(dir.resolve("mn-credentials"))
                .set("KEEL_CSE_POA", "http://127.0.0.1:" + mnPort)
                .registrar("http://127.0.0.1:" + inB.httpPort(), "id-in", "cse-in", "Bearer " + MN_TOKEN).start();
        OneM2MClient atA = new OneM2MClient(inA.base());
        OneM2MClient atMn = new OneM2MClient(mn.base());

        Reply acp = send(atMn.create("/cse-mn", 1, "{\"m2m:acp\":{\"rn\":\"acp-far\",\"pv\":{\"acr\":[{\"acor\":[\"/id-in/CAdmin\"],"
                + "\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}"));
        assertEquals(201, acp.status(), acp.text());
        Reply cnt = send(atMn.create("/cse-mn", 3, "{\"m2m:cnt\":{\"rn\":\"far\",\"acpi\":[\""
                + acp.json().path("m2m:acp").path("ri").asText() + "\"]}}"));
        assertEquals(201, cnt.status(), cnt.text());
        Eventually.holds(Duration.ofSeconds(30), () -> send(atA.get("/~/id-mn/cse-mn/far")).rsc() == 2000,
                "instance A reaches the MN registered at B");
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Reply crs = send(atA.create("/cse-in", 48, "{\"m2m:crs\":{\"rrat\":[\"/id-mn/cse-mn/far\"],"
                    + "\"encs\":{\"encn\":[{\"net\":[3]}]},\"twt\":1,\"tws\":\"PT30S\",\"nu\":[\"" + receiver.url() + "\"]}}"));
            assertEquals(201, crs.status(), crs.text());
            String remoteSub = crs.json().path("m2m:crs").path("rrats").path(0).asText();
            assertTrue(remoteSub.startsWith("/id-mn/"), crs.text());
            String ri = crs.json().path("m2m:crs").path("ri").asText();
            Reply sub = send(atA.get("/~" + remoteSub));
            assertEquals("/id-in/" + ri, sub.json().path("m2m:sub").path("nu").path(0).asText(), sub.text());
        }
    }
}
