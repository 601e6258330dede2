package io.keel.core.location;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.LocationSubscriptions;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * locationUpdateEventCriteria Location_Change (TS-0004 6.3.4.2.56) by notification of the Location Server: the tracker
 * subscribes instead of polling when the CSE has a callback URL; notified positions are stored only when they changed;
 * the subscription goes with the policy; a period is a periodic subscription (annex G.2.4) whose every notified
 * position is stored. And retrieveLastKnownLocation refused without the 3GPP API (7.4.10.2.1
 * step 3).
 */
class LocationServerSubscriptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "http://keel.example:8080";
    private final Subscribing server = new Subscribing();
    private final CoreFixture cse = CoreFixture.withLocationServer(server);
    private Instant now = Instant.now();
    private final LocationTracker tracker = new LocationTracker(cse.identity, cse.store, cse.types,
            cse.notifications.events(), () -> now, 0, new CallbackUrls(CALLBACK));
    private final LocationNotifications intake = new LocationNotifications(cse.store, server, tracker);

    /** A Location Server that takes subscriptions (or refuses them with {@link #refuse}) and positions when asked. */
    static final class Subscribing implements NetworkLocationSource {
        final List<String> notifyUrls = Collections.synchronizedList(new ArrayList<>());
        final List<String> ended = Collections.synchronizedList(new ArrayList<>());
        final List<Request> located = Collections.synchronizedList(new ArrayList<>());
        final List<Duration> periods = Collections.synchronizedList(new ArrayList<>());
        final List<Instant> untils = Collections.synchronizedList(new ArrayList<>());
        volatile Failure refuse;
        volatile boolean lastKnown = true;

        @Override
        public Optional<String> serverFor(String target) {
            return Optional.of("http://scef.example/3gpp-monitoring-event/v1/scs1");
        }

        @Override
        public boolean servesLastKnownLocation() {
            return lastKnown;
        }

        @Override
        public Position locate(Request request) {
            located.add(request);
            return new Position(9, 9);
        }

        @Override
        public Optional<Subscription> subscribe(Request request, String notifyUrl, Instant until, Duration interval)
                throws Failure {
            if (refuse != null) {
                throw refuse;
            }
            notifyUrls.add(notifyUrl);
            untils.add(until);
            return Optional.of(new Subscription("fake", "http://scef.example/subscriptions/" + notifyUrls.size(), null));
        }

        @Override
        public Optional<Subscription> subscribePeriodic(Request request, String notifyUrl, Instant until, Duration period)
                throws Failure {
            periods.add(period);
            return subscribe(request, notifyUrl, until, period);
        }

        @Override
        public void unsubscribe(Subscription subscription) {
            ended.add(subscription.url());
        }

        @Override
        public List<Position> notified(String api, JsonNode notification) throws Failure {
            if (!notification.path("at").isArray()) {
                if (cancels(api, notification)) {
                    return List.of();
                }
                throw new Failure("4000", "no at");
            }
            return List.of(new Position(notification.path("at").get(0).asDouble(), notification.path("at").get(1).asDouble()));
        }

        @Override
        public boolean cancels(String api, JsonNode notification) {
            return notification.path("cancel").asBoolean();
        }
    }

    @AfterEach
    void close() {
        tracker.close();
        cse.close();
    }

    private List<String> positions(Resource policy) {
        return cse.tree.children((String) policy.get("loi"), ResourceTypes.CONTENT_INSTANCE).stream()
                .map(c -> (String) c.get("con")).toList();
    }

    private String token() {
        String url = server.notifyUrls.get(server.notifyUrls.size() - 1);
        assertTrue(url.startsWith(CALLBACK + "/.well-known/keel/location/"), url);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private LocationNotifications.Outcome notify(String token, String body) throws Exception {
        return intake.received(token, body == null ? null : JSON.readTree(body)).outcome();
    }

    private void eventually(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(done.getAsBoolean());
    }

    @Test
    void ts0004_6_3_4_2_56_theLocationServerNotifiesChangesAndOnlyChangesAreStored() throws Exception {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "tel:+15550100", "luec", 0);
        now = now.plusSeconds(1);
        tracker.track();
        assertEquals(1, server.notifyUrls.size(), "subscribed at the first round");
        assertEquals(1, server.located.size(), "positioned once as the subscription starts");
        assertEquals(List.of("{\"typ\":1,\"crd\":\"[9.0, 9.0]\"}"), positions(p));
        String token = token();
        LocationSubscriptions.Subscription row = cse.store.locationSubscriptions.ofToken(token);
        assertEquals(p.ri, row.policy());
        assertEquals("http://scef.example/subscriptions/1", row.url());
        now = now.plusSeconds(3600);
        tracker.track();
        assertEquals(1, server.notifyUrls.size(), "a subscription that does not end is kept");
        assertEquals(1, server.located.size(), "not polled while subscribed");

        for (String at : List.of("[9, 9]", "[1, 2]", "[1, 2]", "[3, 4]", "[3, 4]")) {
            assertEquals(LocationNotifications.Outcome.TAKEN, notify(token, "{\"at\":" + at + "}"));
        }
        assertEquals(List.of("{\"typ\":1,\"crd\":\"[9.0, 9.0]\"}", "{\"typ\":1,\"crd\":\"[1.0, 2.0]\"}",
                "{\"typ\":1,\"crd\":\"[3.0, 4.0]\"}"), positions(p), "stored only when it changed");
        assertEquals("2000", cse.tree.find(p.ri).get("lost"));

        assertEquals(LocationNotifications.Outcome.UNKNOWN, notify("not-a-token", "{\"at\":[5, 6]}"));
        assertEquals(LocationNotifications.Outcome.UNKNOWN, notify("not-a-token", null), "unknown before malformed");
        assertEquals(LocationNotifications.Outcome.MALFORMED, notify(token, "{\"x\":1}"));
        assertEquals(LocationNotifications.Outcome.MALFORMED, notify(token, null));
        assertEquals(3, positions(p).size());

        assertRsc(ResponseStatusCode.DELETED, cse.send(cse.request(Operation.DELETE, "cse-in/" + p.rn, CoreFixture.ADMIN)));
        eventually(() -> server.ended.equals(List.of("http://scef.example/subscriptions/1")));
        assertNull(cse.store.locationSubscriptions.ofToken(token));
        assertEquals(LocationNotifications.Outcome.UNKNOWN, notify(token, "{\"at\":[5, 6]}"), "gone with the policy");
    }

    /**
     * A cancellation by the Location Server (3GPP cancelInd, OMA subscriptionCancellationNotification) ends the
     * subscription: the position it carries is stored, its URL is unknown from then on, and the next round subscribes
     * again (positioning once as it starts).
     */
    @Test
    void ts0004_6_3_4_2_56_aCancellationByTheLocationServerEndsTheSubscriptionAndTheNextRoundSubscribesAgain()
            throws Exception {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "tel:+15550100", "luec", 0);
        now = now.plusSeconds(1);
        tracker.track();
        String token = token();
        assertEquals(LocationNotifications.Outcome.TAKEN, notify(token, "{\"at\":[1, 2],\"cancel\":true}"));
        assertEquals(List.of("{\"typ\":1,\"crd\":\"[9.0, 9.0]\"}", "{\"typ\":1,\"crd\":\"[1.0, 2.0]\"}"), positions(p),
                "the cancellation's position stored");
        assertNull(cse.store.locationSubscriptions.ofToken(token), "the subscription ended");
        assertEquals(LocationNotifications.Outcome.UNKNOWN, notify(token, "{\"at\":[3, 4]}"));
        now = now.plusSeconds(1);
        tracker.track();
        assertEquals(2, server.notifyUrls.size(), "subscribed again at the next round");
        assertEquals(2, server.located.size(), "positioned once as the new subscription starts");
        String again = token();
        assertEquals(p.ri, cse.store.locationSubscriptions.ofToken(again).policy());
        assertTrue(server.ended.isEmpty(), "nothing deleted at the server: it ended there");
    }

    @Test
    void ts0004_6_3_4_2_56_aFailedSubscriptionIsTheStatusAndTheServerIsPolled() {
        server.refuse = new NetworkLocationSource.Failure("REQUEST_NOT_AUTHORIZED", "no");
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "tel:+15550100", "luec", 0);
        now = now.plusSeconds(1);
        tracker.track();
        assertEquals("REQUEST_NOT_AUTHORIZED", cse.tree.find(p.ri).get("lost"));
        assertTrue(server.located.isEmpty());
        server.refuse = null;
        now = now.plusSeconds(1);
        tracker.track();
        assertEquals(1, server.located.size(), "polled while the subscription is not tried again");
        assertEquals(1, positions(p).size());
        assertTrue(server.notifyUrls.isEmpty());
        now = now.plusSeconds(LocationServerSubscriptions.RETRY_MINUTES * 60 + 1);
        tracker.track();
        assertEquals(1, server.notifyUrls.size(), "tried again later");
    }

    @Test
    void ts0004_7_4_10_2_3_anUpdateThatStopsLocationChangeEndsTheSubscription() throws Exception {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "tel:+15550100", "luec", 0);
        now = now.plusSeconds(1);
        tracker.track();
        RequestPrimitive req = cse.update("cse-in/" + p.rn, CoreFixture.ADMIN, map("m2m:lcp", map("luec", null)));
        req.releaseVersionIndicator = "4";
        assertRsc(ResponseStatusCode.UPDATED, cse.send(req));
        eventually(() -> server.ended.size() == 1);
        assertTrue(cse.store.locationSubscriptions.ofPolicy(p.ri).isEmpty());
    }

    /**
     * An Update of what the subscription was made from (et: its monitorExpireTime or duration; rlkl: the API that
     * serves the policy) ends it at the Location Server after the commit, and the next round subscribes anew.
     */
    @Test
    void ts0004_7_4_10_2_3_anUpdateOfEtOrRlklEndsTheSubscriptionAndTheNextRoundSubscribesAnew() throws Exception {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "tel:+15550100", "luec", 0);
        now = now.plusSeconds(1);
        tracker.track();
        String first = token();
        RequestPrimitive req = cse.update("cse-in/" + p.rn, CoreFixture.ADMIN, map("m2m:lcp", map("et", "20991231T000000")));
        req.releaseVersionIndicator = "4";
        assertRsc(ResponseStatusCode.UPDATED, cse.send(req));
        eventually(() -> server.ended.equals(List.of("http://scef.example/subscriptions/1")));
        assertNull(cse.store.locationSubscriptions.ofToken(first));
        now = now.plusSeconds(1);
        tracker.track();
        assertEquals(2, server.notifyUrls.size(), "subscribed anew at the next round");
        assertEquals(Instant.parse("2099-12-31T00:00:00Z"), server.untils.get(1), "until the new expirationTime");
        assertEquals(p.ri, cse.store.locationSubscriptions.ofToken(token()).policy());

        req = cse.update("cse-in/" + p.rn, CoreFixture.ADMIN, map("m2m:lcp", map("rlkl", true)));
        req.releaseVersionIndicator = "4";
        assertRsc(ResponseStatusCode.UPDATED, cse.send(req));
        eventually(() -> server.ended.size() == 2);
        now = now.plusSeconds(1);
        tracker.track();
        assertEquals(3, server.notifyUrls.size(), "subscribed anew after rlkl changed");
        assertEquals(1, cse.store.locationSubscriptions.ofPolicy(p.ri).size());
    }

    @Test
    void ts0004_6_3_4_2_56_withoutACallbackUrlLocationChangesArePolled() {
        LocationTracker polling = new LocationTracker(cse.identity, cse.store, cse.types, cse.notifications.events(),
                () -> now, 0);
        try {
            PolicyRequests.created(cse, "los", 1, "lot", "tel:+15550100", "luec", 0);
            now = now.plusSeconds(1);
            polling.track();
            assertTrue(server.notifyUrls.isEmpty());
            assertEquals(1, server.located.size());
        } finally {
            polling.close();
        }
    }

    /** TS-0004 7.4.10.2.1 step 3: rlkl true and no 3GPP Monitoring Event API: the Location Server cannot be obtained. */
    @Test
    void ts0004_7_4_10_2_1_retrieveLastKnownLocationWithoutThe3gppApiIs4000() {
        server.lastKnown = false;
        ResponsePrimitive rsp = PolicyRequests.policy(cse, "los", 1, "lot", "tel:+15550100", "rlkl", true);
        assertRsc(ResponseStatusCode.BAD_REQUEST, rsp);
        assertTrue(String.valueOf(rsp.content).contains("rlkl"), String.valueOf(rsp.content));
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "tel:+15550100", "rlkl", false);
        RequestPrimitive req = cse.update("cse-in/" + p.rn, CoreFixture.ADMIN, map("m2m:lcp", map("rlkl", true)));
        req.releaseVersionIndicator = "4";
        assertRsc(ResponseStatusCode.BAD_REQUEST, cse.send(req));
    }

    /** TS-0004 annex G.2.4: a locationUpdatePeriod notified by the Location Server every period; every position stored. */
    @Test
    void ts0004_G_2_4_aPeriodIsAPeriodicNotificationSubscription() throws Exception {
        Resource p = PolicyRequests.created(cse, "los", 1, "lot", "tel:+15550100", "lou", List.of("PT1M"));
        now = now.plusSeconds(1);
        tracker.track();
        assertEquals(List.of(Duration.ofMinutes(1)), server.periods, "the period as the frequency");
        assertEquals(1, server.located.size(), "positioned once as it starts");
        String token = token();
        for (String at : List.of("[1, 2]", "[1, 2]")) {
            assertEquals(LocationNotifications.Outcome.TAKEN, notify(token, "{\"at\":" + at + "}"));
        }
        assertEquals(3, positions(p).size(), "a periodic position is stored whether or not it changed");
        now = now.plusSeconds(3600);
        tracker.track();
        assertEquals(1, server.located.size(), "not polled every period while subscribed");

        RequestPrimitive req = cse.update("cse-in/" + p.rn, CoreFixture.ADMIN, map("m2m:lcp", map("lou", List.of("PT2M"))));
        req.releaseVersionIndicator = "4";
        assertRsc(ResponseStatusCode.UPDATED, cse.send(req));
        eventually(() -> server.ended.size() == 1);
        now = now.plusSeconds(1);
        tracker.track();
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), server.periods, "subscribed anew at the new period");
        assertEquals(1, cse.store.locationSubscriptions.ofPolicy(p.ri).size());
    }
}
