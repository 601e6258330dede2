package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <crossResourceSubscription>} (TS-0004 7.4.58, 7.5.1.2.18; TS-0001 9.6.58, 10.2.10.22–10.2.10.26) over three
 * containers: the subscriptions it makes and joins, its time windows as a real HTTP receiver sees them, what deletions
 * do on either side, and each request it refuses.
 */
class CrossResourceSubscriptionIT extends KeelIT {
    private static final String CREATE_A_CONTENT_INSTANCE = "{\"net\":[3]}";
    private NotificationReceiver receiver;
    private String ae;
    private final List<String> containers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        receiver = new NotificationReceiver();
        ae = cse.registerAe("C" + OneM2MClient.unique("crs"), OneM2MClient.unique("crsAe"));
        containers.clear();
        for (int i = 0; i < 3; i++) {
            containers.add(container(ae));
        }
    }

    /** The AE goes with its crossResourceSubscriptions, whose time windows would notify the closed receiver for good. */
    @AfterEach
    void tearDown() {
        receiver.close();
        assertEquals(2002, cse.delete("/" + ae).from(ae).send().rsc());
    }

    private String container(String owner) {
        Reply c = cse.create("/" + owner, 3, "{\"m2m:cnt\":{}}").from(owner).send();
        assertEquals(201, c.status(), c.text());
        return c.json().path("m2m:cnt").path("ri").asText();
    }

    /** In Release 4 when it sets eem or nse (Release 4 attributes), else in the client's release. */
    private Reply createCrs(String attributes) {
        OneM2MClient.Call call = cse.create("/" + ae, 48, "{\"m2m:crs\":{" + attributes + "}}").from(ae);
        boolean release4 = attributes.contains("\"eem\"") || attributes.contains("\"nse\"");
        return (release4 ? call.header("X-M2M-RVI", "4") : call).send();
    }

    private String rrat() {
        return "\"rrat\":[\"" + String.join("\",\"", containers) + "\"]";
    }

    private String nu() {
        return "\"nu\":[\"" + receiver.url("/crs") + "\"]";
    }

    /** A crossResourceSubscription over the three containers, each notifying the creation of a contentInstance. */
    private JsonNode crsOverThree(int twt, String tws) {
        Reply r = createCrs(rrat() + ",\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]},\"twt\":" + twt + ",\"tws\":\"" + tws
                + "\"," + nu());
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:crs");
    }

    private void event(String container) {
        Reply r = cse.create("/" + container, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(ae).send();
        assertEquals(201, r.status(), r.text());
    }

    private JsonNode get(String id) {
        Reply r = cse.get("/" + id).from(ae).send();
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    /** The children of type {@code ty} of a resource, found by discovery (their references). */
    private JsonNode children(String parent, int ty) {
        Reply r = cse.get("/" + parent + "?fu=1&ty=" + ty + "&lvl=1&rcn=6").from(ae).send();
        assertEquals(200, r.status(), r.text());
        assertTrue(r.json().has("m2m:rrl"), r.text());
        return r.json().path("m2m:rrl").path("rrf");
    }

    private int status(String id) {
        return cse.get("/" + id).from(ae).send().status();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The cross-resource notification: sur the crossResourceSubscription, rep the notifications of every target. */
    private void expectCrossResourceNotification(String crs, int targets) {
        NotificationReceiver.Received n = receiver.next();
        assertEquals("/crs", n.target(), n.text());
        JsonNode sgn = n.sgn();
        assertEquals("/id-in/" + crs, sgn.path("sur").asText(), n.text());
        JsonNode all = sgn.path("nev").path("rep").path("m2m:agn").path("m2m:sgn");
        assertEquals(targets, all.size(), n.text());
        for (JsonNode one : all) {
            assertEquals(3, one.path("nev").path("net").asInt(), n.text());
        }
    }

    @Test
    void ts0004_7_4_58_2_1_createMakesOneSubscriptionPerRegularTargetThatNotifiesTheCrossResourceSubscription() {
        JsonNode crs = crsOverThree(1, "PT10S");
        String ri = crs.path("ri").asText();
        assertEquals(48, crs.path("ty").asInt());
        JsonNode rrats = crs.path("rrats");
        assertEquals(3, rrats.size(), crs.toString());
        for (int i = 0; i < 3; i++) {
            JsonNode sub = get(rrats.get(i).asText()).path("m2m:sub");
            assertEquals(containers.get(i), sub.path("pi").asText(), "rrats follows the order of rrat: " + sub);
            assertEquals("/id-in/" + ri, sub.path("nu").get(0).asText(), sub.toString());
            assertEquals(1, sub.path("nu").size(), sub.toString());
            assertEquals("/id-in/" + ri, sub.path("acrs").get(0).asText(), sub.toString());
            assertEquals(3, sub.path("enc").path("net").get(0).asInt(), sub.toString());
            assertEquals(crs.path("et").asText(), sub.path("et").asText(), "the subscription expires with it");
        }
        JsonNode stored = get(ri).path("m2m:crs");
        assertEquals(List.of("ty", "ri", "rrat", "rrats", "twt", "tws", "encs", "nu").stream().allMatch(stored::has), true, stored.toString());
        stored.fieldNames().forEachRemaining(name -> assertFalse(name.contains(":"), "internal state shown: " + stored));
    }

    @Test
    void ts0004_7_4_58_1_createdAndReadInXml() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m2m:crs xmlns:m2m=\"http://www.onem2m.org/xml/protocols\">"
                + "<rrat>" + String.join(" ", containers) + "</rrat><twt>1</twt><tws>PT10S</tws>"
                + "<encs><encn><net>3</net></encn><encn><net>3</net></encn><encn><net>3</net><net>4</net></encn></encs>"
                + "<nu>" + receiver.url("/crs") + "</nu></m2m:crs>";
        Reply r = cse.method("POST", "/" + ae).body(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/vnd.onem2m-res+xml; ty=48").header("Accept", "application/xml").from(ae).send();
        assertEquals(201, r.status(), r.text());
        assertTrue(r.text().contains("<rrats>"), r.text());
        assertFalse(r.text().contains("keel:"), r.text());
        JsonNode found = children(ae, 48);
        assertEquals(1, found.size(), found.toString());
        String third = get(found.get(0).path("val").asText()).path("m2m:crs").path("rrats").get(2).asText();
        assertEquals("[3,4]", get(third).path("m2m:sub").path("enc").path("net").toString(), "the third encn for the third target");
    }

    @Test
    void ts0004_7_5_1_2_18_periodicWindowNotifiesOnlyWhenAllThreeTargetsHadAnEventInIt() {
        String crs = crsOverThree(1, "PT4S").path("ri").asText();

        event(containers.get(0));
        event(containers.get(1));
        receiver.expectNothing(Duration.ofMillis(400));
        event(containers.get(2));
        expectCrossResourceNotification(crs, 3);

        // The collection starts anew: two targets, then the window passes before the third.
        event(containers.get(0));
        event(containers.get(1));
        sleep(4_500);
        event(containers.get(2));
        receiver.expectNothing(Duration.ofMillis(800));
    }

    @Test
    void ts0004_7_5_1_2_18_slidingWindowStartsWithTheFirstNotification() {
        String crs = crsOverThree(2, "PT3S").path("ri").asText();

        // 2.2 s after creation, then 1.3 s later: across the boundary of a periodic window of 3 s, within one sliding window.
        sleep(2_200);
        event(containers.get(0));
        sleep(1_300);
        event(containers.get(1));
        event(containers.get(2));
        expectCrossResourceNotification(crs, 3);

        // A window that ends without the other two: the notification of the first is discarded.
        event(containers.get(0));
        sleep(3_300);
        event(containers.get(1));
        event(containers.get(2));
        receiver.expectNothing(Duration.ofMillis(600));
        event(containers.get(0)); // within the window the second one started
        expectCrossResourceNotification(crs, 3);
    }

    @Test
    void ts0004_7_4_58_2_3_changingTheWindowRestartsIt() {
        String crs = crsOverThree(2, "PT20S").path("ri").asText();
        event(containers.get(0));
        event(containers.get(1));
        sleep(300); // the two notifications are in before the change
        Reply update = cse.put("/" + crs, "{\"m2m:crs\":{\"tws\":\"PT30S\"}}").from(ae).send();
        assertEquals(200, update.status(), update.text());
        assertEquals("PT30S", update.json().path("m2m:crs").path("tws").asText(), update.text());

        event(containers.get(2));
        receiver.expectNothing(Duration.ofMillis(800));
        event(containers.get(0));
        event(containers.get(1));
        expectCrossResourceNotification(crs, 3);
    }

    /**
     * The subscriptions it made got its expirationTime (TS-0004 7.4.58.2.1 c) ii) 5)); when its expirationTime is
     * updated they get the new one (Keel's reading: they expire with it), and a subscription it joined (srat) keeps its own.
     */
    @Test
    void ts0004_7_4_58_2_1_anUpdatedExpirationTimeGoesToTheSubscriptionsItMade() {
        Reply joined = cse.create("/" + containers.get(2), 23, "{\"m2m:sub\":{\"enc\":{\"net\":[3]}," + nu() + "}}").from(ae).send();
        assertEquals(201, joined.status(), joined.text());
        String own = joined.json().path("m2m:sub").path("ri").asText();
        String ownEt = joined.json().path("m2m:sub").path("et").asText();
        Reply r = createCrs("\"rrat\":[\"" + containers.get(0) + "\",\"" + containers.get(1) + "\"],\"srat\":[\"" + own
                + "\"],\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]},\"twt\":1,\"tws\":\"PT10S\"," + nu());
        assertEquals(201, r.status(), r.text());
        JsonNode crs = r.json().path("m2m:crs");
        String later = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now().plus(Duration.ofDays(1))); // earlier than any default
        Reply update = cse.put("/" + crs.path("ri").asText(), "{\"m2m:crs\":{\"et\":\"" + later + "\"}}").from(ae).send();
        assertEquals(200, update.status(), update.text());
        String et = update.json().path("m2m:crs").path("et").asText();
        assertTrue(et.startsWith(later), update.text());
        for (JsonNode made : crs.path("rrats")) {
            Eventually.holds(Duration.ofSeconds(10), () -> et.equals(get(made.asText()).path("m2m:sub").path("et").asText()),
                    "subscription " + made.asText() + " expires with the crossResourceSubscription at " + et);
        }
        assertEquals(ownEt, get(own).path("m2m:sub").path("et").asText(), "a joined subscription keeps its expirationTime");
    }

    @Test
    void ts0004_7_4_58_2_1_sratJoinsExistingSubscriptionsWhichStillNotifyTheirOwnTargets() {
        NotificationReceiver own = new NotificationReceiver();
        try {
            List<String> subs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Reply s = cse.create("/" + containers.get(i), 23, "{\"m2m:sub\":{\"nu\":[\"" + own.url() + "\"],\"enc\":{\"net\":[3]}}}")
                        .from(ae).send();
                assertEquals(201, s.status(), s.text());
                subs.add(s.json().path("m2m:sub").path("ri").asText());
            }
            Reply r = createCrs("\"srat\":[\"" + subs.get(0) + "\",\"" + subs.get(1) + "\"],\"rrat\":[\"" + containers.get(2)
                    + "\"],\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]},\"twt\":1,\"tws\":\"PT10S\"," + nu());
            assertEquals(201, r.status(), r.text());
            String crs = r.json().path("m2m:crs").path("ri").asText();
            assertEquals(1, r.json().path("m2m:crs").path("rrats").size(), r.text());
            for (String sub : subs) {
                JsonNode s = get(sub).path("m2m:sub");
                assertEquals(List.of(own.url(), "/id-in/" + crs).toString(), s.path("nu").toString().replace("\"", "").replace(",", ", "));
                assertEquals("/id-in/" + crs, s.path("acrs").get(0).asText(), s.toString());
            }

            event(containers.get(0));
            event(containers.get(1));
            event(containers.get(2));
            expectCrossResourceNotification(crs, 3);
            assertEquals(2, own.next(2, Duration.ofSeconds(5)).size(), "the joined subscriptions notify their own targets too");

            // TS-0004 7.4.58.2.4: the made subscription goes, the joined ones stay, without it.
            String made = r.json().path("m2m:crs").path("rrats").get(0).asText();
            assertEquals(200, cse.delete("/" + crs).from(ae).send().status());
            Eventually.holds(Duration.ofSeconds(5), () -> status(made) == 404, "the subscription it made is deleted");
            for (String sub : subs) {
                Eventually.holds(Duration.ofSeconds(5), () -> !get(sub).path("m2m:sub").has("acrs"), "acrs of " + sub + " emptied");
                JsonNode s = get(sub).path("m2m:sub");
                assertEquals(1, s.path("nu").size(), s.toString());
                assertEquals(own.url(), s.path("nu").get(0).asText(), s.toString());
            }
        } finally {
            own.close();
        }
    }

    @Test
    void ts0004_7_5_1_2_4_deletingATargetDeletesTheCrossResourceSubscriptionAndItsOtherSubscriptions() {
        Reply r = createCrs(rrat() + ",\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]},\"twt\":1,\"tws\":\"PT10S\"," + nu()
                + ",\"su\":\"" + receiver.url("/su") + "\"");
        assertEquals(201, r.status(), r.text());
        JsonNode crs = r.json().path("m2m:crs");
        String ri = crs.path("ri").asText();

        assertEquals(200, cse.delete("/" + containers.get(1)).from(ae).send().status());

        // Its subscription's deletion notification (to acrs) deletes the crossResourceSubscription, which tells su.
        NotificationReceiver.Received deleted = receiver.next();
        assertEquals("/su", deleted.target(), deleted.text());
        assertTrue(deleted.sgn().path("sud").asBoolean(), deleted.text());
        assertEquals("/id-in/" + ri, deleted.sgn().path("sur").asText(), deleted.text());
        assertEquals(404, status(ri));
        for (int i : new int[] {0, 2}) {
            String sub = crs.path("rrats").get(i).asText();
            Eventually.holds(Duration.ofSeconds(5), () -> status(sub) == 404, "subscription " + sub + " deleted");
        }
    }

    @Test
    void ts0004_7_4_58_2_4_deletedWithItsAeItTellsSuAndItsSubscriptionsOnOtherResourcesGo() {
        String owner = cse.registerAe("C" + OneM2MClient.unique("crsOwner"), OneM2MClient.unique("crsOwnerAe"));
        Reply acp = cse.create("/" + ae, 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"" + owner + "\"],\"acop\":63}]},"
                + "\"pvs\":{\"acr\":[{\"acor\":[\"" + ae + "\"],\"acop\":63}]}}}").from(ae).send();
        assertEquals(201, acp.status(), acp.text());
        String acpi = acp.json().path("m2m:acp").path("ri").asText();
        for (String c : containers) {
            assertEquals(200, cse.put("/" + c, "{\"m2m:cnt\":{\"acpi\":[\"" + acpi + "\"]}}").from(ae).send().status());
        }
        Reply r = cse.create("/" + owner, 48, "{\"m2m:crs\":{" + rrat() + ",\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE
                + "]},\"twt\":1,\"tws\":\"PT10S\"," + nu() + ",\"su\":\"" + receiver.url("/su") + "\"}}").from(owner).send();
        assertEquals(201, r.status(), r.text());
        JsonNode crs = r.json().path("m2m:crs");

        assertEquals(200, cse.delete("/" + owner).from(owner).send().status());

        NotificationReceiver.Received deleted = receiver.next();
        assertEquals("/su", deleted.target(), deleted.text());
        assertEquals("/id-in/" + crs.path("ri").asText(), deleted.sgn().path("sur").asText(), deleted.text());
        for (JsonNode sub : crs.path("rrats")) {
            Eventually.holds(Duration.ofSeconds(5), () -> status(sub.asText()) == 404, "subscription " + sub + " deleted");
        }
    }

    @Test
    void ts0004_7_4_8_2_3_removingTheCrossResourceSubscriptionFromAcrsDeletesIt() {
        JsonNode crs = crsOverThree(1, "PT10S");
        String ri = crs.path("ri").asText();
        String sub = crs.path("rrats").get(0).asText();

        Reply update = cse.put("/" + sub, "{\"m2m:sub\":{\"acrs\":null}}").from(ae).send();
        assertEquals(200, update.status(), update.text());

        Eventually.holds(Duration.ofSeconds(5), () -> status(ri) == 404, "the crossResourceSubscription deleted");
        // TS-0004 7.4.58.2.4 Recv-6.5 b): the subscription that told it is left alone; the other two are deleted.
        String other = crs.path("rrats").get(1).asText();
        Eventually.holds(Duration.ofSeconds(5), () -> status(other) == 404, "subscription " + other + " deleted");
        assertEquals(200, status(sub));
    }

    @Test
    void ts0004_7_5_1_2_18_expirationCounterDeletesItAfterItsLastNotification() {
        Reply r = createCrs(rrat() + ",\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]},\"twt\":1,\"tws\":\"PT10S\"," + nu()
                + ",\"exc\":1");
        assertEquals(201, r.status(), r.text());
        String ri = r.json().path("m2m:crs").path("ri").asText();
        containers.forEach(this::event);
        expectCrossResourceNotification(ri, 3);
        Eventually.holds(Duration.ofSeconds(5), () -> status(ri) == 404, "deleted at expirationCounter 0");
    }

    @Test
    void release4_eventEvaluationModeAllEventsMissingNotifiesWhenAWindowEndsQuiet() {
        Reply r = createCrs(rrat() + ",\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]},\"twt\":1,\"tws\":\"PT2S\",\"eem\":4,"
                + nu());
        assertEquals(201, r.status(), r.text());
        assertEquals(4, r.json().path("m2m:crs").path("eem").asInt(), r.text());
        String crs = r.json().path("m2m:crs").path("ri").asText();
        NotificationReceiver.Received n = receiver.next(Duration.ofSeconds(6));
        assertEquals("/id-in/" + crs, n.sgn().path("sur").asText(), n.text());
        assertEquals(0, n.sgn().path("nev").path("rep").path("m2m:agn").path("m2m:sgn").size(), n.text());
    }

    @Test
    void release4_eventEvaluationModeSomeEventsMissingNotifiesAWindowInWhichOnlySomeTargetsNotified() {
        Reply r = createCrs(rrat() + ",\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]},\"twt\":1,\"tws\":\"PT3S\",\"eem\":5,"
                + nu());
        assertEquals(201, r.status(), r.text());
        String crs = r.json().path("m2m:crs").path("ri").asText();
        event(containers.get(1));
        receiver.expectNothing(Duration.ofMillis(1_500)); // judged when the window ends, not at the event
        NotificationReceiver.Received n = receiver.next(Duration.ofSeconds(4));
        assertEquals("/id-in/" + crs, n.sgn().path("sur").asText(), n.text());
        JsonNode present = n.sgn().path("nev").path("rep").path("m2m:agn").path("m2m:sgn");
        assertEquals(1, present.size(), n.text());
        assertEquals("/id-in/" + r.json().path("m2m:crs").path("rrats").get(1).asText(), present.get(0).path("sur").asText(), n.text());
        receiver.expectNothing(Duration.ofMillis(3_500)); // the next window has no event at all: not "some"
    }

    @Test
    void release4_notificationStatsCountTheCrossResourceNotifications() {
        Reply r = createCrs(rrat() + ",\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]},\"twt\":1,\"tws\":\"PT10S\"," + nu()
                + ",\"nse\":true");
        assertEquals(201, r.status(), r.text());
        String crs = r.json().path("m2m:crs").path("ri").asText();
        containers.forEach(this::event);
        expectCrossResourceNotification(crs, 3);
        Eventually.holds(Duration.ofSeconds(10), () -> {
            JsonNode nsi = cse.get("/" + crs).from(ae).header("X-M2M-RVI", "4").send().json().path("m2m:crs").path("nsi");
            return nsi.size() == 1 && nsi.get(0).path("tg").asText().equals(receiver.url("/crs")) && nsi.get(0).path("rqs").asLong() == 1
                    && nsi.get(0).path("rss").asLong() == 1;
        }, "nsi counting the one cross-resource notification");
    }

    private void refused(int rsc, String attributes, String... dbgNames) {
        Reply r = createCrs(attributes);
        assertEquals(rsc, r.rsc(), attributes + " → " + r.text());
        String dbg = r.json().path("m2m:dbg").asText();
        for (String name : dbgNames) {
            assertTrue(dbg.contains(name), name + " not named: " + dbg);
        }
    }

    @Test
    void ts0004_7_4_58_2_1_badAttributesAre4000NamingTheField() {
        String encs = "\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]}";
        String window = "\"twt\":1,\"tws\":\"PT5S\"";
        refused(4000, window + "," + nu(), "rrat", "srat");
        refused(4000, rrat() + "," + window + "," + nu(), "encs");
        refused(4000, rrat() + ",\"encs\":{\"encn\":[{\"net\":[3]},{\"net\":[1]}]}," + window + "," + nu(), "encs", "3");
        refused(4000, "\"srat\":[\"x\"]," + encs + "," + window + "," + nu(), "encs");
        refused(4000, rrat() + "," + encs + ",\"twt\":3,\"tws\":\"PT5S\"," + nu(), "twt");
        refused(4000, rrat() + "," + encs + ",\"twt\":1,\"tws\":\"PT0S\"," + nu(), "tws");
        refused(4000, rrat() + "," + encs + ",\"twt\":1,\"tws\":\"five\"," + nu(), "tws");
        refused(4000, rrat() + "," + encs + ",\"tws\":\"PT5S\"," + nu(), "twt");
        refused(4000, rrat() + "," + encs + "," + window, "nu");
        refused(4000, rrat() + "," + encs + "," + window + ",\"nu\":[]", "nu");
        refused(4000, rrat() + ",\"encs\":{\"encn\":[{\"net\":[99]}]}," + window + "," + nu(), "encs");
        refused(4000, rrat() + "," + encs + "," + window + "," + nu() + ",\"rrats\":[\"x\"]", "rrats");
        refused(4000, rrat() + "," + encs + "," + window + "," + nu() + ",\"eem\":6", "eem");
        refused(4000, rrat() + "," + encs + ",\"twt\":2,\"tws\":\"PT5S\"," + nu() + ",\"eem\":4", "eem", "twt");
        for (String c : containers) {
            assertEquals(0, children(c, 23).size(), "nothing created on " + c);
        }

        String crs = crsOverThree(1, "PT5S").path("ri").asText();
        Reply rratUpdate = cse.put("/" + crs, "{\"m2m:crs\":{" + rrat() + "}}").from(ae).send();
        assertEquals(4000, rratUpdate.rsc(), rratUpdate.text());
        Reply twtUpdate = cse.put("/" + crs, "{\"m2m:crs\":{\"twt\":0}}").from(ae).send();
        assertEquals(4000, twtUpdate.rsc(), twtUpdate.text());
        assertTrue(twtUpdate.json().path("m2m:dbg").asText().contains("twt"), twtUpdate.text());
    }

    @Test
    void ts0004_7_4_58_2_1_aTargetThatCannotBeSubscribedIs5221AndNothingIsLeftBehind() {
        String encs = "\"encs\":{\"encn\":[" + CREATE_A_CONTENT_INSTANCE + "]}";
        String window = "\"twt\":1,\"tws\":\"PT5S\"";
        String missing = "\"rrat\":[\"" + containers.get(0) + "\",\"cnt-does-not-exist\"]";
        refused(5221, missing + "," + encs + "," + window + "," + nu(), "rrat[1]", "cnt-does-not-exist", "4004");

        String stranger = cse.registerAe("C" + OneM2MClient.unique("stranger"), OneM2MClient.unique("strangerAe"));
        String foreign = container(stranger);
        refused(5221, "\"rrat\":[\"" + containers.get(0) + "\",\"" + foreign + "\"]," + encs + "," + window + "," + nu(),
                "rrat[1]", foreign, "4103");

        refused(5221, "\"srat\":[\"" + containers.get(1) + "\"]," + window + "," + nu(), "srat[0]", "no subscription");

        Reply s = cse.create("/" + containers.get(1), 23, "{\"m2m:sub\":{\"nu\":[\"" + receiver.url() + "\"]}}").from(ae).send();
        assertEquals(201, s.status(), s.text());
        String sub = s.json().path("m2m:sub").path("ri").asText();
        refused(5221, "\"srat\":[\"" + sub + "\"],\"rrat\":[\"" + foreign + "\"]," + encs + "," + window + "," + nu(), "rrat[0]");
        JsonNode left = get(sub).path("m2m:sub");
        assertEquals(1, left.path("nu").size(), "joined, then left again: " + left);
        assertFalse(left.has("acrs"), left.toString());

        assertEquals(0, children(containers.get(0), 23).size(), "the subscription made before the failure is deleted");
        assertEquals(0, children(ae, 48).size(), "no crossResourceSubscription stored");
    }
}
