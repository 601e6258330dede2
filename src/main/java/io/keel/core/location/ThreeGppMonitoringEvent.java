package io.keel.core.location;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keel.core.Settings;
import io.keel.core.store.ResourceStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * The Location Server spoken to over the 3GPP Monitoring Event API (TS-0004 annex G.3, TS-0026 7.4.7; 3GPP TS 29.122
 * T8 as known, Release 15+): {@code POST <keel.location.scef>/subscriptions}, the base being
 * {@code {apiRoot}/3gpp-monitoring-event/v1/{scsAsId}}, with a MonitoringEventSubscription of monitoringType
 * LOCATION_REPORTING for {@code lot} (as msisdn when it is a telephone number, else as externalId), accuracy GEO_AREA.
 * <ul>
 * <li>One position ({@link #locate}): maximumNumberOfReports 1, locationType CURRENT_LOCATION or, for the last known
 * location, LAST_KNOWN_LOCATION, monitorExpireTime the wait ({@code keel.location.timeout}) from now. The SCEF/NEF
 * answers 200 with the report, or 201 with the subscription and sends the report later to notificationDestination as a
 * MonitoringNotification; this waits for it at most the timeout, whichever CSE instance on the database it reaches
 * ({@link AwaitedReports}), then deletes the subscription there (4008).</li>
 * <li>Location changes ({@link #subscribe}): no maximumNumberOfReports, monitorExpireTime the policy's expiry; each
 * MonitoringNotification reports the new location ({@link #notified}); the subscription's resource is deleted with the
 * policy.</li>
 * </ul>
 * The position is the point of the report's locationInfo.geographicArea (3GPP TS 29.572 shapes): the point of the point
 * shapes, the centroid of a POLYGON; other shapes are no position. authID has no place in a MonitoringEventSubscription:
 * the SCEF knows the requester as the scsAsId of the base URL.
 */
public final class ThreeGppMonitoringEvent implements NetworkLocationSource {
    public static final String API = "3gpp";
    private static final Logger LOG = Logger.getLogger(ThreeGppMonitoringEvent.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private final String base;
    private final CallbackUrls callbacks;
    private final int accuracyMetres;
    private final Duration timeout;
    private final LocationHttp http;
    private final AwaitedReports awaiting;

    ThreeGppMonitoringEvent(String base, CallbackUrls callbacks, int accuracyMetres, Duration timeout,
                            AwaitedReports awaiting) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.callbacks = callbacks;
        this.accuracyMetres = accuracyMetres;
        this.timeout = timeout;
        this.awaiting = awaiting;
        this.http = new LocationHttp("the SCEF/NEF", timeout);
    }

    /**
     * From {@code keel.location.scef} (the base URL), {@code keel.location.callback} (required with it: TS 29.122 makes
     * notificationDestination mandatory), {@code keel.location.accuracy} and {@code keel.location.timeout}; one-time
     * reports are awaited in {@code store}, which every CSE instance behind the callback URL shares.
     */
    static Optional<ThreeGppMonitoringEvent> from(Settings settings, ResourceStore store) {
        String scef = settings.get("keel.location.scef", "");
        if (scef.isBlank()) {
            return Optional.empty();
        }
        httpUrl("keel.location.scef", scef);
        String callback = settings.get("keel.location.callback", "");
        if (callback.isBlank()) {
            throw new IllegalStateException("setting keel.location.scef needs keel.location.callback, the URL at which the"
                    + " SCEF/NEF reaches this CSE (a MonitoringEventSubscription's notificationDestination is mandatory)");
        }
        httpUrl("keel.location.callback", callback);
        return Optional.of(new ThreeGppMonitoringEvent(scef, new CallbackUrls(callback),
                settings.getInt("keel.location.accuracy", 1000), Duration.ofMillis(settings.getLong("keel.location.timeout", 10_000)),
                new AwaitedReports(store)));
    }

    /** An http(s) URL, else a start-up failure naming the setting. */
    public static void httpUrl(String setting, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("setting " + setting + ": " + value + " is no URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalStateException("setting " + setting + ": " + value + " is no http(s) URL");
        }
    }

    /** The base URL, as a policy's locationServer. */
    String base() {
        return base;
    }

    @Override
    public Optional<String> serverFor(String target) {
        return Optional.of(base);
    }

    @Override
    public boolean reaches(String server) {
        return base.equals(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
    }

    @Override
    public Position locate(Request request) throws Failure {
        String token = CallbackUrls.newToken();
        // Known before the SCEF/NEF can notify it; the POST and the wait take at most a timeout each.
        awaiting.expect(token, Instant.now().plus(timeout.multipliedBy(2)));
        try {
            ObjectNode subscription = subscription(request.target(), callbacks.url(token));
            subscription.put("maximumNumberOfReports", 1);
            subscription.put("locationType", request.lastKnown() ? "LAST_KNOWN_LOCATION" : "CURRENT_LOCATION");
            subscription.put("monitorExpireTime", Instant.now().plus(timeout).truncatedTo(ChronoUnit.SECONDS).toString());
            HttpResponse<String> rsp = send(HttpRequest.newBuilder(URI.create(base + "/subscriptions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(subscription.toString())));
            if (rsp.statusCode() == 200) {
                return position(firstReport(json(rsp)));
            }
            if (rsp.statusCode() != 201) {
                throw problem(rsp);
            }
            JsonNode created = json(rsp);
            if (created.path("monitoringEventReport").isObject()) {
                return position(created.path("monitoringEventReport")); // the report came with the subscription
            }
            try {
                return position(firstReport(await(token)));
            } catch (Failure f) {
                if ("4008".equals(f.statusCode())) { // no report will be taken: ended at once, not at its monitorExpireTime
                    subscriptionUrl(rsp, created).ifPresent(this::endUnanswered);
                }
                throw f;
            }
        } finally {
            awaiting.forget(token);
        }
    }

    private JsonNode await(String token) throws Failure {
        try {
            return awaiting.await(token, timeout);
        } catch (TimeoutException e) {
            throw new Failure("4008", "the SCEF/NEF sent no location report within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("5103", "interrupted while waiting for the location report");
        } catch (IOException e) {
            throw new Failure("5000", "the location report could not be read");
        }
    }

    /** A one-time report, taken for the request that awaits it on whichever instance on the database. */
    @Override
    public boolean awaited(String token, JsonNode notification) {
        return awaiting.take(token, notification);
    }

    @Override
    public boolean awaits(String token) {
        return awaiting.awaits(token);
    }

    @Override
    public Optional<Subscription> subscribe(Request request, String notifyUrl, Instant until, Duration interval)
            throws Failure {
        ObjectNode subscription = subscription(request.target(), notifyUrl);
        subscription.put("locationType", "CURRENT_LOCATION");
        if (until != null) {
            subscription.put("monitorExpireTime", until.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        HttpResponse<String> rsp = send(HttpRequest.newBuilder(URI.create(base + "/subscriptions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(subscription.toString())));
        if (rsp.statusCode() != 201) {
            throw rsp.statusCode() / 100 == 2 ? new Failure("5000", "the SCEF/NEF answered HTTP " + rsp.statusCode()
                    + " to a subscription, not 201") : problem(rsp);
        }
        JsonNode created = json(rsp);
        String url = subscriptionUrl(rsp, created).orElseThrow(() -> new Failure("5000",
                "the SCEF/NEF created a subscription but gave no Location (a URL)"));
        Instant expires = until;
        if (created.path("monitorExpireTime").isTextual()) {
            try {
                expires = Instant.parse(created.path("monitorExpireTime").asText());
            } catch (DateTimeParseException e) {
                throw new Failure("5000", "the SCEF/NEF's monitorExpireTime is no date-time");
            }
        }
        return Optional.of(new Subscription(API, url, expires));
    }

    /** The created subscription's resource: its Location, else its self link, resolved against the base; empty if none. */
    private Optional<String> subscriptionUrl(HttpResponse<String> rsp, JsonNode created) {
        String url = rsp.headers().firstValue("Location").orElse(created.path("self").asText(""));
        try {
            return url.isEmpty() ? Optional.empty() : Optional.of(URI.create(base + "/").resolve(url).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A one-time subscription whose report did not come in time, deleted at the SCEF/NEF as far as it answers. */
    private void endUnanswered(String url) {
        try {
            unsubscribe(new Subscription(API, url, null));
        } catch (Failure f) {
            LOG.info(() -> "deleting the unanswered location subscription " + url + " failed: " + f.getMessage());
        }
    }

    @Override
    public void unsubscribe(Subscription subscription) throws Failure {
        HttpResponse<String> rsp = send(HttpRequest.newBuilder(URI.create(subscription.url())).DELETE());
        if (rsp.statusCode() / 100 != 2 && rsp.statusCode() != 404) { // 404: it ended there already
            throw problem(rsp);
        }
    }

    /** A MonitoringNotification: the positions of its monitoringEventReports that have one. */
    @Override
    public List<Position> notified(String api, JsonNode notification) throws Failure {
        JsonNode reports = notification == null ? null : notification.path("monitoringEventReports");
        if (reports == null || !notification.isObject() || !reports.isArray() && !notification.path("cancelInd").isBoolean()) {
            throw new Failure("4000", "a MonitoringNotification has monitoringEventReports (an array) or cancelInd");
        }
        List<Position> positions = new ArrayList<>();
        for (JsonNode report : reports) {
            try {
                positions.add(position(report));
            } catch (Failure f) {
                LOG.fine(() -> "a location report without a position: " + f.getMessage());
            }
        }
        return positions;
    }

    /** TS 29.122 as known: cancelInd true in a MonitoringNotification says the SCEF/NEF ended the subscription. */
    @Override
    public boolean cancels(String api, JsonNode notification) {
        return notification.path("cancelInd").asBoolean(false);
    }

    /** The MonitoringEventSubscription both kinds share (TS 29.122 5.3.2.1.2 as known). */
    private ObjectNode subscription(String target, String notifyUrl) {
        ObjectNode s = JSON.createObjectNode();
        String number = msisdn(target);
        if (number != null) {
            s.put("msisdn", number);
        } else {
            s.put("externalId", target);
        }
        s.put("notificationDestination", notifyUrl);
        s.put("monitoringType", "LOCATION_REPORTING");
        s.put("accuracy", "GEO_AREA");
        s.putObject("locQoS").put("hAccuracy", accuracyMetres);
        return s;
    }

    /** The MSISDN (digits only) of a telephone-number target ({@code tel:+15550100}, {@code +15550100}), else null. */
    static String msisdn(String target) {
        String t = target.startsWith("tel:") ? target.substring(4) : target;
        t = t.startsWith("+") ? t.substring(1) : t;
        return t.matches("[0-9]{5,15}") ? t : null;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Failure {
        return http.send(base, request);
    }

    private static JsonNode json(HttpResponse<String> rsp) throws Failure {
        try {
            JsonNode body = JSON.readTree(rsp.body());
            if (body == null || !body.isObject()) {
                throw new Failure("5000", "the SCEF/NEF answered HTTP " + rsp.statusCode() + " without a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new Failure("5000", "the SCEF/NEF answered HTTP " + rsp.statusCode() + " without JSON");
        }
    }

    /** A ProblemDetails' cause as the status, else 5000 (TS 29.122 5.2.6 as known: cause is optional). */
    private static Failure problem(HttpResponse<String> rsp) {
        String cause = "";
        try {
            JsonNode body = JSON.readTree(rsp.body());
            cause = body == null ? "" : body.path("cause").asText("");
        } catch (IOException e) {
            // no ProblemDetails: the HTTP status is all there is
        }
        return new Failure(cause.isEmpty() ? "5000" : cause, "the SCEF/NEF answered HTTP " + rsp.statusCode()
                + (cause.isEmpty() ? "" : " (" + cause + ")"));
    }

    /** The report a 200 or a MonitoringNotification carries: itself, or the first of monitoringEventReports. */
    private static JsonNode firstReport(JsonNode body) throws Failure {
        JsonNode reports = body.path("monitoringEventReports");
        if (reports.isArray()) {
            if (reports.isEmpty()) {
                throw new Failure("5000", "the SCEF/NEF's answer holds no monitoringEventReport");
            }
            return reports.get(0);
        }
        return body;
    }

    /** The position of a MonitoringEventReport's locationInfo.geographicArea (3GPP TS 29.572 GeographicArea). */
    static Position position(JsonNode report) throws Failure {
        JsonNode area = report.path("locationInfo").path("geographicArea");
        if (!area.isObject()) {
            throw new Failure("5000", "the location report holds no locationInfo.geographicArea");
        }
        String shape = area.path("shape").asText("");
        switch (shape) {
            case "POINT", "POINT_UNCERTAINTY_CIRCLE", "POINT_UNCERTAINTY_ELLIPSE", "POINT_ALTITUDE",
                 "POINT_ALTITUDE_UNCERTAINTY" -> {
                return point(area.path("point"));
            }
            case "POLYGON" -> {
                return centroid(area.path("pointList"));
            }
            default -> throw new Failure("5000", "the location report's geographicArea shape '" + shape
                    + "' is no point nor polygon");
        }
    }

    private static Position point(JsonNode p) throws Failure {
        if (!p.path("lon").isNumber() || !p.path("lat").isNumber()) {
            throw new Failure("5000", "the location report's point has no numeric lon and lat");
        }
        return new Position(p.path("lon").asDouble(), p.path("lat").asDouble());
    }

    /** The centroid of the polygon's area (3 to 15 points in TS 29.572; at least 3 needed here). */
    private static Position centroid(JsonNode points) throws Failure {
        if (!points.isArray() || points.size() < 3) {
            throw new Failure("5000", "the location report's polygon has fewer than 3 points");
        }
        Coordinate[] ring = new Coordinate[points.size() + 1];
        for (int i = 0; i < points.size(); i++) {
            Position p = point(points.get(i));
            ring[i] = new Coordinate(p.longitude(), p.latitude());
        }
        ring[points.size()] = ring[0];
        org.locationtech.jts.geom.Polygon polygon;
        try {
            polygon = GEOMETRY.createPolygon(ring);
        } catch (IllegalArgumentException e) {
            throw new Failure("5000", "the location report's polygon is no polygon: " + e.getMessage());
        }
        Point c = polygon.getCentroid();
        if (polygon.getArea() == 0 || c.isEmpty() || Double.isNaN(c.getX())) {
            throw new Failure("5000", "the location report's polygon has no area");
        }
        return new Position(c.getX(), c.getY());
    }
}
