package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.NotificationReceiver.Received;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subscription through a group one of whose members lives on another CSE (TS-0004 7.4.14.2.3, 7.5.1.2.6; TS-0001
 * 10.2.7.10, 10.2.7.11), between two Keel processes over real HTTP: the group on the IN-CSE, one member container on
 * the IN and one on the MN-CSE registered with it. The MN's member subscription notifies the group on the IN through
 * forwarding, and the subscriber gets both members' notifications in one {@code m2m:agn}.
 */
class GroupSubscriptionRemoteIT extends TwoCsesIT {

    @BeforeAll
    static void startTwoCses() {
        startCses("keel-group-sub");
    }

    @Test
    void ts0001_10_2_7_11_aMemberOnAnotherCseNotifiesTheGroupThroughForwarding() {
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            String local = governedContainer(atIn, "cse-in", OneM2MClient.unique("near"), "CAdmin");
            String farName = OneM2MClient.unique("far");
            governedContainer(atMn, "cse-mn", farName, "/id-in/CAdmin");
            Eventually.holds(Duration.ofSeconds(20), () -> send(atIn.get("/~/id-mn/cse-mn/" + farName)).rsc() == 2000,
                    "the IN reaches the MN");
            Reply grp = send(atIn.create("/cse-in", 9, "{\"m2m:grp\":{\"mnm\":5,\"mid\":[\"" + local + "\",\"/id-mn/cse-mn/"
                    + farName + "\"],\"nar\":{\"num\":2,\"dur\":\"PT20S\"}}}"));
            assertEquals(201, grp.status(), grp.text());
            String g = grp.json().path("m2m:grp").path("ri").asText();

            Reply made = send(atIn.create("/" + g + "/fopt", 23, "{\"m2m:sub\":{\"rn\":\"watch\",\"enc\":{\"net\":[3]},\"nu\":[\""
                    + receiver.url() + "\"],\"nfu\":\"" + receiver.url() + "\"}}"));
            assertEquals(2000, made.rsc(), made.text());
            Set<String> references = new HashSet<>();
            for (JsonNode rsp : made.json().path("m2m:agr").path("m2m:rsp")) {
                assertEquals(2001, rsp.path("rsc").asInt(), made.text());
                assertEquals("/id-in/" + g, rsp.path("pc").path("m2m:sub").path("gpi").asText(), made.text());
                assertEquals("/id-in/" + g, rsp.path("pc").path("m2m:sub").path("nu").path(0).asText(), made.text());
                references.add(rsp.path("pc").path("m2m:sub").path("ri").asText());
            }
            assertEquals(2, references.size(), made.text());

            assertEquals(201, send(atIn.create("/" + local, 4, "{\"m2m:cin\":{\"con\":\"near\"}}")).status());
            assertEquals(201, send(atMn.create("/cse-mn/" + farName, 4, "{\"m2m:cin\":{\"con\":\"far\"}}")).status());
            Received n = receiver.next(Duration.ofSeconds(20));
            JsonNode sgns = n.json().path("m2m:agn").path("m2m:sgn");
            Set<String> contents = new HashSet<>();
            Set<String> surs = new HashSet<>();
            sgns.forEach(s -> {
                contents.add(s.path("nev").path("rep").path("m2m:cin").path("con").asText());
                surs.add(s.path("sur").asText());
            });
            assertEquals(Set.of("near", "far"), contents, n.text());
            assertEquals(2, surs.size(), n.text());
            assertEquals(true, surs.stream().anyMatch(s -> s.startsWith("/id-mn/")), "one from the MN's subscription: " + surs);
        }
    }
}
