package io.keel.core.location;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keel.core.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Location Server spoken to over OMA RESTful NetAPI for Terminal Location (TS-0004 annex G.2): a single query
 * (G.2.3.1), {@code GET <server>/location/queries/location?address=<lot>&requestedAccuracy=..&acceptableAccuracy=..},
 * with authID as the requester (table G.2.2-4); retrieveLastKnownLocation is the 3GPP Monitoring Event API's alone
 * (7.4.10.2.1 step 3). For location changes and for a locationUpdatePeriod, a periodic notification subscription (G.2.4,
 * {@code POST <server>/location/subscriptions/periodic}) whose notifications ({@code subscriptionNotification}) carry
 * the terminal's current location; it is deleted (DELETE of its resourceURL) with the policy. The servers are the ones the operator provisioned ({@code keel.location.server}, a
 * comma-separated list of base URLs: serverRoot/apiVersion); the first is the one a policy without locationServer uses,
 * and a policy naming another is refused: the CSE sends the identities it holds to no server it was not given.
 */
public final class OmaTerminalLocation implements NetworkLocationSource {
    public static final String API = "oma";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> servers;
    private final int accuracyMetres;
    private final LocationHttp http;

    public OmaTerminalLocation(List<String> servers, int accuracyMetres, Duration timeout) {
        this.servers = servers.stream().map(OmaTerminalLocation::base).toList();
        this.accuracyMetres = accuracyMetres;
        this.http = new LocationHttp("the Location Server", timeout);
    }

    /** From {@code keel.location.server}, {@code keel.location.accuracy} (metres) and {@code keel.location.timeout} (ms). */
    static Optional<OmaTerminalLocation> from(Settings settings) {
        List<String> servers = settings.getList("keel.location.server", "");
        if (servers.isEmpty()) {
            return Optional.empty();
        }
        for (String s : servers) {
            ThreeGppMonitoringEvent.httpUrl("keel.location.server", s);
        }
        return Optional.of(new OmaTerminalLocation(servers, settings.getInt("keel.location.accuracy", 1000),
                Duration.ofMillis(settings.getLong("keel.location.timeout", 10_000))));
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public Optional<String> serverFor(String target) {
        return Optional.of(servers.get(0));
    }

    @Override
    public boolean reaches(String server) {
        return servers.contains(base(server));
    }

    @Override
    public Position locate(Request request) throws Failure {
        if (!reaches(request.server())) {
            throw new Failure("4000", "locationServer " + request.server() + " is not one this CSE is provisioned with");
        }
        StringBuilder query = new StringBuilder("address=").append(encode(request.target()))
                .append("&requestedAccuracy=").append(accuracyMetres).append("&acceptableAccuracy=").append(accuracyMetres);
        if (request.requester() != null) {
            query.append("&requester=").append(encode(request.requester()));
        }
        URI uri = URI.create(base(request.server()) + "/location/queries/location?" + query);
        HttpResponse<String> rsp = send(request.server(), HttpRequest.newBuilder(uri).GET());
        JsonNode body = answer(rsp);
        return position(body == null ? null : body.path("terminalLocationList").path("terminalLocation"));
    }

    /**
     * G.2.4 for location changes: periodic notifications at the tracker's interval, of which the CSE stores the
     * changed positions.
     */
    @Override
    public Optional<Subscription> subscribe(Request request, String notifyUrl, Instant until, Duration interval)
            throws Failure {
        return subscribePeriodic(request, notifyUrl, until, interval);
    }

    /**
     * G.2.4: a PeriodicNotificationSubscription for the target at the policy's server, its frequency the period (in
     * seconds, at least 1), its duration until the policy expires.
     */
    @Override
    public Optional<Subscription> subscribePeriodic(Request request, String notifyUrl, Instant until, Duration interval)
            throws Failure {
        String server = reaches(request.server()) ? base(request.server()) : servers.get(0);
        ObjectNode s = JSON.createObjectNode();
        ObjectNode subscription = s.putObject("periodicNotificationSubscription");
        subscription.putObject("callbackReference").put("notifyURL", notifyUrl);
        subscription.putArray("address").add(request.target());
        subscription.put("requestedAccuracy", accuracyMetres);
        subscription.put("frequency", Math.max(1, interval.toSeconds()));
        Instant now = Instant.now();
        if (until != null) {
            subscription.put("duration", Math.max(1, Duration.between(now, until).toSeconds()));
        }
        if (request.requester() != null) {
            subscription.put("requester", request.requester());
        }
        HttpResponse<String> rsp = send(server, HttpRequest.newBuilder(URI.create(server + "/location/subscriptions/periodic"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(s.toString())));
        JsonNode body = answer(rsp);
        String url = rsp.headers().firstValue("Location").orElse(body == null ? ""
                : body.path("periodicNotificationSubscription").path("resourceURL").asText(""));
        if (url.isEmpty()) {
            throw new Failure("5000", "the Location Server created a subscription but gave no resourceURL");
        }
        return Optional.of(new Subscription(API, URI.create(server + "/").resolve(url).toString(), until));
    }

    @Override
    public void unsubscribe(Subscription subscription) throws Failure {
        HttpResponse<String> rsp = send(subscription.url(), HttpRequest.newBuilder(URI.create(subscription.url())).DELETE());
        if (rsp.statusCode() / 100 != 2 && rsp.statusCode() != 404) { // 404: it ended there already
            throw new Failure("5000", "the Location Server answered HTTP " + rsp.statusCode() + " to the deletion of "
                    + subscription.url());
        }
    }

    /** A subscriptionNotification: the current locations of its retrieved terminalLocation entries. */
    @Override
    public List<Position> notified(String api, JsonNode notification) throws Failure {
        JsonNode n = notification == null ? null : notification.path("subscriptionNotification");
        if (n == null || !n.isObject()) {
            if (notification != null && notification.path("subscriptionCancellationNotification").isObject()) {
                return List.of();
            }
            throw new Failure("4000", "an OMA notification is {\"subscriptionNotification\": {...}}");
        }
        JsonNode terminals = n.path("terminalLocation");
        List<Position> positions = new ArrayList<>();
        for (JsonNode terminal : terminals.isArray() ? terminals : List.of(terminals)) {
            if (!terminal.isMissingNode()) {
                try {
                    positions.add(position(terminal));
                } catch (Failure f) {
                    // a terminal whose location was not retrieved this time: no position
                }
            }
        }
        return positions;
    }

    /** A subscriptionCancellationNotification: the Location Server ended the subscription (e.g. its duration passed). */
    @Override
    public boolean cancels(String api, JsonNode notification) {
        return notification.path("subscriptionCancellationNotification").isObject();
    }

    private HttpResponse<String> send(String server, HttpRequest.Builder request) throws Failure {
        return http.send(server, request);
    }

    /** The JSON of a 2xx answer (null for none), else the failure its requestError names. */
    private static JsonNode answer(HttpResponse<String> rsp) throws Failure {
        JsonNode body;
        try {
            body = rsp.body().isEmpty() ? null : JSON.readTree(rsp.body());
        } catch (IOException e) {
            throw new Failure("5000", "the Location Server answered HTTP " + rsp.statusCode() + " without JSON");
        }
        if (rsp.statusCode() / 100 != 2) {
            JsonNode error = body == null ? null : body.path("requestError");
            String id = error == null ? "" : firstNonEmpty(error.path("policyException").path("messageId").asText(),
                    error.path("serviceException").path("messageId").asText());
            throw new Failure(id.isEmpty() ? "5000" : id, "the Location Server answered HTTP " + rsp.statusCode());
        }
        return body;
    }

    /** The terminal's entry (the list holds one, for the one address asked). */
    private static Position position(JsonNode terminal) throws Failure {
        JsonNode entry = terminal != null && terminal.isArray() ? terminal.path(0) : terminal;
        if (entry == null || entry.isMissingNode()) {
            throw new Failure("5000", "the Location Server's answer holds no terminalLocation");
        }
        if (!"Retrieved".equals(entry.path("locationRetrievalStatus").asText())) {
            String id = entry.path("errorInformation").path("messageId").asText();
            throw new Failure(id.isEmpty() ? "5000" : id, "the terminal's location was not retrieved: "
                    + entry.path("locationRetrievalStatus").asText());
        }
        JsonNode at = entry.path("currentLocation");
        if (!at.path("longitude").isNumber() || !at.path("latitude").isNumber()) {
            throw new Failure("5000", "the Location Server's currentLocation has no longitude and latitude");
        }
        return new Position(at.path("longitude").asDouble(), at.path("latitude").asDouble());
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
