package io.keel.core.location;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.core.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A Location Server spoken to over OMA RESTful NetAPI for Terminal Location (TS-0004 annex G.2): a single query
 * (G.2.3.1), {@code GET <server>/location/queries/location?address=<lot>&requestedAccuracy=..&acceptableAccuracy=..},
 * with authID as the requester (table G.2.2-4) and, for retrieveLastKnownLocation, the largest maximumAge (any
 * position the server still knows). The servers are the ones the operator provisioned ({@code keel.location.server}, a
 * comma-separated list of base URLs: serverRoot/apiVersion); the first is the one a policy without locationServer uses,
 * and a policy naming another is refused: the CSE sends the identities it holds to no server it was not given.
 */
public final class OmaTerminalLocation implements NetworkLocationSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> servers;
    private final int accuracyMetres;
    private final Duration timeout;
    private final HttpClient http;

    public OmaTerminalLocation(List<String> servers, int accuracyMetres, Duration timeout) {
        this.servers = servers.stream().map(OmaTerminalLocation::base).toList();
        this.accuracyMetres = accuracyMetres;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** From {@code keel.location.server}, {@code keel.location.accuracy} (metres) and {@code keel.location.timeout} (ms). */
    static Optional<NetworkLocationSource> from(Settings settings) {
        List<String> servers = settings.getList("keel.location.server", "");
        if (servers.isEmpty()) {
            return Optional.empty();
        }
        for (String s : servers) {
            URI uri;
            try {
                uri = new URI(s);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("setting keel.location.server: " + s + " is no URL: " + e.getMessage());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalStateException("setting keel.location.server: " + s + " is no http(s) URL");
            }
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
        if (request.lastKnown()) {
            query.append("&maximumAge=").append(Integer.MAX_VALUE);
        }
        URI uri = URI.create(base(request.server()) + "/location/queries/location?" + query);
        HttpResponse<String> rsp;
        try {
            rsp = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("5103", "the Location Server " + request.server() + " is not reachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("5103", "interrupted while asking the Location Server");
        }
        JsonNode body;
        try {
            body = JSON.readTree(rsp.body());
        } catch (IOException e) {
            throw new Failure("5000", "the Location Server answered HTTP " + rsp.statusCode() + " without JSON");
        }
        if (rsp.statusCode() / 100 != 2) {
            JsonNode error = body == null ? null : body.path("requestError");
            String id = error == null ? "" : firstNonEmpty(error.path("policyException").path("messageId").asText(),
                    error.path("serviceException").path("messageId").asText());
            throw new Failure(id.isEmpty() ? "5000" : id, "the Location Server answered HTTP " + rsp.statusCode());
        }
        return position(body == null ? null : body.path("terminalLocationList").path("terminalLocation"));
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
