package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code <crossResourceSubscription>} on the IN-CSE whose targets include a container on an MN-CSE registered with
 * it (TS-0004 7.4.58.2.1, 7.4.58.2.4, 7.5.1.2.18), between two Keel processes over real HTTP: its subscription there is
 * made through forwarding, verified by the MN with the IN while the crossResourceSubscription is being created, and
 * notifies it back; deletions work both ways; a target the MN refuses is 5221 naming it, with nothing left behind.
 */
class CrossResourceSubscriptionRemoteIT extends TwoCsesIT {

    @BeforeAll
    static void startTwoCses() {
        startCses("keel-crs-remote");
    }

    /** A container on the MN, reachable from the IN; its SP-relative address from the IN. */
    private static String farContainer() {
        String name = OneM2MClient.unique("far");
        governedContainer(atMn, "cse-mn", name, "/id-in/CAdmin");
        Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/~/id-mn/cse-mn/" + name)).rsc() == 2000,
                "the IN reaches the MN");
        return "/id-mn/cse-mn/" + name;
    }

    private static Reply createCrs(String near, String far, NotificationReceiver receiver) {
        return send(atIn.create("/cse-in", 48, "{\"m2m:crs\":{\"rrat\":[\"" + near + "\",\"" + far + "\"],"
                + "\"encs\":{\"encn\":[{\"net\":[3]}]},\"twt\":1,\"tws\":\"PT30S\",\"nu\":[\"" + receiver.url() + "\"]}}"));
    }

    @Test
    void ts0004_7_4_58_2_1_aTargetOnAnotherCseIsSubscribedThereAndNotifiesBack() {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String near = governedContainer(atIn, "cse-in", OneM2MClient.unique("near"), "CAdmin");
            String far = farContainer();
            Reply crs = createCrs(near, far, receiver);
            assertEquals(201, crs.status(), crs.text());
            String ri = crs.json().path("m2m:crs").path("ri").asText();
            JsonNode rrats = crs.json().path("m2m:crs").path("rrats");
            assertEquals(2, rrats.size(), crs.text());
            String remoteSub = rrats.get(1).asText();
            assertTrue(remoteSub.startsWith("/id-mn/"), "the subscription on the MN, SP-relative: " + crs.text());
            // The subscription on the MN notifies the crossResourceSubscription by its SP-relative ID and names it in acrs.
            Reply sub = send(atIn.get("/~" + remoteSub));
            assertEquals(2000, sub.rsc(), sub.text());
            assertEquals("/id-in/" + ri, sub.json().path("m2m:sub").path("nu").path(0).asText(), sub.text());
            assertEquals("/id-in/" + ri, sub.json().path("m2m:sub").path("acrs").path(0).asText(), sub.text());

            assertEquals(201, send(atIn.create("/" + near, 4, "{\"m2m:cin\":{\"con\":\"near\"}}")).status());
            assertEquals(201, send(atMn.create(far.substring("/id-mn".length()), 4, "{\"m2m:cin\":{\"con\":\"far\"}}")).status());
            Received n = receiver.next(Duration.ofSeconds(20));
            assertEquals("/id-in/" + ri, n.sgn().path("sur").asText(), n.text());
            JsonNode all = n.sgn().path("nev").path("rep").path("m2m:agn").path("m2m:sgn");
            assertEquals(2, all.size(), n.text());

            // TS-0004 7.4.58.2.4: deleting it deletes its subscription on the MN too.
            Reply deleted = send(atIn.delete("/" + ri));
            assertEquals(200, deleted.status(), deleted.text());
            Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/~" + remoteSub)).rsc() == 4004,
                    "the subscription on the MN is deleted with the crossResourceSubscription");
        }
    }

    /** TS-0004 7.5.1.2.4: the target subscription on the MN deleted there deletes the crossResourceSubscription. */
    @Test
    void ts0004_7_5_1_2_4_deletingTheSubscriptionOnTheMnDeletesTheCrossResourceSubscription() {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String near = governedContainer(atIn, "cse-in", OneM2MClient.unique("near"), "CAdmin");
            String far = farContainer();
            Reply crs = createCrs(near, far, receiver);
            assertEquals(201, crs.status(), crs.text());
            String ri = crs.json().path("m2m:crs").path("ri").asText();
            String localSub = crs.json().path("m2m:crs").path("rrats").get(0).asText();
            String remoteSub = crs.json().path("m2m:crs").path("rrats").get(1).asText();
            Reply gone = send(atIn.delete("/~" + remoteSub));
            assertEquals(2002, gone.rsc(), gone.text());
            Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/" + ri)).rsc() == 4004,
                    "the crossResourceSubscription is deleted by its target's deletion notification");
            Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/" + localSub)).rsc() == 4004,
                    "and its other subscription with it");
        }
    }

    /** TS-0004 7.4.58.2.1 c) iii): a target on the MN that cannot be subscribed is 5221 naming it; nothing stays. */
    @Test
    void ts0004_7_4_58_2_1_aTargetTheMnRefusesIs5221NamingItAndTheLocalSubscriptionIsUndone() {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String near = governedContainer(atIn, "cse-in", OneM2MClient.unique("near"), "CAdmin");
            farContainer(); // the MN is reachable
            String missing = "/id-mn/cse-mn/" + OneM2MClient.unique("nothing");
            Reply crs = createCrs(near, missing, receiver);
            assertEquals(5221, crs.rsc(), crs.text());
            String dbg = crs.json().path("m2m:dbg").asText();
            assertTrue(dbg.contains("rrat[1]") && dbg.contains(missing), crs.text());
            Reply subs = send(atIn.get("/" + near + "?fu=1&ty=23"));
            assertEquals(0, subs.json().path("m2m:uril").size(), "the subscription on the local target is deleted again: " + subs.text());
        }
    }
}
