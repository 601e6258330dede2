package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The time window of a {@code <crossResourceSubscription>} (TS-0004 7.5.1.2.18) lives in the database: instances on one
 * PostgreSQL count into the same window, and one killed and started again goes on with the window in progress.
 * Skipped unless {@value FreshPostgres#SERVER} names a PostgreSQL server.
 */
class CrossResourceWindowInstancesIT {
    private final List<KeelProcess> instances = new ArrayList<>();
    private FreshPostgres database;
    private Map<String, String> settings;
    private NotificationReceiver receiver;
    private String ae;
    private final List<String> containers = new ArrayList<>();

    @BeforeEach
    void start() {
        String server = FreshPostgres.serverFromEnvironment();
        assumeTrue(server != null, FreshPostgres.SERVER + " names no PostgreSQL server");
        database = FreshPostgres.create(server, "crs");
        settings = Map.of("KEEL_DB_URL", database.url());
        instances.add(KeelProcess.start(settings));
        receiver = new NotificationReceiver();
    }

    @AfterEach
    void stop() {
        instances.forEach(KeelProcess::close);
        instances.clear();
        if (receiver != null) {
            receiver.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private OneM2MClient client(int i) {
        return new OneM2MClient(instances.get(i).base());
    }

    /** An AE with three containers and a periodic crossResourceSubscription of a minute over them. */
    private String crossResourceSubscription(OneM2MClient cse) {
        ae = cse.registerAe("C" + OneM2MClient.unique("crsi"), OneM2MClient.unique("crsiAe"));
        containers.clear();
        for (int i = 0; i < 3; i++) {
            Reply c = cse.create("/" + ae, 3, "{\"m2m:cnt\":{}}").from(ae).send();
            assertEquals(201, c.status(), c.text());
            containers.add(c.json().path("m2m:cnt").path("ri").asText());
        }
        Reply crs = cse.create("/" + ae, 48, "{\"m2m:crs\":{\"rrat\":[\"" + String.join("\",\"", containers)
                + "\"],\"encs\":{\"encn\":[{\"net\":[3]}]},\"twt\":1,\"tws\":\"PT60S\",\"nu\":[\"" + receiver.url() + "\"]}}").from(ae).send();
        assertEquals(201, crs.status(), crs.text());
        return crs.json().path("m2m:crs").path("ri").asText();
    }

    private void event(OneM2MClient cse, int container) {
        Reply r = cse.create("/" + containers.get(container), 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
    }

    private void expectOneCrossResourceNotification(String crs) {
        NotificationReceiver.Received n = receiver.next(Duration.ofSeconds(10));
        assertEquals("/id-in/" + crs, n.sgn().path("sur").asText(), n.text());
        assertEquals(3, n.sgn().path("nev").path("rep").path("m2m:agn").path("m2m:sgn").size(), n.text());
        receiver.expectNothing(Duration.ofMillis(800));
    }

    @Test
    void ts0004_7_5_1_2_18_eventsThroughTwoInstancesCountIntoOneWindow() {
        instances.add(KeelProcess.start(settings));
        String crs = crossResourceSubscription(client(0));

        event(client(0), 0);
        event(client(1), 1);
        receiver.expectNothing(Duration.ofMillis(500));
        event(client(1), 2);

        expectOneCrossResourceNotification(crs);
    }

    @Test
    void ts0004_7_5_1_2_18_aWindowInProgressOutlivesAKilledInstance() {
        String crs = crossResourceSubscription(client(0));
        event(client(0), 0);
        event(client(0), 1);
        receiver.expectNothing(Duration.ofMillis(1_500)); // both notifications taken into the window meanwhile

        instances.remove(0).kill();
        instances.add(KeelProcess.start(settings));
        event(client(0), 2);

        expectOneCrossResourceNotification(crs);
    }
}
